"""Answers of job boards kept in Redis for as long as a board's terms allow (``BoardHttp`` uses it)."""
from __future__ import annotations

import json
import logging
from typing import Any

logger = logging.getLogger(__name__)


class RedisJsonCache:
    """``get(key)`` / ``set(key, value, ttl_seconds)`` of JSON values under ``prefix`` in one Redis.

    A Redis that does not answer is a cache miss, never a failed search.
    """

    def __init__(self, redis, prefix: str):
        self._redis = redis
        self._prefix = prefix

    def get(self, key: str) -> Any | None:
        try:
            raw = self._redis.get(self._prefix + key)
        except Exception:  # noqa: BLE001 (any Redis failure: search without the cache)
            logger.warning("board cache unavailable; asking the board", exc_info=True)
            return None
        return json.loads(raw) if raw else None

    def set(self, key: str, value: Any, ttl: float) -> None:
        try:
            self._redis.set(self._prefix + key, json.dumps(value), px=max(1, int(ttl * 1000)))
        except Exception:  # noqa: BLE001
            logger.warning("board cache unavailable; answer not kept", exc_info=True)
