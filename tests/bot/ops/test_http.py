"""The operations endpoints of a real `job-agent serve` (no worker), on SQLite and PostgreSQL with real Redis."""
from __future__ import annotations

import re

import httpx
import pytest

from bot.ops.readiness import check_migrations
from storage.migrate import upgrade_database
from tests.support.records import add_record
from tests.support.processes import wait_for
from tests.support.services import needs
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
KEY = "ops-test-key"
ADMIN = "ops-admin-key"  # in ADMIN_API_KEYS only: sees every record


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
@needs("integration", "redis")
def stack(request, data_dir, redis_prefix):
    database_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    # The tests poll /admin/stats until the sweeper has queued what they expect: on a busy machine that took more
    # than the per-key limit of 120 requests a minute (a 429 failed CI); the limit has its own tests.
    env = stack_env(data_dir, database_url=database_url, redis_prefix=redis_prefix, API_KEYS=f"other,{KEY}",
                    ADMIN_API_KEYS=ADMIN, STUCK_PENDING_SECONDS="1", API_REQUESTS_PER_MINUTE="100000")
    with running_stack(env, worker=False) as running:
        yield running


def _stats(stack, key: str = ADMIN) -> dict:
    response = httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": key}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _metric(text: str, name: str, **labels) -> float | None:
    label_text = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    pattern = re.escape(f"{name}{{{label_text}}}" if labels else name) + r" ([0-9.e+-]+)$"
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else None


def test_admin_stats_needs_an_api_key(stack):
    assert httpx.get(stack.base_url + "/admin/stats").status_code == 401
    assert httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": "wrong"}).status_code == 401
    assert httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": KEY}).status_code == 200
    assert httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": ADMIN}).status_code == 200


def test_admin_stats_counts_records_queues_and_dead_letters(stack):
    with stack.session() as session:
        for _ in range(3):
            add_record(session, "profile", "pending", age_seconds=30)
        add_record(session, "application", "completed")
        dead = add_record(session, "job_search", "failed", error_code="timeout", error_message="took too long")
        add_record(session, "profile", "failed", error_code="no_text_layer")
    stats = _stats(stack)
    assert stats["profiles"] == {"pending": 3, "processing": 0, "completed": 0, "failed": 1, "total": 4}
    assert stats["applications"]["completed"] == 1 and stats["job_searches"]["failed"] == 1
    assert stats["oldest_pending_seconds"] >= 29
    assert stats["outbox_backlog"] == 0
    assert [(d["id"], d["type"], d["error"]) for d in stats["dead_letters"]] == [(dead.id, "job_search", "took too long")]
    # No worker runs: the sweeper dispatches the pending profiles and their messages wait in Redis.
    stats = wait_for(lambda: (s := _stats(stack))["queues"]["profiling"] == 3 and s, timeout=30,
                     message="three queued profile tasks")
    assert stats["queues"] == {"profiling": 3, "discovery": 0, "matching": 0, "job_processing": 0}
    own = _stats(stack, KEY)  # an ordinary key: none of these records is its own
    assert own["profiles"]["total"] == 0 and own["dead_letters"] == [] and own["oldest_pending_seconds"] is None


def test_metrics_expose_requests_records_queues_and_notifications(stack):
    httpx.get(stack.base_url + "/health")
    first = httpx.get(stack.base_url + "/metrics").text
    for name in ("job_agent_http_request_duration_seconds_bucket", "job_agent_records", "job_agent_queue_length",
                 "job_agent_outbox_backlog", "job_agent_notifications_sent_total",
                 "job_agent_notifications_failed_total", "job_agent_oldest_pending_seconds"):
        assert name in first, name
    health_count = _metric(first, "job_agent_http_request_duration_seconds_count",
                           method="GET", route="/health", status="200")
    assert health_count >= 1
    assert _metric(first, "job_agent_records", status="pending", type="profiles") == 0
    with stack.session() as session:
        add_record(session, "profile", "pending")
    for _ in range(3):
        httpx.get(stack.base_url + "/health")
    httpx.get(stack.base_url + "/admin/stats")  # 401, labelled by its route template
    second = httpx.get(stack.base_url + "/metrics").text
    assert _metric(second, "job_agent_http_request_duration_seconds_count",
                   method="GET", route="/health", status="200") == health_count + 3
    assert _metric(second, "job_agent_http_request_duration_seconds_count",
                   method="GET", route="/admin/stats", status="401") == 1
    assert _metric(second, "job_agent_records", status="pending", type="profiles") == 1


def test_readiness_checks_migrations_and_broker(stack, tmp_path):
    response = httpx.get(stack.base_url + "/health/ready")
    assert response.status_code == 200 and response.json() == {"status": "ready", "database": "ok", "broker": "ok"}
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert check_migrations(empty).startswith("not migrated")
    upgrade_database(empty)
    assert check_migrations(empty) == "ok"
