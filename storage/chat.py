"""Queries about chat users and their requests."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import (
    COMPLETED,
    RECORD_MODELS,
    Application,
    ChatOrigin,
    ChatUser,
    JobFeedback,
    JobSearch,
    MatchRun,
    UserProfile,
)


def get_or_create_user(session: Session, *, platform: str, workspace_id: str, external_user_id: str,
                       display_name: str | None = None) -> ChatUser:
    query = select(ChatUser).where(
        ChatUser.platform == platform, ChatUser.workspace_id == workspace_id,
        ChatUser.external_user_id == external_user_id,
    )
    user = session.scalar(query)
    if user is not None:
        return user
    user = ChatUser(platform=platform, workspace_id=workspace_id, external_user_id=external_user_id,
                    display_name=display_name)
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # the same user's first two messages raced
        session.rollback()
        user = session.scalar(query)
    return user


def latest_completed_profile(session: Session, chat_user_id: int) -> UserProfile | None:
    """The completed profile of the CV the person sent last (a photo read slowly must not
    replace a Word file sent after it, so the order is that of the requests)."""
    return session.scalar(
        select(UserProfile).where(UserProfile.chat_user_id == chat_user_id, UserProfile.status == COMPLETED)
        .order_by(UserProfile.created_at.desc()).limit(1)
    )


def has_newer_profile_request(session: Session, record: UserProfile) -> bool:
    """True when the person sent another CV (or more pages of this one) after ``record``."""
    if record.chat_user_id is None:
        return False
    return session.scalar(select(UserProfile.id).where(
        UserProfile.chat_user_id == record.chat_user_id, UserProfile.created_at > record.created_at,
        UserProfile.id != record.id).limit(1)) is not None


def recent_requests(session: Session, chat_user_id: int, *, limit: int = 8) -> list:
    records = []
    for model in (UserProfile, JobSearch, MatchRun, Application):
        records += session.scalars(
            select(model).where(model.chat_user_id == chat_user_id).order_by(model.created_at.desc()).limit(limit)
        ).all()
    return sorted(records, key=lambda record: record.created_at, reverse=True)[:limit]


def files_of_user(session: Session, chat_user_id: int) -> tuple[list[str], list[str]]:
    """Generated names of the uploads and documents (each letter's and tailored CV's files) of a user."""
    uploads = [name for files in session.scalars(
        select(UserProfile.source_files).where(UserProfile.chat_user_id == chat_user_id)) for name in files or []]
    rows = session.execute(select(*Application.file_columns()).where(Application.chat_user_id == chat_user_id))
    documents = [name for row in rows for name in row if name]
    return uploads, documents


def delete_user(session: Session, chat_user_id: int) -> None:
    """Remove the user and every record and origin of theirs (the caller removes files)."""
    for model in (Application, MatchRun, JobSearch, UserProfile):
        session.execute(delete(model).where(model.chat_user_id == chat_user_id))
    session.execute(delete(JobFeedback).where(JobFeedback.chat_user_id == chat_user_id))
    session.execute(delete(ChatOrigin).where(ChatOrigin.chat_user_id == chat_user_id))
    session.execute(delete(ChatUser).where(ChatUser.id == chat_user_id))


__all__ = ["RECORD_MODELS", "delete_user", "files_of_user", "get_or_create_user", "latest_completed_profile",
           "recent_requests"]
