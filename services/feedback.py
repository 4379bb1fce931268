""""Not for me": storing what a person passed on, and what a search of theirs is ranked with.

``pass_on_job`` commits once (it is the person's own action, as every use case); reads never
write. ``ranking_snapshot`` is what a chat search stores (``JobSearch.preferences``) and what
``pipeline.ranking.rerank`` takes right after a "Not for me", so neither the worker nor an
alert has to look the person up again.
"""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.jobs.feedback import REASONS
from services.ports import UserRef
from services.preferences import preferences_of
from services.users import ensure_user, find_user
from storage.feedback import FEEDBACK_KEPT, feedback_rows
from storage.models import JobFeedback, utcnow

logger = logging.getLogger(__name__)


def pass_on_job(session: Session, user: UserRef, job: dict, reason: str) -> None:
    """Store "Not for me" for ``job`` (a match's ``"job"`` dict: ``job_id``, ``title``,
    ``company_name``, ``location``) with ``reason`` (one of ``REASONS``); passing on the same
    job again replaces the reason. One commit. Raises ValueError for another reason or a job
    without an id."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}; one of {', '.join(REASONS)}")
    job_id = str(job.get("job_id") or "")
    if not job_id:
        raise ValueError("the job has no job_id")
    chat_user = ensure_user(session=session, user=user)
    entry = session.scalar(select(JobFeedback).where(JobFeedback.chat_user_id == chat_user.id,
                                                     JobFeedback.job_id == job_id[:_width("job_id")]))
    if entry is None:
        entry = JobFeedback(chat_user_id=chat_user.id, job_id=job_id[:_width("job_id")])
        session.add(entry)
    entry.reason = reason
    entry.title = _text(job.get("title"), "title")
    entry.company = _text(job.get("company_name"), "company")
    entry.location = _text(job.get("location"), "location")
    entry.created_at = utcnow()  # a reason given again is news: it counts as the newest
    session.commit()
    logger.info("chat user %s passed on a job (%s)", chat_user.id, reason)


def feedback_of(session: Session, user: UserRef, limit: int = FEEDBACK_KEPT) -> list[dict]:
    """The person's "Not for me" entries, newest first (``storage.feedback.feedback_rows``); [] for
    someone never stored."""
    chat_user = find_user(session=session, user=user)
    return feedback_rows(session, chat_user.id, limit) if chat_user is not None else []


def ranking_snapshot(session: Session, user: UserRef) -> dict:
    """What the person's searches are ranked with now: ``{"preferences": Preferences.to_dict(),
    "feedback": feedback_of(...)}``."""
    return {"preferences": preferences_of(session, user).to_dict(), "feedback": feedback_of(session, user)}


def _width(column: str) -> int:
    return getattr(JobFeedback, column).type.length


def _text(value, column: str) -> str:
    return str(value or "")[:_width(column)]
