"""Queries about tracked applications: an owner's entries, the ones due a follow-up, and their reminders."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from domain.tracker.stages import APPLIED, CLOSED, STAGES
from storage.locks import hold_lock
from storage.models import ChatUser, Notification, TrackedApplication

RECORD_TYPE = "tracker"
FOLLOW_UP = "follow_up"
# Entries read a page at a time, and reminders queued in one pass (the next pass takes the rest).
DUE_BATCH = 500


def owned_by(*, chat_user_id: int | None = None, api_key_id: str | None = None) -> ColumnElement[bool]:
    """The condition for one owner's entries: a chat user's or an API key's (exactly one is given)."""
    if (chat_user_id is None) == (api_key_id is None):
        raise ValueError("an entry belongs to one chat user or one API key")
    if chat_user_id is not None:
        return TrackedApplication.chat_user_id == chat_user_id
    return TrackedApplication.api_key_id == api_key_id


def entries_of(session: Session, owner: ColumnElement[bool]) -> list[TrackedApplication]:
    """The owner's entries by stage (STAGES order), oldest first within a stage."""
    entries = session.scalars(select(TrackedApplication).where(owner)
                              .order_by(TrackedApplication.created_at, TrackedApplication.id)).all()
    return sorted(entries, key=lambda entry: STAGES.index(entry.stage) if entry.stage in STAGES else len(STAGES))


def lock_job(session: Session, owner_key: str, job_id: str) -> None:
    """Hold, until the transaction ends, the right to put this owner's job on the tracker: two letters for
    one job requested at once then make one entry (the second finds the first's)."""
    hold_lock(session, f"tracker {owner_key} {job_id}")


def entry_for_job(session: Session, owner: ColumnElement[bool], job_id: str) -> TrackedApplication | None:
    return session.scalar(select(TrackedApplication).where(owner, TrackedApplication.job_id == job_id)
                          .order_by(TrackedApplication.created_at).limit(1))


def follow_up_candidates(session: Session, applied_before: datetime, *, after: tuple[datetime, str] | None = None
                         ) -> list[tuple[TrackedApplication, ChatUser]]:
    """Up to DUE_BATCH chat-owned entries with a chat to write to, in "applied" since before ``applied_before``
    and not reminded since they entered it, longest waiting first (the caller checks each one's own delay).

    ``after``: the (stage_changed_at, id) of the last entry of the previous page.
    """
    query = (select(TrackedApplication, ChatUser).join(ChatUser, ChatUser.id == TrackedApplication.chat_user_id)
             .where(TrackedApplication.stage == APPLIED, TrackedApplication.origin_id.is_not(None),
                    TrackedApplication.stage_changed_at <= applied_before, _not_reminded())
             .order_by(TrackedApplication.stage_changed_at, TrackedApplication.id).limit(DUE_BATCH))
    if after is not None:
        query = query.where(or_(TrackedApplication.stage_changed_at > after[0],
                                and_(TrackedApplication.stage_changed_at == after[0], TrackedApplication.id > after[1])))
    return [(entry, user) for entry, user in session.execute(query)]


def _not_reminded() -> ColumnElement[bool]:
    return or_(TrackedApplication.reminded_at.is_(None),
               TrackedApplication.reminded_at < TrackedApplication.stage_changed_at)


def claim_reminder(session: Session, entry_id: str, now: datetime) -> bool:
    """Mark the entry reminded for its current stay in "applied"; False when another pass did first.

    On PostgreSQL a concurrent pass waits for this row and then finds it reminded (READ COMMITTED
    re-checks the condition), so one stay in "applied" gets one reminder.
    """
    result = session.execute(
        update(TrackedApplication)
        .where(TrackedApplication.id == entry_id, TrackedApplication.stage == APPLIED, _not_reminded())
        .values(reminded_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def reminders_sent(session: Session, entry_id: str) -> int:
    """How many follow-up reminders the entry has had (one per stay in "applied")."""
    return session.scalar(select(func.count(Notification.id)).where(
        Notification.record_type == RECORD_TYPE, Notification.record_id == entry_id,
        Notification.event.like(FOLLOW_UP + "%")))


def delete_closed_before(session: Session, cutoff: datetime) -> int:
    """Retention: delete entries closed (offer, rejected, withdrawn) before ``cutoff``; the caller commits."""
    result = session.execute(delete(TrackedApplication).where(
        TrackedApplication.stage.in_(CLOSED), TrackedApplication.closed_at.is_not(None),
        TrackedApplication.closed_at < cutoff).execution_options(synchronize_session=False))
    return result.rowcount
