"""A retry that waits longer than Redis's visibility timeout (SerpApi's 429 with a long Retry-After): Redis
hands the unacknowledged message out again meanwhile, yet the search runs once and sends one list."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from storage.models import JobSearch
from tests.support.chaos import (
    SEARCHES,
    TelegramPeople,
    TimedSerpApi,
    chaos_env,
    deployment,
    tally,
    wait_quiet,
)

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
VISIBILITY_SECONDS = 6  # BROKER_VISIBILITY_TIMEOUT, scaled down from 900 s
RETRY_AFTER_SECONDS = 15  # longer than the visibility timeout, as the 150 s was than its 10 s
PAGES = 3


def test_a_retry_longer_than_the_visibility_timeout_runs_once_and_sends_one_list(
        data_dir, telegram, postgres_url, redis_prefix):
    with TimedSerpApi(pages=PAGES, per_page=10, failure="429", fail_times=1,
                      retry_after=str(RETRY_AFTER_SECONDS)) as serpapi:
        env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_prefix=redis_prefix,
                        SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=serpapi.url,
                        BROKER_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS))
        with deployment(env, workers=2) as stack:
            people = TelegramPeople(stack, telegram)
            people.send_cv(0)
            people.wait_answered(people.requests[-1], 120)
            started = time.monotonic()
            people.say(0, SEARCHES[0], "search")
            people.wait_answered(people.requests[-1], 120)
            wait_quiet(stack, timeout=60)
            figures = tally(f"SerpApi 429 with Retry-After {RETRY_AFTER_SECONDS} s, visibility timeout "
                            f"{VISIBILITY_SECONDS} s", people, started,
                            f"{len(serpapi.requests)} SerpApi requests for 1 refusal + {PAGES} pages",
                            requests=people.requests[-1:]).report()
            with stack.session() as session:
                search = session.scalars(select(JobSearch)).one()

    assert (figures.sent, figures.completed, figures.lost, figures.duplicated) == (1, 1, 0, 0)
    assert len(serpapi.requests) == 1 + PAGES  # the refused page once, then each page once: one run
    refused, retried = serpapi.requests[0], serpapi.requests[1]
    assert retried["at"] - refused["at"] >= RETRY_AFTER_SECONDS - 0.5  # the Retry-After was waited out
    assert (search.status, search.retries) == ("completed", 1)
    ranked = [c for c in telegram.messages_sent() if "jobs for “python developer”" in (c.params.get("text") or "")]
    assert len(ranked) == 1
