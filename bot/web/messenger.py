"""The web chat's messenger: every outgoing message is written to the database first, then streamed; so is the
person's own message (``record_mine``), so a replay shows both sides of the conversation.

A message is "delivered" once its row is committed (storage.web_chat): the browser reads it over
``GET /chat/events`` now or whenever it reconnects, from this process or another, before or after a restart.
So the outbox's exactly-once holds as it does for the other platforms: the Notifier records each part after
``send`` returns, and a part is sent again only if that record was lost.

Waiting readers are woken at once in this process: each waits on the current ``asyncio.Event`` with a timeout and
no lock held, and every write sets that event and puts a fresh one in its place. (An ``asyncio.Condition`` held
across ``asyncio.wait_for`` could, on Python 3.11, be left locked with no owner when a wait was cancelled as it
timed out — a browser closing its stream — and then every later write blocked for ever.) A row written by
another ``serve`` process is seen at the next poll (``POLL_SECONDS``).
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import Document, OriginRef, OutgoingMessage, UserRef
from bot.web import render as web_render
from config import Settings
from i18n import user_language
from storage.models import ChatUser
from storage.web_chat import (
    DOCUMENTS,
    EDIT,
    MESSAGE,
    MINE,
    add_file,
    append,
    events_after,
)

logger = logging.getLogger(__name__)
PLATFORM = "web"
POLL_SECONDS = 2.0  # how late a row written by another serve process may be seen


def file_url(file_id: str) -> str:
    return f"/chat/files/{file_id}"


class WebMessenger:
    """``ChatMessenger`` for the web chat; ``origin.chat_id`` is the session id."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session]):
        self.settings = settings
        self.sessions = sessions
        self.changed = asyncio.Event()  # set (and replaced) by the next write here

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        row = await asyncio.to_thread(self._write, origin.chat_id, MESSAGE, _renderer(message), None, None)
        self._wake()
        return row

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        await asyncio.to_thread(self._write, origin.chat_id, EDIT, _renderer(message), message_id, None)
        self._wake()

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        """One event carries every file (all or nothing: one transaction)."""
        def render(message_id: str, files: list[dict], language: str) -> tuple[str, str]:
            return web_render.render_documents(files, message_id, caption=caption, language=language), caption

        await asyncio.to_thread(self._write, origin.chat_id, DOCUMENTS, render, None, documents)
        self._wake()

    async def record_mine(self, chat_id: str, text: str, *, client_id: str = "", upload: bool = False,
                          language: str = "en") -> str:
        """Keep the person's own message (``text``; for a CV ``upload``, the file's name: "📎 name") as a "mine"
        event carrying ``client_id`` back to the page that drew it; returns its message id. ``language``: of the
        screen reader's "You:" (the person's first message comes before the core knows their language)."""
        def render(message_id: str, files: list[dict], _language: str) -> tuple[str, str]:
            return (web_render.render_mine(text, message_id, client_id=client_id, upload=upload, language=language),
                    web_render.mine_text(text, upload=upload))

        message_id = await asyncio.to_thread(self._write, chat_id, MINE, render, None, None, client_id)
        self._wake()
        return message_id

    def _write(self, chat_id: str, kind: str, render: Callable, message_id: str | None,
               documents: list[Document] | None, client_id: str = "") -> str:
        """The event's message id, once committed with its files."""
        with self.sessions() as session:
            language = _language(session, chat_id)
            files = []
            for document in documents or []:
                row = add_file(session, chat_id, filename=document.filename, mime_type=document.mime_type,
                               data=document.data)
                files.append({"url": file_url(row.id), "filename": row.filename, "mime_type": row.mime_type,
                              "size": row.size})
            event = append(session, chat_id, kind, lambda mid: render(mid, files, language),
                           message_id=message_id, files=files, client_id=client_id)
            return event.message_id

    def _wake(self) -> None:
        """Wake every reader waiting now; readers that come later wait on the fresh event. Never blocks."""
        changed, self.changed = self.changed, asyncio.Event()
        changed.set()

    async def wait_for(self, session_id: str, after: int, timeout: float) -> list[dict]:
        """The session's events after seq ``after``; waits up to ``timeout`` seconds for one when there is none."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self.changed  # taken before the read: a write after it sets this one, never slept through
            events = await asyncio.to_thread(self._read, session_id, after)
            left = deadline - loop.time()
            if events or left <= 0:
                return events
            # Cancelling this (a stream closed) leaves nothing held: an Event has no lock. asyncio.timeout, not
            # wait_for: 3.11's wait_for can swallow a cancellation that lands as the event is set.
            try:
                async with asyncio.timeout(min(left, POLL_SECONDS)):
                    await changed.wait()
            except TimeoutError:
                pass

    def _read(self, session_id: str, after: int) -> list[dict]:
        with self.sessions() as session:
            return events_after(session, session_id, after)


def _renderer(message: OutgoingMessage):
    def render(message_id: str, files: list[dict], language: str) -> tuple[str, str]:
        return (web_render.render_message(message, message_id, language=language),
                web_render.plain_text(message))

    return render


def _language(session: Session, chat_id: str) -> str:
    """The language of the chrome around a message (the message itself comes translated): the person's."""
    chat_user = session.scalar(select(ChatUser).where(
        ChatUser.platform == PLATFORM, ChatUser.workspace_id == "", ChatUser.external_user_id == chat_id))
    return user_language(chat_user.language, chat_user.locale) if chat_user else "en"


def user_of(session_id: str, locale: str | None) -> UserRef:
    """The person a browser session is: the session id is their user id on platform "web"."""
    return UserRef(platform=PLATFORM, external_user_id=session_id, display_name=None, locale=locale)


def origin_of(session_id: str) -> OriginRef:
    """The chat a browser session is: one session, one chat."""
    return OriginRef(platform=PLATFORM, chat_id=session_id)
