"""Queries about chat users and their requests."""
from __future__ import annotations

from sqlalchemy import String, cast, delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import (
    COMPLETED,
    RECORD_MODELS,
    Alert,
    AlertRun,
    Application,
    ChatOrigin,
    ChatUser,
    JobFeedback,
    JobSearch,
    MatchRun,
    Notification,
    TrackedApplication,
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
    """Remove the user and every record and origin of theirs (the caller removes files): their alerts,
    the alerts' memory and the tracker go with the user row (foreign keys, ON DELETE CASCADE); the
    outbox rows about any of it, and their alerts' place in shared alert runs, are removed here, since
    neither is tied to them by a key."""
    record_ids = [record_id for model in (*RECORD_MODELS.values(), TrackedApplication) if hasattr(model, "chat_user_id")
                  for record_id in session.scalars(select(model.id).where(model.chat_user_id == chat_user_id))]
    for start in range(0, len(record_ids), 500):
        session.execute(delete(Notification).where(Notification.record_id.in_(record_ids[start:start + 500])))
    _leave_alert_runs(session, list(session.scalars(select(Alert.id).where(Alert.chat_user_id == chat_user_id))))
    for model in (Application, MatchRun, JobSearch, UserProfile):
        session.execute(delete(model).where(model.chat_user_id == chat_user_id))
    session.execute(delete(JobFeedback).where(JobFeedback.chat_user_id == chat_user_id))
    session.execute(delete(ChatOrigin).where(ChatOrigin.chat_user_id == chat_user_id))
    session.execute(delete(ChatUser).where(ChatUser.id == chat_user_id))


def _leave_alert_runs(session: Session, alert_ids: list[str]) -> None:
    """Take these alerts out of the alert runs that name them; a run left naming none (it searched for
    them alone, so its query and postings were theirs) is deleted."""
    if not alert_ids:
        return
    named = or_(*(cast(AlertRun.alert_ids, String).contains(alert_id) for alert_id in alert_ids))
    gone = set(alert_ids)
    for run in session.scalars(select(AlertRun).where(named)):
        left = [alert_id for alert_id in run.alert_ids or [] if alert_id not in gone]
        if left:
            run.alert_ids = left
        else:
            session.delete(run)
    session.flush()


__all__ = ["RECORD_MODELS", "delete_user", "files_of_user", "get_or_create_user", "latest_completed_profile",
           "recent_requests"]
