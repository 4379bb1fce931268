"""Data lifecycle: uploaded CVs and generated documents are deleted after the retention period.

What goes: the files, the records' references to them, the original file name and the raw
CV text; alert runs (each holds its shared search's postings); an alert's memory of a posting
that no run has found for the retention period (a posting still listed stays remembered, so a
long-running ad is never sent twice); closed tracker entries; the web chat's kept messages and files (a
reconnecting tab no longer replays those older than the period). What stays: the structured
profile, the letter text and the digests, so `/profile`, `/jobsearch` and the lists keep
working; `/forget` removes everything at once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import String, cast, delete, or_, select
from sqlalchemy.orm import Session

from config import Settings
from storage.files import document_path, upload_path
from storage.idempotency import purge_expired_keys
from storage.models import (
    FINISHED,
    AlertRun,
    AlertSeen,
    Application,
    InboundEvent,
    TrackedApplication,
    UserProfile,
    utcnow,
)
from storage.web_chat import purge_before

logger = logging.getLogger(__name__)
BATCH = 500
# Telegram retries an unacknowledged update for about a day, Slack for minutes: a week is ample.
INBOUND_DEDUP_WINDOW = timedelta(days=7)


@dataclass
class PurgeReport:
    profiles: int = 0
    applications: int = 0
    files: int = 0
    orphans: int = 0
    inbound_events: int = 0
    alert_runs: int = 0
    alert_seen: int = 0
    tracked: int = 0
    idempotency_keys: int = 0
    web_chat: int = 0  # messages and files of the web chat's kept stream


def purge_expired(session: Session, settings: Settings, *, now: datetime | None = None) -> PurgeReport:
    """Delete the files of finished records older than ``RETENTION_DAYS`` and blank their references."""
    report = PurgeReport(inbound_events=_prune_inbound_events(session, now or utcnow()))
    # A REST answer kept for an Idempotency-Key lives a day whatever RETENTION_DAYS says.
    report.idempotency_keys = purge_expired_keys(session, now=now or utcnow())
    if settings.retention_days <= 0:
        return report
    cutoff = (now or utcnow()) - timedelta(days=settings.retention_days)
    doomed = _blank_profiles(session, settings, cutoff, report) + _blank_applications(session, settings, cutoff, report)
    session.commit()  # references go first: a file without a record is swept as an orphan later
    report.files = sum(_unlink(path) for path in doomed)
    report.orphans = _remove_orphans(session, settings, cutoff)
    _purge_alerts_and_tracker(session, cutoff, report)
    report.web_chat = purge_before(session, cutoff)
    session.commit()
    if report.profiles or report.applications or report.orphans:
        logger.info("retention: blanked %s profiles and %s applications, removed %s files and %s orphans",
                    report.profiles, report.applications, report.files, report.orphans)
    return report


def _purge_alerts_and_tracker(session: Session, cutoff: datetime, report: PurgeReport) -> None:
    """Finished alert runs, seen-memory rows no run has found since ``cutoff``, and tracker entries
    closed before it (digests keep pointing nowhere: their ``alert_run_id`` is set null)."""
    report.alert_runs = session.execute(delete(AlertRun).where(_expired(AlertRun, cutoff))).rowcount
    report.alert_seen = session.execute(delete(AlertSeen).where(AlertSeen.last_seen_at < cutoff)).rowcount
    report.tracked = session.execute(delete(TrackedApplication).where(
        TrackedApplication.closed_at.is_not(None), TrackedApplication.closed_at < cutoff)).rowcount
    session.commit()
    if report.alert_runs or report.alert_seen or report.tracked:
        logger.info("retention: deleted %s alert runs, %s remembered postings and %s closed applications",
                    report.alert_runs, report.alert_seen, report.tracked)


def _prune_inbound_events(session: Session, now: datetime) -> int:
    """Handled chat events are kept only as long as a platform may redeliver them."""
    result = session.execute(delete(InboundEvent).where(
        InboundEvent.processed_at.is_not(None), InboundEvent.received_at < now - INBOUND_DEDUP_WINDOW))
    session.commit()
    return result.rowcount


def _expired(model, cutoff: datetime):
    return (model.created_at < cutoff) & model.status.in_(FINISHED)


def _blank_profiles(session: Session, settings: Settings, cutoff: datetime, report: PurgeReport) -> list[Path]:
    has_data = or_(UserProfile.profile_text.is_not(None), UserProfile.original_filename.is_not(None),
                   cast(UserProfile.source_files, String) != "[]")
    paths = []
    for profile in session.scalars(select(UserProfile).where(_expired(UserProfile, cutoff), has_data).limit(BATCH)):
        paths += [path for path in (_safe(upload_path, settings, name) for name in profile.source_files or []) if path]
        profile.source_files, profile.original_filename, profile.profile_text = [], None, None
        report.profiles += 1
    return paths


def _has_files():
    return or_(*(column.is_not(None) for column in Application.file_columns()))


def _blank_applications(session: Session, settings: Settings, cutoff: datetime, report: PurgeReport) -> list[Path]:
    query = select(Application).where(_expired(Application, cutoff), _has_files())
    paths = []
    for application in session.scalars(query.limit(BATCH)):
        paths += [path for path in (_safe(document_path, settings, name) for name in application.file_names()) if path]
        for field in Application.FILE_FIELDS:
            setattr(application, field, None)
        report.applications += 1
    return paths


def _remove_orphans(session: Session, settings: Settings, cutoff: datetime) -> int:
    """Old files no live record names (a crash between saving a file and committing its record)."""
    live = _live_file_names(session, cutoff)
    removed = 0
    for folder, to_path in ((settings.uploads_dir, upload_path), (settings.documents_dir, document_path)):
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            path = _safe(to_path, settings, entry.name)
            if path and entry.name not in live and _modified(entry) < cutoff:
                removed += _unlink(path)
    return removed


def _live_file_names(session: Session, cutoff: datetime) -> set[str]:
    live_profiles = ~_expired(UserProfile, cutoff)
    names = {name for files in session.scalars(select(UserProfile.source_files).where(live_profiles))
             for name in files or []}
    rows = session.execute(select(*Application.file_columns()).where(~_expired(Application, cutoff)))
    names.update(name for row in rows for name in row if name)
    return names


def _safe(to_path, settings: Settings, name: str) -> Path | None:
    try:
        return to_path(settings, name)
    except ValueError:  # not one of our generated names: never delete what we did not create
        return None


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=utcnow().tzinfo)


def _unlink(path: Path) -> int:
    try:
        path.unlink()
        return 1
    except FileNotFoundError:
        return 0
    except OSError as exc:
        logger.warning("retention could not delete %s: %s", path.name, exc)
        return 0
