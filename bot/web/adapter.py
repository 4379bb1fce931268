"""The web chat adapter: platform "web", one anonymous browser session = one user = one chat.

Routes in bot.web.routes; the session cookie, CSRF token and access code in bot.web.session; outgoing messages
kept in the database and streamed by bot.web.messenger. Mounted only when ``settings.web_chat_on``.
"""
from __future__ import annotations

import asyncio
import logging

from bot.core.ports import Message
from bot.web.messenger import PLATFORM, WebMessenger
from bot.web.routes import web_router
from config import Settings
from i18n import N_, translator, user_language

logger = logging.getLogger(__name__)
SORRY = N_("Something went wrong on our side. Please try again.")


class WebAdapter:
    platform = PLATFORM

    def __init__(self, settings: Settings, conversation) -> None:
        self.settings = settings
        self.conversation = conversation
        self.messenger = WebMessenger(settings, conversation.sessions)
        self.tasks: set[asyncio.Task] = set()  # commands being handled: kept referenced until they finish
        # One command of a session at a time, in the order they came: "/jobsearch …" then "more" typed quickly
        # must be answered in that order. {session id: (lock, commands holding or awaiting it)}
        self.turns: dict[str, tuple[asyncio.Lock, int]] = {}
        self.router = web_router(self)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def replay_unprocessed(self) -> None:
        """Nothing is acknowledged before it is handed to the core (a POST answers 202 as the core starts)."""

    def run(self, command) -> None:
        """Hand ``command`` to the core in the background (the POST answers 202 at once)."""
        task = asyncio.create_task(self._run(command))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _run(self, command) -> None:
        key = command.origin.chat_id
        lock, waiting = self.turns.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self.turns[key] = (lock, waiting + 1)
        try:
            async with lock:
                await self.conversation.handle(command)
        except Exception:
            logger.exception("web chat command failed")
            t = translator(user_language(None, command.user.locale))
            await self.messenger.send(command.origin, Message(text=t(SORRY)))
        finally:
            lock, waiting = self.turns[key]
            if waiting == 1:
                del self.turns[key]
            else:
                self.turns[key] = (lock, waiting - 1)
