"""PTB handlers: each turns one kind of Telegram update into one core command and hands it to the core."""
from __future__ import annotations

import re

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from telegram import CallbackQuery, Message as TgMessage, Update
from telegram.error import BadRequest, TelegramError
from telegram.constants import ChatType
from telegram.ext import (
    Application, BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters,
)

from bot.core.commands import BuildProfile, Command, CvFile, ExportTracker
from bot.core.cv_files import is_document_type, is_image_type, is_unknown_type, mentions_cv
from bot.core.parse import COMMAND_NAMES, command_for_button, parse_text
from bot.core.ports import Message, OriginRef, UserRef
from bot.telegram.render import parse_callback_data
from i18n import N_, language_of, translator

logger = logging.getLogger(__name__)
PLATFORM = "telegram"
COMMANDS = list(COMMAND_NAMES)
EXPORT_IN_PRIVATE = N_("Your applications are for you alone: send /tracker export to me in a private chat, "
                       "and the files come there.")
NOT_YOURS = N_("These buttons belong to someone else's request. Send your own command to get yours.")
UNKNOWN_OWNER = N_("I can't tell whose buttons these are any more. Please type the command instead.")
WRITING_AS_GROUP = N_("You're writing as the group, so I can't tell who you are — and your CV, searches and letters "
                      "are yours alone. Write to me in a private chat, or turn off “Remain anonymous” and write as "
                      "yourself.")
WRITING_AS_CHANNEL = N_("You're writing as a channel, so I can't tell who you are — and your CV, searches and "
                        "letters are yours alone. Write to me in a private chat, or write here as yourself.")
NOBODYS_BUTTONS = N_("These buttons answer a message sent as a group or channel, so I can't tell whose they are. "
                     "Send your own command to get yours.")
# Senders Telegram puts in ``from`` for a message sent as a chat (Bot API, Message.from/sender_chat): the
# same account in every group, so it names nobody. Read with sender_chat, which says which chat it was.
GROUP_ANONYMOUS_BOT, CHANNEL_BOT, TELEGRAM_SERVICE = 1087968824, 136817688, 777000
PLACEHOLDER_SENDERS = {GROUP_ANONYMOUS_BOT, CHANNEL_BOT, TELEGRAM_SERVICE}
ONE_SHOT_ACTIONS = {"forget_confirm", "forget_cancel"}
# An album (photos of a CV's pages, several documents) arrives as one update per item sharing a
# media_group_id, with no count and no "last item" mark (Bot API, Message.media_group_id); items
# come within milliseconds of each other, so the album is taken once no new item came for this long.
ALBUM_QUIET_SECONDS = 1.5
ALBUM_MAX_SECONDS = 10.0  # a slow network never holds an album longer than this


def sent_as_chat(message: TgMessage) -> str | None:
    """Whether ``message`` was sent on behalf of a chat rather than by a person one can tell apart.

    "group": an anonymous admin, writing as the group itself (``sender_chat`` is the chat; every
    anonymous admin of that group looks the same). "channel": someone posting as a channel (any of
    its admins may), or the linked channel's own post forwarded into its discussion group. None: a
    person, whose ``from.id`` is theirs alone. A CV is personal data, so neither kind gets one.
    """
    sender_chat, sender = message.sender_chat, message.from_user
    if sender_chat is None and (sender is None or sender.id not in PLACEHOLDER_SENDERS):
        return None
    if sender_chat is not None:
        return "group" if sender_chat.id == message.chat.id else "channel"
    return "group" if sender.id == GROUP_ANONYMOUS_BOT else "channel"


def user_of(update: Update) -> UserRef:
    """The person behind an update; only for updates :func:`sent_as_chat` says a person sent."""
    sender = update.effective_user
    # language_code: the IETF tag of the person's Telegram app language (absent for some clients).
    return UserRef(platform=PLATFORM, external_user_id=str(sender.id), display_name=sender.full_name,
                   locale=sender.language_code)


def origin_of(message: TgMessage, *, reply_to: int | None = None) -> OriginRef:
    """The chat, the forum topic (only real topics: reply threads elsewhere are not addressable) and the reply target."""
    thread = message.message_thread_id if message.is_topic_message else None
    return OriginRef(platform=PLATFORM, chat_id=str(message.chat.id),
                     thread_id=str(thread) if thread else None,
                     reply_to_message_id=str(reply_to or message.message_id))


def answer_origin(message: TgMessage) -> OriginRef:
    """Where the answer to a button on ``message`` goes. In a group it replies to the person's own message
    that ``message`` answered, since ``button_owner`` reads whose buttons they are from the message replied
    to: replying to the bot's message would leave the next page, or an alert's digests days later (an
    alert keeps this origin), with buttons nobody may press. Elsewhere it replies to ``message``."""
    replied = message.reply_to_message
    if (message.chat.type != ChatType.PRIVATE and replied is not None and replied.from_user is not None
            and not replied.from_user.is_bot and replied.forum_topic_created is None):
        return origin_of(message, reply_to=replied.message_id)
    return origin_of(message)


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
    if sent_as_chat(replied):  # the placeholder in ``from`` is nobody's id (see NOBODYS_BUTTONS)
        return None
    return replied.from_user.id


def answers_a_chat(query: CallbackQuery) -> bool:
    """Whether the buttons answer a message sent as a group or channel, which belong to nobody."""
    message = query.message
    replied = message.reply_to_message if isinstance(message, TgMessage) else None
    return replied is not None and sent_as_chat(replied) is not None


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


@dataclass
class Album:
    """The items of one media group seen so far; ``done`` is set once it was handled."""

    items: list[tuple[TgMessage, Upload]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)


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
        self._albums: dict[tuple[int, str], Album] = {}  # (chat id, media_group_id) → items so far

    def install(self, application: Application) -> None:
        handlers: list[BaseHandler] = [
            CommandHandler(COMMANDS, self.on_command),
            MessageHandler(filters.Document.ALL | filters.PHOTO, self.on_file),
            CallbackQueryHandler(self.on_button),
            MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.COMMAND), self.on_command),
            MessageHandler(filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, self.on_group_text),
        ]
        application.add_handlers(handlers)

    async def run(self, command: Command) -> None:
        if isinstance(command, ExportTracker) and command.origin.chat_id.startswith("-"):
            # A group sees every file sent to it: a tracker export goes out in a private chat only.
            t = await self.conversation.translator_for(command.user)
            await self.conversation.reply(command.origin, Message(text=t(EXPORT_IN_PRIVATE)))
            return
        await self.conversation.handle(command)

    async def refused_as_chat(self, message: TgMessage) -> bool:
        """True, after saying why, when ``message`` came from a group or channel and not a person (see
        :func:`sent_as_chat`): no profile, search, letter or /forget is done for a shared placeholder.
        A linked channel's post copied into its group is left alone: nobody wrote to the bot."""
        if message.from_user is None and message.sender_chat is None:
            # Telegram always names one or the other; an update naming nobody has no one to answer.
            logger.info("telegram: a message naming no sender was ignored")
            return True
        kind = sent_as_chat(message)
        if kind is None:
            return False
        if not message.is_automatic_forward:
            t = translator(language_of(message.from_user.language_code if message.from_user else None))
            refusal = WRITING_AS_GROUP if kind == "group" else WRITING_AS_CHANNEL  # not inside t(): "group" is no msgid
            await self.conversation.reply(origin_of(message), Message(text=t(refusal)))
        logger.info("telegram: a message sent as a %s was not taken as a person's request", kind)
        return True

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if await self.refused_as_chat(message):
            return
        await self.run(parse_text(user_of(update), origin_of(message), message.text or ""))

    async def on_group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Words in a group are for the bot only when they mention it or reply to it; the mention
        is taken out and the rest is understood as plain words ("@job_agent_bot any python jobs?")."""
        message, bot = update.effective_message, context.bot
        text = message.text or ""
        mention = f"@{bot.username}" if bot.username else None
        replied = message.reply_to_message
        to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
        if mention and mention.casefold() in text.casefold():
            text = re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)
        elif not to_bot:
            return
        if await self.refused_as_chat(message):
            return
        await self.run(parse_text(user_of(update), origin_of(message), " ".join(text.split())))

    async def on_file(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A document or photo that is a CV candidate (see ``is_for_the_bot``) goes to the core.

        Nothing is decided from the name or MIME type: the core checks the size Telegram
        reports, downloads, and decides the kind from the bytes. An album's items are
        gathered first and go to the core as one CV (see ``collect_album``).
        """
        message = update.effective_message
        upload = upload_of(message)
        if upload is None:
            return
        if message.media_group_id:
            await self.collect_album(update, context, message, upload)
            return
        if is_for_the_bot(message, upload, context.bot) and not await self.refused_as_chat(message):
            await self.run(self.profile_command(update, context, [(message, upload)]))

    async def collect_album(self, update: Update, context: ContextTypes.DEFAULT_TYPE, message: TgMessage,
                            upload: Upload) -> None:
        """Gather an album's items (handled concurrently, one update each) into one CV request.

        The first item's handler waits until the album is quiet, then sends every item, in
        message order, as one command: photographed pages become one CV and not one CV per
        page, and in a group the caption that says "CV" (on one item only) counts for all.
        The other items' handlers wait until that is done, so none of them is marked handled
        before the album really was (a crash replays the whole album).
        """
        key = (message.chat.id, message.media_group_id)
        album = self._albums.get(key)
        if album is not None:
            album.items.append((message, upload))
            album.arrived.set()
            await album.done.wait()
            return
        album = self._albums[key] = Album(items=[(message, upload)])
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + ALBUM_MAX_SECONDS
            while loop.time() < deadline:
                album.arrived.clear()
                try:
                    await asyncio.wait_for(album.arrived.wait(), min(ALBUM_QUIET_SECONDS, deadline - loop.time()))
                except TimeoutError:
                    break
            del self._albums[key]  # a late item starts an album of its own, answered on its own
            items = sorted(album.items, key=lambda item: item[0].message_id)
            if (any(is_for_the_bot(item, item_upload, context.bot) for item, item_upload in items)
                    and not await self.refused_as_chat(items[0][0])):
                await self.run(self.profile_command(update, context, items))
        finally:
            self._albums.pop(key, None)
            album.done.set()

    @staticmethod
    def profile_command(update: Update, context: ContextTypes.DEFAULT_TYPE,
                      items: list[tuple[TgMessage, Upload]]) -> BuildProfile:
        """One command for the files of ``items``; answered in reply to the first one."""
        def cv_file(upload: Upload) -> CvFile:
            async def fetch() -> bytes:
                telegram_file = await context.bot.get_file(upload.file_id)
                return bytes(await telegram_file.download_as_bytearray())
            return CvFile(upload.name, upload.size, fetch, upload.mime_type)

        first, *more = [cv_file(upload) for _, upload in items]
        return BuildProfile(user_of(update), origin_of(items[0][0]), filename=first.filename, size=first.size,
                            fetch=first.fetch, mime_type=first.mime_type, more_files=more)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        owner = button_owner(query)
        if owner != query.from_user.id:
            t = await self.conversation.translator_for(user_of(update))
            refusal = NOBODYS_BUTTONS if answers_a_chat(query) else NOT_YOURS if owner is not None else UNKNOWN_OWNER
            await query.answer(t(refusal), show_alert=True)
            return
        # First: the client shows a spinner until the query is answered. A query too old to answer (pressed
        # while the bot was down) is still a press: its work is done all the same.
        with contextlib.suppress(BadRequest):
            await query.answer()
        action, value = parse_callback_data(query.data)
        if action in ONE_SHOT_ACTIONS:  # a yes/no question is answered once: take its buttons away
            with contextlib.suppress(TelegramError):
                await query.edit_message_reply_markup(reply_markup=None)
        await self.run(command_for_button(user_of(update), answer_origin(query.message), action, value))
