"""The sweeper sends each stuck record once: a lost message, a retry that waited in the database until
due, a record whose worker stopped beating — never a record whose copy is queued or whose owner lives."""
from __future__ import annotations

from datetime import timedelta

import pytest

from config import Settings
from storage.db import session_factory
from storage.models import UserProfile, utcnow
from storage.records import claim_for_processing, new_claim, older_than
from tasks.sweeper import redispatch_stuck
from tests.support.records import add_chat_record

SILENT = 30  # STUCK_PROCESSING_SECONDS here


class SentTasks:
    """The sweeper's queue: remembers (record id, task id) of every send."""

    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    def send(self, record) -> bool:
        self.sent.append((record.id, record.celery_task_id))
        return True


@pytest.fixture
def settings(migrated_database_url, tmp_path):
    return Settings(_env_file=None, database_url=migrated_database_url, job_agent_data_dir=tmp_path,
                    stuck_pending_seconds=60, stuck_processing_seconds=SILENT)


def add(settings, **fields) -> str:
    with session_factory(settings.resolved_database_url)() as session:
        return add_chat_record(session, UserProfile(source_files=[], **fields)).id


def test_a_retry_waiting_in_the_database_is_sent_once_when_due_and_its_copy_claims_it(settings):
    record_id = add(settings, retry_at=utcnow() + timedelta(seconds=2), retries=1, attempts=1)
    queue = SentTasks()
    assert redispatch_stuck(settings, queue) == 0  # not yet due
    with session_factory(settings.resolved_database_url)() as session:
        session.get(UserProfile, record_id).retry_at = utcnow() - timedelta(seconds=1)
        session.commit()
    assert redispatch_stuck(settings, queue) == 1
    assert redispatch_stuck(settings, queue) == 0  # its copy may still be queued
    [(sent_id, task_id)] = queue.sent
    with session_factory(settings.resolved_database_url)() as session:
        assert sent_id == record_id and session.get(UserProfile, record_id).celery_task_id == task_id
        assert claim_for_processing(session, "profile", record_id, task_id=task_id, claim=new_claim(),
                                    silent_before=older_than(SILENT))


def test_a_record_whose_worker_stopped_beating_is_sent_again_but_a_live_one_is_not(settings):
    old = utcnow() - timedelta(minutes=5)
    live = add(settings, status="processing", celery_task_id="t-live", created_at=old, dispatched_at=old,
               heartbeat_at=utcnow())
    dead = add(settings, status="processing", celery_task_id="t-dead", created_at=old, dispatched_at=old,
               heartbeat_at=utcnow() - timedelta(seconds=SILENT + 1))
    queue = SentTasks()
    assert redispatch_stuck(settings, queue) == 1 and redispatch_stuck(settings, queue) == 0
    assert [record_id for record_id, _ in queue.sent] == [dead]
    with session_factory(settings.resolved_database_url)() as session:
        assert session.get(UserProfile, live).celery_task_id == "t-live"
        # The dead run's own copy (its old task id) finds a newer send and stands aside.
        assert session.get(UserProfile, dead).celery_task_id == queue.sent[0][1] != "t-dead"
