"""The Telegram adapter: a python-telegram-bot Application living inside our ASGI server.

Updates arrive by webhook (or long polling for local use), are stored and deduplicated by
``update_id`` before being acknowledged, then flow through PTB's update queue to handlers
that translate them into core commands. A handled update is marked processed; one the
process died on is replayed by the sweeper.
"""
from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.core.ports import Message
from bot.inbound_log import InboundLog
from bot.telegram.handlers import PLATFORM, TelegramHandlers, origin_of
from bot.telegram.menu import register_menu
from bot.telegram.messenger import TelegramMessenger
from bot.telegram.routes import webhook_router
from config import Settings
from i18n import N_, translator, user_language

logger = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
REPLAY_AFTER_SECONDS = 30  # an update unhandled this long after its ack was lost to a crash
MAX_REPLAYS = 3
POLL_TIMEOUT = 25
CONNECT_RETRY_FIRST, CONNECT_RETRY_MAX = 0.5, 60.0
SORRY = N_("Something went wrong on our side. Please try again.")


class TelegramConfigError(RuntimeError):
    pass


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
        self.router = webhook_router(self, secret.get_secret_value()) if self.mode == "webhook" else None
        self._in_flight: set[int] = set()
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
        if self._connector is not None:
            self._connector.cancel()
            await asyncio.gather(self._connector, return_exceptions=True)
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def accept(self, data: dict) -> bool:
        """Store the update (False if seen before), then queue it; raises ValueError for a malformed one."""
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:
            raise ValueError(f"not a Telegram update: {exc}") from exc
        fresh = await self.inbound_log.record(str(update.update_id), data)
        if fresh:
            self._in_flight.add(update.update_id)
            await self.application.update_queue.put(update)
        return fresh

    async def replay_unprocessed(self) -> None:
        """Queue again updates that were stored and acknowledged but never handled."""
        events = await self.inbound_log.claim_stale()
        for event_id, payload in events:
            if int(event_id) in self._in_flight or not payload:
                continue
            logger.warning("replaying Telegram update %s that was never handled", event_id)
            self._in_flight.add(int(event_id))
            await self.application.update_queue.put(Update.de_json(payload, self.application.bot))

    async def _mark_processed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.inbound_log.mark_processed(str(update.update_id))
        self._in_flight.discard(update.update_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if not isinstance(update, Update):
            logger.error("Telegram error outside an update: %s", error)
            return
        if isinstance(error, (NetworkError, RetryAfter)):
            # Telegram unreachable: leave the update unprocessed so the replay tries again later.
            logger.warning("Telegram update %s failed on the network (%s); it will be replayed",
                           update.update_id, error)
            self._in_flight.discard(update.update_id)
            raise ApplicationHandlerStop
        logger.error("Telegram update %s failed", update.update_id, exc_info=error)
        if update.effective_message is not None:
            try:
                sender = update.effective_user
                t = translator(user_language(None, sender.language_code if sender else None))
                await self.messenger.send(origin_of(update.effective_message), Message(text=t(SORRY)))
            except TelegramError as exc:
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
