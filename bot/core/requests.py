"""Synchronous database work behind the conversation: users, origins, new records."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.ports import OriginRef, UserRef
from storage.chat import get_or_create_user
from storage.models import PENDING, PROCESSING, Application, ChatOrigin, ChatUser, MatchRun
from tasks.dispatch import dispatch

logger = logging.getLogger(__name__)


def find_user(session: Session, user: UserRef) -> ChatUser | None:
    return session.scalar(select(ChatUser).where(
        ChatUser.platform == user.platform, ChatUser.workspace_id == user.workspace_id,
        ChatUser.external_user_id == user.external_user_id,
    ))


def ensure_user(session: Session, user: UserRef) -> ChatUser:
    return get_or_create_user(session, platform=user.platform, workspace_id=user.workspace_id,
                              external_user_id=user.external_user_id, display_name=user.display_name)


def submit(session: Session, user: UserRef, origin: OriginRef, record) -> str:
    """Store a record with its origin, commit, then enqueue its task (Celery's rule: commit first)."""
    chat_user = ensure_user(session, user)
    chat_origin = ChatOrigin(
        chat_user_id=chat_user.id, platform=origin.platform, workspace_id=origin.workspace_id,
        chat_id=origin.chat_id, thread_id=origin.thread_id, reply_to_message_id=origin.reply_to_message_id,
        status_message_id=origin.status_message_id,
    )
    session.add(chat_origin)
    session.flush()
    record.chat_user_id, record.origin_id = chat_user.id, chat_origin.id
    session.add(record)
    session.commit()
    dispatch(session, record)
    logger.info("%s %s submitted for %s user %s", record.record_type, record.id, user.platform, chat_user.id)
    return record.id


def pick_match(session: Session, chat_user: ChatUser, reference: str) -> tuple[MatchRun | None, int | None]:
    """Resolve "N" or "MATCH_ID:N" to one of the user's own rankings and a 1-based position."""
    match_id, _, number = reference.rpartition(":")
    if not number.strip().isdigit():
        return None, None
    if match_id:
        run = session.get(MatchRun, match_id)
        if run is None or run.chat_user_id != chat_user.id:
            return None, None
    else:
        run = session.scalar(select(MatchRun).where(MatchRun.chat_user_id == chat_user.id, MatchRun.status == "completed")
                             .order_by(MatchRun.completed_at.desc()).limit(1))
    return run, int(number)


def ranking_of_someone_else(session: Session, chat_user: ChatUser, reference: str) -> bool:
    """True when "MATCH_ID:N" names a ranking that exists but belongs to another user (their button)."""
    match_id = reference.rpartition(":")[0]
    run = session.get(MatchRun, match_id) if match_id else None
    return run is not None and run.chat_user_id != chat_user.id


def job_of(run: MatchRun, number: int) -> dict | None:
    if not run.matches or not 1 <= number <= len(run.matches):
        return None
    return run.matches[number - 1]["job"]


def letter_in_progress(session: Session, chat_user_id: int, job_id: str) -> bool:
    return session.scalar(select(Application.id).where(
        Application.chat_user_id == chat_user_id, Application.job_id == job_id,
        Application.status.in_((PENDING, PROCESSING))).limit(1)) is not None
