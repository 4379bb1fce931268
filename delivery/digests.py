"""Delivering a finished alert run's digests at once, several at a time."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from delivery.sender import deliver_all
from storage.models import JobSearch, Notification, utcnow

DELIVERY_THREADS = 16  # digests of one run posted to the bot (or webhooks) at once


def deliver_digests(session: Session, settings: Settings, alert_run_id: str) -> int:
    """Deliver the run's digests that are due now (quiet hours hold the others for the sweeper), up to
    ``DELIVERY_THREADS`` at once: each delivery waits for its chat message to go out, and the platforms'
    pacing, not this loop, should set the pace. Returns how many went through."""
    ids = list(session.scalars(
        select(Notification.id).join(JobSearch, JobSearch.id == Notification.record_id)
        .where(Notification.record_type == JobSearch.record_type, JobSearch.alert_run_id == alert_run_id,
               Notification.delivered_at.is_(None), Notification.next_attempt_at <= utcnow())
        .order_by(Notification.id)))
    if len(ids) <= 1:
        return deliver_all(session, [session.get(Notification, ids[0])], settings) if ids else 0
    bind = session.get_bind()

    def deliver_one(notification_id: int) -> int:
        with Session(bind, expire_on_commit=False) as own:
            notification = own.get(Notification, notification_id)
            if notification is None or notification.delivered_at is not None:
                return 0
            return deliver_all(own, [notification], settings)

    with ThreadPoolExecutor(min(DELIVERY_THREADS, len(ids))) as pool:
        return sum(pool.map(deliver_one, ids))
