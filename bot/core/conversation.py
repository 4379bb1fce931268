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

from sqlalchemy.orm import Session, sessionmaker

from bot.core import commands as c
from bot.core import texts
from bot.core.ports import ChatMessenger, Message, OriginRef, OutgoingMessage, UserRef
from config import Settings
from domain.cv.errors import CvReadError
from domain.cv.filetype import IMAGE_KINDS, READABLE_NAMES
from domain.cv.intake import accept_upload
from domain.errors import PermanentError
from domain.jobs.query import parse_search_request
from services.errors import Refused
from services.letter_language import language_name, letter_language
from services.letters import choose_ranked_job, request_letter
from services.ports import ChatRequester, TaskQueue
from services.profiles import photo_pages_so_far, profile_in_progress, request_profile
from services.searches import request_search
from services.users import forget_user, profile_of, requests_of
from storage.files import save_upload

logger = logging.getLogger(__name__)
DOWNLOAD_FAILED = "I couldn't download your file. Please send it again."
MAX_FILES_AT_ONCE = 5  # as the REST upload (bot.api.uploads.MAX_FILES); a chat album may hold 10
NO_PROFILE_YET = f"I don't have your profile yet. Send me your CV: {READABLE_NAMES}."
NO_REQUESTS_YET = ("No requests yet. Send your CV (PDF, Word, OpenDocument or a photo), "
                   "or try /jobsearch python developer in Berlin.")


class Conversation:
    """Turns commands into use cases and answers through the origin's messenger."""

    def __init__(self, *, settings: Settings, sessions: sessionmaker[Session],
                 messengers: dict[str, ChatMessenger], queue: TaskQueue):
        self.settings = settings
        self.sessions = sessions
        self.messengers = messengers
        self.queue = queue
        # Held only while someone's CV is being taken, so the table does not grow with every user.
        self._profile_locks: weakref.WeakValueDictionary[tuple, asyncio.Lock] = weakref.WeakValueDictionary()
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
        }

    async def handle(self, command: c.Command) -> None:
        """Run the command's handler; KeyError for a command type nobody registered (a bug)."""
        await self.handlers[type(command)](command)

    async def reply(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        return await self.messengers[origin.platform].send(origin, message)

    async def db(self, work: Callable[[Session], object]):
        """Run blocking database work off the event loop, in its own session."""
        def run():
            with self.sessions() as session:
                return work(session)
        return await asyncio.to_thread(run)

    async def show_help(self, command: c.ShowHelp) -> None:
        await self.reply(command.origin, texts.help_message())

    async def unknown_command(self, command: c.UnknownCommand) -> None:
        await self.reply(command.origin, Message(text=f"I don't know “{command.text[:40]}”. Type /help for what I can do."))

    async def build_profile(self, command: c.BuildProfile) -> None:
        """Size check, download, kind decided from the bytes, then the status message and the task.

        Every refusal is answered with its own message and queues nothing; "Got your CV" is
        only said for a file that will really be read. Several files sent together (an album,
        one message with a CV and a cover letter) become one profile request read together
        (pipeline.profiling.merge_profiles); a file of them that is refused is named in its own
        answer and the others are still read. Photos join the person's photo pages of the last
        minutes (services.profiles.photo_pages_so_far).
        """
        files = command.files
        if len(files) > MAX_FILES_AT_ONCE:
            left_out = ", ".join(f"“{file.filename}”" for file in files[MAX_FILES_AT_ONCE:])
            await self.reply(command.origin, Message(text=(
                f"You sent {len(files)} files at once; I read up to {MAX_FILES_AT_ONCE} files of one CV together, "
                f"so I left out {left_out}. If they belong to your CV, send them again in a minute.")))
            files = files[:MAX_FILES_AT_ONCE]
        accepted = []
        for file in files:
            data_and_kind = await self._accepted_upload(command.origin, file, named=len(files) > 1)
            if data_and_kind is not None:
                accepted.append((file, *data_and_kind))
        if not accepted:
            return
        # One person's CV files are decided one request at a time: two photos handled at once would
        # otherwise both see no earlier page and start two competing one-page CVs.
        async with self._profile_locks.setdefault(_person(command.user), asyncio.Lock()):
            earlier_pages = []
            if all(kind in IMAGE_KINDS for _, _, kind in accepted):  # a CV photographed page by page
                earlier_pages = await self.db(lambda session: photo_pages_so_far(session=session, user=command.user))
            command.origin.status_message_id = await self.reply(
                command.origin, Message(text=_got_it(len(earlier_pages), accepted)))
            names = [await asyncio.to_thread(save_upload, self.settings, data, kind.value)
                     for _, data, kind in accepted]
            await self.db(lambda session: request_profile(
                session=session, queue=self.queue, requester=_requester(command),
                file_names=[*earlier_pages, *names], original_filename=accepted[0][0].filename))

    async def _accepted_upload(self, origin: OriginRef, file: c.CvFile, *, named: bool):
        """(bytes, kind) of one file, or None after answering why it cannot be read.

        ``named``: the answer starts with the file's name (it came with others).
        """
        limit = self.settings.max_upload_bytes
        prefix = f"“{file.filename}”: " if named else ""
        if file.size is not None and file.size > limit:  # the platform's figure: no download at all
            await self.reply(origin, Message(
                text=f"{prefix}This file is {file.size / 1048576:.1f} MB; I accept CVs up to "
                     f"{self.settings.max_upload_mb:g} MB. "
                     "Send a smaller file (a PDF without large images, or a compressed photo)."))
            return None
        try:
            data = await file.fetch()
        except PermanentError as refusal:  # the adapter knows why (a cloud link, access refused, 404)
            logger.info("a CV could not be fetched: %s", refusal)
            await self.reply(origin, Message(text=prefix + refusal.user_message))
            return None
        except Exception:
            logger.exception("download of a CV failed")
            await self.reply(origin, Message(text=prefix + DOWNLOAD_FAILED))
            return None
        try:
            kind = await asyncio.to_thread(accept_upload, data, max_bytes=limit)  # a ZIP directory can be big
        except CvReadError as refusal:
            logger.info("refused a CV upload (%s): %s", file.mime_type, refusal)
            await self.reply(origin, Message(text=prefix + refusal.user_message))
            return None
        logger.info("accepted a %s CV of %d bytes", kind, len(data))
        return data, kind

    async def search_jobs(self, command: c.SearchJobs) -> None:
        try:
            request = parse_search_request(command.text)
        except PermanentError as exc:
            await self.reply(command.origin, Message(text=exc.user_message))
            return
        where = f" in {request.location}" if request.location else ""
        if await self.db(lambda session: profile_in_progress(session=session, user=command.user)):
            await self.reply(command.origin, Message(text=(
                "I'm still reading your new CV (a scan or photo takes a few seconds a page). When your "
                f"profile is ready, send “/jobsearch {request.query}{where}” again and I'll rank the jobs against it.")))
            return
        command.origin.status_message_id = await self.reply(
            command.origin, Message(text=f"Searching for “{request.query}”{where}…"))
        await self.db(lambda session: request_search(
            session=session, queue=self.queue, requester=_requester(command), query=request.query,
            location=request.location))

    async def write_letter(self, command: c.WriteLetter) -> None:
        """Job N of the person's ranking, in the language asked for ("/apply 2 de"; an unknown one is
        refused with the seven codes before anything is looked up), else the posting's."""
        try:
            language = letter_language(command.language)
            choice = await self.db(lambda session: choose_ranked_job(
                session=session, user=command.user, reference=command.reference))
        except Refused as refusal:
            await self.reply(command.origin, Message(text=refusal.message,
                                                     private_to=command.user if refusal.private else None))
            return
        job = choice.job
        in_language = f" in {language_name(language)}" if language else ""
        command.origin.status_message_id = await self.reply(command.origin, Message(
            text=f"Writing your letter for {job['title']} at {job['company_name']}{in_language}…"))
        await self.db(lambda session: request_letter(
            session=session, queue=self.queue, requester=_requester(command), choice=choice, language=language))

    async def show_profile(self, command: c.ShowProfile) -> None:
        profile = await self.db(lambda session: profile_of(session=session, user=command.user))
        message = texts.profile_message(profile) if profile else Message(
            text=NO_PROFILE_YET)
        message.private_to = command.user  # personal data: not for the whole channel
        await self.reply(command.origin, message)

    async def show_status(self, command: c.ShowStatus) -> None:
        lines = await self.db(lambda session: [
            texts.status_line(record) for record in requests_of(session=session, user=command.user)])
        message = Message(title="Your recent requests", items=lines) if lines else Message(
            text=NO_REQUESTS_YET)
        message.private_to = command.user
        await self.reply(command.origin, message)

    async def ask_to_forget(self, command: c.Forget) -> None:
        # Private, so nobody else in a group chat can press "Yes" (it would delete *their* data).
        question = texts.forget_question()
        question.private_to = command.user
        await self.reply(command.origin, question)

    async def cancel_forget(self, command: c.CancelForget) -> None:
        await self.reply(command.origin, Message(text="Nothing was deleted.", private_to=command.user))

    async def forget(self, command: c.ConfirmForget) -> None:
        await self.db(lambda session: forget_user(session=session, settings=self.settings, user=command.user))
        await self.reply(command.origin, Message(text="Done — I deleted your profile, files, searches and letters.",
                                                 private_to=command.user))


def _person(user: UserRef) -> tuple[str, str, str]:
    return user.platform, user.workspace_id or "", user.external_user_id


def _got_it(earlier_pages: int, accepted: list) -> str:
    """The status text once the files are taken: pages of a photographed CV are counted."""
    if earlier_pages:
        pages = earlier_pages + len(accepted)
        first = earlier_pages + 1
        which = f"page {first}" if len(accepted) == 1 else f"pages {first}–{pages}"
        return f"Got {which} of your CV — reading all {pages} pages together…"
    if len(accepted) == 1:
        return "Got your CV — reading it…"
    if all(kind in IMAGE_KINDS for _, _, kind in accepted):
        return f"Got your CV — reading its {len(accepted)} pages together…"
    return f"Got your CV — reading its {len(accepted)} files together…"


def _requester(command: c.Command) -> ChatRequester:
    return ChatRequester(user=command.user, origin=command.origin)
