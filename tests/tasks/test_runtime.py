"""The record-task runtime with plain work functions: outcomes, retries, attempt caps, the outbox."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.exc import OperationalError

from config import get_settings
from domain.errors import PermanentError, TransientError
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import Notification, UserProfile
from tasks import runtime
from tests.support.records import add_chat_record


class RetryRequested(Exception):
    pass


class FakeTask:
    """Just what run_step reads from a bound Celery task."""

    max_retries = 3

    def __init__(self, retries: int = 0, task_id: str = "task-1"):
        self.request = SimpleNamespace(id=task_id, retries=retries)
        self.retried_with: dict | None = None

    def retry(self, **options):
        self.retried_with = options
        return RetryRequested()


@pytest.fixture
def sessions(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("JOB_AGENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:9")  # nothing listens: deliveries stay queued
    get_settings.cache_clear()
    upgrade_database(url)
    yield session_factory(url)
    get_settings.cache_clear()


def new_record(sessions, **fields) -> str:
    with sessions() as session:
        return add_chat_record(session, UserProfile(source_files=[], **fields)).id


def state(sessions, record_id):
    with sessions() as session:
        record = session.get(UserProfile, record_id)
        events = [n.event for n in session.query(Notification).filter_by(record_id=record_id)]
        return record.status, record.error_code, record.attempts, events


def test_success_completes_the_record_and_queues_one_notification(sessions):
    record_id = new_record(sessions)

    def work(session, record, progress):
        progress(50, "reading")
        record.profile = {"name": "Jo"}

    assert runtime.run_step(FakeTask(), "profile", record_id, (work,)) == "completed"
    assert state(sessions, record_id) == ("completed", None, 1, ["completed"])
    # A redelivered copy of the same task does not redo the work or notify again.
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "completed"
    assert state(sessions, record_id)[3] == ["completed"]


def test_a_permanent_error_fails_at_once_with_the_users_message(sessions):
    record_id = new_record(sessions)

    def work(session, record, progress):
        raise PermanentError("This PDF is encrypted.", code="encrypted")

    assert runtime.run_step(FakeTask(), "profile", record_id, (work,)) == "failed"
    assert state(sessions, record_id) == ("failed", "encrypted", 1, ["failed"])
    with sessions() as session:
        assert session.get(UserProfile, record_id).error_message == "This PDF is encrypted."


@pytest.mark.parametrize("error", [TransientError("429", retry_after=30), OperationalError("SELECT 1", {}, Exception("gone"))])
def test_transient_errors_retry_with_backoff_and_fail_when_retries_run_out(sessions, error):
    record_id = new_record(sessions)

    def work(session, record, progress):
        raise error

    task = FakeTask()
    with pytest.raises(RetryRequested):
        runtime.run_step(task, "profile", record_id, (work,))
    assert task.retried_with["countdown"] >= (30 if isinstance(error, TransientError) else 1)
    assert state(sessions, record_id)[0] == "processing"
    assert runtime.run_step(FakeTask(retries=3), "profile", record_id, (work,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "unavailable")


def test_a_record_whose_runs_keep_dying_is_failed_instead_of_looping(sessions):
    record_id = new_record(sessions, attempts=3, status="processing")
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "crashed")


def test_a_bug_in_the_work_fails_the_record_with_a_generic_message(sessions):
    record_id = new_record(sessions)
    assert runtime.run_step(FakeTask(), "profile", record_id, (lambda *args: 1 / 0,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "internal")


def test_another_live_run_keeps_its_claim(sessions):
    record_id = new_record(sessions)
    with sessions() as session:
        runtime.claim_for_processing(session, "profile", record_id, task_id="other",
                                     stale_before=runtime.older_than(600))
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "skipped"
