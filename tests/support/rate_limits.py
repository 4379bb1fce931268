"""Server-side rate limits for the platform stand-ins: refuse what runs ahead, as the real APIs do."""
from __future__ import annotations

import math
import time


class RateLimit:
    """A generic cell rate algorithm per key, judged on arrival: a call is refused (and costs
    nothing) when its key runs more than ``burst - 1`` intervals ahead of ``interval`` seconds a call.

    Unlike the bot's own pacer, which makes the caller wait, this only answers yes or how long to wait.
    Not thread-safe on its own: the stand-in calls it under its lock.
    """

    def __init__(self, interval: float, burst: int = 1, clock=time.monotonic):
        self.interval = interval
        self.tolerance = (burst - 1) * interval
        self.clock = clock
        self._theoretical_arrival: dict[object, float] = {}

    def wait(self, key: object = None) -> float:
        """Seconds until a call for ``key`` would conform (0: now); takes nothing."""
        now = self.clock()
        return max(0.0, self._theoretical_arrival.get(key, now) - self.tolerance - now)

    def take(self, key: object = None) -> None:
        """Count a call for ``key`` as made now."""
        now = self.clock()
        self._theoretical_arrival[key] = max(self._theoretical_arrival.get(key, now), now) + self.interval


def admit(*checks: tuple[RateLimit, object]) -> float:
    """0 and every (limit, key) charged when all conform; else the longest wait, nothing charged.

    Callers hold one lock around it (the stand-in's), so no other call slips in between.
    """
    wait = max(limit.wait(key) for limit, key in checks)
    if wait <= 0:
        for limit, key in checks:
            limit.take(key)
    return wait


def retry_after_seconds(wait: float) -> int:
    """Whole seconds, at least one: what Telegram's retry_after and Slack's Retry-After carry."""
    return max(1, math.ceil(wait))
