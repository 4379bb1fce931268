"""POST /telegram/webhook: check the secret, store and deduplicate the update, answer at once.

The route is a plain ASGI endpoint, not a FastAPI one: at thousands of updates a second,
FastAPI's request object, dependency solving and response model cost more than storing the
update does, and this route needs none of them (one header, a small JSON body, an empty answer).
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging

from fastapi import APIRouter
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from bot.ops.refusal import announces_body

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_HEADER_KEY = SECRET_HEADER.lower().encode()  # ASGI header names arrive lower-cased
MAX_UPDATE_BYTES = 1024 * 1024  # updates are small JSON; anything this big is not from Telegram
_EMPTY = [(b"content-length", b"0")]
_CLOSE = [*_EMPTY, (b"connection", b"close")]
BODY_SECONDS = 30.0  # an update is a few kilobytes; Telegram sends it in one go


def parse_update(body: bytes) -> dict | None:
    """The update as a dict, or None when the body is not a JSON Telegram update."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser's stack
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    if "\\ud" in body.decode("utf-8", "replace").lower() and _has_lone_surrogate(data):
        return None  # Telegram sends UTF-8: a lone surrogate escape is forged, and no Bot API call could carry it
    return data


def _has_lone_surrogate(value) -> bool:
    """Whether any string (key or value) in ``value`` holds a lone UTF-16 surrogate (a JSON ``"\\ud800"``)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(key) or _has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class TooSlow(Exception):
    """The body had not all arrived within its deadline."""


async def read_capped(receive: Receive, limit: int, seconds: float | None = None) -> bytes | None:
    """The request body, or None as soon as it grows past ``limit`` bytes (chunked bodies too: nothing more is
    read). Raises ``TooSlow`` when it has not all arrived within ``seconds`` (``BODY_SECONDS``): a trickle must
    not hold the connection."""
    chunks, size = [], 0
    deadline = asyncio.get_running_loop().time() + (BODY_SECONDS if seconds is None else seconds)
    while True:
        try:
            message = await asyncio.wait_for(receive(), deadline - asyncio.get_running_loop().time())
        except TimeoutError:
            raise TooSlow() from None
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def answer(send: Send, status: int, *, unread: bool = False) -> None:
    """An empty answer; ``unread``: the body was not read to its end, so the connection is closed after it
    (uvicorn would otherwise read, and throw away, all the rest of it on the kept-alive connection)."""
    await send({"type": "http.response.start", "status": status, "headers": _CLOSE if unread else _EMPTY})
    await send({"type": "http.response.body", "body": b""})


class TelegramWebhook:
    """The ASGI endpoint: 401 without the secret header, 403 with a wrong one, 413 too big, 408 too slow (each
    closing the connection when a body is left unread), 400 not an
    update, else 200 once ``adapter.accept(data)`` has stored it (a duplicate too, so Telegram stops resending).
    """

    def __init__(self, adapter, secret: str) -> None:
        self.adapter = adapter
        self.expected = secret.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = next((value for name, value in scope["headers"] if name == _SECRET_HEADER_KEY), None)
        if given is None:
            return await answer(send, 401, unread=announces_body(scope))
        if not hmac.compare_digest(given, self.expected):
            logger.warning("refused a Telegram update with a wrong secret token")
            return await answer(send, 403, unread=announces_body(scope))
        try:
            body = await read_capped(receive, MAX_UPDATE_BYTES)
        except TooSlow:
            return await answer(send, 408, unread=True)
        if body is None:
            return await answer(send, 413, unread=True)
        data = parse_update(body)
        if data is None:
            return await answer(send, 400)
        try:
            await self.adapter.accept(data)
        except ValueError:
            return await answer(send, 400)
        await answer(send, 200)


def webhook_router(endpoint: TelegramWebhook) -> APIRouter:
    """The endpoint as a route of the app (reached after its middleware; ``bot.fast_path`` reaches it before)."""
    router = APIRouter()
    router.routes.append(Route(WEBHOOK_PATH, endpoint, methods=["POST"], include_in_schema=False))
    return router
