"""An alert run's work: one search for its query and place, then a digest of news for each alert.

A digest is a completed ``JobSearch`` owned like the alert (``alert_id``/``alert_run_id`` set)
holding only the postings its owner has not been sent (``domain.alerts.news``), ranked against the
owner's latest profile with their refinements and "Not for me" history as they are at the run (a
person's refinements are kept for every later search, alerts included; a REST alert has none), with its outbox rows
held past the alert's quiet hours. Everything commits with the run (tasks.runtime).
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from config import get_settings
from domain.alerts.news import News, new_postings, pay_of, posting_keys
from domain.alerts.schedule import after_quiet_hours
from domain.jobs.preferences import LEFT_OUT
from domain.jobs.query import SearchRequest
from domain.jobs.sources import search_jobs
from domain.jobs.types import JobPosting
from pipeline.progress import Progress
from pipeline.ranking import rank_for_search
from pipeline.wiring import job_boards_from, sample_source
from storage.alerts import alerts_by_id, remember, seen_of
from storage.chat import latest_completed_profile
from storage.feedback import snapshot_of
from storage.models import (
    Alert,
    AlertRun,
    ChatUser,
    JobPostingRecord,
    JobSearch,
    utcnow,
)
from storage.outbox import BOT, add_notifications
from storage.records import mark_completed

logger = logging.getLogger(__name__)
ALERT_RESULTS = 30  # postings an alert's search asks for, as a chat search


def search_for_alerts(session: Session, record: AlertRun, progress: Progress) -> None:
    """Search the configured boards once for the run's query and place and keep the postings on the
    run. The bundled sample is never news: when no board answered, the run has no postings.
    Raises ``TransientError``/``PermanentError`` as ``domain.jobs.sources.search_jobs``."""
    settings = get_settings()
    boards = job_boards_from(settings)
    try:
        result = search_jobs(boards, SearchRequest(query=record.query, location=record.location), ALERT_RESULTS,
                             sample=sample_source(), timeout=settings.job_source_timeout_seconds,
                             can_retry=record.attempts < settings.max_task_attempts)
    finally:
        for board in boards:
            close = getattr(board, "close", None)
            if close:
                close()
    jobs = [] if result.sample else result.jobs
    record.jobs = [posting.to_dict() for posting in jobs]
    record.boards = [answer.to_dict() for answer in result.boards]
    record.job_count = len(jobs)


def write_digests(session: Session, record: AlertRun, progress: Progress) -> None:
    """For each alert of the run still active, its digest of news and its memory updated (the
    caller commits, with the run's completion)."""
    postings = [JobPosting.from_dict(data) for data in record.jobs or []]
    now = utcnow()
    written = [digest for alert in alerts_by_id(session, record.alert_ids or [])
               if (digest := write_digest(session, alert, record, postings, now)) is not None]
    record.digest_count = len(written)


def write_digest(session: Session, alert: Alert, run: AlertRun, postings: list[JobPosting],
                 now: datetime) -> JobSearch | None:
    """The alert's digest of the postings it has not sent (its outbox rows held past its quiet hours),
    and its memory updated with every posting found; None when nothing is new or the owner's
    refinements leave nothing (then nothing is sent)."""
    keyed = [(posting, posting_keys(posting)) for posting in postings]
    known = seen_of(session, alert.id, [key for _, keys in keyed for key in keys])
    news = new_postings(postings, {key: row.salary for key, row in known.items()})
    sent = {id(item.posting) for item in news}
    remember(session, alert.id, known, [(key, posting.job_id, pay_of(posting), id(posting) in sent)
                                        for posting, keys in keyed for key in keys], now)
    if not news:
        return None
    digest = _stored_digest(session, alert, run, news)
    ranking = rank_for_search(session, digest.profile_id, digest)
    if not ranking.matches:
        session.delete(digest)
        session.flush()
        return None
    reposts = {item.posting.job_id: item.repost for item in news if item.repost}
    digest.matches = [{**match, "repost": reposts[job_id]} if (job_id := match["job"].get("job_id")) in reposts
                      else match for match in ranking.matches]
    if digest.preferences is not None:
        digest.preferences = {**digest.preferences, LEFT_OUT: ranking.left_out}
    for notification in add_notifications(session, digest, "completed"):
        if notification.target == BOT:
            notification.next_attempt_at = _after_quiet_hours(alert, now)
    return digest


def _stored_digest(session: Session, alert: Alert, run: AlertRun, news: list[News]) -> JobSearch:
    profile = latest_completed_profile(session, alert.chat_user_id) if alert.chat_user_id else None
    snapshot = snapshot_of(session, session.get(ChatUser, alert.chat_user_id)) if alert.chat_user_id else None
    digest = JobSearch(query=alert.query, location=alert.location, num_results=len(news),
                       profile_id=profile.id if profile else None, rank_after_search=alert.chat_user_id is not None,
                       chat_user_id=alert.chat_user_id, api_key_id=alert.api_key_id, origin_id=alert.origin_id,
                       webhook_url=alert.webhook_url, alert_id=alert.id, alert_run_id=run.id,
                       preferences=snapshot, job_count=len(news), boards=run.boards, notes=[],
                       note_phrases=[], started_at=utcnow(), attempts=1)
    mark_completed(digest)
    session.add(digest)
    session.flush()
    session.add_all(JobPostingRecord(job_search_id=digest.id, position=index, job_id=item.posting.job_id,
                                     data=item.posting.to_dict()) for index, item in enumerate(news))
    session.flush()
    return digest


def _after_quiet_hours(alert: Alert, now: datetime) -> datetime:
    try:
        return after_quiet_hours(now, alert.timezone, alert.quiet_hours)
    except ValueError:
        return now
