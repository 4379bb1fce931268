"""Retention: old uploads and documents are deleted and their records blanked; recent ones stay."""
from __future__ import annotations

import os
import time
from datetime import timedelta

from sqlalchemy import select

from config import Settings
from storage.db import session_factory
from storage.files import document_path, new_upload_name, save_upload
from storage.idempotency import IdempotencyKey, StoredAnswer, claim_key, complete_key
from storage.models import Application, InboundEvent, UserProfile, utcnow
from storage.retention import purge_expired
from tests.support.records import add_record

DAY = 86400


def _age(path, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def _document(settings: Settings, days_old: float) -> str:
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    name = new_upload_name("pdf")
    path = document_path(settings, name)
    path.write_bytes(b"%PDF-1.4 letter")
    _age(path, days_old)
    return name


def _upload(settings: Settings, days_old: float) -> str:
    name = save_upload(settings, b"%PDF-1.4 cv")
    _age(settings.uploads_dir / name, days_old)
    return name


def test_purge_removes_expired_files_and_keeps_recent_ones(migrated_database_url, data_dir):
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=30)
    old_cv, new_cv, busy_cv = _upload(settings, 40), _upload(settings, 2), _upload(settings, 40)
    old_doc, new_doc = _document(settings, 40), _document(settings, 2)
    orphan_old, orphan_new = _upload(settings, 40), _document(settings, 1)
    foreign = settings.uploads_dir / "README.txt"  # not a name we generate: never touched
    foreign.write_text("keep")
    _age(foreign, 400)
    with session_factory(migrated_database_url)() as session:
        old = add_record(session, "profile", "completed", age_seconds=40 * DAY, source_files=[old_cv],
                         original_filename="Jane Doe CV.pdf", profile_text="Jane Doe, Berlin", profile={"name": "Jane"})
        new = add_record(session, "profile", "completed", age_seconds=2 * DAY, source_files=[new_cv],
                         original_filename="cv.pdf", profile_text="text")
        busy = add_record(session, "profile", "processing", age_seconds=40 * DAY, source_files=[busy_cv])
        old_app = add_record(session, "application", "completed", age_seconds=40 * DAY, document_file=old_doc,
                             cover_letter="Dear team")
        new_app = add_record(session, "application", "completed", age_seconds=2 * DAY, document_file=new_doc)
        report = purge_expired(session, settings)
    assert (report.profiles, report.applications, report.files, report.orphans) == (1, 1, 2, 1)
    assert not (settings.uploads_dir / old_cv).exists() and not (settings.documents_dir / old_doc).exists()
    assert not (settings.uploads_dir / orphan_old).exists()
    for kept in (settings.uploads_dir / new_cv, settings.uploads_dir / busy_cv, settings.documents_dir / new_doc,
                 settings.documents_dir / orphan_new, foreign):
        assert kept.exists(), kept
    with session_factory(migrated_database_url)() as session:
        old, new, busy = (session.get(UserProfile, r.id) for r in (old, new, busy))
        old_app, new_app = (session.get(Application, r.id) for r in (old_app, new_app))
        assert (old.source_files, old.original_filename, old.profile_text) == ([], None, None)
        assert old.profile == {"name": "Jane"}  # the structured profile keeps /jobsearch working
        assert new.source_files == [new_cv] and new.profile_text == "text" and busy.source_files == [busy_cv]
        assert old_app.document_file is None and old_app.cover_letter == "Dear team"
        assert new_app.document_file == new_doc
        again = purge_expired(session, settings)
    assert (again.profiles, again.applications, again.files, again.orphans) == (0, 0, 0, 0)


def test_retention_zero_keeps_everything(migrated_database_url, data_dir):
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=0)
    name = _upload(settings, 400)
    with session_factory(migrated_database_url)() as session:
        add_record(session, "profile", "completed", age_seconds=400 * DAY, source_files=[name])
        report = purge_expired(session, settings)
    assert report.files == 0 and (settings.uploads_dir / name).exists()


def test_handled_chat_events_are_forgotten_after_the_redelivery_window(migrated_database_url, data_dir):
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=0)
    now = utcnow()
    with session_factory(migrated_database_url)() as session:
        session.add_all([
            InboundEvent(platform="telegram", event_id="old-handled", payload={}, received_at=now - timedelta(days=8),
                         processed_at=now - timedelta(days=8)),
            InboundEvent(platform="telegram", event_id="old-unhandled", payload={"x": 1}, received_at=now - timedelta(days=8)),
            InboundEvent(platform="slack", event_id="recent", payload={}, received_at=now - timedelta(days=1),
                         processed_at=now - timedelta(days=1)),
        ])
        session.commit()
        assert purge_expired(session, settings).inbound_events == 1
        left = sorted(session.scalars(select(InboundEvent.event_id)))
    assert left == ["old-unhandled", "recent"]



def _application_files(settings: Settings, days_old: float) -> dict[str, str]:
    """The four files of one letter, as pipeline.letters stores them, each ``days_old`` on disk."""
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for field, suffix in zip(Application.FILE_FIELDS, ("pdf", "docx", "pdf", "docx")):
        files[field] = new_upload_name(suffix)
        path = document_path(settings, files[field])
        path.write_bytes(b"%PDF-1.4 x" if suffix == "pdf" else b"PK\x03\x04 x")
        _age(path, days_old)
    return files


def test_every_file_of_an_expired_letter_goes_and_a_live_letters_old_files_stay(migrated_database_url, data_dir):
    """The DOCX and the tailored CV are named by the record too: neither retention pass may miss them,
    and the orphan sweep must not take a live letter's files for leftovers (their mtime is old here)."""
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=30)
    expired, live = _application_files(settings, 40), _application_files(settings, 40)
    with session_factory(migrated_database_url)() as session:
        old = add_record(session, "application", "completed", age_seconds=40 * DAY, cover_letter="Dear team",
                         language="de", **expired)
        new = add_record(session, "application", "completed", age_seconds=2 * DAY, **live)
        report = purge_expired(session, settings)
    assert (report.applications, report.files, report.orphans) == (1, 4, 0)
    assert not any(document_path(settings, name).exists() for name in expired.values())
    assert all(document_path(settings, name).exists() for name in live.values())
    with session_factory(migrated_database_url)() as session:
        old, new = session.get(Application, old.id), session.get(Application, new.id)
        assert old.file_names() == [] and (old.cover_letter, old.language) == ("Dear team", "de")
        assert new.file_names() == list(live.values())


def test_purge_deletes_idempotency_keys_past_their_day_whatever_retention_days_says(migrated_database_url, data_dir):
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=0)
    with session_factory(migrated_database_url)() as session:
        old = claim_key(session, api_key_id="a" * 64, key="old", path="/api/v1/discovery", ttl=timedelta(days=1),
                        now=utcnow() - timedelta(days=2))
        complete_key(session, old, StoredAnswer("f" * 64, 202, "application/json", b"{}"))
        claim_key(session, api_key_id="a" * 64, key="new", path="/api/v1/discovery", ttl=timedelta(days=1))
        assert purge_expired(session, settings).idempotency_keys == 1
        assert session.scalars(select(IdempotencyKey.key)).all() == ["new"]
