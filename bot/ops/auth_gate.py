"""Unauthenticated requests refused before their body is read: a pure ASGI middleware in front of the routes.

FastAPI reads (and for forms spools) a body before any dependency runs, and slack-bolt reads one before it
checks the signature, so the checks that need only headers run here, first:

- ``/api/v1/*``: ``X-API-Key`` must be one of API_KEYS (``bot.api.auth.authenticate``: 401, or 403 with none).
- ``/local/*``: ``X-Local-Token`` must equal the data folder's ``local-chat-token`` (compared as bytes, so a
  non-ASCII header is a 401, not a server error).
- ``/hooks/task-events``: both signature headers present and the timestamp inside the replay window
  (``delivery.signing.check_fresh``); the signature itself is checked by the route over the (capped) body.
- ``/slack/events``: ``X-Slack-Signature`` and ``X-Slack-Request-Timestamp`` present, the timestamp inside
  Slack's 5 minutes; then the whole signature over the body (capped by the body limit around this gate), so
  slack-bolt only ever sees signed requests and never writes a refused body into the log; and a signed body
  slack-bolt could not read (not UTF-8, JSON that is not an object...) is a 400 instead of its 500.

- ``/chat/*`` (the web chat, when WEB_CHAT_ENABLED): the signed session cookie (401 without), on a POST the
  session's ``X-CSRF-Token`` (403), and admission past WEB_CHAT_ACCESS_CODE (403) — ``bot.web.session.refusal``;
  the page (``GET /chat``) and ``/chat/static/*`` are open.

``/telegram/webhook`` checks its secret header itself before reading. Everything else passes untouched.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import time

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.auth import authenticate
from bot.local.token import local_token_matches
from bot.ops.refusal import refuse, route_path
from config import Settings
from delivery.signing import InvalidSignature, check_fresh

logger = logging.getLogger(__name__)
SLACK_WINDOW_SECONDS = 300  # Slack's own: a request timestamp more than 5 minutes away is refused
# Slack bodies held at once before their signature is checked. Forged headers are free, so without a bound
# 400 connections held 400 MB; Slack itself sends a few requests at a time and retries a 503.
UNVERIFIED_SLACK_BODIES = 32


class AuthGateMiddleware:
    """Refuses the unauthenticated requests described in the module docstring; ``settings`` gives the keys."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings
        secret = settings.slack_signing_secret
        self.slack = secret.get_secret_value().encode() if secret and secret.get_secret_value() else None
        self.unverified = 0  # Slack bodies being read before their signature can be checked

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, headers = route_path(scope), Headers(scope=scope)  # as routing sees it
        if path == "/api/v1" or path.startswith("/api/v1/"):
            try:
                authenticate(headers.get("x-api-key"), self.settings.api_key_list)
            except HTTPException as refused:
                await refuse(scope, receive, send, refused.status_code, refused.detail, headers=refused.headers)
                return
        elif path == "/local" or path.startswith("/local/"):
            if not local_token_matches(self.settings, headers.get("x-local-token")):
                await refuse(scope, receive, send, 401,
                             "wrong or missing X-Local-Token (see the data folder's local-chat-token)")
                return
        elif path == "/hooks/task-events":
            try:
                check_fresh(headers)
            except InvalidSignature as exc:
                logger.warning("refused a task event before reading it: %s", exc)
                await refuse(scope, receive, send, 401, "invalid signature")
                return
        elif self.settings.web_chat_on and (path == "/chat" or path.startswith("/chat/")):
            from bot.web.session import refusal

            refused = refusal(self.settings, scope["method"], path, headers.get("cookie"), headers.get("x-csrf-token"),
                              headers.get("accept-language"))
            if refused is not None:
                await refuse(scope, receive, send, *refused)
                return
        elif path == "/slack/events":
            receive = await self._slack(scope, receive, send, headers)
            if receive is None:
                return
        await self.app(scope, receive, send)

    async def _slack(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> Receive | None:
        """A receive that replays the verified body, or None once a 401 went out."""
        timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
        if not _fresh_slack_headers(timestamp, signature) or self.slack is None:
            await refuse(scope, receive, send, 401, "invalid request")
            return None
        if self.unverified >= UNVERIFIED_SLACK_BODIES:
            logger.warning("refused a Slack request: %s unverified bodies are being read already", self.unverified)
            await refuse(scope, receive, send, 503, "busy, try again", headers={"Retry-After": "1"})
            return None
        self.unverified += 1
        try:
            chunks, more = [], True
            while more:  # capped (size and time) by the body limit outside this gate: it raises past them
                message = await receive()
                if message["type"] != "http.request":
                    return None  # the client went away
                chunks.append(message.get("body", b""))
                more = message.get("more_body", False)
        finally:
            self.unverified -= 1
        body = b"".join(chunks)
        if not _slack_signed(self.slack, timestamp, body, signature):
            logger.warning("refused a Slack request with a wrong signature (%s bytes)", len(body))
            await refuse(scope, receive, send, 401, "invalid request", body_pending=False)
            return None
        if not _bolt_can_read(body, scope):
            logger.warning("refused a signed Slack request slack-bolt cannot read (%s bytes)", len(body))
            await refuse(scope, receive, send, 400, "malformed request", body_pending=False)
            return None
        return _replay(body, receive)


def _fresh_slack_headers(timestamp: str | None, signature: str | None, *, now: float | None = None) -> bool:
    """Both headers present and ASCII, the timestamp plain digits within Slack's window of ``now``."""
    if not timestamp or not signature or not (timestamp.isascii() and timestamp.isdigit() and signature.isascii()):
        return False
    return abs((now if now is not None else time.time()) - int(timestamp)) <= SLACK_WINDOW_SECONDS


def _slack_signed(secret: bytes, timestamp: str, body: bytes, signature: str) -> bool:
    """Slack's v0 signature: HMAC-SHA256 over ``v0:{timestamp}:{body}``, over the raw bytes (slack_sdk's verifier
    decodes the body as UTF-8 first and raises on one that is not)."""
    digest = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(("v0=" + digest).encode(), signature.encode())


def _bolt_can_read(body: bytes, scope: Scope) -> bool:
    """Whether slack-bolt can build its request of ``body``: it answers 500 (and logs an error) for one that is not
    UTF-8, JSON that is not an object, a form ``payload`` that is not one, ``authorizations`` that is not a list."""
    from slack_bolt.request.async_request import AsyncBoltRequest

    headers: dict[str, list[str]] = {}
    for name, value in scope.get("headers", ()):
        headers.setdefault(name.decode("latin-1"), []).append(value.decode("latin-1"))
    try:
        AsyncBoltRequest(body=body.decode("utf-8"), headers=headers)
    except Exception:  # whatever Bolt fails on while reading it, the request is malformed
        return False
    return True


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive giving ``body`` once, then the server's own (a disconnect, when it comes)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
