"""Completion events from the workers, turned into messages in the chat the request came from."""
from __future__ import annotations

import asyncio
import functools
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.core import texts
from bot.core.digests import digest_message
from bot.core.ports import (
    Button,
    ChatMessenger,
    Document,
    Message,
    OriginRef,
    OutgoingMessage,
)
from bot.core.results import ranked_list
from bot.core.tracker_texts import follow_up_message
from config import Settings
from domain.jobs.preferences import LEFT_OUT
from domain.letters.template import summary_heading
from domain.tracker.stages import APPLIED
from i18n import N_, Translator, translator, user_language
from services.application_files import download_name, stored_files
from services.searches import CHAT_LIST_LENGTH
from services.tracker import get_tracked
from storage.chat import has_newer_profile_request
from storage.models import ChatUser, Notification
from storage.outbox import CHAT_SENT, claim_chat_delivery, finish_chat_delivery
from storage.records import get_record
from storage.tracker import RECORD_TYPE as TRACKER_RECORD
from storage.tracker import entry_for_job, owned_by

logger = logging.getLogger(__name__)
PROGRESS_MIN_INTERVAL = 1.5  # seconds between edits of one status message (platform rate limits)


@dataclass
class Files:
    """Files sent together after the messages, with one caption."""

    documents: list[Document]
    caption: str


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
        """Returns "sent", "duplicate" (sent before), "busy" (another delivery of it is under way: its
        sender must try again later, since that one may still fail) or "unknown"; raises when the chat
        could not be reached."""
        claimed = await asyncio.to_thread(self._claim, notification_id)
        if claimed is None:
            return "unknown"
        if claimed is False:
            return "duplicate" if await asyncio.to_thread(self._was_sent, notification_id) else "busy"
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
        found = await asyncio.to_thread(self._origin_of, record_type, record_id)
        if found is None or not found[0].status_message_id:
            return
        origin, t = found
        now = time.monotonic()
        if now - self._last_edit.get(origin.status_message_id, 0) < PROGRESS_MIN_INTERVAL:
            return
        self._last_edit[origin.status_message_id] = now
        try:
            await self.messengers[origin.platform].edit(origin, origin.status_message_id,
                                                        texts.progress_message(stage, percent, t=t))
        except Exception as exc:  # progress is decoration; never let it fail the request
            logger.info("progress edit failed: %s", exc)

    def _claim(self, notification_id: int) -> bool | None:
        with self.sessions() as session:
            if session.get(Notification, notification_id) is None:
                return None
            return claim_chat_delivery(session, notification_id)

    def _was_sent(self, notification_id: int) -> bool:
        with self.sessions() as session:
            return session.get(Notification, notification_id).chat_state == CHAT_SENT

    def _finish(self, notification_id: int, sent: bool) -> None:
        with self.sessions() as session:
            finish_chat_delivery(session, notification_id, sent=sent)

    def _origin_of(self, record_type: str, record_id: str) -> tuple[OriginRef, Translator] | None:
        """Where the record's request came from, and the language of the person who sent it."""
        with self.sessions() as session:
            record = get_record(session, record_type, record_id)
            if record is None or not record.origin:
                return None
            return origin_ref(record.origin), speaker_of(session, record)

    def _plan(self, notification_id: int):
        """What to send: (origin, status text, messages, files or None), read in one session."""
        with self.sessions() as session:
            notification = session.get(Notification, notification_id)
            if notification.record_type == TRACKER_RECORD:  # a follow-up reminder: no pipeline record
                return _follow_up(session, notification)
            record = get_record(session, notification.record_type, notification.record_id)
            if record is None or record.origin is None:  # forgotten by the user meanwhile
                return None
            origin, t = origin_ref(record.origin), speaker_of(session, record)
            if notification.event == "failed":
                failure = texts.failure_message(record.record_type, texts.failure_reason(record, t=t), t=t)
                return origin, t("✗ Failed"), [failure], None
            return (origin, *_completed(session, record, self.settings, t))

    async def _send(self, notification_id: int, origin: OriginRef, status: str | None,
                    messages: list[OutgoingMessage], files: Files | None) -> None:
        """Send the parts not yet sent: a retry after a half-failed delivery resumes, not repeats.

        Parts: each message, then all files as one part (one album, one upload), so a failed
        upload is sent again in whole on the retry and files already delivered never twice.
        """
        messenger = self.messengers[origin.platform]
        if status and origin.status_message_id:
            try:
                await messenger.edit(origin, origin.status_message_id, Message(text=status))
            except Exception as exc:
                logger.info("status edit failed: %s", exc)
        parts = [functools.partial(messenger.send, origin, message) for message in messages]
        if files is not None:
            parts.append(functools.partial(messenger.send_documents, origin, files.documents, caption=files.caption))
        done = await asyncio.to_thread(self._parts_sent, notification_id)
        for index, send in enumerate(parts[done:], start=done):
            await send()
            await asyncio.to_thread(self._record_part, notification_id, index + 1)

    def _parts_sent(self, notification_id: int) -> int:
        with self.sessions() as session:
            return session.get(Notification, notification_id).chat_parts_sent

    def _record_part(self, notification_id: int, count: int) -> None:
        with self.sessions() as session:
            session.get(Notification, notification_id).chat_parts_sent = count
            session.commit()


def speaker_of(session: Session, record) -> Translator:
    """The translator for the person who asked for ``record``: their /language choice, else their
    app's language (``i18n.user_language``); English for a REST record or a person gone meanwhile."""
    chat_user = session.get(ChatUser, record.chat_user_id) if record.chat_user_id else None
    return translator(user_language(chat_user.language, chat_user.locale) if chat_user else None)


def _completed(session: Session, record, settings: Settings, t: Translator):
    kind = record.record_type
    if kind == "profile":
        if has_newer_profile_request(session, record):  # more pages, or another CV, came after this one
            return t("✓ Read — the file you sent after it takes over"), [], None
        return t("✓ CV read"), [texts.profile_message(record.profile, heading=N_("Your profile is ready"), t=t)], None
    if kind == "job_search" and record.alert_id is not None:  # an alert's digest: never empty (see pipeline.alert_digests)
        return None, [digest_message(record, t=t)] if record.matches else [], None
    if kind in ("job_search", "match"):  # a chat search is ranked in its own run; a "match" is from before that
        search = record if kind == "job_search" else get_record(session, "job_search", record.job_search_id)
        if not record.matches:
            counts = (search.preferences or {}).get(LEFT_OUT) or {}
            return t("✓ Done"), [texts.no_jobs_message(search.query, texts.notes_of(search, t=t),
                                                      left_out=sum(counts.values()), t=t)], None
        return t("✓ Done"), [ranked_list(search, record.matches, ranking_id=record.id, start=0,
                                         count=min(CHAT_LIST_LENGTH, len(record.matches)), total=len(record.matches),
                                         has_profile=record.profile_id is not None, t=t)], None
    profile = get_record(session, "profile", record.profile_id) if record.profile_id else None
    return _letter(record, settings, profile, t, tracked=_tracked_letter(session, record))


def _tracked_letter(session: Session, record):
    """The tracker entry of a letter's job while it is still only saved (its "Applied ✓" button), else None."""
    if record.chat_user_id is None:
        return None
    entry = entry_for_job(session, owned_by(chat_user_id=record.chat_user_id), record.job_id)
    return entry if entry is not None and entry.stage == "saved" else None


def _follow_up(session: Session, notification: Notification):
    """A follow-up reminder (services.tracker.queue_follow_up_reminders): nothing when the entry is gone
    (forgotten, deleted) or has moved on from "applied" since it was queued."""
    entry = get_tracked(session, notification.record_id)
    if entry is None or entry.origin is None or entry.stage != "applied":
        return None
    t = speaker_of(session, entry)
    return origin_ref(entry.origin), None, [follow_up_message(entry, now=datetime.now(UTC), t=t)], None


def _letter(record, settings: Settings, profile_record, t: Translator, *, tracked=None):
    """The letter as a message (its CV summary labelled in the letter's language, and a word when the
    CV does not show that language), then its files."""
    job = record.job
    footer = [f"{summary_heading(record.language or 'en')} {record.cv_summary}"] if record.cv_summary else []
    footer += [texts.letter_language_note(record.language, profile_record.profile or {},
                                          profile_record.profile_text or "", t=t)
               ] if profile_record is not None and record.language else []
    letter = Message(title=t("Cover letter — {title} at {company}", title=job["title"], company=job["company_name"]),
                     text=record.cover_letter, footer="\n\n".join(f for f in footer if f),
                     # Sent it? One tap moves the job on the tracker and starts the follow-up reminder.
                     buttons=[Button(t("Applied ✓"), "stage", f"{tracked.id}:{APPLIED}")] if tracked is not None else [])
    found = stored_files(settings, record)
    if not found:
        return t("✓ Letter ready"), [letter], None
    documents = [Document(filename=download_name(file, job, record.language), data=path.read_bytes(), mime_type=file.mime_type)
                 for file, path in found]
    return t("✓ Letter ready"), [letter], Files(documents, caption=_files_caption({file for file, _ in found}, t))


def _files_caption(files: set, t: Translator) -> str:
    """What the files are; a letter written before DOCX and tailored CVs existed has only its PDF."""
    if {file.document for file in files} == {"letter"} and {file.suffix for file in files} == {"pdf"}:
        return t("Your cover letter as PDF")
    return t("Your cover letter and a CV tailored to this job: PDF to send, Word (.docx) to edit first.")
