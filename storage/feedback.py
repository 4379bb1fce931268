"""What a chat user's rankings are read with: their lasting refinements and "Not for me" entries."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ChatUser, JobFeedback

FEEDBACK_KEPT = 200  # newest entries a ranking reads: years of use, and a bounded snapshot


def feedback_rows(session: Session, chat_user_id: int, limit: int = FEEDBACK_KEPT) -> list[dict]:
    """The person's "Not for me" entries, newest first: ``[{"job_id", "reason", "title", "company",
    "location", "created_at"}]`` (``created_at`` ISO 8601, UTC)."""
    rows = session.scalars(select(JobFeedback).where(JobFeedback.chat_user_id == chat_user_id)
                           .order_by(JobFeedback.created_at.desc(), JobFeedback.id.desc()).limit(limit))
    return [{"job_id": row.job_id, "reason": row.reason, "title": row.title, "company": row.company,
             "location": row.location, "created_at": row.created_at.isoformat() if row.created_at else None}
            for row in rows]


def snapshot_of(session: Session, chat_user: ChatUser | None) -> dict:
    """What the person's searches are ranked with now (``JobSearch.preferences``' shape):
    ``{"preferences": the stored refinements or {}, "feedback": feedback_rows(...)}``."""
    if chat_user is None:
        return {"preferences": {}, "feedback": []}
    return {"preferences": dict(chat_user.preferences or {}), "feedback": feedback_rows(session, chat_user.id)}
