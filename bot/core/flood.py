"""Per-person flood limits of the chat, for every adapter: messages and files a minute.

A person sending more than USER_MESSAGES_PER_MINUTE commands, or more than USER_FILES_PER_MINUTE
files, in any moving minute is slowed: what they send beyond that is not acted on, and they are
told so once a minute (not once a message, which would flood the chat back). Everyone else is
unaffected. The adapters have stored and acknowledged each update before the conversation sees
it, so nothing here touches delivery.

Counts live in memory for the embedded broker (one ``serve`` process), and in the broker's Redis
when CELERY_BROKER_URL is a redis URL, so several ``serve`` processes share them. A limiter that
cannot be reached lets everything through (logged): the limit is a courtesy to others, not a
reason to stop answering.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from config import Settings
from i18n import N_

logger = logging.getLogger(__name__)
TOO_MANY_MESSAGES = N_("You're sending messages faster than I can answer (more than {limit} a minute), so I'm "
                       "skipping some. Send your next message in about {seconds} seconds.")
TOO_MANY_FILES = N_("You've sent more than {limit} files in a minute, so I'm skipping some. "
                    "Send the next file in about {seconds} seconds.")
_WARNED = RateLimitItemPerMinute(1)  # one "slow down" a person a minute, whatever they send


def limits_storage_uri(settings: Settings, *, asynchronous: bool) -> str:
    """The ``limits`` storage URI for counts shared by every ``serve`` process.

    ``redis://`` or ``rediss://`` CELERY_BROKER_URL: that Redis (``async+`` in front for the asyncio
    storage); anything else (the embedded broker on a socket, one process): ``memory://``.
    """
    broker = settings.celery_broker_url or ""
    scheme = "memory://"
    if broker.startswith(("redis://", "rediss://")):
        scheme = broker
    return f"async+{scheme}" if asynchronous else scheme


def async_limits_storage(settings: Settings):
    """A ``limits.aio`` storage for ``limits_storage_uri`` (redis-py's asyncio client, keys under the
    deployment's CELERY_KEY_PREFIX)."""
    uri = limits_storage_uri(settings, asynchronous=True)
    if uri.startswith("async+memory"):
        return storage_from_string(uri)
    return storage_from_string(uri, implementation="redispy",
                               key_prefix=f"{settings.celery_key_prefix}job-agent-limits")


@dataclass(frozen=True)
class Slowed:
    """A refused command: which limit (``TOO_MANY_MESSAGES`` or ``TOO_MANY_FILES``), its per-minute
    ``limit``, whole ``seconds`` until there is room again, and whether to ``tell`` the person now
    (the first refusal of their minute) or stay quiet."""

    message: str
    limit: int
    seconds: int
    tell: bool


class FloodGate:
    """Counts one person's commands and files in a moving minute; ``admit`` says whether to act on one."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.messages = RateLimitItemPerMinute(settings.user_messages_per_minute)
        self.files = RateLimitItemPerMinute(settings.user_files_per_minute)
        # Made now, at start-up: the Redis storage imports its asyncio client (half a second on a busy
        # machine), which the first person's message should not wait for. It connects on first use.
        self.limiter = MovingWindowRateLimiter(async_limits_storage(settings))

    async def admit(self, person: tuple[str, ...], *, files: int = 0) -> Slowed | None:
        """None when the person's command (carrying ``files`` files) may be acted on, else ``Slowed``.

        ``person``: the person's stable key (``UserRef.key``). Counts the command even when it is then
        refused for its files, so a person cannot flood with refused files either.
        """
        who = ":".join(person)
        try:
            if not await self.limiter.hit(self.messages, "chat-messages", who):
                return await self._slowed(TOO_MANY_MESSAGES, self.messages, "chat-messages", who)
            # One message's files count at most the whole minute's allowance: an album larger than it is
            # taken when the minute is clear (and cut to what a CV reads), never refused for ever.
            cost = min(files, self.files.amount)
            if files and not await self.limiter.hit(self.files, "chat-files", who, cost=cost):
                return await self._slowed(TOO_MANY_FILES, self.files, "chat-files", who)
        except Exception:  # an unreachable Redis must not silence the bot
            logger.warning("the chat flood limiter is unavailable; letting the message through", exc_info=True)
        return None

    async def _slowed(self, message: str, item, kind: str, who: str) -> Slowed:
        stats = await self.limiter.get_window_stats(item, kind, who)
        seconds = max(1, math.ceil(stats.reset_time - time.time()))
        tell = await self.limiter.hit(_WARNED, f"{kind}-told", who)
        logger.info("slowed a chat user: over %d %s a minute", item.amount, kind)
        return Slowed(message=message, limit=item.amount, seconds=seconds, tell=tell)
