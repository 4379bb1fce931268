"""What happens after Slack got its ack: deduplicate, turn the payload into a command, hand it to the core."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections import OrderedDict
from functools import cached_property, partial

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import commands as c
from bot.core.ports import Message
from bot.inbound_log import InboundLog
from bot.slack import translate
from bot.slack.files import download_file
from bot.slack.messenger import SlackMessenger
from config import Settings
from domain.cv.errors import ExternalDocumentError
from i18n import N_, Translator, translator, user_language

logger = logging.getLogger(__name__)
PLATFORM = translate.PLATFORM
REPLAY_AFTER_SECONDS = 60
MAX_REPLAYS = 3
MAX_IN_FLIGHT = 16
LOCALE_SECONDS = 3600  # how long a person's Slack language is trusted before users.info is asked again
LOCALES_KEPT = 10_000
SORRY = N_("Something went wrong on our side. Please try again in a minute.")
FILE_INFO_REFUSED = N_("Slack won't let me open this file (it answered “{error}”) — files shared from another "
                       "organisation's workspace are sometimes closed to apps. Please upload the CV here directly, "
                       "or send it to me in a direct message.")
FILE_INFO_FAILED = N_("I couldn't reach Slack to look this file up. Please share it again in a minute.")
NOT_IN_CHANNEL = N_("I can't post in this channel. Invite me with `/invite @job-agent`, "
                    "or send me the command in a direct message.")
ACKNOWLEDGED = N_("{user} asked: `{typed}` — results follow in this thread.")
EXPORT_IN_PRIVATE = N_("Your applications are for you alone: send /tracker export to me in a private chat, "
                       "and the files come there.")


class SlackInbound:
    """Each inbound payload is stored once (a retry is a duplicate), handled, then marked processed."""

    def __init__(self, *, settings: Settings, conversation, client: AsyncWebClient, messenger: SlackMessenger):
        self.settings = settings
        self.conversation = conversation
        self.client = client
        self.messenger = messenger
        self._tasks: set[asyncio.Task] = set()
        # Work in flight is bounded so a burst cannot crowd the event loop that must answer Slack's acks.
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._locales: OrderedDict[tuple[str, str], tuple[str | None, float]] = OrderedDict()

    @cached_property
    def inbound_log(self) -> InboundLog:
        # Built on first use, so wiring the adapter up needs no conversation or database yet.
        return InboundLog(PLATFORM, self.conversation.sessions, replay_after_seconds=REPLAY_AFTER_SECONDS,
                          max_replays=MAX_REPLAYS)

    def spawn(self, kind: str, body: dict) -> None:
        """Start handling a payload after the ack; a reference is kept so the task is not collected."""
        task = asyncio.create_task(self.accept(kind, body), name=f"slack-{kind}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, timeout: float) -> None:
        """On shutdown: let work in flight finish; what does not is replayed after the restart."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    async def accept(self, kind: str, body: dict) -> None:
        why = translate.malformed(kind, body)
        if why is not None:  # signed, yet not what Slack sends: nothing to store, replay or answer
            logger.warning("ignored a malformed slack %s: %s", kind, why)
            return
        key = translate.dedup_key(kind, body)
        if not await self.inbound_log.record(key, {"kind": kind, "body": body}):
            logger.info("slack %s %s was seen before; not handling it again", kind, key)
            return
        async with self._slots:
            await self.process(kind, body)
        await self.inbound_log.mark_processed(key)

    async def replay(self) -> None:
        """Handle payloads that were stored but never finished (the process died after the ack)."""
        for key, payload in await self.inbound_log.claim_stale():
            logger.warning("replaying slack %s %s left unprocessed", payload.get("kind"), key)
            await self.process(payload["kind"], payload["body"])
            await self.inbound_log.mark_processed(key)

    async def process(self, kind: str, body: dict) -> None:
        command = None
        try:
            command = await self._command(kind, body)
            if command is not None:
                await self._with_locale(command)
                if isinstance(command, c.ExportTracker) and not translate.is_direct(command.origin.chat_id):
                    # Files cannot be shown to one person in a channel: a tracker export is sent in a DM only.
                    await self._tell(command, EXPORT_IN_PRIVATE)
                    return
                await self.conversation.handle(command)
        except Exception:
            logger.exception("slack %s failed", kind)
            if command is not None and command.origin.chat_id:
                await self._tell(command, SORRY)

    async def _with_locale(self, command: c.Command) -> Translator:
        """Puts the person's Slack language on the command (once) and gives its translator."""
        if command.user.locale is None:
            locale = await self.locale_of(command.user.workspace_id, command.user.external_user_id)
            command.user = dataclasses.replace(command.user, locale=locale)
        return translator(user_language(None, command.user.locale))

    async def locale_of(self, team: str, user_id: str) -> str | None:
        """The person's Slack language ("de-DE"): no payload carries it, so ``users.info`` with
        ``include_locale`` is asked (needs the users:read scope) and kept for an hour; None when
        Slack does not say (the bot then speaks the language stored or chosen, else English)."""
        key, now = (team, user_id), time.monotonic()
        cached = self._locales.get(key)
        if cached is not None and now - cached[1] < LOCALE_SECONDS:
            self._locales.move_to_end(key)
            return cached[0]
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
            locale = (response.get("user") or {}).get("locale")
        except Exception as exc:  # a missing scope or an outage must not stop the request
            logger.info("slack users.info failed, language unknown: %s", exc)
            locale = None
        self._locales[key] = (locale if isinstance(locale, str) else None, now)
        while len(self._locales) > LOCALES_KEPT:
            self._locales.popitem(last=False)
        return self._locales[key][0]

    async def _command(self, kind: str, body: dict) -> c.Command | None:
        if kind == "command":
            return await self._slash_command(body)
        if kind == "action":
            return translate.button_command(body)
        if kind == "file":
            return await self._build_profile(body)
        return translate.mention_command(body, body["event"])

    async def _slash_command(self, body: dict) -> c.Command | None:
        command = translate.slash_command(body)
        if not isinstance(command, translate.THREADED):
            return command
        t = await self._with_locale(command)
        try:  # the acknowledgement message; its thread holds the status message and every result
            await self.messenger.pacer.wait(body["channel_id"])
            user, typed = translate.acknowledgement_parts(body)
            response = await self.client.chat_postMessage(
                channel=body["channel_id"], text=t(ACKNOWLEDGED, user=user, typed=typed), unfurl_links=False)
        except SlackApiError as exc:
            logger.info("cannot post in slack channel %s: %s", body["channel_id"], exc.response.get("error"))
            await AsyncRespond(response_url=body["response_url"])(text=t(NOT_IN_CHANNEL), response_type="ephemeral")
            return None
        command.origin.thread_id = response["ts"]
        return command

    async def _build_profile(self, body: dict) -> c.BuildProfile | None:
        """The files of a file_share message as one core command; refusals Slack lets us know of are answered here.

        A Slack Connect stub is looked up with ``files.info`` first and then judged like any
        file; a cloud document gets the "export it" answer; anything that goes wrong talking
        to Slack is told in the file message's thread (in a channel only when the message was
        clearly meant for the bot, so unrelated shares are never answered). Files shared in one
        message are read together (pages of a CV, a CV with a cover letter); each refused one
        is named when it came with others.
        """
        event = body["event"]
        bot_user = translate.bot_user_of(body)
        shared = translate.shared_files(event, bot_user)
        if not shared:
            return None
        user, origin = translate.file_origin(body, event)
        several = len(shared) > 1
        files = []
        for file in shared:
            if translate.needs_file_info(file):
                file = await self._file_info(file["id"], event, bot_user, origin)
                if file is None or not translate.is_for_the_bot(event, file, bot_user):
                    continue
            if translate.is_external(file):
                prefix = f"“{file.get('title') or file.get('name') or 'file'}”: " if several else ""
                t = translator(user_language(None, await self.locale_of(user.workspace_id, user.external_user_id)))
                await self.conversation.reply(origin, Message(text=prefix + t(ExternalDocumentError().user_message)))
                continue
            fetch = partial(download_file, file["url_private_download"],
                            token=self.settings.slack_bot_token.get_secret_value(),
                            limit=self.settings.max_upload_bytes, api_base_url=self.settings.slack_api_base_url)
            files.append(c.CvFile(file.get("name") or "file", file.get("size"), fetch, file.get("mimetype")))
        if not files:
            return None
        first, *more = files
        return c.BuildProfile(user, origin, filename=first.filename, size=first.size, fetch=first.fetch,
                              mime_type=first.mime_type, more_files=more)

    async def _file_info(self, file_id: str, event: dict, bot_user: str | None, origin) -> dict | None:
        """The full file object of a stub, or None after telling the user (where they asked us) why not."""
        try:
            return (await self.client.files_info(file=file_id))["file"]
        except SlackApiError as exc:
            data = exc.response.data  # a dict from Slack; text when something else answered
            error = (data.get("error") if isinstance(data, dict) else None) or f"HTTP {exc.response.status_code}"
            logger.info("files.info refused file %s: %s", file_id, error)
            text, params = FILE_INFO_REFUSED, {"error": error}
        except Exception:
            logger.exception("files.info failed for file %s", file_id)
            text, params = FILE_INFO_FAILED, {}
        if event.get("channel_type") == "im" or translate.speaks_of_a_cv(event, bot_user):
            t = translator(user_language(None, await self.locale_of(origin.workspace_id, event.get("user", ""))))
            await self.conversation.reply(origin, Message(text=t(text, **params)))
        return None

    async def _tell(self, command: c.Command, sentence: str) -> None:
        try:
            t = translator(user_language(None, command.user.locale))
            await self.messenger.send(command.origin, Message(text=t(sentence), private_to=command.user))
        except Exception as exc:  # already failing; the log above has the cause
            logger.info("could not tell the user either: %s", exc)
