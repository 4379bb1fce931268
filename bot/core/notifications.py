"""Completion events from the workers, turned into messages in the chat the request came from."""
from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.orm import Session, sessionmaker

from bot.core import texts
from bot.core.ports import ChatMessenger, Document, Message, OriginRef, OutgoingMessage
from config import Settings
from domain.jobs.types import JobPosting
from domain.letters.filename import letter_filename
from pipeline.steps import step_of
from storage.chat import has_newer_profile_request
from storage.files import document_path
from storage.models import Notification
from storage.outbox import claim_chat_delivery, finish_chat_delivery
from storage.records import get_record

logger = logging.getLogger(__name__)
PROGRESS_MIN_INTERVAL = 1.5  # seconds between edits of one status message (platform rate limits)


def origin_ref(origin) -> OriginRef:
    return OriginRef(platform=origin.platform, chat_id=origin.chat_id, workspace_id=origin.workspace_id,
                     thread_id=origin.thread_id, reply_to_message_id=origin.reply_to_message_id,
                     status_message_id=origin.status_message_id)


class Notifier:
    """Delivers each outcome to its chat exactly once, and throttles progress edits."""

    def __init__(self, *, settings: Settings, sessions: sessionmaker[Session], messengers: dict[str, ChatMessenger]):
        self.settings = settings
        self.sessions = sessions
        self.messengers = messengers
        self._last_edit: dict[str, float] = {}

    async def on_outcome(self, notification_id: int) -> str:
        """Returns "sent", "duplicate" or "unknown"; raises when the chat could not be reached."""
        claimed = await asyncio.to_thread(self._claim, notification_id)
        if claimed is None:
            return "unknown"
        if claimed is False:
            return "duplicate"
        try:
            plan = await asyncio.to_thread(self._plan, notification_id)
            if plan is not None:
                await self._send(notification_id, *plan)
        except Exception:
            await asyncio.to_thread(self._finish, notification_id, False)
            raise
        await asyncio.to_thread(self._finish, notification_id, True)
        return "sent"

    async def on_progress(self, record_type: str, record_id: str, percent: int, stage: str) -> None:
        origin = await asyncio.to_thread(self._origin_of, record_type, record_id)
        if origin is None or not origin.status_message_id:
            return
        now = time.monotonic()
        if now - self._last_edit.get(origin.status_message_id, 0) < PROGRESS_MIN_INTERVAL:
            return
        self._last_edit[origin.status_message_id] = now
        try:
            await self.messengers[origin.platform].edit(origin, origin.status_message_id,
                                                        texts.progress_message(stage, percent))
        except Exception as exc:  # progress is decoration; never let it fail the request
            logger.info("progress edit failed: %s", exc)

    def _claim(self, notification_id: int) -> bool | None:
        with self.sessions() as session:
            if session.get(Notification, notification_id) is None:
                return None
            return claim_chat_delivery(session, notification_id)

    def _finish(self, notification_id: int, sent: bool) -> None:
        with self.sessions() as session:
            finish_chat_delivery(session, notification_id, sent=sent)

    def _origin_of(self, record_type: str, record_id: str) -> OriginRef | None:
        with self.sessions() as session:
            record = get_record(session, record_type, record_id)
            return origin_ref(record.origin) if record is not None and record.origin else None

    def _plan(self, notification_id: int):
        """What to send: (origin, status text, messages, document), read in one session."""
        with self.sessions() as session:
            notification = session.get(Notification, notification_id)
            record = get_record(session, notification.record_type, notification.record_id)
            if record is None or record.origin is None:  # forgotten by the user meanwhile
                return None
            origin = origin_ref(record.origin)
            if notification.event == "failed":
                return origin, "✗ Failed", [texts.failure_message(step_of(record).doing, record.error_message)], None
            return (origin, *_completed(session, record, self.settings))

    async def _send(self, notification_id: int, origin: OriginRef, status: str | None,
                    messages: list[OutgoingMessage], document: Document | None) -> None:
        """Send the parts not yet sent: a retry after a half-failed delivery resumes, not repeats."""
        messenger = self.messengers[origin.platform]
        if status and origin.status_message_id:
            try:
                await messenger.edit(origin, origin.status_message_id, Message(text=status))
            except Exception as exc:
                logger.info("status edit failed: %s", exc)
        parts = [(messenger.send, message) for message in messages]
        if document is not None:
            parts.append((messenger.send_document, document))
        done = await asyncio.to_thread(self._parts_sent, notification_id)
        for index, (send, part) in enumerate(parts[done:], start=done):
            await send(origin, part)
            await asyncio.to_thread(self._record_part, notification_id, index + 1)

    def _parts_sent(self, notification_id: int) -> int:
        with self.sessions() as session:
            return session.get(Notification, notification_id).chat_parts_sent

    def _record_part(self, notification_id: int, count: int) -> None:
        with self.sessions() as session:
            session.get(Notification, notification_id).chat_parts_sent = count
            session.commit()


def _completed(session: Session, record, settings: Settings):
    kind = record.record_type
    if kind == "profile":
        if has_newer_profile_request(session, record):  # more pages, or another CV, came after this one
            return "✓ Read — the file you sent after it takes over", [], None
        return "✓ CV read", [texts.profile_message(record.profile, heading="Your profile is ready")], None
    if kind in ("job_search", "match"):  # a chat search is ranked in its own run; a "match" is from before that
        search = record if kind == "job_search" else get_record(session, "job_search", record.job_search_id)
        if not record.matches:
            return "✓ Done", [Message(text=f"No jobs found for “{search.query}”. Try a broader role or another city.")], None
        return "✓ Done", [texts.job_list_message(search.query, record.matches, ranking_id=record.id,
                                                  has_profile=record.profile_id is not None)], None
    job = record.job
    letter = Message(title=f"Cover letter — {job['title']} at {job['company_name']}", text=record.cover_letter,
                     footer=record.cv_summary and f"CV summary: {record.cv_summary}")
    data = document_path(settings, record.document_file).read_bytes() if record.document_file else None
    document = data and Document(filename=_letter_filename(job), data=data, caption="Your cover letter as PDF")
    return "✓ Letter ready", [letter], document


def _letter_filename(job: dict) -> str:
    return letter_filename(JobPosting.from_dict(job))
