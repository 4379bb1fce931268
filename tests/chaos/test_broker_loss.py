"""Redis restarted empty (no persistence) in the middle of a run: the messages it held are gone, and the
sweeper sends every unfinished request again; each gets one result, none twice."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.chaos import (
    TelegramPeople,
    broker_backlog,
    chaos_env,
    crowd,
    deployment,
    record_counts,
    rerun_records,
    tally,
    wait_quiet,
)
from tests.support.chaos_services import PrivateRedis
from tests.support.processes import wait_for

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
PEOPLE = 12  # four requests each: a CV, a search, a letter, a second search
DOWN_SECONDS = 3


def test_redis_restarted_empty_mid_run_loses_no_request_and_duplicates_none(data_dir, telegram, postgres_url):
    with PrivateRedis() as broker:  # the shared Redis is not ours to restart
        env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_url=broker.url)
        with deployment(env, workers=1) as stack, ThreadPoolExecutor(1) as background:
            people = TelegramPeople(stack, telegram)
            started = time.monotonic()
            running = background.submit(crowd, people, PEOPLE, step_timeout=240)
            # Restart once the broker holds a backlog, so that queued and in-flight messages are lost.
            wait_for(lambda: broker_backlog(env) >= 6, timeout=120, interval=0.05, message="a backlog in Redis")
            held = broker_backlog(env)
            broker.restart_empty(down_seconds=DOWN_SECONDS)
            # The sweeper, not luck, brings the lost messages back:
            wait_for(lambda: any("re-dispatching" in line for line in list(stack.server.lines)), timeout=90,
                     message="the sweeper to re-dispatch what Redis lost")
            errors = running.result()
            people.wait_settled(240)
            wait_quiet(stack, timeout=120)
            figures = tally(f"Redis restarted empty mid-run ({DOWN_SECONDS} s down), {PEOPLE} people", people, started,
                            f"{held} task messages held at the restart, {rerun_records(stack)} requests run again"
                            ).report()

        assert not errors, errors[:3]
        assert (figures.sent, figures.completed, figures.failed, figures.lost, figures.duplicated) == (
            4 * PEOPLE, 4 * PEOPLE, 0, 0, 0)
        assert record_counts(stack) == {"cv": {"completed": PEOPLE}, "search": {"completed": 2 * PEOPLE},
                                        "letter": {"completed": PEOPLE}}
