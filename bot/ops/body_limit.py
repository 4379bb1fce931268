"""Every request body capped while it streams (chunked bodies included): a pure ASGI middleware that wraps
``receive``.

A declared Content-Length over the route's cap is answered 413 before a byte is read; a body that grows past
the cap as it arrives makes ``receive`` raise ``BodyTooLarge`` (a 413 HTTPException, so FastAPI's body reading
passes it through and its exception handling answers it). Whoever answers, a response sent before the body
was read to its end carries ``Connection: close``: the rest is never read, and nothing is kept but the chunks
the route itself asked for.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.ops.refusal import announces_body, refuse, route_path
from config import Settings

KB = 1024
MB = 1024 * KB
# Telegram: an update is small JSON (files come by file_id, not inline). Slack: events and slash commands
# are a few kilobytes; a button's payload carries its whole message (our longest list: about 40 KB). Slack's
# body must be held whole before its signature can be checked, so its cap is what a forger can make us hold.
CHAT_WEBHOOK_BYTES = 1 * MB
SLACK_BODY_BYTES = 256 * KB
JSON_BODY_BYTES = 64 * KB  # the REST API's largest JSON body (a tracker note, a URL) is a few kilobytes
# The web chat's JSON: a message of at most 2,000 characters (6 bytes each as a JSON \u escape), a button, a code.
WEB_CHAT_BYTES = 16 * KB


class BodyTooLarge(HTTPException):
    """The body passed its route's cap while streaming; 413, the connection closed after the answer."""

    def __init__(self, cap: int):
        super().__init__(413, f"The request body is larger than {cap} bytes, the most this address accepts.",
                         headers={"Connection": "close"})


def body_caps(settings: Settings) -> Callable[[str], int]:
    """``cap(path) -> bytes``: the most a request body to ``path`` may be, per route family.

    Uploads: a CV file each (``MAX_UPLOAD_MB``; up to five files to /api/v1/profiling, one to /local/cv and to
    /chat/cv) plus the multipart boundaries, part headers and small text fields around them.
    """
    from bot.api.uploads import MAX_FILES, MULTIPART_OVERHEAD
    from bot.hooks import MAX_EVENT_BYTES

    exact = {
        "/telegram/webhook": CHAT_WEBHOOK_BYTES,
        "/slack/events": SLACK_BODY_BYTES,
        "/hooks/task-events": MAX_EVENT_BYTES,
        "/api/v1/profiling": MAX_FILES * settings.max_upload_bytes + MULTIPART_OVERHEAD,
        "/local/cv": settings.max_upload_bytes + MULTIPART_OVERHEAD,
        "/chat/cv": settings.max_upload_bytes + MULTIPART_OVERHEAD,
        "/chat/messages": WEB_CHAT_BYTES,
        "/chat/buttons": WEB_CHAT_BYTES,
        "/chat/access": WEB_CHAT_BYTES,
    }

    def cap(path: str) -> int:
        return exact.get(path.rstrip("/") or "/", JSON_BODY_BYTES)

    return cap


class BodyTooSlow(HTTPException):
    """The body did not arrive within its deadline; 408, the connection closed after the answer."""

    def __init__(self, seconds: float):
        super().__init__(408, f"The request body did not arrive within {seconds:.0f} seconds.",
                         headers={"Connection": "close"})


def body_deadline(cap: int) -> float:
    """Seconds a body capped at ``cap`` bytes may take to arrive: 30 s, or the cap at 64 KB/s for uploads
    (a 10 MB CV over a slow phone line). Without it a client trickling a byte every few seconds, which the
    Slack signature check must read to the end, would hold a connection for ever."""
    return max(30.0, cap / (64 * KB))


class BodyLimitMiddleware:
    """Caps each HTTP request body at ``cap(path)`` bytes as it is received; see the module docstring."""

    def __init__(self, app: ASGIApp, cap: Callable[[str], int]):
        self.app = app
        self.cap = cap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap(route_path(scope))  # the path as routing sees it (without root_path)
        try:
            declared = _content_length(scope)
        except ValueError:  # uvicorn refuses these itself; another server might pass one on
            await refuse(scope, receive, send, 400, "The Content-Length header is not a number.")
            return
        if declared is not None and declared > cap:
            await refuse(scope, receive, send, 413, BodyTooLarge(cap).detail)
            return
        received = 0
        finished = not announces_body(scope)
        started = False
        allowed = body_deadline(cap)
        deadline = asyncio.get_running_loop().time() + allowed

        async def capped_receive() -> Message:
            nonlocal received, finished
            if received > cap:  # asked again after the refusal: never read further
                raise BodyTooLarge(cap)
            if finished:  # after the body only a disconnect can come: no deadline on waiting for it
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), deadline - asyncio.get_running_loop().time())
            except TimeoutError:
                raise BodyTooSlow(allowed) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
                finished = not message.get("more_body", False)
            return message

        async def closing_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not finished and not any(name == b"connection" for name, _ in message.get("headers", [])):
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, capped_receive, closing_send)
        except (BodyTooLarge, BodyTooSlow) as refused:
            if started:  # the answer was already on its way: nothing left to say
                return
            await refuse(scope, receive, send, refused.status_code, refused.detail)


def _content_length(scope: Scope) -> int | None:
    """The declared length in bytes, None without one; ValueError when it is not a plain decimal number."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.strip()
            if not text.isdigit():
                raise ValueError(text)
            return int(text)
    return None
