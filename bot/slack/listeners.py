"""The Bolt listeners: ack inside the request, then hand the payload to a background task and return."""
from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack import translate
from bot.slack.inbound import SlackInbound

logger = logging.getLogger(__name__)
BUTTON_ACTIONS = ("letter", "details", "pass", "more", "language", "forget_confirm", "forget_cancel",
                  "alert", "alert_pause", "alert_resume", "alert_delete", "stage")


def register_listeners(app: AsyncApp, inbound: SlackInbound) -> None:
    """Attach every listener. None of them waits for the work: the HTTP answer goes out at once.

    (Not Bolt's lazy listeners: they deep-copy the request context, client and HTTP session included.)
    """

    async def on_command(ack, body: dict) -> None:
        await ack()
        inbound.spawn("command", body)

    async def on_button(ack, body: dict) -> None:
        await ack()
        inbound.spawn("action", body)

    # Events are acknowledged by Bolt itself when the listener returns (auto-acknowledgement).
    async def on_file_share(body: dict, event: dict, request: AsyncBoltRequest) -> None:
        _log_retry(request, body)
        if translate.malformed("file", body) is None and translate.shared_files(event, translate.bot_user_of(body)):
            inbound.spawn("file", body)

    async def on_mention(body: dict, request: AsyncBoltRequest) -> None:
        _log_retry(request, body)
        if (body.get("event") or {}).get("files"):
            return  # a file shared with a mention: its file_share message is the one we answer
        inbound.spawn("mention", body)

    async def on_message(body: dict, event: dict, request: AsyncBoltRequest) -> None:
        # A plain text message in a DM works like a mention; elsewhere only mentions are for us.
        if event.get("channel_type") == "im" and not event.get("subtype") and not event.get("bot_id"):
            await on_mention(body, request)

    async def ignore() -> None:
        """file_shared comes next to the file_share message, which has the thread we answer in."""

    for name in translate.SLASH_COMMANDS:
        app.command(name)(on_command)
    # One listener for every button; "stage#2" is the second "stage" button of its block (bot.slack.blocks).
    app.action(re.compile(rf"^(?:{'|'.join(BUTTON_ACTIONS)})(?:#\d+)?$"))(on_button)
    # Bolt runs the first matching listener, so the file_share one must come before plain messages.
    app.event({"type": "message", "subtype": "file_share"})(on_file_share)
    app.event("message")(on_message)
    app.event("app_mention")(on_mention)
    app.event("file_shared")(ignore)


def _log_retry(request: AsyncBoltRequest, body: dict) -> None:
    retry = (request.headers.get("x-slack-retry-num") or [None])[0]
    if retry:
        reason = (request.headers.get("x-slack-retry-reason") or [""])[0]
        logger.info("slack retry %s (%s) of event %s", retry, reason, body.get("event_id"))
