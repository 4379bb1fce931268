"""Real backing services for tests: a fresh PostgreSQL database, an isolated Redis key space; and ``needs``,
which declares on a fixture the markers of the services it reaches."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import redis
from sqlalchemy import create_engine, text

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@contextmanager
def fresh_postgres_database():
    """Create an empty database for one test (module) and drop it afterwards."""
    name = f"jobagent_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = POSTGRES_ADMIN_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        from storage.db import dispose_engines

        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def redis_key_prefix():
    """A unique Celery key prefix on the shared Redis; every key under it is removed afterwards."""
    prefix = f"jobagent-test-{uuid.uuid4().hex[:10]}:"
    client = redis.Redis.from_url(REDIS_URL)
    try:
        yield prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        for key in client.scan_iter(match=f"*{prefix}*", count=1000):
            client.delete(key)
        client.close()


def needs(*markers: str):
    """Declare that a fixture reaches a real service or spawns the stack: every test using it must carry these
    pytest markers ("redis", "postgres", "integration"). tests/conftest.py checks it when collecting, and again
    when a test asks for the fixture at run time (``request.getfixturevalue``). Put it under ``@pytest.fixture``."""
    def declare(fixture_function):
        fixture_function.needs_markers = frozenset(markers)
        return fixture_function

    return declare
