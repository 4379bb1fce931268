"""Faults the pipeline must survive: killed workers, lost queues, poison pills."""
from __future__ import annotations

import time

import pytest
import redis
from sqlalchemy import select

from storage.models import JobSearch, MatchRun, UserProfile, utcnow
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.local_chat import LocalChat
from tests.support.processes import wait_for
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


def record_status(stack, model):
    with stack.session() as session:
        record = session.scalars(select(model)).first()
        return record and record.status


@pytest.mark.postgres
def test_a_worker_killed_mid_task_is_redelivered_and_the_user_gets_one_result(data_dir, redis_prefix, postgres_url):
    with SerpApiStandIn(pages=1, per_page=10, delay=5) as serpapi:
        env = stack_env(data_dir, database_url=postgres_url, redis_prefix=redis_prefix,
                        SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=serpapi.url)
        with running_stack(env) as stack:
            chat = LocalChat(stack.base_url, stack.data_dir)
            chat.say("/jobsearch python developer in Berlin")
            wait_for(lambda: serpapi.requests, timeout=20, message="the search to reach SerpApi")
            assert record_status(stack, JobSearch) == "processing"
            stack.workers[0].kill()  # SIGKILL to the whole worker: nothing gets acked or cleaned up
            serpapi.delay = 0
            stack.start_worker()
            ranked = chat.wait_for_message("jobs for “python developer”", timeout=60)
            assert "Python Developer #" in ranked
            time.sleep(2)
            assert sum("jobs for “python developer”" in text for text in chat.messages()) == 1
            with stack.session() as session:
                search = session.scalars(select(JobSearch)).one()
                assert search.status == "completed" and search.attempts == 2
                # Ranked in the search's own run: one record, one result, no second step to lose.
                assert len(search.matches) == 10 and session.scalars(select(MatchRun)).all() == []


def send_cv_while_no_worker_runs(stack) -> LocalChat:
    chat = LocalChat(stack.base_url, stack.data_dir)
    stack.workers[0].stop()
    chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    wait_for(lambda: record_status(stack, UserProfile) == "pending", message="the pending record")
    return chat


def test_a_lost_task_message_is_re_dispatched_by_the_sweeper(data_dir, redis_prefix):
    env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)
    with running_stack(env) as stack:
        chat = send_cv_while_no_worker_runs(stack)
        # A Redis restart without persistence loses every queued message:
        client = redis.Redis.from_url(env["CELERY_BROKER_URL"])
        for key in client.scan_iter(match=f"{redis_prefix}*"):
            client.delete(key)
        stack.start_worker()
        assert "Lena Fischer" in chat.wait_for_message("Your profile is ready", timeout=40)


def test_a_request_that_keeps_killing_its_worker_is_failed_after_a_few_attempts(data_dir, redis_prefix):
    env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)
    with running_stack(env) as stack:
        chat = send_cv_while_no_worker_runs(stack)
        with stack.session() as session:  # as if three runs had died mid-task
            record = session.scalars(select(UserProfile)).one()
            record.attempts, record.status, record.started_at = 3, "processing", utcnow()
            session.commit()
        stack.start_worker()
        failure = chat.wait_for_message("failed", timeout=60)
        assert "stopped our worker several times" in failure
        with stack.session() as session:
            assert session.scalars(select(UserProfile)).one().error_code == "crashed"
