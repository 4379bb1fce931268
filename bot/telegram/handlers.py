"""PTB handlers: each turns one kind of Telegram update into one core command and hands it to the core."""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from telegram import CallbackQuery, Message as TgMessage, Update
from telegram.error import TelegramError
from telegram.constants import ChatType
from telegram.ext import (
    Application, BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters,
)

from bot.core.commands import BuildProfile, Command
from bot.core.cv_files import is_document_type, is_image_type, is_unknown_type, mentions_cv
from bot.core.parse import command_for_button, parse_text
from bot.core.ports import OriginRef, UserRef
from bot.telegram.render import parse_callback_data

logger = logging.getLogger(__name__)
PLATFORM = "telegram"
COMMANDS = ["start", "help", "jobhelp", "jobsearch", "search", "apply", "letter", "profile", "jobprofile",
            "status", "jobstatus", "forget", "jobforget"]
NOT_YOURS = "These buttons belong to someone else's request. Send your own command to get yours."
UNKNOWN_OWNER = "I can't tell whose buttons these are any more. Please type the command instead."
ONE_SHOT_ACTIONS = {"forget_confirm", "forget_cancel"}


def user_of(update: Update) -> UserRef:
    sender = update.effective_user
    return UserRef(platform=PLATFORM, external_user_id=str(sender.id), display_name=sender.full_name)


def origin_of(message: TgMessage, *, reply_to: int | None = None) -> OriginRef:
    """The chat, the forum topic (only real topics: reply threads elsewhere are not addressable) and the reply target."""
    thread = message.message_thread_id if message.is_topic_message else None
    return OriginRef(platform=PLATFORM, chat_id=str(message.chat.id),
                     thread_id=str(thread) if thread else None,
                     reply_to_message_id=str(reply_to or message.message_id))


def button_owner(query: CallbackQuery) -> int | None:
    """Whose buttons these are: the chat itself in private; else the author of the message we replied to."""
    message = query.message
    if not isinstance(message, TgMessage):  # too old: Telegram no longer sends its content
        return None
    if message.chat.type == ChatType.PRIVATE:
        return message.chat.id
    replied = message.reply_to_message
    # In forum topics an unanswered message "replies" to the topic's creation message; that says nothing.
    if replied is None or replied.forum_topic_created is not None or replied.from_user is None:
        return None
    return replied.from_user.id


@dataclass(frozen=True)
class Upload:
    """The file of a document or photo message, as Telegram describes it before any download."""

    file_id: str
    size: int | None  # bytes, when Telegram says
    name: str  # for display only
    mime_type: str | None
    is_photo: bool = False


def upload_of(message: TgMessage) -> Upload | None:
    """The document, or the largest size of a photo (Telegram sends several PhotoSizes)."""
    if message.photo:
        largest = max(message.photo, key=lambda size: (size.width * size.height, size.file_size or 0))
        return Upload(largest.file_id, largest.file_size, "photo.jpg", "image/jpeg", is_photo=True)
    document = message.document
    if document is None:
        return None
    return Upload(document.file_id, document.file_size, document.file_name or "file", document.mime_type)


def is_for_the_bot(message: TgMessage, upload: Upload, bot) -> bool:
    """Whether a file is meant as a CV: always in a private chat; in a group see below.

    In groups and channels: a message that addresses the bot (mentions it, or replies to
    one of its messages) or whose caption names a CV; otherwise a document whose name or
    MIME type is a CV format, an image, or says nothing (octet-stream, no extension) — but
    never a bare photo, which people share in groups all the time. (With privacy mode on,
    Telegram delivers a group's files only when they address the bot anyway.)
    """
    if message.chat.type == ChatType.PRIVATE:
        return True
    caption = message.caption or ""
    replied = message.reply_to_message
    addressed = (bool(bot.username) and f"@{bot.username}".lower() in caption.lower()) or (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot.id)
    if addressed or mentions_cv(caption):
        return True
    if upload.is_photo:
        return False
    return (is_document_type(upload.name, upload.mime_type) or is_image_type(upload.name, upload.mime_type)
            or is_unknown_type(upload.name, upload.mime_type))


class TelegramHandlers:
    """The translation layer; ``run`` is how every command reaches the conversation core."""

    def __init__(self, conversation) -> None:
        self.conversation = conversation

    def install(self, application: Application) -> None:
        handlers: list[BaseHandler] = [
            CommandHandler(COMMANDS, self.on_command),
            MessageHandler(filters.Document.ALL | filters.PHOTO, self.on_file),
            CallbackQueryHandler(self.on_button),
            MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.COMMAND), self.on_command),
        ]
        application.add_handlers(handlers)

    async def run(self, command: Command) -> None:
        await self.conversation.handle(command)

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self.run(parse_text(user_of(update), origin_of(message), message.text or ""))

    async def on_file(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A document or photo that is a CV candidate (see ``is_for_the_bot``) goes to the core.

        Nothing is decided from the name or MIME type: the core checks the size Telegram
        reports, downloads, and decides the kind from the bytes.
        """
        message = update.effective_message
        upload = upload_of(message)
        if upload is None or not is_for_the_bot(message, upload, context.bot):
            return

        async def fetch() -> bytes:
            telegram_file = await context.bot.get_file(upload.file_id)
            return bytes(await telegram_file.download_as_bytearray())

        await self.run(BuildProfile(user_of(update), origin_of(message), filename=upload.name, size=upload.size,
                                    fetch=fetch, mime_type=upload.mime_type))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        owner = button_owner(query)
        if owner != query.from_user.id:
            await query.answer(NOT_YOURS if owner is not None else UNKNOWN_OWNER, show_alert=True)
            return
        await query.answer()  # first: the client shows a spinner until the query is answered
        action, value = parse_callback_data(query.data)
        if action in ONE_SHOT_ACTIONS:  # a yes/no question is answered once: take its buttons away
            with contextlib.suppress(TelegramError):
                await query.edit_message_reply_markup(reply_markup=None)
        origin = origin_of(query.message)
        await self.run(command_for_button(user_of(update), origin, action, value))
