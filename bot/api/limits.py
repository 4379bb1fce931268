"""Per-API-key rate limit of the REST API: API_REQUESTS_PER_MINUTE requests in any moving minute.

Beyond it a key gets 429 with ``Retry-After`` (whole seconds until its oldest request of the minute
leaves the window) and a JSON ``detail``; other keys are counted apart and unaffected. Counts are
kept under the key's id (a hash, never the key), in memory for the embedded broker and in the
broker's Redis when CELERY_BROKER_URL is a redis URL, so several ``serve`` processes share them
(bot.core.flood.limits_storage_uri). An unreachable limiter lets requests through (logged).
"""
from __future__ import annotations

import logging
import math
import time

from fastapi import FastAPI, HTTPException, status
from limits import RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter

from bot.core.flood import async_limits_storage
from config import Settings

logger = logging.getLogger(__name__)


class ApiRateLimit:
    """One app's per-key moving-minute limit (``check``)."""

    def __init__(self, settings: Settings):
        self.item = RateLimitItemPerMinute(settings.api_requests_per_minute)
        self.limiter = MovingWindowRateLimiter(async_limits_storage(settings))

    async def check(self, api_key_id: str) -> None:
        """Count one request of ``api_key_id``; raise HTTPException 429 with ``Retry-After`` beyond the limit."""
        try:
            if await self.limiter.hit(self.item, "api", api_key_id):
                return
            stats = await self.limiter.get_window_stats(self.item, "api", api_key_id)
        except Exception:
            logger.warning("the REST rate limiter is unavailable; letting the request through", exc_info=True)
            return
        seconds = max(1, math.ceil(stats.reset_time - time.time()))
        logger.info("refused a REST request: its key is over %d requests a minute", self.item.amount)
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"This API key has made more than {self.item.amount} requests in the last minute, the most allowed "
            f"(API_REQUESTS_PER_MINUTE). Try again in {seconds} seconds.",
            headers={"Retry-After": str(seconds)})


def rate_limit_of(app: FastAPI) -> ApiRateLimit:
    """The app's ``ApiRateLimit``, made from its settings on first use (one per app, so a test's app
    with small limits has its own counts)."""
    limit = getattr(app.state, "api_rate_limit", None)
    if limit is None:
        limit = app.state.api_rate_limit = ApiRateLimit(app.state.settings)
    return limit
