"""The Slack adapter: a slack-bolt AsyncApp behind POST /slack/events, or over Socket Mode."""
from __future__ import annotations

import logging

import aiohttp
from fastapi import APIRouter, HTTPException, Request
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp

from bot.slack.inbound import SlackInbound
from bot.slack.listeners import register_listeners
from bot.slack.messenger import SlackMessenger, make_client
from bot.slack.translate import PLATFORM
from config import Settings

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 1024 * 1024  # Slack payloads are a few kilobytes
BAD_SIGNATURE = "Invalid request signature detected"


class RequestBodyFilter(logging.Filter):
    """slack-bolt logs a refused request's whole body at INFO ("Invalid request signature detected (…,
    body: …)"): anyone may post one, of any size and content. Keep the line, say the body's size instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(BAD_SIGNATURE) and not record.args:
            _head, _sep, body = record.msg.partition("body: ")
            record.msg = f"{BAD_SIGNATURE}: request refused, its body ({max(len(body) - 1, 0)} characters) not logged"
        return True


def bolt_logger() -> logging.Logger:
    """The logger slack-bolt's middleware copies its level and filters from (so it must be set up first)."""
    logger = logging.getLogger("slack_bolt")
    if not any(isinstance(item, RequestBodyFilter) for item in logger.filters):
        logger.addFilter(RequestBodyFilter())
    return logger


def build_bolt_app(settings: Settings, client) -> AsyncApp:
    """Bolt verifies every request's signature (v0, 5-minute window) and answers 401 otherwise.

    process_before_response: listeners run inside the request and the response goes out as soon as
    they return; they only ack and start a background task, so that is at once (no 10 ms ack polling).
    """
    return AsyncApp(client=client, signing_secret=settings.slack_signing_secret.get_secret_value(),
                    process_before_response=True, name="job-agent", logger=bolt_logger())


class SlackAdapter:
    """Slash commands, buttons and file shares in; threaded replies, edits and uploads out."""

    platform = PLATFORM

    def __init__(self, settings: Settings, conversation) -> None:
        self.settings = settings
        self.client = make_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_base_url)
        self.messenger = SlackMessenger(self.client)
        self.inbound = SlackInbound(settings=settings, conversation=conversation, client=self.client,
                                    messenger=self.messenger)
        self.app = build_bolt_app(settings, self.client)
        register_listeners(self.app, self.inbound)
        self.handler = AsyncSlackRequestHandler(self.app)
        self.router = self._routes()
        self._socket_mode = None

    async def start(self) -> None:
        # One pooled HTTP session for every Web API call (slack_sdk opens one per call otherwise).
        self.client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.client.timeout))
        if self.settings.slack_app_token is None:
            return
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        self._socket_mode = AsyncSocketModeHandler(self.app, self.settings.slack_app_token.get_secret_value())
        await self._socket_mode.connect_async()
        logger.info("slack: connected over Socket Mode")

    async def stop(self) -> None:
        await self.inbound.drain(timeout=10)
        if self._socket_mode is not None:
            await self._socket_mode.close_async()
        if self.client.session is not None:
            await self.client.session.close()

    async def replay_unprocessed(self) -> None:
        await self.inbound.replay()

    def _routes(self) -> APIRouter:
        router = APIRouter(include_in_schema=False)

        @router.post("/slack/events")
        async def slack_events(request: Request):
            if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
                raise HTTPException(413, "payload too large")
            return await self.handler.handle(request)

        return router
