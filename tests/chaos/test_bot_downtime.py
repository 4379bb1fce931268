"""`job-agent serve` down for a minute while the workers finish: the outcomes wait in the outbox, and once
the bot is back every result message arrives, none twice."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.chaos import (
    SEARCHES,
    TelegramPeople,
    chaos_env,
    deployment,
    record_counts,
    tally,
    undelivered_notifications,
    unfinished_records,
    wait_quiet,
)
from tests.support.processes import wait_for

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
PEOPLE = 10
DOWN_SECONDS = 60  # as the issue states it: the outbox's backoff and leases are fixed, not scaled settings


def test_results_finished_while_the_bot_is_down_arrive_once_when_it_is_back(
        data_dir, telegram, postgres_url, redis_prefix):
    env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_prefix=redis_prefix)
    with deployment(env, workers=2) as stack, ThreadPoolExecutor(PEOPLE) as pool:
        people = TelegramPeople(stack, telegram)
        started = time.monotonic()
        # Each person sends a CV and searches, answered while the bot is up ...
        list(pool.map(lambda index: _cv_then_search(people, index), range(PEOPLE)))
        # ... then asks for a letter, and the bot goes down as soon as the last request is in.
        list(pool.map(lambda index: people.say(index, "/apply 1", "letter"), range(PEOPLE)))
        wait_for(lambda: record_counts(stack)["letter"].total() == PEOPLE, timeout=60,
                 message="every letter request stored")
        stack.stop_server()
        down_at = time.monotonic()
        answered_before = PEOPLE - len(people.unanswered(people.requests[-PEOPLE:]))
        # The workers go on while the bot is down: the outcomes of what they finish cannot reach it.
        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down_at)))  # the outage's length, not a wait
        waiting, unfinished = undelivered_notifications(stack), unfinished_records(stack)
        answered_while_down = PEOPLE - len(people.unanswered(people.requests[-PEOPLE:])) - answered_before
        stack.start_server()
        people.wait_settled(120)
        wait_quiet(stack, timeout=60)
        figures = tally(f"serve down {DOWN_SECONDS} s while the workers finish, {PEOPLE} people", people, started,
                        f"{waiting} results waited in the outbox, {unfinished} still being worked on").report()

    assert answered_while_down == 0  # nothing got through while the bot was down
    # The premise: letters were written while the bot was down, and their outcomes waited for it.
    assert waiting >= 1 and waiting + answered_before + unfinished >= PEOPLE
    assert (figures.sent, figures.completed, figures.failed, figures.lost, figures.duplicated) == (
        3 * PEOPLE, 3 * PEOPLE, 0, 0, 0)
    assert record_counts(stack) == {"cv": {"completed": PEOPLE}, "search": {"completed": PEOPLE},
                                    "letter": {"completed": PEOPLE}}
    albums = [c for c in telegram.messages_sent() if c.method == "sendMediaGroup"]
    assert len(albums) == PEOPLE


def _cv_then_search(people: TelegramPeople, index: int) -> None:
    people.send_cv(index)
    people.wait_answered(people.requests_of(index)[-1], 180)
    people.say(index, SEARCHES[0], "search")
    people.wait_answered(people.requests_of(index)[-1], 180)
