"""The Bolt listeners: ack at once, inside the request; everything else runs lazily after the response."""
from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack import translate
from bot.slack.inbound import SlackInbound

logger = logging.getLogger(__name__)
BUTTON_ACTIONS = ("letter", "forget_confirm", "forget_cancel")


async def _ack(ack) -> None:
    await ack()


async def _ack_event() -> None:
    """Events are acknowledged by Bolt itself once this returns (auto-acknowledgement)."""


def register_listeners(app: AsyncApp, inbound: SlackInbound) -> None:
    """Attach every listener; each one's work is a lazy function so the HTTP answer never waits for it."""

    async def on_command(body: dict) -> None:
        await inbound.accept("command", body)

    async def on_button(body: dict) -> None:
        await inbound.accept("action", body)

    async def on_file_share(body: dict, event: dict, request: AsyncBoltRequest) -> None:
        _log_retry(request, body)
        if translate.shared_file(event) is not None:
            await inbound.accept("file", body)

    async def on_mention(body: dict, request: AsyncBoltRequest) -> None:
        _log_retry(request, body)
        await inbound.accept("mention", body)

    async def on_message(body: dict, event: dict, request: AsyncBoltRequest) -> None:
        # A plain text message in a DM works like a mention; elsewhere only mentions are for us.
        if event.get("channel_type") == "im" and not event.get("subtype") and not event.get("bot_id"):
            await on_mention(body, request)

    for name in translate.SLASH_COMMANDS:
        app.command(name)(ack=_ack, lazy=[on_command])
    for action in BUTTON_ACTIONS:
        app.action(action)(ack=_ack, lazy=[on_button])
    # Bolt runs the first matching listener, so the file_share one must come before plain messages.
    app.event({"type": "message", "subtype": "file_share"})(ack=_ack_event, lazy=[on_file_share])
    app.event("message")(ack=_ack_event, lazy=[on_message])
    app.event("app_mention")(ack=_ack_event, lazy=[on_mention])
    # file_shared arrives next to the file_share message, which carries the thread we answer in.
    app.event("file_shared")(_ack_event)


def _log_retry(request: AsyncBoltRequest, body: dict) -> None:
    retry = (request.headers.get("x-slack-retry-num") or [None])[0]
    if retry:
        reason = (request.headers.get("x-slack-retry-reason") or [""])[0]
        logger.info("slack retry %s (%s) of event %s", retry, reason, body.get("event_id"))
