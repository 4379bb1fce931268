"""The Telegram adapter: a python-telegram-bot Application living inside our ASGI server.

Updates arrive by webhook (or long polling for local use), are stored and deduplicated by
``update_id`` before being acknowledged, then flow through PTB's update queue to handlers
that translate them into core commands. A handled update is marked processed; one the
process died on is replayed by the sweeper.
"""
from __future__ import annotations

import asyncio
import itertools
import logging

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    ContextTypes,
    TypeHandler,
)

from bot.core.ports import Message
from bot.inbound_log import InboundLog
from bot.telegram.handlers import PLATFORM, TelegramHandlers, origin_of
from bot.telegram.menu import register_menu
from bot.telegram.messenger import TelegramMessenger
from bot.telegram.routes import WEBHOOK_PATH, TelegramWebhook, webhook_router
from config import Settings
from i18n import N_, translator, user_language

logger = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
REPLAY_AFTER_SECONDS = 30  # an update unhandled this long after its ack was lost to a crash
MAX_REPLAYS = 3
# Updates parsed and in memory at once (PTB's queue plus the 64 being handled). A flood past this waits
# in the database, where it already is: in memory, 100,000 parsed group messages took 220 MB (2.2 KB each).
MAX_HELD = 256
MESSAGE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post", "business_message",
                 "edited_business_message")
POLL_TIMEOUT = 25
CONNECT_RETRY_FIRST, CONNECT_RETRY_MAX = 0.5, 60.0
SORRY = N_("Something went wrong on our side. Please try again.")


class TelegramConfigError(RuntimeError):
    pass


def check_update_shape(data: dict) -> None:
    """Raise ValueError unless ``data`` has the shape of a Telegram update (checked before it is stored).

    Cheaper than parsing it (``Update.de_json`` happens after the answer): every field but
    ``update_id`` is an object, and a message has its integer ids, date and chat.
    """
    for kind, value in data.items():
        if kind != "update_id" and not isinstance(value, dict):
            raise ValueError(f"not a Telegram update: {kind} is not an object")
    for kind in MESSAGE_KINDS:
        message = data.get(kind)
        if message is not None and not (
                type(message.get("message_id")) is int and type(message.get("date")) is int
                and isinstance(message.get("chat"), dict) and type(message["chat"].get("id")) is int):
            raise ValueError(f"not a Telegram update: {kind} lacks message_id, date or chat")
    _check_party_ids(data, depth=0)


# Objects that name a person or a chat; their "id" is an integer in the Bot API (a callback query's own
# "id" is a string, so the check goes by the key that holds the object, not by the word "id").
PARTIES = frozenset({"from", "chat", "sender_chat", "user", "new_chat_member", "old_chat_member", "actor_chat"})
INTEGER_FIELDS = frozenset({"message_id", "message_thread_id", "date", "edit_date"})  # answers are addressed by them


def _check_party_ids(value, *, depth: int) -> None:
    """ValueError when a person or chat anywhere in the update has an id that is not an integer, or a message
    id, topic or date is not one (a forged ``1e308`` became the topic "1e+308", which no answer could use)."""
    if depth > 8 or not isinstance(value, dict):
        return
    for key, item in value.items():
        if key in PARTIES and isinstance(item, dict) and type(item.get("id")) is not int:
            raise ValueError(f"not a Telegram update: {key}.id is not an integer")
        if key in INTEGER_FIELDS and type(item) is not int:
            raise ValueError(f"not a Telegram update: {key} is not an integer")
        if isinstance(item, dict):
            _check_party_ids(item, depth=depth + 1)


def telegram_mode(settings: Settings) -> str:
    """webhook or polling; "auto" polls unless PUBLIC_BASE_URL is an https URL Telegram could call.

    Telegram only delivers to https webhooks, and PUBLIC_BASE_URL is often an internal address
    that workers use (compose sets http://bot:8000), which Telegram would refuse.
    """
    mode = settings.telegram_mode.lower()
    if mode == "auto":
        return "webhook" if (settings.public_base_url or "").lower().startswith("https://") else "polling"
    if mode not in ("webhook", "polling"):
        raise TelegramConfigError(f"TELEGRAM_MODE must be webhook, polling or auto, not {settings.telegram_mode!r}")
    return mode


def build_application(settings: Settings) -> Application:
    root = settings.telegram_api_base_url.rstrip("/")
    return (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .updater(None)  # no second web server or poller of PTB's own: updates come from our route
        # 29 a second, not Telegram's 30: a second of room keeps a saturated burst of digests clear of 429s
        # (the 10,000-digest bench met five at 30/s) at 97 % of the ceiling.
        .rate_limiter(AIORateLimiter(overall_max_rate=29, max_retries=3))
        .concurrent_updates(64)  # one slow download must not hold up everyone else's updates
        .build()
    )


class TelegramAdapter:
    """ChatAdapter for Telegram (see bot.adapters.ChatAdapter)."""

    platform = PLATFORM

    def __init__(self, settings: Settings, conversation) -> None:
        self.settings = settings
        self.mode = telegram_mode(settings)
        secret = settings.telegram_webhook_secret
        if self.mode == "webhook" and not (secret and secret.get_secret_value()):
            raise TelegramConfigError(
                "TELEGRAM_WEBHOOK_SECRET is required for the Telegram webhook: without it anyone could post "
                "updates as Telegram. Set it, or use TELEGRAM_MODE=polling.")
        self.application = build_application(settings)
        self.messenger = TelegramMessenger(self.application.bot)
        self.handlers = TelegramHandlers(conversation)
        self.handlers.install(self.application)
        self.application.add_handler(TypeHandler(Update, self._mark_processed), group=1)
        self.application.add_error_handler(self._on_error)
        webhook = TelegramWebhook(self, secret.get_secret_value()) if self.mode == "webhook" else None
        self.router = webhook_router(webhook) if webhook else None
        # Endpoints the app may serve ahead of its routing and middleware (bot.fast_path): the webhook is hot.
        self.fast_routes = {WEBHOOK_PATH: webhook} if webhook else {}
        self._in_flight: set[int] = set()  # update ids parsed and in memory: queued or being handled
        self._spilled: dict[int, None] = {}  # ids stored but held back by the memory bound, in arrival order
        self.max_held = MAX_HELD
        self._refill: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()
        # The stored update must be committed before we answer 200; the log batches that under load.
        self.inbound_log = InboundLog(PLATFORM, conversation.sessions, replay_after_seconds=REPLAY_AFTER_SECONDS,
                                      max_replays=MAX_REPLAYS)
        self._poller: asyncio.Task | None = None
        self._connector: asyncio.Task | None = None

    async def start(self) -> None:
        """Connect now if Telegram answers; otherwise keep trying in the background.

        A wrong token fails at once, but Telegram being unreachable must not keep the rest of
        the bot (other chats, completion webhooks, the API) from starting. Updates stored
        meanwhile wait in PTB's queue until the connection is made.
        """
        try:
            await self._connect()
        except InvalidToken:
            raise
        except NetworkError as exc:
            logger.warning("Telegram is unreachable (%s); retrying in the background", exc)
            self._connector = asyncio.create_task(self._connect_with_retries(), name="telegram-connect")

    async def _connect_with_retries(self) -> None:
        delay = CONNECT_RETRY_FIRST
        while True:
            await asyncio.sleep(delay)
            try:
                await self._connect()
                logger.info("connected to Telegram")
                return
            except NetworkError as exc:
                delay = min(delay * 2, CONNECT_RETRY_MAX)
                logger.warning("Telegram is still unreachable (%s); next try in %.0f s", exc, delay)

    async def _connect(self) -> None:
        await self.application.initialize()  # a no-op once it succeeded
        if not self.application.running:
            await self.application.start()
            await register_menu(self.application.bot)
        if self.mode == "webhook":
            url = self.settings.resolved_public_base_url + "/telegram/webhook"
            await self.application.bot.set_webhook(
                url=url, secret_token=self.settings.telegram_webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES)
            logger.info("Telegram webhook set to %s", url)
        else:
            await self.application.bot.delete_webhook()  # getUpdates is refused while a webhook is set
            self._poller = asyncio.create_task(self._poll_forever(), name="telegram-poller")
            logger.info("Telegram long polling started")

    async def stop(self) -> None:
        if self._refill is not None:  # what it had not queued yet stays in the database for the next start
            self._refill.cancel()
            await asyncio.gather(self._refill, return_exceptions=True)
        if self._connector is not None:
            self._connector.cancel()
            await asyncio.gather(self._connector, return_exceptions=True)
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        self.inbound_log.close()

    async def accept(self, data: dict) -> bool:
        """Store the update (False if seen before), then hand it to the handlers; ValueError for a malformed one.

        Only the database write is awaited: the update is parsed and queued after the answer is sent,
        and only while fewer than ``max_held`` updates are in memory. Past that it stays in the database
        alone, and ``replay_unprocessed`` (run whenever the handlers make room, and by the sweeper)
        loads it from there in arrival order, so a flood costs disk, not memory, and nothing is lost.
        """
        check_update_shape(data)
        update_id = data["update_id"]
        fresh = await self.inbound_log.record(str(update_id), data)
        if fresh:
            if self._spilled or len(self._in_flight) >= self.max_held:
                self._spilled[update_id] = None
            else:
                self._in_flight.add(update_id)
                asyncio.get_running_loop().call_soon(self._queue, data)
        return fresh

    def _queue(self, data: dict) -> None:
        """Parse a stored update and put it in PTB's queue; one PTB cannot read is closed as handled."""
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # stored and acknowledged, so Telegram won't resend it: drop it, once, loudly
            logger.warning("Telegram update %s could not be read (%s); dropped", data.get("update_id"), exc)
            self._in_flight.discard(data.get("update_id"))
            self._background(self.inbound_log.mark_processed(str(data.get("update_id"))))
            return
        self.application.update_queue.put_nowait(update)

    def _background(self, work) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _make_room(self) -> None:
        """Load updates held back in the database once the handlers have worked off half of what is in memory."""
        if self._spilled and len(self._in_flight) <= self.max_held // 2 and (
                self._refill is None or self._refill.done()):
            self._refill = asyncio.ensure_future(self._load_spilled())

    async def _load_spilled(self) -> None:
        """Queue held-back updates, oldest first, up to the memory bound; a database error leaves them for the next try."""
        while self._spilled and (room := self.max_held - len(self._in_flight)) > 0:
            ids = list(itertools.islice(self._spilled, room))
            try:
                payloads = await self.inbound_log.unhandled([str(update_id) for update_id in ids])
            except Exception as exc:
                logger.warning("could not load %d held-back Telegram updates (%s); the sweeper will retry",
                               len(ids), exc)
                return
            for update_id in ids:
                del self._spilled[update_id]
                payload = payloads.get(str(update_id))
                if payload:  # absent: handled meanwhile (another process replayed it)
                    self._in_flight.add(update_id)
                    self._queue(payload)

    async def replay_unprocessed(self) -> None:
        """Queue updates held back by the memory bound, then ones stored and acknowledged but never handled.

        Updates this process holds (in memory or held back) are never claimed as crash leftovers: a slow
        handler is no crash, and each claim spends one of an update's few replays.
        """
        if self._spilled:
            self._make_room()
            return
        room = self.max_held - len(self._in_flight)
        if room <= 0:
            return
        events = await self.inbound_log.claim_stale(limit=min(room, 50),
                                                    exclude=[str(update_id) for update_id in self._in_flight])
        for event_id, payload in events:
            if int(event_id) in self._in_flight or not payload:
                continue
            logger.warning("replaying Telegram update %s that was never handled", event_id)
            self._in_flight.add(int(event_id))
            self._queue(payload)

    async def _mark_processed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.inbound_log.mark_processed(str(update.update_id))
        self._in_flight.discard(update.update_id)
        self._make_room()

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if not isinstance(update, Update):
            logger.error("Telegram error outside an update: %s", error)
            return
        # BadRequest is a NetworkError in python-telegram-bot, but it is the Bot API refusing a call (a button
        # pressed long ago: "query is too old"): replaying the update would be refused again, for ever.
        if isinstance(error, RetryAfter) or (isinstance(error, NetworkError) and not isinstance(error, BadRequest)):
            # Telegram unreachable: leave the update unprocessed so the replay tries again later.
            logger.warning("Telegram update %s failed on the network (%s); it will be replayed",
                           update.update_id, error)
            self._in_flight.discard(update.update_id)
            self._make_room()
            raise ApplicationHandlerStop
        if isinstance(error, BadRequest):  # the Bot API refused one call; the update is done, not retried
            logger.warning("Telegram update %s: the Bot API refused a call (%s)", update.update_id, error)
            return
        logger.error("Telegram update %s failed", update.update_id, exc_info=error)
        if update.effective_message is not None:
            try:
                sender = update.effective_user
                t = translator(user_language(None, sender.language_code if sender else None))
                await self.messenger.send(origin_of(update.effective_message), Message(text=t(SORRY)))
            except Exception as exc:  # the apology must not fail the error handler itself
                logger.info("could not tell the user about the failure: %s", exc)

    async def _poll_forever(self) -> None:
        """Long polling for use without a public URL: the same store-dedupe-queue path as the webhook."""
        offset, backoff = 0, 1.0
        while True:
            try:
                updates = await self.application.bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT, allowed_updates=ALLOWED_UPDATES)
                for update in updates:
                    await self.accept(update.to_dict())
                    offset = update.update_id + 1  # only past what is safely stored
                backoff = 1.0
            except Exception as exc:  # Telegram or the database away: keep polling, a bit slower each time
                logger.warning("Telegram polling failed (%s); retrying in %.0f s", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60)
