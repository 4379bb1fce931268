"""Who may run a record's work: one atomic claim, takeover only from a silent owner, fenced outcomes,
the sweeper's rules and the operator's reset — on SQLite and PostgreSQL."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from storage.models import UserProfile, utcnow
from storage.records import (
    claim_for_processing,
    find_stuck,
    new_claim,
    older_than,
    release_for_retry,
    reset_for_retry,
    restamp_if_stuck,
    still_owned,
)
from tests.support.records import add_chat_record

SILENT = 30  # seconds without a heartbeat after which an owner is gone (STUCK_PROCESSING_SECONDS)


def make_profile(session, **fields) -> str:
    return add_chat_record(session, UserProfile(source_files=[], **fields)).id


def claim(sessions, record_id, task_id="t1", token=None, *, silent_before=None) -> bool:
    with sessions() as session:
        return claim_for_processing(session, "profile", record_id, task_id=task_id, claim=token or new_claim(),
                                    silent_before=silent_before or older_than(SILENT))


def record(sessions, record_id) -> UserProfile:
    with sessions() as session:
        return session.get(UserProfile, record_id)


def test_a_redelivered_copy_of_the_same_task_cannot_take_a_live_claim_back(sessions):
    """The issue's fault: a copy with the record's own task id used to claim it again and run twice."""
    with sessions() as session:
        record_id = make_profile(session, celery_task_id="t1")
    assert claim(sessions, record_id, "t1")
    assert not claim(sessions, record_id, "t1")  # Redis's redelivery of the same message
    assert not claim(sessions, record_id, "t2")
    claimed = record(sessions, record_id)
    assert (claimed.status, claimed.attempts, claimed.celery_task_id) == ("processing", 1, "t1")
    assert claimed.claimed_by and claimed.heartbeat_at is not None


def test_of_many_copies_claiming_at_once_exactly_one_wins(sessions):
    with sessions() as session:
        record_id = make_profile(session, celery_task_id="t1")
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda _: claim(sessions, record_id, "t1"), range(8)))
    assert sorted(won) == [False] * 7 + [True]
    assert record(sessions, record_id).attempts == 1


def test_a_processing_record_is_taken_over_only_once_its_owner_is_silent(sessions):
    with sessions() as session:
        record_id = make_profile(session)
    first = new_claim()
    assert claim(sessions, record_id, "t1", first)
    assert not claim(sessions, record_id, "t1")  # the owner beat just now
    with sessions() as session:  # the owner's beat keeps it alive
        assert still_owned(session, "profile", record_id, first)
        session.commit()
    assert not claim(sessions, record_id, "t1", silent_before=utcnow() - timedelta(seconds=1))
    # Silent past the mark: its worker died; one run takes over, and the dead owner's writes are refused.
    assert claim(sessions, record_id, "t1", silent_before=utcnow() + timedelta(seconds=1))
    with sessions() as session:
        assert not still_owned(session, "profile", record_id, first)
    assert record(sessions, record_id).attempts == 2


def test_a_processing_record_without_a_heartbeat_has_no_live_owner(sessions):
    """Claimed by a worker from before migration 0009 (the upgrade restarted it)."""
    with sessions() as session:
        record_id = make_profile(session, status="processing", started_at=utcnow(), attempts=1)
    assert claim(sessions, record_id)


def test_a_record_waiting_out_a_retry_is_claimed_only_once_due(sessions):
    with sessions() as session:
        record_id = make_profile(session)
    owner = new_claim()
    assert claim(sessions, record_id, "t1", owner)
    with sessions() as session:
        assert release_for_retry(session, "profile", record_id, owner, retry_at=utcnow() + timedelta(seconds=150),
                                 task_id=None)
        assert not release_for_retry(session, "profile", record_id, owner, retry_at=utcnow(), task_id=None)
    waiting = record(sessions, record_id)
    assert (waiting.status, waiting.retries, waiting.celery_task_id, waiting.claimed_by) == ("pending", 1, None, None)
    assert not claim(sessions, record_id, "t1")  # a stray copy of the task that waited
    with sessions() as session:
        session.get(UserProfile, record_id).retry_at = utcnow() - timedelta(seconds=1)
        session.commit()
    assert claim(sessions, record_id, "t2")
    assert (record(sessions, record_id).attempts, record(sessions, record_id).retries) == (2, 1)


def stuck_ids(sessions, *, now=None) -> list[str]:
    with sessions() as session:
        return [r.id for r in find_stuck(session, pending_before=older_than(60), silent_before=older_than(SILENT),
                                         now=now)]


def test_the_sweeper_finds_lost_orphaned_and_due_records_but_not_live_or_just_sent_ones(sessions):
    old = utcnow() - timedelta(minutes=10)
    with sessions() as session:
        fresh = make_profile(session, celery_task_id="a", dispatched_at=utcnow())
        lost = make_profile(session, celery_task_id="b", created_at=old, dispatched_at=old)
        just_sent = make_profile(session, celery_task_id="c", created_at=old, dispatched_at=utcnow())
        live = make_profile(session, status="processing", celery_task_id="d", created_at=old, dispatched_at=old,
                            heartbeat_at=utcnow())
        orphaned = make_profile(session, status="processing", celery_task_id="e", created_at=old, dispatched_at=old,
                                heartbeat_at=utcnow() - timedelta(seconds=SILENT + 5))
        not_due = make_profile(session, retry_at=utcnow() + timedelta(seconds=150), created_at=old)
        due = make_profile(session, retry_at=utcnow() - timedelta(seconds=1))
        in_broker = make_profile(session, celery_task_id="f", created_at=old, dispatched_at=old,
                                 retry_at=utcnow() + timedelta(seconds=5))
    found = stuck_ids(sessions)
    assert set(found) == {lost, orphaned, due}
    assert not {fresh, just_sent, live, not_due, in_broker} & set(found)
    assert not_due in stuck_ids(sessions, now=utcnow() + timedelta(seconds=151))


def test_two_sweepers_send_a_stuck_record_once(sessions):
    old = utcnow() - timedelta(minutes=10)
    with sessions() as session:
        record_id = make_profile(session, celery_task_id="lost", created_at=old, dispatched_at=old)

    def sweep(number):
        with sessions() as session:
            sent = 0
            for stuck in find_stuck(session, pending_before=older_than(60), silent_before=older_than(SILENT)):
                sent += restamp_if_stuck(session, stuck, f"sweep-{number}", pending_before=older_than(60),
                                         silent_before=older_than(SILENT))
            return sent

    with ThreadPoolExecutor(6) as pool:
        assert sum(pool.map(sweep, range(6))) == 1
    assert sweep(99) == 0  # just sent: its copy may still be queued
    assert record(sessions, record_id).celery_task_id.startswith("sweep-")


def test_a_claim_between_the_sweepers_read_and_its_send_stops_the_send(sessions):
    old = utcnow() - timedelta(minutes=10)
    with sessions() as session:
        record_id = make_profile(session, celery_task_id="slow", created_at=old, dispatched_at=old)
    with sessions() as session:
        [stuck] = find_stuck(session, pending_before=older_than(60), silent_before=older_than(SILENT))
        assert claim(sessions, record_id, "slow")  # the slow first copy arrives after all
        assert not restamp_if_stuck(session, stuck, "sweep", pending_before=older_than(60),
                                    silent_before=older_than(SILENT))
    assert record(sessions, record_id).celery_task_id == "slow"


def test_the_operators_reset_holds_only_while_the_record_is_failed(sessions):
    with sessions() as session:
        record_id = make_profile(session, status="failed", error_code="unavailable", attempts=3, retries=5)
    with sessions() as first, sessions() as second:
        mine, theirs = first.get(UserProfile, record_id), second.get(UserProfile, record_id)
        assert reset_for_retry(first, mine)
        assert (mine.status, mine.attempts, mine.retries, mine.error_code) == ("pending", 0, 0, None)
        assert not reset_for_retry(second, theirs)  # read as failed, but reset meanwhile
        assert theirs.status == "pending"
