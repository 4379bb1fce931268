"""The conversation core: one implementation of every command, whatever the chat platform."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from bot.core import commands as c
from bot.core import texts
from bot.core.ports import ChatMessenger, Message, OriginRef, OutgoingMessage
from bot.core.requests import (
    ensure_user, find_user, job_of, letter_in_progress, pick_match, ranking_of_someone_else, submit,
)
from config import Settings
from storage.chat import delete_user, files_of_user, latest_completed_profile, recent_requests
from storage.models import Application, JobSearch, UserProfile
from domain.cv.pdf_reader import looks_like_pdf
from domain.errors import PermanentError
from domain.jobs.query import parse_search_request
from storage.files import document_path, save_upload, upload_path

logger = logging.getLogger(__name__)


class Conversation:
    """Turns commands into records and tasks, and answers through the origin's messenger."""

    def __init__(self, *, settings: Settings, sessions: sessionmaker[Session], messengers: dict[str, ChatMessenger]):
        self.settings = settings
        self.sessions = sessions
        self.messengers = messengers

    async def handle(self, command: c.Command) -> None:
        handler = getattr(self, f"_{type(command).__name__}")
        await handler(command)

    async def reply(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        return await self.messengers[origin.platform].send(origin, message)

    async def db(self, work: Callable[[Session], object]):
        """Run blocking database work off the event loop, in its own session."""
        def run():
            with self.sessions() as session:
                return work(session)
        return await asyncio.to_thread(run)

    async def _ShowHelp(self, command: c.ShowHelp) -> None:
        await self.reply(command.origin, texts.help_message())

    async def _UnknownCommand(self, command: c.UnknownCommand) -> None:
        await self.reply(command.origin, Message(text=f"I don't know “{command.text[:40]}”. Type /help for what I can do."))

    async def _BuildProfile(self, command: c.BuildProfile) -> None:
        limit = self.settings.max_upload_bytes
        if command.size is not None and command.size > limit:
            await self.reply(command.origin, Message(
                text=f"This file is {command.size / 1048576:.1f} MB; I accept CVs up to {self.settings.max_upload_mb:g} MB. "
                     "Export a smaller PDF (without large images) and send it again."))
            return
        command.origin.status_message_id = await self.reply(command.origin, Message(text="Got your CV — reading it…"))
        try:
            data = await command.fetch()
        except Exception:
            logger.exception("download of a CV failed")
            await self.reply(command.origin, Message(text="I couldn't download your file. Please send it again."))
            return
        if len(data) > limit or not looks_like_pdf(data[:1024]):
            text = ("This file is too large." if len(data) > limit else
                    "This file isn't a PDF. Export your CV as PDF (File → Save as / Export → PDF) and send that.")
            await self.reply(command.origin, Message(text=text))
            return
        name = await asyncio.to_thread(save_upload, self.settings, data)
        record = UserProfile(source_files=[name], original_filename=command.filename[:255])
        await self.db(lambda session: submit(session, command.user, command.origin, record))

    async def _SearchJobs(self, command: c.SearchJobs) -> None:
        try:
            request = parse_search_request(command.text)
        except PermanentError as exc:
            await self.reply(command.origin, Message(text=exc.user_message))
            return

        def create(session: Session) -> None:
            profile = latest_completed_profile(session, ensure_user(session, command.user).id)
            record = JobSearch(query=request.query, location=request.location, num_results=30,
                               profile_id=profile.id if profile else None, rank_after_search=True)
            submit(session, command.user, command.origin, record)

        where = f" in {request.location}" if request.location else ""
        command.origin.status_message_id = await self.reply(
            command.origin, Message(text=f"Searching for “{request.query}”{where}…"))
        await self.db(create)

    async def _WriteLetter(self, command: c.WriteLetter) -> None:
        choice = await self.db(lambda session: self._choose_job(session, command))
        if isinstance(choice, Message):
            await self.reply(command.origin, choice)
            return
        job, profile_id = choice
        command.origin.status_message_id = await self.reply(
            command.origin, Message(text=f"Writing your letter for {job['title']} at {job['company_name']}…"))
        record = Application(profile_id=profile_id, job_id=job["job_id"], job=job)
        await self.db(lambda session: submit(session, command.user, command.origin, record))

    def _choose_job(self, session: Session, command: c.WriteLetter) -> Message | tuple[dict, str]:
        chat_user = ensure_user(session, command.user)
        run, number = pick_match(session, chat_user, command.reference)
        if run is None and ranking_of_someone_else(session, chat_user, command.reference):
            return Message(text="That job list belongs to someone else. Run /jobsearch for your own list.",
                           private_to=command.user)
        if run is None:
            return Message(text="I have no job list of yours to pick from. Run /jobsearch first, then /apply N.")
        job = job_of(run, number)
        if job is None:
            return Message(text=f"Pick a job number between 1 and {len(run.matches or [])}, e.g. /apply 1.")
        profile = latest_completed_profile(session, chat_user.id)
        if profile is None:
            return Message(text="I need your CV before I can write a letter. Send it as a PDF first.")
        if letter_in_progress(session, chat_user.id, job["job_id"]):
            return Message(text=f"I'm already writing the letter for {job['title']} — it will arrive here shortly.")
        return job, profile.id

    async def _ShowProfile(self, command: c.ShowProfile) -> None:
        def load(session: Session):
            chat_user = find_user(session, command.user)
            profile = chat_user and latest_completed_profile(session, chat_user.id)
            return profile.profile if profile else None

        profile = await self.db(load)
        message = texts.profile_message(profile) if profile else Message(
            text="I don't have your profile yet. Send me your CV as a PDF.")
        message.private_to = command.user  # personal data: not for the whole channel
        await self.reply(command.origin, message)

    async def _ShowStatus(self, command: c.ShowStatus) -> None:
        def load(session: Session) -> list[str]:
            chat_user = find_user(session, command.user)
            return [texts.status_line(record) for record in recent_requests(session, chat_user.id)] if chat_user else []

        lines = await self.db(load)
        message = Message(title="Your recent requests", items=lines) if lines else Message(
            text="No requests yet. Send your CV as a PDF, or try /jobsearch python developer in Berlin.")
        message.private_to = command.user
        await self.reply(command.origin, message)

    async def _Forget(self, command: c.Forget) -> None:
        # Private, so nobody else in a group chat can press "Yes" (it would delete *their* data).
        question = texts.forget_question()
        question.private_to = command.user
        await self.reply(command.origin, question)

    async def _CancelForget(self, command: c.CancelForget) -> None:
        await self.reply(command.origin, Message(text="Nothing was deleted.", private_to=command.user))

    async def _ConfirmForget(self, command: c.ConfirmForget) -> None:
        await self.db(lambda session: self._forget(session, command))
        await self.reply(command.origin, Message(text="Done — I deleted your profile, files, searches and letters.",
                                                 private_to=command.user))

    def _forget(self, session: Session, command: c.ConfirmForget) -> None:
        chat_user = find_user(session, command.user)
        if chat_user is None:
            return
        uploads, documents = files_of_user(session, chat_user.id)
        delete_user(session, chat_user.id)
        session.commit()
        for path in [upload_path(self.settings, n) for n in uploads] + [document_path(self.settings, n) for n in documents]:
            path.unlink(missing_ok=True)
        logger.info("deleted every record and file of chat user %s", chat_user.id)
