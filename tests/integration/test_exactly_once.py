"""Exactly once with a real worker on real Redis whose visibility timeout is scaled down: a retry that
must wait longer than Redis keeps a message out (SerpApi's 429 with a long Retry-After) runs the
search once more, not once per copy Redis hands out meanwhile; and a pool child killed mid-task is
run again once, as soon as its silence shows it is gone."""
from __future__ import annotations

import os
import signal
import time

import pytest
from sqlalchemy import select

from storage.models import JobSearch, Notification
from tests.support.local_chat import LocalChat
from tests.support.processes import wait_for
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]

VISIBILITY = 4  # seconds Redis keeps a message out before handing it out again
RETRY_AFTER = 12  # what SerpApi asks for: three visibility timeouts
RANKED = "jobs for “python developer”"
SILENT = 10  # STUCK_PROCESSING_SECONDS: a run silent this long is gone (30 by default)


def search_env(data_dir, redis_prefix, postgres_url, serpapi, **overrides):
    return stack_env(data_dir, database_url=postgres_url, redis_prefix=redis_prefix,
                     SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=serpapi.url,
                     BROKER_VISIBILITY_TIMEOUT=str(VISIBILITY), **overrides)


def the_search(stack) -> JobSearch:
    with stack.session() as session:
        return session.scalars(select(JobSearch)).one()


def ranked_lists(chat) -> int:
    return sum(RANKED in text for text in chat.messages())


def test_a_retry_after_longer_than_the_visibility_timeout_runs_the_search_once_more(
        data_dir, redis_prefix, postgres_url):
    with SerpApiStandIn(pages=1, per_page=10, failure="429", fail_times=1, retry_after=str(RETRY_AFTER)) as serpapi:
        with running_stack(search_env(data_dir, redis_prefix, postgres_url, serpapi)) as stack:
            chat = LocalChat(stack.base_url, stack.data_dir)
            chat.say("/jobsearch python developer in Berlin")
            wait_for(lambda: serpapi.requests, timeout=60, message="the first search to reach SerpApi")
            asked = time.monotonic()
            waiting = wait_for(lambda: (s := the_search(stack)).status == "pending" and s.retries == 1 and s,
                               timeout=10, message="the search to wait out SerpApi's Retry-After")
            assert waiting.celery_task_id is None  # in the database, not in Redis
            ranked = chat.wait_for_message(RANKED, timeout=RETRY_AFTER + 30)
            assert time.monotonic() - asked >= RETRY_AFTER - 1  # the Retry-After was honoured
            assert "Python Developer #" in ranked
            time.sleep(VISIBILITY * 2 + 2)  # long enough for Redis to hand out any copy still held
            # One 429, then one search that answered: the copies of the waiting task ran nothing.
            assert len(serpapi.requests) == 2, stack.logs()
            assert ranked_lists(chat) == 1
            search = the_search(stack)
            assert (search.status, search.attempts, search.retries) == ("completed", 2, 1)
            with stack.session() as session:
                events = session.scalars(select(Notification.event).where(Notification.record_id == search.id)).all()
            assert events == ["completed"]
            print(f"retry beyond visibility ({RETRY_AFTER} s Retry-After, {VISIBILITY} s visibility): "
                  f"{len(serpapi.requests)} SerpApi requests, 1 record completed, {ranked_lists(chat)} list, "
                  f"{len(events)} notification")


def pool_children(worker) -> list[int]:
    """The prefork pool's processes: the children of the worker's main process."""
    pid = worker.process.pid
    return [int(child) for child in open(f"/proc/{pid}/task/{pid}/children").read().split()]


def test_a_pool_child_killed_mid_search_is_run_again_once_when_its_silence_shows_it_is_gone(data_dir, redis_prefix, postgres_url):
    """task_reject_on_worker_lost hands the message back at once, while the dead run's heartbeat is
    still fresh: the copy must look again until that owner counts as gone, then run it once."""
    with SerpApiStandIn(pages=1, per_page=10, delay=4) as serpapi:
        env = search_env(data_dir, redis_prefix, postgres_url, serpapi, STUCK_PROCESSING_SECONDS=str(SILENT))
        with running_stack(env) as stack:
            chat = LocalChat(stack.base_url, stack.data_dir)
            chat.say("/jobsearch python developer in Berlin")
            wait_for(lambda: serpapi.requests, timeout=60, message="the search to reach SerpApi")
            assert the_search(stack).status == "processing"
            for child in pool_children(stack.workers[0]):  # the one running it among them
                os.kill(child, signal.SIGKILL)
            killed = time.monotonic()
            serpapi.delay = 0
            chat.wait_for_message(RANKED, timeout=SILENT + 40)
            recovered = time.monotonic() - killed
            assert recovered < SILENT + 30
            time.sleep(VISIBILITY * 2 + 2)
            assert ranked_lists(chat) == 1
            assert len(serpapi.requests) == 2, stack.logs()  # the killed run's, and one more
            search = the_search(stack)
            assert (search.status, search.attempts, search.retries) == ("completed", 2, 0)
            print(f"pool child killed mid-search (STUCK_PROCESSING_SECONDS={SILENT}): list in the chat "
                  f"{recovered:.1f} s after the kill; {len(serpapi.requests)} SerpApi requests, 1 list")
