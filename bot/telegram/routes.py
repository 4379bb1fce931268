"""POST /telegram/webhook: check the secret, store and deduplicate the update, answer at once.

The route is a plain ASGI endpoint, not a FastAPI one: at thousands of updates a second,
FastAPI's request object, dependency solving and response model cost more than storing the
update does, and this route needs none of them (one header, a small JSON body, an empty answer).
"""
from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_HEADER_KEY = SECRET_HEADER.lower().encode()  # ASGI header names arrive lower-cased
MAX_UPDATE_BYTES = 1024 * 1024  # updates are small JSON; anything this big is not from Telegram
_EMPTY = [(b"content-length", b"0")]


def parse_update(body: bytes) -> dict | None:
    """The update as a dict, or None when the body is not a JSON Telegram update."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser's stack
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    return data


async def read_capped(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None as soon as it grows past ``limit`` bytes (chunked bodies too: nothing more is read)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def answer(send: Send, status: int) -> None:
    await send({"type": "http.response.start", "status": status, "headers": _EMPTY})
    await send({"type": "http.response.body", "body": b""})


class TelegramWebhook:
    """The ASGI endpoint: 401 without the secret header, 403 with a wrong one, 413 too big, 400 not an
    update, else 200 once ``adapter.accept(data)`` has stored it (a duplicate too, so Telegram stops resending).
    """

    def __init__(self, adapter, secret: str) -> None:
        self.adapter = adapter
        self.expected = secret.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = next((value for name, value in scope["headers"] if name == _SECRET_HEADER_KEY), None)
        if given is None:
            return await answer(send, 401)
        if not hmac.compare_digest(given, self.expected):
            logger.warning("refused a Telegram update with a wrong secret token")
            return await answer(send, 403)
        body = await read_capped(receive, MAX_UPDATE_BYTES)
        if body is None:
            return await answer(send, 413)
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
