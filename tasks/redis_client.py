"""A redis-py client on the broker's Redis, for state shared by all workers (rate limits)."""
from __future__ import annotations

from functools import lru_cache

import redis

from config import Settings


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    if url.startswith("redis+socket://"):
        return redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"))
    return redis.Redis.from_url(url)


def broker_redis(settings: Settings) -> redis.Redis:
    return _client(settings.broker_url)
