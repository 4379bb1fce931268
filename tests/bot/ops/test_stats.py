"""Admin statistics computed from a real database (SQLite and PostgreSQL)."""
from __future__ import annotations

from bot.ops.stats import collect_stats, counts_by_status, dead_letters, oldest_pending_seconds, outbox_backlog
from storage.db import session_factory
from storage.models import Notification, utcnow
from tests.support.records import add_record


def test_counts_by_status_per_record_type(migrated_database_url):
    with session_factory(migrated_database_url)() as session:
        for status in ("pending", "pending", "processing", "completed", "failed"):
            add_record(session, "profile", status)
        add_record(session, "application", "completed")
        add_record(session, "match", "pending")  # plus its completed job search
        counts = counts_by_status(session)
    assert counts["profiles"] == {"pending": 2, "processing": 1, "completed": 1, "failed": 1, "total": 5}
    assert counts["applications"]["completed"] == 1 and counts["applications"]["total"] == 1
    assert counts["matches"] == {"pending": 1, "processing": 0, "completed": 0, "failed": 0, "total": 1}
    assert counts["job_searches"]["completed"] == 1


def test_oldest_pending_age_and_outbox_backlog(migrated_database_url):
    with session_factory(migrated_database_url)() as session:
        assert oldest_pending_seconds(session) is None
        add_record(session, "job_search", "pending", age_seconds=120)
        add_record(session, "profile", "pending", age_seconds=30)
        add_record(session, "application", "completed", age_seconds=999)
        session.add_all([
            Notification(record_type="profile", record_id="x", event="completed", target="bot"),
            Notification(record_type="profile", record_id="y", event="failed", target="bot", delivered_at=utcnow()),
        ])
        session.commit()
        assert 119 <= oldest_pending_seconds(session) < 180
        assert outbox_backlog(session) == 1


def test_dead_letters_list_only_records_that_exhausted_retries(migrated_database_url):
    with session_factory(migrated_database_url)() as session:
        gave_up = add_record(session, "job_search", "failed", error_code="unavailable", age_seconds=60)
        crashed = add_record(session, "profile", "failed", error_code="crashed", error_message="stopped our worker")
        add_record(session, "profile", "failed", error_code="no_text_layer")  # the user's input: not a dead letter
        letters = dead_letters(session)
        stats = collect_stats(session, {"profiling": 0})
    assert [(letter["id"], letter["type"]) for letter in letters] == [(crashed.id, "profile"), (gave_up.id, "job_search")]
    assert letters[0]["error"] == "stopped our worker" and letters[0]["failed_at"] is not None
    assert stats["profiles"]["failed"] == 2
    assert {letter["id"] for letter in stats["dead_letters"]} == {crashed.id, gave_up.id}
    assert isinstance(stats["dead_letters"][0]["failed_at"], str)
