"""One real deployment for the REST API tests: `job-agent serve` + a Celery worker on Redis and PostgreSQL."""
from __future__ import annotations

import httpx
import pytest

from tests.support.receivers import start_receiver
from tests.support.processes import free_port
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env

KEY_A, KEY_B = "test-key-a-0123456789", "test-key-b-9876543210"
MAX_UPLOAD_MB = 1
# Only these two loopback ports are allowlisted for http webhooks: any other local URL is refused.
HOOK_PORT, REDIRECT_PORT = free_port(), free_port()


@pytest.fixture(scope="session")
@needs("integration", "redis", "postgres")
def api_stack(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("api-data")
    with fresh_postgres_database() as database_url, redis_key_prefix() as prefix:
        env = stack_env(
            data_dir, database_url=database_url, redis_prefix=prefix, API_KEYS=f"{KEY_A}, {KEY_B}",
            WEBHOOK_ALLOW_HTTP_HOSTS=f"127.0.0.1:{HOOK_PORT},127.0.0.1:{REDIRECT_PORT}", MAX_UPLOAD_MB=str(MAX_UPLOAD_MB),
            # These tests share two keys across hundreds of requests; the limits have their own tests (test_limits.py).
            API_REQUESTS_PER_MINUTE="100000", MAX_OPEN_REQUESTS_PER_OWNER="100000", UPLOAD_QUOTA_MB="100000",
        )
        with running_stack(env) as stack:
            yield stack


@pytest.fixture
def client_a(api_stack):
    with httpx.Client(base_url=api_stack.base_url, headers={"X-API-Key": KEY_A}, timeout=30) as client:
        yield client


@pytest.fixture
def client_b(api_stack):
    with httpx.Client(base_url=api_stack.base_url, headers={"X-API-Key": KEY_B}, timeout=30) as client:
        yield client


@pytest.fixture
def hook_receiver():
    """A webhook receiver on the loopback port the stack allowlists."""
    server = start_receiver(port=HOOK_PORT)
    yield server
    server.stop()
