"""Delivering a finished alert run's digests at once, several at a time."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from delivery.sender import deliver_each
from storage.models import JobSearch, Notification, utcnow


def deliver_digests(session: Session, settings: Settings, alert_run_id: str) -> int:
    """Deliver the run's digests that are due now (quiet hours hold the others for the sweeper), several
    at once (``deliver_each``; one at a time on SQLite): each delivery waits for its chat message to go
    out, and the platforms' pacing, not this loop, should set the pace. Returns how many went through."""
    ids = list(session.scalars(
        select(Notification.id).join(JobSearch, JobSearch.id == Notification.record_id)
        .where(Notification.record_type == JobSearch.record_type, JobSearch.alert_run_id == alert_run_id,
               Notification.delivered_at.is_(None), Notification.next_attempt_at <= utcnow())
        .order_by(Notification.id)))
    return deliver_each(session, ids, settings)
