"""The local chat adapter: the terminal client talks to the same core over loopback HTTP."""
from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections import defaultdict

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request

from bot.core.commands import BuildProfile
from bot.core.parse import parse_text
from bot.core.ports import Document, OriginRef, OutgoingMessage, UserRef
from bot.local.render import render_text
from bot.local.token import local_token, local_token_matches
from bot.local.upload import read_cv_form
from config import Settings
from i18n import N_, translator, user_language

logger = logging.getLogger(__name__)
PLATFORM = "local"
MAX_KEPT_UPDATES = 500


class LocalMessenger:
    """Keeps each chat's outgoing messages in memory; the terminal client long-polls them."""

    def __init__(self) -> None:
        self.updates: dict[str, list[dict]] = defaultdict(list)
        self.sequence = 0
        self.changed = asyncio.Condition()

    async def _publish(self, chat_id: str, update: dict) -> str:
        async with self.changed:
            self.sequence += 1
            update["update_id"] = self.sequence
            kept = self.updates[chat_id]
            kept.append(update)
            del kept[:-MAX_KEPT_UPDATES]
            self.changed.notify_all()
        return str(self.sequence)

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        return await self._publish(origin.chat_id, {"kind": "message", "text": render_text(message)})

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        await self._publish(origin.chat_id, {"kind": "edit", "message_id": message_id, "text": render_text(message)})

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        """One update carries every file, so the terminal client saves them all or none."""
        await self._publish(origin.chat_id, {"kind": "documents", "caption": caption, "files": [
            {"filename": document.filename, "mime_type": document.mime_type,
             "data": base64.b64encode(document.data).decode()} for document in documents]})

    async def wait_for(self, chat_id: str, after: int, timeout: float) -> list[dict]:
        async with self.changed:
            try:
                await asyncio.wait_for(
                    self.changed.wait_for(lambda: any(u["update_id"] > after for u in self.updates[chat_id])), timeout)
            except TimeoutError:
                pass
            return [update for update in self.updates[chat_id] if update["update_id"] > after]


class LocalAdapter:
    platform = PLATFORM

    def __init__(self, settings: Settings, conversation) -> None:
        self.settings = settings
        self.conversation = conversation
        self.messenger = LocalMessenger()
        self.router = self._routes()

    def token(self) -> str:
        return local_token(self.settings)

    async def start(self) -> None:
        self.token()

    async def stop(self) -> None:
        pass

    async def replay_unprocessed(self) -> None:
        pass

    def _routes(self) -> APIRouter:
        # The HTTP edge (bot.ops.auth_gate) refuses a wrong token before the body is read; this is its second
        # line, for an app mounted without it.
        def authorised(x_local_token: str = Header("")) -> None:
            if not local_token_matches(self.settings, x_local_token):
                raise HTTPException(401, "wrong or missing X-Local-Token (see the data folder's local-chat-token)")

        router = APIRouter(prefix="/local", dependencies=[Depends(authorised)], include_in_schema=False)

        @router.post("/messages", status_code=202)
        async def post_message(request: Request) -> dict:
            try:
                body = json.loads(await request.body())
            except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser's stack
                raise HTTPException(400, "send a JSON object: {\"chat\": ..., \"text\": ...}") from None
            if not isinstance(body, dict):
                raise HTTPException(400, "send a JSON object: {\"chat\": ..., \"text\": ...}")
            text, chat = str(body.get("text", ""))[:2000], _chat_id(body.get("chat"))
            locale = body.get("locale")
            locale = locale[:16] if isinstance(locale, str) else None
            command = parse_text(_user(chat, locale), OriginRef(PLATFORM, chat), text)
            asyncio.create_task(self._run(command))
            return {"status": "accepted"}

        @router.post("/cv", status_code=202)
        async def post_cv(request: Request) -> dict:
            """A CV file (form field ``file``) with ``chat`` and ``locale``; or, for a file over the size limit,
            only its ``size`` (bytes) and ``filename``, so the person hears the limit without the file crossing
            the wire. Read into memory as it streams (bot.local.upload), never spooled to disk."""
            limit = self.settings.max_upload_bytes
            form = await read_cv_form(request, limit)
            chat, locale = _chat_id(form.fields.get("chat")), form.fields.get("locale", "")[:16] or None
            if form.data is None:
                announced = form.fields.get("size", "")
                if not (announced.isascii() and announced.isdigit()) or int(announced) <= limit:
                    raise HTTPException(422, "attach the CV in the form field file (only a file over the limit "
                                             "may be announced by its size alone)")
                data, size, name = b"", int(announced), form.fields.get("filename", "")[:255]
            else:
                data, size, name = bytes(form.data), form.size, form.filename

            async def fetch() -> bytes:
                return data

            # The declared content type is ignored: the core decides the kind from the bytes.
            # size is the whole file's; data stops one byte past the limit.
            command = BuildProfile(_user(chat, locale), OriginRef(PLATFORM, chat), filename=name or "cv",
                                   size=size, fetch=fetch)
            asyncio.create_task(self._run(command))
            return {"status": "accepted"}

        @router.get("/updates")
        async def updates(chat: str, after: int = 0, timeout: float = Query(20, le=60)) -> list[dict]:
            return await self.messenger.wait_for(_chat_id(chat), after, timeout)

        return router

    async def _run(self, command) -> None:
        try:
            await self.conversation.handle(command)
        except Exception:
            logger.exception("local command failed")
            await self.messenger.send(command.origin, _sorry(command.user))


def _chat_id(value) -> str:
    chat = str(value or "terminal")[:60]
    if not chat.replace("-", "").replace("_", "").isalnum():
        raise HTTPException(422, "chat must be letters, digits, - or _")
    return chat


def _user(chat: str, locale: str | None = None) -> UserRef:
    return UserRef(platform=PLATFORM, external_user_id=chat, display_name=chat, locale=locale)


SORRY = N_("Something went wrong on our side. Please try again.")


def _sorry(user: UserRef):
    from bot.core.ports import Message

    return Message(text=translator(user_language(None, user.locale))(SORRY))
