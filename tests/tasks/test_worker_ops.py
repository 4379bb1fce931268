"""With a real worker: `job-agent retry` re-queues a failed record, logs carry task and record ids,
and the retention task runs on a worker."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx
import pytest

from config import Settings
from storage.models import JobSearch
from storage.files import save_upload
from tests.support.records import add_record
from tests.support.processes import wait_for
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.processes import ROOT
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
KEY = "ops-worker-key"


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def stack(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("ops-worker")
    with redis_key_prefix() as prefix, fresh_postgres_database() as database_url:
        # A long pending timeout keeps the sweeper out of the way: only `retry` may queue the record.
        # The key is an admin key: the dead letters of records no key created are for admins only.
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, API_KEYS=KEY, ADMIN_API_KEYS=KEY,
                        LOG_FORMAT="json", STUCK_PENDING_SECONDS="120")
        with running_stack(env, worker=False) as running:
            yield running


def job_agent(stack, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=stack.env,
                          capture_output=True, text=True, timeout=60)


def stats(stack) -> dict:
    return httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": KEY}, timeout=10).json()


def test_retry_requeues_a_failed_record_and_a_worker_completes_it(stack):
    with stack.session() as session:
        record = add_record(session, "job_search", "failed", query="python developer", location="Berlin",
                            error_code="unavailable", attempts=6)
    assert [d["id"] for d in stats(stack)["dead_letters"]] == [record.id]

    result = job_agent(stack, "retry", record.id)
    assert result.returncode == 0, result.stderr
    assert f"job_search {record.id} queued again" in result.stdout
    with stack.session() as session:
        queued = session.get(JobSearch, record.id)
        assert (queued.status, queued.attempts, queued.error_code, queued.failed_at) == ("pending", 0, None, None)
    current = stats(stack)
    assert current["queues"]["discovery"] == 1 and current["dead_letters"] == []

    again = job_agent(stack, "retry", record.id)
    assert again.returncode != 0 and "is pending, not failed" in again.stderr
    unknown = job_agent(stack, "retry", "no-such-id")
    assert unknown.returncode != 0 and "no record with id 'no-such-id'" in unknown.stderr

    worker = stack.start_worker()
    done = wait_for(lambda: _finished(stack, record.id), timeout=60, message="the retried search to finish")
    assert done.status == "completed" and done.job_count > 0, stack.logs()
    assert stats(stack)["queues"]["discovery"] == 0

    lines = [json.loads(line) for line in worker.output().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("record_id") == record.id]
    assert mine, worker.output()[-3000:]
    assert all(line["task_id"] == done.celery_task_id for line in mine)
    assert any(line["logger"] == "tasks.runtime" and "completed" in line["message"] for line in mine)


def test_retention_task_runs_on_the_worker(stack):
    if not stack.workers:
        stack.start_worker()
    settings = Settings(_env_file=None, job_agent_data_dir=stack.data_dir)
    old_cv, new_cv = save_upload(settings, b"%PDF-1.4 old"), save_upload(settings, b"%PDF-1.4 new")
    month_ago = time.time() - 31 * 86400
    os.utime(settings.uploads_dir / old_cv, (month_ago, month_ago))
    with stack.session() as session:
        old = add_record(session, "profile", "completed", age_seconds=31 * 86400, source_files=[old_cv])
        add_record(session, "profile", "completed", source_files=[new_cv])
    command = [sys.executable, "-m", "celery", "-A", "tasks.celery_app", "call", "tasks.lifecycle.purge_expired_task"]
    subprocess.run(command, cwd=ROOT, env=stack.env, check=True, capture_output=True, timeout=60)
    wait_for(lambda: not (settings.uploads_dir / old_cv).exists(), timeout=30, message="the old CV to be deleted")
    assert (settings.uploads_dir / new_cv).exists()
    with stack.session() as session:
        assert session.get(type(old), old.id).source_files == []


def _finished(stack, record_id: str):
    with stack.session() as session:
        record = session.get(JobSearch, record_id)
        return record if record.status in ("completed", "failed") else None
