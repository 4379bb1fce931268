"""The core's ChatMessenger on Telegram: neutral messages out through the PTB bot.

Two limits keep Telegram from answering 429: PTB's AIORateLimiter holds the whole bot to about 30
messages a second (and 20 a minute in a group), and a per-chat pacer here to about one a second in
one chat, so several digests for one person go out a second apart instead of in a burst.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from telegram import Bot, InputFile, InputMediaDocument, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.pacing import ChannelPacer
from bot.core.ports import Document, OriginRef, OutgoingMessage, RecipientGone
from bot.telegram.render import MAX_MESSAGE, escape, render_message

logger = logging.getLogger(__name__)
MAX_CAPTION = 1024
MAX_ALBUM = 10  # files in one sendMediaGroup
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _where(origin: OriginRef, *, reply: bool) -> dict:
    """chat, forum topic and the user's message to reply to (sent anyway if that message is gone)."""
    where: dict = {"chat_id": int(origin.chat_id)}
    if origin.thread_id:
        where["message_thread_id"] = int(origin.thread_id)
    if reply and origin.reply_to_message_id:
        where["reply_parameters"] = ReplyParameters(int(origin.reply_to_message_id),
                                                    allow_sending_without_reply=True)
    return where


@contextmanager
def _reachable() -> Iterator[None]:
    """Telegram's 403 (the user blocked the bot or deleted their account, the bot was kicked from the
    group) as RecipientGone: no retry will get through, and their alerts should pause."""
    try:
        yield
    except Forbidden as exc:
        raise RecipientGone("telegram", exc.message) from exc


class TelegramMessenger:
    """Renders to HTML, splits at Telegram's limit, edits status messages, sends files as one album."""

    def __init__(self, bot: Bot, pacer: ChannelPacer | None = None):
        self.bot = bot
        self.pacer = pacer or ChannelPacer()

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        """Send every chunk; the first replies to the user's message. Returns the first message's id.
        Raises RecipientGone when the chat no longer takes the bot's messages."""
        first_id = None
        for index, chunk in enumerate(render_message(message)):
            await self.pacer.wait(origin.chat_id)
            with _reachable():
                sent = await self.bot.send_message(
                    text=chunk.html, parse_mode=ParseMode.HTML, reply_markup=chunk.keyboard,
                    link_preview_options=NO_PREVIEW, **_where(origin, reply=index == 0))
            first_id = first_id or str(sent.message_id)
        return first_id

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        """Replace a status message's text (only its first chunk: status texts are short). Not paced:
        the Notifier already spaces progress edits of one status message."""
        chunks = render_message(message, limit=MAX_MESSAGE)
        if not chunks:
            return
        try:
            await self.bot.edit_message_text(
                chat_id=int(origin.chat_id), message_id=int(message_id), text=chunks[0].html,
                parse_mode=ParseMode.HTML, reply_markup=chunks[0].keyboard, link_preview_options=NO_PREVIEW)
        except BadRequest as exc:
            # Two progress events with the same text: Telegram refuses the no-op edit; nothing is wrong.
            if "message is not modified" not in exc.message.lower():
                raise

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        """One album of documents (sendMediaGroup, one request: Telegram delivers all or none), the
        caption under its last file; a single file as one document. Albums hold 2–10 files.
        Raises RecipientGone when the chat no longer takes the bot's messages."""
        if not documents:
            return
        if len(documents) > MAX_ALBUM:
            raise ValueError(f"a Telegram album holds at most {MAX_ALBUM} files, not {len(documents)}")
        html = escape(caption[:MAX_CAPTION - 100]) if caption else None
        await self.pacer.wait(origin.chat_id)
        with _reachable():
            await self._send_files(origin, documents, html)

    async def _send_files(self, origin: OriginRef, documents: list[Document], html: str | None) -> None:
        if len(documents) == 1:
            await self.bot.send_document(
                document=InputFile(documents[0].data, filename=documents[0].filename), caption=html,
                parse_mode=ParseMode.HTML, **_where(origin, reply=True))
            return
        last = len(documents) - 1
        album = [InputMediaDocument(document.data, filename=document.filename,
                                    caption=html if index == last else None,
                                    parse_mode=ParseMode.HTML if index == last else None)
                 for index, document in enumerate(documents)]
        await self.bot.send_media_group(media=album, **_where(origin, reply=True))
