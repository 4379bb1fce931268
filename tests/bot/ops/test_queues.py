"""Queue lengths read from a real Redis: the shared one with a key prefix, and the embedded socket broker."""
from __future__ import annotations

import pytest
import redis

from bot.embedded import start_redis
from bot.ops.queues import queue_lengths
from config import Settings
from tasks.celery_app import QUEUES, make_celery
from tests.support.services import REDIS_URL


def _send(app, task: str, **options) -> None:
    app.send_task(task, args=["00000000-0000-0000-0000-000000000000"], **options)


@pytest.mark.redis
def test_lengths_follow_routing_priorities_and_key_prefix(redis_prefix, data_dir):
    settings = Settings(celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL,
                        celery_key_prefix=redis_prefix, job_agent_data_dir=data_dir)
    app = make_celery(settings)
    assert queue_lengths(app, QUEUES) == {queue: 0 for queue in QUEUES}
    _send(app, "tasks.discovery.search_jobs_task")
    _send(app, "tasks.discovery.search_jobs_task", priority=6)  # lands in kombu's "discovery\x06\x166" list
    _send(app, "tasks.job_processing.process_job_task")
    assert queue_lengths(app, QUEUES) == {"profiling": 0, "discovery": 2, "matching": 0, "job_processing": 1}
    raw = redis.Redis.from_url(REDIS_URL)
    assert raw.llen(f"{redis_prefix}discovery") == 1  # the keys really live under the deployment's prefix


def test_lengths_on_the_embedded_socket_broker(data_dir):
    settings = Settings(job_agent_data_dir=data_dir)
    process = start_redis(settings.embedded_redis_socket, data_dir)
    try:
        app = make_celery(settings)
        assert settings.broker_url.startswith("redis+socket://")
        _send(app, "tasks.profiling.build_profile_task")
        _send(app, "tasks.matching.screen_jobs_task")
        _send(app, "tasks.matching.screen_jobs_task")
        assert queue_lengths(app, QUEUES) == {"profiling": 1, "discovery": 0, "matching": 2, "job_processing": 0}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_unreachable_broker_reports_unknown_lengths(data_dir):
    settings = Settings(celery_broker_url="redis://127.0.0.1:1/0", job_agent_data_dir=data_dir)
    app = make_celery(settings)
    app.conf.broker_connection_max_retries = 0
    assert queue_lengths(app, QUEUES) == {queue: None for queue in QUEUES}
