import threading
import time
import uuid

import pytest
import redis

from domain.errors import TransientError
from domain.jobs.rate_limit import RedisRateLimiter
from tests.support.services import REDIS_URL, needs

pytestmark = pytest.mark.redis


@pytest.fixture
@needs("redis")
def key():
    """A unique key on the shared Redis, removed afterwards."""
    name = f"jobagent-test-ratelimit-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(REDIS_URL)
    yield name
    client.delete(name)
    client.close()


@pytest.fixture
@needs("redis")
def clients():
    made = [redis.Redis.from_url(REDIS_URL) for _ in range(2)]  # two separate pools
    yield made
    for client in made:
        client.close()


def test_two_clients_share_one_limit(key, clients):
    first, second = (RedisRateLimiter(c, key, limit=5, period=10) for c in clients)
    granted = []

    def hammer(limiter):
        for _ in range(10):
            granted.append(limiter.try_acquire() == 0)

    threads = [threading.Thread(target=hammer, args=(lim,)) for lim in (first, second) * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(granted) == 5  # 40 attempts over four threads and two clients: five slots
    assert second.try_acquire() > 9  # the next slot frees in about ten seconds


def test_acquire_without_waiting_raises_transient_with_retry_after(key, clients):
    limiter = RedisRateLimiter(clients[0], key, limit=2, period=30)
    limiter.acquire()
    limiter.acquire()
    with pytest.raises(TransientError) as caught:
        RedisRateLimiter(clients[1], key, limit=2, period=30).acquire()
    assert 28 < caught.value.retry_after <= 30


def test_acquire_waits_a_bounded_time_for_a_slot(key, clients):
    waiting = RedisRateLimiter(clients[1], key, limit=2, period=0.5, max_wait=2)
    RedisRateLimiter(clients[0], key, limit=2, period=0.5).acquire()
    RedisRateLimiter(clients[0], key, limit=2, period=0.5).acquire()
    started = time.monotonic()
    waiting.acquire()
    assert 0.3 < time.monotonic() - started < 1.5


def test_window_slides_and_key_expires(key, clients):
    limiter = RedisRateLimiter(clients[0], key, limit=1, period=0.3)
    assert limiter.try_acquire() == 0
    assert limiter.try_acquire() > 0
    time.sleep(0.35)
    assert limiter.try_acquire() == 0
    assert 0 < clients[0].pttl(key) <= 300  # no key is left behind on the shared Redis


def test_rejects_nonsense_settings(clients):
    with pytest.raises(ValueError):
        RedisRateLimiter(clients[0], "k", limit=0, period=1)
