"""Alert runs started: the due alerts claimed once, one run per query and place, digests delivered.

``start_due_alerts`` (Celery beat, `job-agent serve` on the embedded default, `job-agent alerts
run-now`) claims due alerts and creates one ``AlertRun`` per normalised (query, place); the run's
task searches once and writes each alert's digest (``pipeline.alert_digests``) in its one final
transaction; ``deliver_digests`` then pushes the digests whose quiet hours allow. Kept free of the
search and ranking code, so the bot process can start runs on the embedded default without loading it.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from delivery.sender import deliver_all
from domain.alerts.keys import search_key
from domain.alerts.schedule import next_run
from services.ports import TaskQueue
from storage.alerts import claim_due_alerts
from storage.models import Alert, AlertRun, JobSearch, Notification, utcnow

logger = logging.getLogger(__name__)
DELIVERY_THREADS = 16  # digests of one run posted to the bot (or webhooks) at once


def start_due_alerts(session: Session, settings: Settings, now: datetime | None = None, *, all_active: bool = False,
                     queue: TaskQueue | None = None) -> list[AlertRun]:
    """Claim the due active alerts (every active one with ``all_active``: `job-agent alerts run-now`),
    advance their ``next_run_at``, create one ``AlertRun`` per normalised (query, location) in the same
    commit, then send each run's task. Returns the runs (empty when nothing was due).

    Safe to call from several processes at once: an alert is claimed by one call only
    (``storage.alerts.claim_due_alerts``). A run whose task could not be sent waits for the sweeper.
    """
    now = now or utcnow()
    alerts = claim_due_alerts(session, now, lambda alert: _next_run(alert, now, settings), all_active=all_active)
    groups: dict[tuple[str, str], list[Alert]] = {}
    for alert in alerts:
        groups.setdefault(search_key(alert.query, alert.location), []).append(alert)
    runs = [AlertRun(query=group[0].query, location=group[0].location, alert_ids=[alert.id for alert in group])
            for group in groups.values()]
    session.add_all(runs)
    session.commit()
    if queue is None:
        from tasks.dispatch import task_queue as queue
    for run in runs:
        queue.dispatch(session, run)
    if runs:
        logger.info("started %s alert runs for %s alerts", len(runs), len(alerts))
    return runs


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


def _next_run(alert: Alert, now: datetime, settings: Settings) -> datetime:
    """A stored alert whose zone or time no longer reads (an old tzdata) runs at the defaults rather than stopping."""
    try:
        return next_run(alert, now)
    except ValueError:
        logger.warning("alert %s has an unusable time or zone; using the defaults", alert.id)
        fallback = Alert(frequency=alert.frequency, weekday=alert.weekday, send_at=settings.alerts_default_time,
                         timezone=settings.alerts_default_timezone)
        return next_run(fallback, now)
