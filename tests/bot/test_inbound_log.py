"""InboundLog against a real database: deduplication, group commit, marking handled, replay of stale events."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import event, select, text, update
from sqlalchemy.orm import sessionmaker

from bot.inbound_log import InboundLog
from storage.db import make_engine
from storage.models import Base, InboundEvent, utcnow

PLATFORM = "telegram"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_engine(request):
    """The duplicate tests run on SQLite and on PostgreSQL: their upserts differ."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_engine")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()  # before postgres_url drops the database (it ends the log's own connections too)


def make_log(engine, *, replay_after_seconds: float = 60, max_replays: int = 3) -> InboundLog:
    return InboundLog(PLATFORM, sessionmaker(engine, expire_on_commit=False),
                      replay_after_seconds=replay_after_seconds, max_replays=max_replays)


def count_commits(engine) -> list[object]:
    """A list that grows by one on every database commit made through the engine from now on."""
    commits: list[object] = []
    event.listen(engine, "commit", commits.append)
    return commits


def written_in_one_transaction(engine, commits: list[object], event_ids: list[str]) -> bool:
    """SQLite: one commit through the engine since ``count_commits``. PostgreSQL (written on the log's own
    connection, one statement a batch): the rows were last written by one transaction (their ``xmin``)."""
    if engine.dialect.name != "postgresql":
        return len(commits) == 1
    with engine.connect() as connection:
        writers = connection.execute(select(text("xmin::text")).select_from(InboundEvent).where(
            InboundEvent.event_id.in_(event_ids))).scalars().all()
    return len(writers) == len(event_ids) and len(set(writers)) == 1


def rows(engine) -> dict[str, InboundEvent]:
    with sessionmaker(engine, expire_on_commit=False)() as session:
        return {row.event_id: row for row in session.scalars(select(InboundEvent))}


def backdate(engine, event_id: str, seconds: float) -> None:
    with sessionmaker(engine)() as session:
        session.execute(update(InboundEvent).where(InboundEvent.event_id == event_id)
                        .values(received_at=utcnow() - timedelta(seconds=seconds)))
        session.commit()


async def test_the_first_delivery_is_new_and_a_redelivery_is_a_duplicate(any_engine):
    log = make_log(any_engine)
    assert await log.record("1", {"text": "first"}) is True
    assert await log.record("1", {"text": "again"}) is False
    assert await log.record("2", {"text": "other"}) is True
    stored = rows(any_engine)
    assert sorted(stored) == ["1", "2"]
    assert stored["1"].payload == {"text": "first"}  # the redelivery did not overwrite it


async def test_two_copies_in_one_burst_give_exactly_one_first_delivery(any_engine):
    log = make_log(any_engine)
    commits = count_commits(any_engine)
    answers = await asyncio.gather(log.record("7", {"copy": 1}), log.record("7", {"copy": 2}))
    assert written_in_one_transaction(any_engine, commits, ["7"])  # one batch: it must tell the copies apart
    assert answers == [True, False]
    assert rows(any_engine)["7"].payload == {"copy": 1}


async def test_a_burst_of_200_is_stored_in_far_fewer_commits(sqlite_engine):
    log = make_log(sqlite_engine)
    commits = count_commits(sqlite_engine)
    answers = await asyncio.gather(*(log.record(str(n), {"n": n}) for n in range(200)))
    assert answers == [True] * 200
    assert len(commits) <= 5
    assert len(rows(sqlite_engine)) == 200


async def test_a_handled_event_loses_its_payload_and_is_not_replayed(sqlite_engine):
    log = make_log(sqlite_engine, replay_after_seconds=0)
    await log.record("handled", {"secret": "cv text"})
    await log.record("crashed", {"secret": "other"})
    await log.mark_processed("handled")
    handled = rows(sqlite_engine)["handled"]
    assert handled.processed_at is not None and handled.payload == {}
    assert await log.claim_stale() == [("crashed", {"secret": "other"})]


async def test_only_events_older_than_the_grace_period_are_claimed(sqlite_engine):
    log = make_log(sqlite_engine, replay_after_seconds=60)
    await log.record("old", {"n": 1})
    await log.record("new", {"n": 2})
    backdate(sqlite_engine, "old", 120)
    assert await log.claim_stale() == [("old", {"n": 1})]
    assert rows(sqlite_engine)["new"].attempts == 0


async def test_an_event_is_replayed_at_most_max_replays_times_then_closed(sqlite_engine):
    log = make_log(sqlite_engine, replay_after_seconds=60, max_replays=2)
    await log.record("stuck", {"n": 1})
    backdate(sqlite_engine, "stuck", 120)
    assert await log.claim_stale() == [("stuck", {"n": 1})]
    assert await log.claim_stale() == [("stuck", {"n": 1})]
    assert await log.claim_stale() == []
    closed = rows(sqlite_engine)["stuck"]
    assert closed.processed_at is not None and closed.payload == {}


async def test_logs_of_two_platforms_do_not_see_each_others_events(sqlite_engine):
    telegram, slack = make_log(sqlite_engine), InboundLog("slack", sessionmaker(sqlite_engine),
                                                          replay_after_seconds=60, max_replays=3)
    assert await telegram.record("same-id", {"from": "telegram"}) is True
    assert await slack.record("same-id", {"from": "slack"}) is True


async def test_deliveries_and_handled_marks_of_one_burst_share_one_commit(any_engine):
    log = make_log(any_engine)
    await asyncio.gather(log.record("a", {"n": 1}), log.record("b", {"n": 2}))
    commits = count_commits(any_engine)
    answers = await asyncio.gather(log.mark_processed("a"), log.record("c", {"n": 3}), log.record("a", {"n": 9}),
                                   log.mark_processed("b"), log.record("c", {"n": 4}))
    assert written_in_one_transaction(any_engine, commits, ["a", "b", "c"])
    assert answers == [None, True, False, None, False]
    stored = rows(any_engine)
    assert stored["a"].processed_at is not None and stored["a"].payload == {}
    assert stored["b"].processed_at is not None and stored["c"].processed_at is None
    assert stored["c"].payload == {"n": 3}


async def test_events_the_caller_is_handling_are_not_claimed_and_spend_no_attempt(sqlite_engine):
    log = make_log(sqlite_engine, replay_after_seconds=60)
    for event_id in ("slow", "crashed"):
        await log.record(event_id, {"id": event_id})
        backdate(sqlite_engine, event_id, 120)
    assert await log.claim_stale(exclude=["slow"]) == [("crashed", {"id": "crashed"})]
    assert rows(sqlite_engine)["slow"].attempts == 0


async def test_unhandled_hands_back_payloads_of_events_not_yet_handled_without_spending_attempts(any_engine):
    log = make_log(any_engine)
    await asyncio.gather(*(log.record(event_id, {"id": event_id}) for event_id in ("1", "2", "3")))
    await log.mark_processed("2")
    assert await log.unhandled(["1", "2", "3", "unknown"]) == {"1": {"id": "1"}, "3": {"id": "3"}}
    assert {row.attempts for row in rows(any_engine).values()} == {0}
