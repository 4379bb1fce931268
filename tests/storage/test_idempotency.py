"""Idempotency keys in the database: one claim wins among copies, a finished claim keeps its answer for a day,
a released, expired or abandoned claim can be taken again, and the table comes and goes with its migration."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

from alembic import command
from sqlalchemy import create_engine, func, inspect, select

from storage.idempotency import (
    IdempotencyKey, Outcome, StoredAnswer, claim_key, complete_key, purge_expired_keys, release_key,
)
from storage.migrate import alembic_config
from storage.models import utcnow

DAY = timedelta(days=1)
OWNER_A, OWNER_B = "a" * 64, "b" * 64
ANSWER = StoredAnswer("f" * 64, 202, "application/json", b'{"job_search_id": "s1"}')


def _claim(session, owner=OWNER_A, key="k1", **kwargs):
    return claim_key(session, api_key_id=owner, key=key, path="/api/v1/discovery", ttl=DAY, **kwargs)


def _rows(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(IdempotencyKey))


def test_the_first_claim_runs_a_second_waits_and_after_the_answer_the_second_gets_it(sessions):
    with sessions() as session:
        first = _claim(session)
        assert first.outcome is Outcome.CLAIMED and first.token
        assert _claim(session).outcome is Outcome.RUNNING
        assert complete_key(session, first, ANSWER)
        again = _claim(session)
    assert again.outcome is Outcome.DONE and again.answer == ANSWER
    assert _rows(sessions) == 1


def test_keys_belong_to_their_owner(sessions):
    with sessions() as session:
        assert _claim(session, OWNER_A).outcome is Outcome.CLAIMED
        assert _claim(session, OWNER_B).outcome is Outcome.CLAIMED
        assert _claim(session, OWNER_A, key="k2").outcome is Outcome.CLAIMED
    assert _rows(sessions) == 3


def test_a_released_key_is_claimed_afresh(sessions):
    with sessions() as session:
        first = _claim(session)
        assert release_key(session, first)
        second = _claim(session)
    assert second.outcome is Outcome.CLAIMED and second.token != first.token
    assert _rows(sessions) == 1


def test_an_expired_answer_counts_as_never_given_even_before_the_purge(sessions):
    start = utcnow() - 2 * DAY
    with sessions() as session:
        old = _claim(session, now=start)
        complete_key(session, old, ANSWER, now=start)
        again = _claim(session)
        assert again.outcome is Outcome.CLAIMED
        assert not complete_key(session, old, ANSWER)  # the old claim can no longer write
    assert _rows(sessions) == 1


def test_a_claim_abandoned_past_its_lease_is_taken_over_and_its_owner_cannot_finish_it(sessions):
    with sessions() as session:
        abandoned = _claim(session, now=utcnow() - timedelta(minutes=11))
        taker = _claim(session, lease=timedelta(minutes=10))
        assert taker.outcome is Outcome.CLAIMED and taker.row_id == abandoned.row_id
        assert not complete_key(session, abandoned, ANSWER)
        assert not release_key(session, abandoned)
        assert complete_key(session, taker, ANSWER)
        assert _claim(session).outcome is Outcome.DONE


def test_a_claim_within_its_lease_is_not_taken_over(sessions):
    with sessions() as session:
        _claim(session, now=utcnow() - timedelta(minutes=9))
        assert _claim(session, lease=timedelta(minutes=10)).outcome is Outcome.RUNNING


def test_copies_claiming_at_once_have_exactly_one_winner(sessions):
    copies = 8
    barrier = Barrier(copies)

    def claim(_):
        barrier.wait()
        with sessions() as session:
            return _claim(session).outcome

    with ThreadPoolExecutor(copies) as pool:
        outcomes = list(pool.map(claim, range(copies)))
    assert outcomes.count(Outcome.CLAIMED) == 1 and outcomes.count(Outcome.RUNNING) == copies - 1
    assert _rows(sessions) == 1


def test_the_purge_deletes_expired_keys_only(sessions):
    with sessions() as session:
        complete_key(session, _claim(session, key="old", now=utcnow() - 2 * DAY), ANSWER, now=utcnow() - 2 * DAY)
        _claim(session, key="old-running", now=utcnow() - 2 * DAY)
        complete_key(session, _claim(session, key="new"), ANSWER)
        assert purge_expired_keys(session) == 2
        assert session.scalars(select(IdempotencyKey.key)).all() == ["new"]
        assert purge_expired_keys(session, now=utcnow() + 2 * DAY) == 1


def test_migration_0010_creates_the_model_table_and_takes_it_back(migrated_database_url):
    engine = create_engine(migrated_database_url)
    columns = {column["name"]: column for column in inspect(engine).get_columns("idempotency_keys")}
    assert set(columns) == {column.name for column in IdempotencyKey.__table__.columns}
    assert columns["key"]["type"].length == 255
    [unique] = inspect(engine).get_unique_constraints("idempotency_keys")
    assert unique["column_names"] == ["api_key_id", "key"]
    command.downgrade(alembic_config(migrated_database_url), "0009")
    assert "idempotency_keys" not in inspect(engine).get_table_names()
    engine.dispose()
