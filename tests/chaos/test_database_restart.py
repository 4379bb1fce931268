"""PostgreSQL restarted (immediate shutdown: every connection broken) in the middle of a run: runs that
meet the outage retry or are sent again, webhook updates refused meanwhile are delivered again, and every
request gets one result, none twice."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.chaos import (
    TelegramPeople,
    chaos_env,
    crowd,
    deployment,
    record_counts,
    rerun_records,
    retried_records,
    tally,
    wait_quiet,
)
from tests.support.chaos_services import PrivatePostgres
from tests.support.processes import wait_for

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
PEOPLE = 12  # four requests each: a CV, a search, a letter, a second search
DOWN_SECONDS = 5


def test_postgresql_restarted_mid_run_loses_no_request_and_duplicates_none(data_dir, telegram, redis_prefix):
    with PrivatePostgres() as database:  # the shared server is not ours to restart
        env = chaos_env(data_dir, telegram, database_url=database.url, redis_prefix=redis_prefix)
        with deployment(env, workers=1) as stack, ThreadPoolExecutor(1) as background:
            people = TelegramPeople(stack, telegram)
            started = time.monotonic()
            running = background.submit(crowd, people, PEOPLE, step_timeout=240)
            # Restart while runs are working on records, so that the outage meets them mid-task.
            wait_for(lambda: _processing(stack) >= 1 and len(people.requests) >= PEOPLE, timeout=120,
                     interval=0.05, message="runs in progress")
            database.restart(down_seconds=DOWN_SECONDS)
            errors = running.result()
            people.wait_settled(240)
            wait_quiet(stack, timeout=120)
            retried, rerun = retried_records(stack), rerun_records(stack)
            refused = people.deliveries - len(people.requests)
            figures = tally(f"PostgreSQL restarted mid-run ({DOWN_SECONDS} s down), {PEOPLE} people", people, started,
                            f"{retried} requests retried, {rerun} run again, {refused} webhook deliveries refused "
                            "and repeated").report()
            counts = record_counts(stack)
            if counts != _expected():
                print(_profiles_by_owner(stack))  # which person's request made more than one record, and when

        assert not errors, errors[:3]
        assert (figures.sent, figures.completed, figures.failed, figures.lost, figures.duplicated) == (
            4 * PEOPLE, 4 * PEOPLE, 0, 0, 0)
        assert counts == _expected()  # one record per request: none made twice
        # The outage met the product: a run retried or was sent again, or a webhook update was refused.
        assert retried + rerun + refused >= 1


def _expected() -> dict:
    return {"cv": {"completed": PEOPLE}, "search": {"completed": 2 * PEOPLE}, "letter": {"completed": PEOPLE}}


def _processing(stack) -> int:
    return sum(statuses.get("processing", 0) for statuses in _counts(stack).values())


def _counts(stack):
    try:
        return record_counts(stack)
    except Exception:  # noqa: BLE001 - the database may be starting; nothing is processing then
        return {}


def _profiles_by_owner(stack) -> str:
    from sqlalchemy import select

    from storage.models import ChatOrigin, ChatUser, UserProfile

    with stack.session() as session:
        rows = session.execute(select(ChatUser.external_user_id, UserProfile.id, UserProfile.created_at,
                                      UserProfile.status, ChatOrigin.reply_to_message_id)
                               .join(UserProfile, UserProfile.chat_user_id == ChatUser.id)
                               .join(ChatOrigin, ChatOrigin.id == UserProfile.origin_id)
                               .order_by(ChatUser.external_user_id, UserProfile.created_at)).all()
    return "\n".join(str(tuple(row)) for row in rows)
