"""The record-task runtime with plain work functions: outcomes, retries, attempt caps, the outbox."""
from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import OperationalError

from config import get_settings
from domain.errors import PermanentError, TransientError
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import Notification, UserProfile, utcnow
from storage.records import claim_for_processing, new_claim
from tasks import heartbeat, runtime
from tests.support.records import add_chat_record


class RetryRequested(Exception):
    pass


class FakeTask:
    """Just what run_step reads from a bound Celery task."""

    max_retries = 3

    def __init__(self, retries: int = 0, task_id: str = "task-1"):
        self.request = SimpleNamespace(id=task_id, retries=retries)
        self.retried_with: dict | None = None
        self.sent_again: list[dict] = []

    def retry(self, **options):
        self.retried_with = options
        return RetryRequested()

    def apply_async(self, **options):
        self.sent_again.append(options)


@pytest.fixture
def sessions(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("JOB_AGENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:9")  # nothing listens: deliveries stay queued
    monkeypatch.setenv("STUCK_PROCESSING_SECONDS", "30")  # a run silent this long is gone
    get_settings.cache_clear()
    upgrade_database(url)
    yield session_factory(url)
    get_settings.cache_clear()


def new_record(sessions, **fields) -> str:
    fields.setdefault("celery_task_id", "task-1")
    with sessions() as session:
        return add_chat_record(session, UserProfile(source_files=[], **fields)).id


def record_of(sessions, record_id) -> UserProfile:
    with sessions() as session:
        return session.get(UserProfile, record_id)


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


def test_a_time_limit_a_reader_wrapped_in_its_own_error_fails_as_too_slow_not_as_the_files_fault(sessions):
    """The OCR reader turns any engine error into "reading scans is not available right now"; when the
    error underneath is Celery's soft time limit, the person is told it took too long."""
    from celery.exceptions import SoftTimeLimitExceeded

    from domain.cv.errors import OcrUnavailableError

    record_id = new_record(sessions)

    def work(session, record, progress):
        try:
            raise SoftTimeLimitExceeded()
        except Exception as exc:
            raise OcrUnavailableError(detail=f"OCR failed: {exc!r}") from exc

    assert runtime.run_step(FakeTask(), "profile", record_id, (work,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "timeout")


@pytest.mark.parametrize("error", [TransientError("429", retry_after=30), OperationalError("SELECT 1", {}, Exception("gone"))])
def test_a_short_transient_wait_stays_in_the_broker_and_the_record_waits_pending(sessions, error):
    record_id = new_record(sessions)

    def work(session, record, progress):
        raise error

    task = FakeTask()
    with pytest.raises(RetryRequested):
        runtime.run_step(task, "profile", record_id, (work,))
    countdown = task.retried_with["countdown"]
    assert countdown >= (30 if isinstance(error, TransientError) else 1)
    assert countdown <= runtime.broker_wait_cap(get_settings()) == 450  # the defaults: 900 s visibility, 300 s limit
    waiting = record_of(sessions, record_id)
    assert (waiting.status, waiting.retries, waiting.celery_task_id, waiting.claimed_by) == ("pending", 1, "task-1", None)
    assert waiting.retry_at is not None


def test_a_wait_longer_than_the_cap_goes_back_to_the_database_not_the_broker(sessions, monkeypatch):
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", "10")  # the scaled-down run
    monkeypatch.setenv("TASK_TIME_LIMIT", "8")
    monkeypatch.setenv("TASK_SOFT_TIME_LIMIT", "6")
    get_settings.cache_clear()
    assert runtime.broker_wait_cap(get_settings()) == 2
    record_id = new_record(sessions)

    def work(session, record, progress):
        raise TransientError("SerpApi status 429", retry_after=150)

    task = FakeTask()
    assert runtime.run_step(task, "profile", record_id, (work,)) == "waiting"
    assert task.retried_with is None and task.sent_again == []  # nothing waits in Redis
    waiting = record_of(sessions, record_id)
    assert (waiting.status, waiting.retries, waiting.celery_task_id) == ("pending", 1, None)
    due = runtime._aware(waiting.retry_at) - utcnow()
    assert timedelta(seconds=145) < due <= timedelta(seconds=150)
    # A redelivered copy of the task that waited runs nothing, however often it comes.
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "skipped"
    assert record_of(sessions, record_id).status == "pending"


def test_retries_are_counted_on_the_record_so_a_new_task_id_cannot_reset_them(sessions):
    """The sweeper sends a due retry with a new task id, whose request.retries starts at 0."""
    record_id = new_record(sessions, retries=3, attempts=3)

    def work(session, record, progress):
        raise TransientError("429")

    assert runtime.run_step(FakeTask(task_id="from-the-sweeper"), "profile", record_id, (work,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "unavailable")


def test_transient_retries_do_not_count_as_crashes(sessions):
    record_id = new_record(sessions, retries=2, attempts=3)  # three runs, two of them ended in a retry
    assert runtime.run_step(FakeTask(), "profile", record_id, (lambda *args: None,)) == "completed"
    assert state(sessions, record_id)[:3] == ("completed", None, 4)


def test_a_record_whose_runs_keep_dying_is_failed_instead_of_looping(sessions):
    record_id = new_record(sessions, attempts=3, status="processing")
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "crashed")


def test_a_bug_in_the_work_fails_the_record_with_a_generic_message(sessions):
    record_id = new_record(sessions)
    assert runtime.run_step(FakeTask(), "profile", record_id, (lambda *args: 1 / 0,)) == "failed"
    assert state(sessions, record_id)[:2] == ("failed", "internal")


def test_a_copy_of_the_running_task_never_runs_the_work_and_looks_again_later(sessions):
    """A pool child killed mid-task comes back at once as a copy with the same task id: it must
    neither run beside a live owner nor be dropped (the owner may be the one that died)."""
    record_id = new_record(sessions)
    with sessions() as session:
        assert claim_for_processing(session, "profile", record_id, task_id="task-1", claim=new_claim(),
                                    silent_before=runtime.older_than(30))
    copy = FakeTask(task_id="task-1")
    assert runtime.run_step(copy, "profile", record_id, (pytest.fail,)) == "rechecking"
    [again] = copy.sent_again
    assert again["task_id"] == "task-1" and again["args"] == [record_id]
    assert 1 <= again["countdown"] <= 31
    assert state(sessions, record_id)[:3] == ("processing", None, 1)
    # Once the owner has been silent long enough, the copy takes over and the record is run (once).
    with sessions() as session:
        session.get(UserProfile, record_id).heartbeat_at = utcnow() - timedelta(seconds=31)
        session.commit()
    assert runtime.run_step(FakeTask(task_id="task-1"), "profile", record_id, (lambda *args: None,)) == "completed"
    assert state(sessions, record_id) == ("completed", None, 2, ["completed"])


def test_a_copy_whose_wait_would_not_fit_in_the_broker_leaves_the_dead_owner_to_the_sweeper(sessions, monkeypatch):
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", "6")  # a scaled-down run: the broker may hold 1 s
    get_settings.cache_clear()
    record_id = new_record(sessions)
    with sessions() as session:
        claim_for_processing(session, "profile", record_id, task_id="task-1", claim=new_claim(),
                             silent_before=runtime.older_than(30))
    copy = FakeTask(task_id="task-1")
    assert runtime.run_step(copy, "profile", record_id, (pytest.fail,)) == "skipped"
    assert copy.sent_again == []  # no chain of one-second re-checks while the owner works


def test_a_copy_of_a_superseded_task_drops_without_looking_again(sessions):
    record_id = new_record(sessions, celery_task_id="newer")
    with sessions() as session:
        claim_for_processing(session, "profile", record_id, task_id="newer", claim=new_claim(),
                             silent_before=runtime.older_than(30))
    old = FakeTask(task_id="older")
    assert runtime.run_step(old, "profile", record_id, (pytest.fail,)) == "skipped"
    assert old.sent_again == []


def test_a_run_whose_claim_was_taken_over_writes_no_outcome(sessions):
    record_id = new_record(sessions)

    def slow_work(session, record, progress):  # meanwhile its owner was presumed dead and replaced
        with sessions() as other:
            assert claim_for_processing(other, "profile", record_id, task_id="task-2", claim=new_claim(),
                                        silent_before=utcnow() + timedelta(seconds=1))
        record.profile = {"name": "stale"}

    assert runtime.run_step(FakeTask(), "profile", record_id, (slow_work,)) == "superseded"
    assert state(sessions, record_id) == ("processing", None, 2, [])
    assert record_of(sessions, record_id).profile is None

    def failing(session, record, progress):
        with sessions() as other:
            claim_for_processing(other, "profile", record_id, task_id="task-3", claim=new_claim(),
                                 silent_before=utcnow() + timedelta(seconds=1))
        raise PermanentError("This PDF is encrypted.", code="encrypted")

    with sessions() as session:
        session.get(UserProfile, record_id).heartbeat_at = None
        session.commit()
    assert runtime.run_step(FakeTask(task_id="task-2"), "profile", record_id, (failing,)) == "superseded"
    assert state(sessions, record_id)[:2] == ("processing", None)

    def reports_after_losing_it(session, record, progress):
        record.profile = {"name": "zombie"}
        with sessions() as other:
            claim_for_processing(other, "profile", record_id, task_id="task-4", claim=new_claim(),
                                 silent_before=utcnow() + timedelta(seconds=1))
        progress(50, "reading")  # stops the run: nothing more of it is written
        pytest.fail("the work went on after its claim was lost")

    with sessions() as session:  # its owner is gone again, and the crash cap is not what this is about
        record = session.get(UserProfile, record_id)
        record.heartbeat_at, record.attempts = None, 0
        session.commit()
    assert runtime.run_step(FakeTask(task_id="task-3"), "profile", record_id, (reports_after_losing_it,)) \
        == "superseded"
    assert record_of(sessions, record_id).profile is None and state(sessions, record_id)[3] == []


def test_a_live_run_beats_while_it_works(sessions, monkeypatch):
    monkeypatch.setenv("STUCK_PROCESSING_SECONDS", "3")
    get_settings.cache_clear()
    assert heartbeat.beat_interval(get_settings()) == 0.5
    record_id = new_record(sessions)
    beats = []

    def work(session, record, progress):
        time.sleep(1.3)  # no progress report meanwhile: the timer alone keeps the owner alive
        with sessions() as other:
            beats.append(other.get(UserProfile, record_id).heartbeat_at)

    assert runtime.run_step(FakeTask(), "profile", record_id, (work,)) == "completed"
    started = record_of(sessions, record_id).started_at
    assert beats[0] > started + timedelta(seconds=0.9)


def test_another_live_run_keeps_its_claim(sessions):
    record_id = new_record(sessions)
    with sessions() as session:
        claim_for_processing(session, "profile", record_id, task_id="other", claim=new_claim(),
                             silent_before=runtime.older_than(30))
    assert runtime.run_step(FakeTask(), "profile", record_id, (pytest.fail,)) == "skipped"
