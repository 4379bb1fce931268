"""200 requests from 50 people while a worker is SIGKILLed every few seconds: every request completes, each
with exactly one result message in its chat."""
from __future__ import annotations

import time

import pytest

from tests.support.chaos import (
    TelegramPeople,
    WorkerChurn,
    chaos_env,
    crowd,
    deployment,
    record_counts,
    rerun_records,
    tally,
    wait_quiet,
)

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
PEOPLE = 50  # four requests each: a CV, a search, a letter, a second search
KILL_EVERY_SECONDS = 6.0


def test_every_request_gets_one_result_while_workers_are_killed_every_few_seconds(
        data_dir, telegram, postgres_url, redis_prefix):
    # A killed run counts as an attempt: with kills this frequent a request can be in flight at three of
    # them by chance, which the default cap (3) would fail as a poison pill. The cap itself is proved by
    # test_poison_pdf.py; here every crash is the worker's, not the request's.
    env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_prefix=redis_prefix, MAX_TASK_ATTEMPTS="10")
    with deployment(env, workers=2) as stack:
        people = TelegramPeople(stack, telegram)
        started = time.monotonic()
        with WorkerChurn(stack, period=KILL_EVERY_SECONDS) as churn:
            # Bounds, not durations: a run killed twice waits twice for its owner's silence (30 s) behind a
            # backlog of 200 on two cores, and a loaded CI machine stretches that further.
            errors = crowd(people, PEOPLE, step_timeout=600)
            people.wait_settled(600)
        assert churn.error is None, churn.error
        wait_quiet(stack, timeout=120)
        figures = tally("50 people, 200 requests, a worker SIGKILLed every 6 s", people, started,
                        f"{churn.kills} workers SIGKILLed, {rerun_records(stack)} requests run again").report()
        assert not errors, errors[:3]
        assert churn.kills >= 5, "the run was too short to kill workers under it"
        assert (figures.sent, figures.completed, figures.failed, figures.lost, figures.duplicated) == (
            4 * PEOPLE, 4 * PEOPLE, 0, 0, 0)
        counts = record_counts(stack)
        assert counts == {"cv": {"completed": PEOPLE}, "search": {"completed": 2 * PEOPLE},
                          "letter": {"completed": PEOPLE}}
        albums = [c for c in telegram.messages_sent() if c.method == "sendMediaGroup"]
        assert len(albums) == PEOPLE  # each letter's four files went out once
