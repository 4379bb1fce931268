"""The chat platforms' per-chat posting limits: about one message a second in one chat or channel
(Telegram's and Slack's), with short bursts allowed; the bot waits instead of meeting a 429."""
from __future__ import annotations

import asyncio
import time


class ChannelPacer:
    """A per-channel generic cell rate limiter: waits only when a channel runs ahead of its rate.

    Reservations are taken without awaiting, so concurrent senders to one channel queue up in
    order instead of all waking at the same moment.
    """

    # A burst of two: a reply and its list go out at once, and the platforms, which allow short bursts
    # of a few, still have a message's worth of room for network jitter.
    def __init__(self, interval: float = 1.0, burst: int = 2, clock=time.monotonic):
        self.interval = interval
        self.burst = burst
        self.clock = clock
        self._theoretical_arrival: dict[str, float] = {}

    def reserve(self, channel: str) -> float:
        """Take the next slot for the channel; returns how long to wait before sending."""
        now = self.clock()
        arrival = max(self._theoretical_arrival.get(channel, now), now)
        self._theoretical_arrival[channel] = arrival + self.interval
        if len(self._theoretical_arrival) > 10_000:
            self._forget_idle(now)
        return max(0.0, arrival - (self.burst - 1) * self.interval - now)

    async def wait(self, channel: str) -> None:
        delay = self.reserve(channel)
        if delay:
            await asyncio.sleep(delay)

    def _forget_idle(self, now: float) -> None:
        for channel, arrival in list(self._theoretical_arrival.items()):
            if arrival < now:
                del self._theoretical_arrival[channel]
