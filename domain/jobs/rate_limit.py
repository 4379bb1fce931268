"""A rate limit shared by every worker, kept in Redis.

Celery's ``rate_limit`` counts per worker, so four workers at "10/m" make 40 calls a
minute to SerpApi. This sliding-window limiter keeps one log of call times in a Redis
sorted set; a Lua script checks and records a call atomically, using the Redis clock so
workers on different machines agree on "now".
"""
from __future__ import annotations

import logging
import time
import uuid

from domain.errors import TransientError

logger = logging.getLogger(__name__)

# KEYS[1]: the call log; ARGV: limit, window in ms, a unique member for this call.
# Returns 0 when the call may go ahead, else the milliseconds until a slot frees up.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""


class RateLimited(TransientError):
    """Our own shared allowance for a service is used up (not the service failing): try later."""


class RedisRateLimiter:
    """At most ``limit`` calls per ``period`` seconds across all processes sharing ``key``.

    ``acquire()`` waits up to ``max_wait`` seconds for a free slot, then gives up with
    ``RateLimited(retry_after=...)`` (a ``TransientError``) so a Celery task retries later instead of holding
    a worker.
    """

    def __init__(self, redis, key: str, limit: int, period: float, *, max_wait: float = 0.0):
        if limit < 1 or period <= 0:
            raise ValueError("limit must be >= 1 and period > 0")
        self._redis = redis
        self.key = key
        self.limit = limit
        self.period = period
        self.max_wait = max_wait
        self._script = redis.register_script(_ACQUIRE)

    def try_acquire(self) -> float:
        """Take a slot if one is free: 0.0 on success, else seconds until one frees up."""
        wait_ms = self._script(
            keys=[self.key],
            args=[self.limit, int(self.period * 1000), uuid.uuid4().hex],
        )
        return int(wait_ms) / 1000.0

    def acquire(self) -> None:
        """Take a slot, waiting at most ``max_wait`` seconds; else raise ``TransientError``."""
        deadline = time.monotonic() + self.max_wait
        while True:
            wait = self.try_acquire()
            if wait == 0:
                return
            remaining = deadline - time.monotonic()
            if wait > remaining:
                logger.info("rate limit %s full; retry in %.2fs", self.key, wait)
                raise RateLimited(f"Rate limit {self.limit}/{self.period:g}s reached", retry_after=wait)
            time.sleep(wait)
