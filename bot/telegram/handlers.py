"""PTB handlers: each turns one kind of Telegram update into one core command and hands it to the core."""
from __future__ import annotations

import contextlib

import logging

from telegram import CallbackQuery, Message as TgMessage, Update
from telegram.error import TelegramError
from telegram.constants import ChatType
from telegram.ext import (
    Application, BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters,
)

from bot.core.commands import BuildProfile, Command
from bot.core.parse import command_for_button, parse_text
from bot.core.ports import Message, OriginRef, UserRef
from bot.telegram.render import parse_callback_data

logger = logging.getLogger(__name__)
PLATFORM = "telegram"
COMMANDS = ["start", "help", "jobhelp", "jobsearch", "search", "apply", "letter", "profile", "jobprofile",
            "status", "jobstatus", "forget", "jobforget"]
NOT_A_PDF = "This file isn't a PDF. Export your CV as PDF (File → Save as / Export → PDF) and send that."
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


class TelegramHandlers:
    """The translation layer; ``run`` is how every command reaches the conversation core."""

    def __init__(self, conversation) -> None:
        self.conversation = conversation

    def install(self, application: Application) -> None:
        handlers: list[BaseHandler] = [
            CommandHandler(COMMANDS, self.on_command),
            MessageHandler(filters.Document.ALL, self.on_document),
            CallbackQueryHandler(self.on_button),
            MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.COMMAND), self.on_command),
        ]
        application.add_handlers(handlers)

    async def run(self, command: Command) -> None:
        await self.conversation.handle(command)

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self.run(parse_text(user_of(update), origin_of(message), message.text or ""))

    async def on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        document = message.document
        origin = origin_of(message)
        name = document.file_name or "cv.pdf"
        if document.mime_type != "application/pdf" and not name.lower().endswith(".pdf"):
            await self.conversation.reply(origin, Message(text=NOT_A_PDF))  # no download for what can't be a CV
            return

        async def fetch() -> bytes:
            telegram_file = await context.bot.get_file(document.file_id)
            return bytes(await telegram_file.download_as_bytearray())

        # The size Telegram reports is checked by the core before fetch() is ever called.
        await self.run(BuildProfile(user_of(update), origin, filename=name, size=document.file_size,
                                    fetch=fetch, mime_type=document.mime_type))

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
