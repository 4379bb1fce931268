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
  slack-bolt only ever sees signed requests and never writes a refused body into the log.

``/telegram/webhook`` checks its secret header itself before reading. Everything else passes untouched.
"""
from __future__ import annotations

import logging
import time

from fastapi import HTTPException
from slack_sdk.signature import SignatureVerifier
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.auth import authenticate
from bot.local.token import local_token_matches
from bot.ops.refusal import refuse, route_path
from config import Settings
from delivery.signing import InvalidSignature, check_fresh

logger = logging.getLogger(__name__)
SLACK_WINDOW_SECONDS = 300  # Slack's own: a request timestamp more than 5 minutes away is refused


class AuthGateMiddleware:
    """Refuses the unauthenticated requests described in the module docstring; ``settings`` gives the keys."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings
        secret = settings.slack_signing_secret
        self.slack = SignatureVerifier(secret.get_secret_value()) if secret and secret.get_secret_value() else None

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
        chunks, more = [], True
        while more:  # capped by the body limit outside this gate: past it, receive raises a 413
            message = await receive()
            if message["type"] != "http.request":
                return None  # the client went away
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if not self.slack.is_valid(body, timestamp, signature):
            logger.warning("refused a Slack request with a wrong signature (%s bytes)", len(body))
            await refuse(scope, receive, send, 401, "invalid request", body_pending=False)
            return None
        return _replay(body, receive)


def _fresh_slack_headers(timestamp: str | None, signature: str | None, *, now: float | None = None) -> bool:
    if not timestamp or not signature or not (timestamp.isascii() and signature.isascii()):
        return False
    try:
        return abs((now if now is not None else time.time()) - int(timestamp)) <= SLACK_WINDOW_SECONDS
    except ValueError:
        return False


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
