"""The ChatMessenger for Slack: neutral messages into a channel's thread through the Web API."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler, AsyncRateLimitErrorRetryHandler, AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.pacing import ChannelPacer
from bot.core.ports import Document, Message, OriginRef, OutgoingMessage, RecipientGone
from bot.slack.blocks import render

logger = logging.getLogger(__name__)
# Web API errors after which no retry reaches the channel (api.slack.com/methods/chat.postMessage):
# the channel is gone or archived, the app was taken out of it, or out of the workspace.
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked",
                         "invalid_auth"})


def make_client(token: str, base_url: str) -> AsyncWebClient:
    """The Web API client: retries connection errors, 5xx and 429 (honouring Retry-After)."""
    client = AsyncWebClient(token=token, base_url=_with_slash(base_url), timeout=30)
    client.retry_handlers.extend([
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ])
    if not any(isinstance(h, AsyncConnectionErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(AsyncConnectionErrorRetryHandler())
    return client


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


@contextmanager
def _reachable() -> Iterator[None]:
    """Slack's "the app cannot post here any more" errors as RecipientGone (alerts pause, no retry)."""
    try:
        yield
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error in GONE_ERRORS:
            raise RecipientGone("slack", error) from exc
        raise


class SlackMessenger:
    """Posts into ``origin.thread_id`` of ``origin.chat_id``; private messages become ephemeral."""

    def __init__(self, client: AsyncWebClient, pacer: ChannelPacer | None = None):
        self.client = client
        self.pacer = pacer or ChannelPacer()

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        """Post (paced per channel); returns its ts, None for an ephemeral one. Raises RecipientGone
        when the app can no longer post into the channel."""
        await self.pacer.wait(origin.chat_id)
        private_to = message.private_to if isinstance(message, Message) else None
        with _reachable():
            if private_to is not None:
                await self.client.chat_postEphemeral(channel=origin.chat_id, user=private_to.external_user_id,
                                                     thread_ts=origin.thread_id, **render(message))
                return None  # an ephemeral message cannot be edited later
            response = await self.client.chat_postMessage(channel=origin.chat_id, thread_ts=origin.thread_id,
                                                          unfurl_links=False, unfurl_media=False, **render(message))
        return response["ts"]

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        # Not paced: the core's Notifier already throttles progress edits per status message.
        await self.client.chat_update(channel=origin.chat_id, ts=message_id, **render(message))

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        """All files in one files_upload_v2 call: each is uploaded to its own URL
        (files.getUploadURLExternal), then one files.completeUploadExternal shares them together in
        the thread with ``caption`` as the comment — nothing is shared unless every upload went in.
        Raises RecipientGone when the app can no longer post into the channel."""
        if not documents:
            return
        await self.pacer.wait(origin.chat_id)
        with _reachable():
            await self.client.files_upload_v2(
                channel=origin.chat_id, thread_ts=origin.thread_id, initial_comment=caption or None,
                file_uploads=[{"content": document.data, "filename": document.filename, "title": document.filename}
                              for document in documents],
            )
        logger.info("uploaded %s (%d bytes) to slack channel %s", ", ".join(d.filename for d in documents),
                    sum(len(d.data) for d in documents), origin.chat_id)
