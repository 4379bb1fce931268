"""The conversation core: one implementation of every command, whatever the chat platform.

Adapters turn platform events into the commands of ``bot.core.commands``; ``Conversation.handle``
looks the command's handler up in one explicit table and the handler calls a use case of
``services`` (never SQL of its own), then answers through the origin's messenger.
"""
from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable

from babel import Locale
from babel.numbers import format_decimal
from cachetools import TTLCache
from sqlalchemy.orm import Session, sessionmaker

from bot.core import commands as c
from bot.core import texts
from bot.core.alert_talk import BACK_CHECK_SECONDS, AlertTalk
from bot.core.flood import FloodGate
from bot.core.parse import clean_text
from bot.core.ports import ChatMessenger, Message, OriginRef, OutgoingMessage, UserRef
from bot.core.preference_talk import PreferenceTalk
from bot.core.result_actions import ResultActions
from bot.core.talk import Talk
from bot.core.tracker_talk import TrackerTalk
from config import Settings
from domain.cv.errors import CvReadError
from domain.cv.filetype import IMAGE_KINDS, READABLE_NAMES
from domain.cv.intake import accept_upload
from domain.errors import PermanentError
from domain.jobs.query import as_written, parse_search_request
from i18n import N_, Translator, translator
from services.errors import OverLimit, Refused
from services.letter_language import letter_language
from services.letters import choose_ranked_job, request_letter
from services.ports import ChatRequester, TaskQueue
from services.preferences import spoken_language
from services.profiles import (
    photo_pages_so_far,
    profile_from_message,
    profile_in_progress,
    request_profile,
)
from services.searches import request_search
from services.submit import check_requester_room
from services.upload_quota import check_upload_quota, quota_left
from services.users import forget_user, profile_of, requests_of
from storage.files import delete_uploads, save_upload

logger = logging.getLogger(__name__)
DOWNLOAD_FAILED = N_("I couldn't download your file. Please send it again.")
MAX_FILES_AT_ONCE = 5  # as the REST upload (bot.api.uploads.MAX_FILES); a chat album may hold 10
NO_PROFILE_YET = N_("I don't have your profile yet. Send me your CV: {kinds}.")
# Deleting one's data is never slowed down by the flood limits.
NOT_SLOWED = (c.Forget, c.ConfirmForget, c.CancelForget)
NO_REQUESTS_YET = N_("No requests yet. Send your CV (PDF, Word, OpenDocument or a photo), "
                     "or tell me what you are looking for, e.g. “python developer in Berlin”.")


class Conversation(Talk, PreferenceTalk, ResultActions, AlertTalk, TrackerTalk):
    """Turns commands into use cases and answers through the origin's messenger.

    Plain words and small talk (``Talk``), refinements and language (``PreferenceTalk``), work on a list
    already shown (``ResultActions``), alerts (``AlertTalk``) and the application tracker (``TrackerTalk``)
    live in their own modules; this class holds the table and the commands of a request's life: CV,
    search, letter, profile, status, forget."""

    def __init__(self, *, settings: Settings, sessions: sessionmaker[Session],
                 messengers: dict[str, ChatMessenger], queue: TaskQueue):
        self.settings = settings
        self.sessions = sessions
        self.messengers = messengers
        self.queue = queue
        # Held only while someone's CV is being taken, so the table does not grow with every user.
        self._person_locks: weakref.WeakValueDictionary[tuple, asyncio.Lock] = weakref.WeakValueDictionary()
        # The job each person was last asked "what makes it not for you?" about, so a bare answer ("too
        # senior") is about it; a few minutes' memory, as a conversation's.
        self._asked_why: TTLCache[tuple, str] = TTLCache(maxsize=10_000, ttl=15 * 60)
        self._back_checked: TTLCache[tuple, bool] = TTLCache(maxsize=50_000, ttl=BACK_CHECK_SECONDS)
        self.flood = FloodGate(settings)
        self.handlers: dict[type[c.Command], Callable[..., Awaitable[None]]] = {
            c.BuildProfile: self.build_profile,
            c.SearchJobs: self.search_jobs,
            c.WriteLetter: self.write_letter,
            c.ShowProfile: self.show_profile,
            c.ShowStatus: self.show_status,
            c.ShowHelp: self.show_help,
            c.Forget: self.ask_to_forget,
            c.ConfirmForget: self.forget,
            c.CancelForget: self.cancel_forget,
            c.UnknownCommand: self.unknown_command,
            c.PlainWords: self.plain_words,
            c.ShowMore: self.show_more,
            c.ShowDetails: self.show_details,
            c.NotForMe: self.not_for_me,
            c.Refine: self.refine,
            c.ShowPrefs: self.show_prefs,
            c.ResetPrefs: self.reset_prefs,
            c.SetLanguage: self.set_language,
            c.SmallTalk: self.small_talk,
            c.Unclear: self.unclear,
            c.CreateAlert: self.create_alert,
            c.ShowAlerts: self.show_alerts,
            c.ChangeAlert: self.change_alert,
            c.ShowTracker: self.show_tracker,
            c.MoveTracked: self.move_tracked,
            c.NoteTracked: self.note_tracked,
            c.SetFollowUp: self.set_follow_up,
            c.ExportTracker: self.export_tracker,
            c.TrackerUsage: self.tracker_usage,
        }

    async def handle(self, command: c.Command) -> None:
        """Run the command's handler; KeyError for a command type nobody registered (a bug). A person
        whose alerts were paused because the chat was gone is welcomed back first (``AlertTalk``).

        A person over their flood limits (bot.core.flood) is not acted on; the first such command of
        their minute is answered with why. A use case's ``OverLimit`` (too many requests still running,
        upload quota full) is answered with its sentence, whichever handler met it.
        """
        if not isinstance(command, NOT_SLOWED) and not await self._admitted(command):
            return
        if not isinstance(command, (c.ConfirmForget, c.Forget)):
            await self.welcome_back_if_blocked(command)
        try:
            await self.handlers[type(command)](command)
        except OverLimit as over:
            await self.reply(command.origin, Message(text=over.text(await self.translator_for(command.user))))

    async def _admitted(self, command: c.Command) -> bool:
        files = len(command.files) if isinstance(command, c.BuildProfile) else 0
        slowed = await self.flood.admit(command.user.key, files=files)
        if slowed is None:
            return True
        if slowed.tell:
            t = await self.translator_for(command.user)
            # Only for them (Slack ephemeral): the rest of a group chat need not hear it.
            await self.reply(command.origin, Message(text=t(slowed.message, limit=slowed.limit,
                                                            seconds=slowed.seconds), private_to=command.user))
        return False

    async def _check_room(self, command: c.Command) -> None:
        """Raise ``OverLimit`` before anything is said or fetched for a new request of a person who
        already has MAX_OPEN_REQUESTS_PER_OWNER running (``submit`` checks again when storing it)."""
        await self.db(lambda session: check_requester_room(
            session=session, requester=_requester(command), limit=self.settings.max_open_requests_per_owner))

    async def reply(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        return await self.messengers[origin.platform].send(origin, message)

    async def db(self, work: Callable[[Session], object]):
        """Run blocking database work off the event loop, in its own session."""
        def run():
            with self.sessions() as session:
                return work(session)
        return await asyncio.to_thread(run)

    async def translator_for(self, user: UserRef) -> Translator:
        """The person's language (their /language choice, else their app's), remembering the app's
        locale for messages sent later without a message to read it from (results, alerts)."""
        return translator(await self.db(lambda session: spoken_language(session, user)))

    def _person_lock(self, user: UserRef) -> asyncio.Lock:
        """One person's lock: their CV files, or their refinements, are decided one request at a time."""
        return self._person_locks.setdefault(user.key, asyncio.Lock())

    async def _refuse(self, command: c.Command, refusal: Refused, t: Translator) -> None:
        await self.reply(command.origin, Message(text=refusal.text(t),
                                                 private_to=command.user if refusal.private else None))

    async def show_help(self, command: c.ShowHelp) -> None:
        await self.reply(command.origin, texts.help_message(t=await self.translator_for(command.user)))

    async def unknown_command(self, command: c.UnknownCommand) -> None:
        """A slash command we do not have (plain words go to plain_words): named back whole, never cut."""
        t = await self.translator_for(command.user)
        name = command.text.split()[0] if command.text.split() else command.text
        if len(name) > 40:
            text = t("I don't know that command. Type /help for what I can do.")
        else:
            text = t("I don't know the command {command}. Type /help for what I can do.", command=name)
        await self.reply(command.origin, Message(text=text))

    async def build_profile(self, command: c.BuildProfile) -> None:
        """Size check, download, kind decided from the bytes, then the status message and the task.

        Every refusal is answered with its own message and queues nothing; "Got your CV" is
        only said for a file that will really be read. Several files sent together (an album,
        one message with a CV and a cover letter) become one profile request read together
        (pipeline.profiling.merge_profiles); a file of them that is refused is named in its own
        answer and the others are still read. Photos join the person's photo pages of the last
        minutes (services.profiles.photo_pages_so_far).
        """
        if await self.db(lambda session: profile_from_message(session=session, user=command.user,
                                                              origin=command.origin)) is not None:
            logger.info("the CV of message %s was taken already; this handling is a replay",
                        command.origin.reply_to_message_id)
            return
        t = await self.translator_for(command.user)
        await self._check_room(command)
        await self.db(lambda session: quota_left(session=session, settings=self.settings,
                                                 requester=_requester(command)))
        files = command.files
        if len(files) > MAX_FILES_AT_ONCE:
            left_out = t.list([f"“{clean_text(file.filename)}”" for file in files[MAX_FILES_AT_ONCE:]])
            await self.reply(command.origin, Message(text=t(
                "You sent {count} files at once; I read up to {most} files of one CV together, so I left out "
                "{left_out}. If they belong to your CV, send them again in a minute.",
                count=len(files), most=MAX_FILES_AT_ONCE, left_out=left_out)))
            files = files[:MAX_FILES_AT_ONCE]
        accepted = []
        for file in files:
            data_and_kind = await self._accepted_upload(command.origin, file, named=len(files) > 1, t=t)
            if data_and_kind is not None:
                accepted.append((file, *data_and_kind))
        if not accepted:
            return
        # One person's CV files are decided one request at a time: two photos handled at once would
        # otherwise both see no earlier page and start two competing one-page CVs.
        async with self._person_lock(command.user):
            await self.db(lambda session: check_upload_quota(
                session=session, settings=self.settings, requester=_requester(command),
                adding=sum(len(data) for _, data, _ in accepted)))
            earlier_pages = []
            if all(kind in IMAGE_KINDS for _, _, kind in accepted):  # a CV photographed page by page
                earlier_pages = await self.db(lambda session: photo_pages_so_far(session=session, user=command.user))
            command.origin.status_message_id = await self.reply(
                command.origin, Message(text=_got_it(len(earlier_pages), accepted, t)))
            names = [await asyncio.to_thread(save_upload, self.settings, data, kind.value)
                     for _, data, kind in accepted]
            try:
                await self.db(lambda session: request_profile(
                    session=session, queue=self.queue, requester=_requester(command),
                    file_names=[*earlier_pages, *names], original_filename=accepted[0][0].filename))
            except OverLimit:  # refused before anything was stored: the new files go with it
                await asyncio.to_thread(delete_uploads, self.settings, names)
                raise

    async def _accepted_upload(self, origin: OriginRef, file: c.CvFile, *, named: bool, t: Translator):
        """(bytes, kind) of one file, or None after answering why it cannot be read.

        ``named``: the answer starts with the file's name (it came with others).
        """
        limit = self.settings.max_upload_bytes
        prefix = f"“{clean_text(file.filename)}”: " if named else ""
        if file.size is not None and file.size > limit:  # the platform's figure: no download at all
            await self.reply(origin, Message(text=prefix + t(
                "This file is {size} MB; I accept CVs up to {limit} MB. "
                "Send a smaller file (a PDF without large images, or a compressed photo).",
                size=_megabytes(file.size / 1048576, t), limit=t.number(self.settings.max_upload_mb))))
            return None
        try:
            data = await file.fetch()
        except PermanentError as refusal:  # the adapter knows why (a cloud link, access refused, 404)
            logger.info("a CV could not be fetched: %s", refusal)
            await self.reply(origin, Message(text=prefix + t(refusal.user_message)))
            return None
        except Exception:
            logger.exception("download of a CV failed")
            await self.reply(origin, Message(text=prefix + t(DOWNLOAD_FAILED)))
            return None
        try:
            kind = await asyncio.to_thread(accept_upload, data, max_bytes=limit)  # a ZIP directory can be big
        except CvReadError as refusal:
            logger.info("refused a CV upload (%s): %s", file.mime_type, refusal)
            await self.reply(origin, Message(text=prefix + t(refusal.user_message)))
            return None
        logger.info("accepted a %s CV of %d bytes", kind, len(data))
        return data, kind

    async def search_jobs(self, command: c.SearchJobs) -> None:
        """A search, ranked against the person's CV when there is one; a refinement said with it
        ("remote python jobs") is stored first, as a lasting preference, and said back."""
        t = await self.translator_for(command.user)
        text = command.text
        if _without_role(text):  # "jobs in London": the role from the CV's title (without one, the parser asks)
            profile = await self.db(lambda session: profile_of(session=session, user=command.user))
            role = ((profile or {}).get("title") or "").strip()[:60]
            text = f"{role} {text}".strip()
        try:
            request = await asyncio.to_thread(lambda: as_written(parse_search_request(text)))
        except PermanentError as exc:
            await self.reply(command.origin, Message(text=t(exc.user_message)))
            return
        await self._check_room(command)
        said = await self.refinement_said(command, t)
        if said is None:
            return
        if await self.db(lambda session: profile_in_progress(session=session, user=command.user)):
            where = f" in {request.location}" if request.location else ""
            again = f"/jobsearch {request.query}{where}"
            await self.reply(command.origin, Message(text=said + t(
                "I'm still reading your new CV (a scan or photo takes a few seconds a page). When your profile "
                "is ready, send “{command}” again and I'll rank the jobs against it.", command=again)))
            return
        status = (t("Searching for “{query}” in {place}…", query=request.query, place=request.location)
                  if request.location else t("Searching for “{query}”…", query=request.query))
        if said:  # its own message: the status message below is edited into progress and the result
            await self.reply(command.origin, Message(text=said.strip()))
        command.origin.status_message_id = await self.reply(command.origin, Message(text=status))
        await self.db(lambda session: request_search(
            session=session, queue=self.queue, requester=_requester(command), query=request.query,
            location=request.location))

    async def write_letter(self, command: c.WriteLetter) -> None:
        """Job N of the person's ranking, in the language asked for ("/apply 2 de"; an unknown one is
        refused with the seven codes before anything is looked up), else the posting's."""
        t = await self.translator_for(command.user)
        try:
            language = letter_language(command.language)
            choice = await self.db(lambda session: choose_ranked_job(
                session=session, user=command.user, reference=command.reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self._check_room(command)
        job = choice.job
        if language:
            text = t("Writing your letter for {title} at {company} in {language}…", title=job["title"],
                     company=job["company_name"], language=Locale(t.language).languages.get(language, language))
        else:
            text = t("Writing your letter for {title} at {company}…", title=job["title"], company=job["company_name"])
        command.origin.status_message_id = await self.reply(command.origin, Message(text=text))
        await self.db(lambda session: request_letter(
            session=session, queue=self.queue, requester=_requester(command), choice=choice, language=language))

    async def show_profile(self, command: c.ShowProfile) -> None:
        t = await self.translator_for(command.user)
        profile = await self.db(lambda session: profile_of(session=session, user=command.user))
        message = texts.profile_message(profile, t=t) if profile else Message(
            text=t(NO_PROFILE_YET, kinds=t(READABLE_NAMES)))
        message.private_to = command.user  # personal data: not for the whole channel
        await self.reply(command.origin, message)

    async def show_status(self, command: c.ShowStatus) -> None:
        t = await self.translator_for(command.user)
        lines = await self.db(lambda session: [
            texts.status_line(record, t=t) for record in requests_of(session=session, user=command.user)])
        message = Message(title=t("Your recent requests"), items=lines) if lines else Message(
            text=t(NO_REQUESTS_YET))
        message.private_to = command.user
        await self.reply(command.origin, message)

    async def ask_to_forget(self, command: c.Forget) -> None:
        # Private, so nobody else in a group chat can press "Yes" (it would delete *their* data).
        question = texts.forget_question(t=await self.translator_for(command.user))
        question.private_to = command.user
        await self.reply(command.origin, question)

    async def cancel_forget(self, command: c.CancelForget) -> None:
        t = await self.translator_for(command.user)
        await self.reply(command.origin, Message(text=t("Nothing was deleted."), private_to=command.user))

    async def forget(self, command: c.ConfirmForget) -> None:
        t = await self.translator_for(command.user)  # before the person, and their language, are deleted
        await self.db(lambda session: forget_user(session=session, settings=self.settings, user=command.user))
        await self.reply(command.origin, Message(text=t(
            "Done — I deleted your profile, files, searches, letters, alerts and tracked applications."),
                                                 private_to=command.user))



def _megabytes(value: float, t: Translator) -> str:
    """"3.0" / "3,0": one decimal in the reader's way, so 2.04 MB over a 2 MB limit never reads "2"."""
    return format_decimal(value, format="0.0", locale=t.language)


def _without_role(text: str) -> bool:
    """"" or "in London": a search that names a place but no job."""
    return not text.strip() or text.strip().casefold().startswith("in ")


def _got_it(earlier_pages: int, accepted: list, t: Translator) -> str:
    """The status text once the files are taken: pages of a photographed CV are counted."""
    if earlier_pages:
        pages = earlier_pages + len(accepted)
        first = earlier_pages + 1
        if len(accepted) == 1:
            return t("Got page {page} of your CV — reading all {pages} pages together…", page=first, pages=pages)
        return t("Got pages {first}–{last} of your CV — reading all {pages} pages together…", first=first, last=pages,
                 pages=pages)
    if len(accepted) == 1:
        return t("Got your CV — reading it…")
    if all(kind in IMAGE_KINDS for _, _, kind in accepted):
        return t("Got your CV — reading its {count} pages together…", count=len(accepted))
    return t("Got your CV — reading its {count} files together…", count=len(accepted))


def _requester(command: c.Command) -> ChatRequester:
    return ChatRequester(user=command.user, origin=command.origin)
