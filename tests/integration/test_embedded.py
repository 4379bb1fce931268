"""The embedded default: no Redis, PostgreSQL or tokens configured — serve runs everything."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from storage.models import UserProfile
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.local_chat import LocalChat
from tests.support.processes import wait_for
from tests.support.stack import running_stack, stack_env

pytestmark = pytest.mark.integration


def test_the_embedded_default_runs_the_whole_pipeline_on_its_own(data_dir):
    env = stack_env(data_dir, database_url=None, redis_prefix=None)
    assert "CELERY_BROKER_URL" not in env and "DATABASE_URL" not in env
    with running_stack(env, worker=False) as stack:
        assert stack.server.output().count("embedded redis-server listening") == 1
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Lena Fischer", timeout=60)  # the first one also waits for the worker to boot

        chat2 = LocalChat(stack.base_url, stack.data_dir, chat="second")
        started = time.monotonic()
        chat2.send_cv(make_cv_pdf(PERSONAS["german_nurse"], producer="latex"))
        profile = chat2.wait_for_message("Your profile is ready", timeout=30)
        elapsed = time.monotonic() - started
        print(f"embedded default, warm worker: CV upload → profile message in {elapsed:.2f} s")
        assert "Anna Schmidt" in profile
        assert (stack.data_dir / "job-agent.sqlite3").exists() and (stack.data_dir / "redis.sock").exists()
        with stack.session() as session:
            assert [r.status for r in session.scalars(select(UserProfile))] == ["completed", "completed"]
        chat2.say("/jobsearch nurse in Munich")
        ranked = chat2.wait_for_message("jobs for “nurse”", timeout=60)
        assert "/apply" in ranked or "Cover letter" in ranked
        chat2.say("/apply 1")
        chat2.wait_for_message("Cover letter —", timeout=60)
        [files] = wait_for(lambda: [u for u in chat2.updates() if u["kind"] == "documents"], timeout=10,
                           message="the letter's files")
        assert [f["filename"].rpartition(".")[2] for f in files["files"]] == ["pdf", "docx", "pdf", "docx"]
