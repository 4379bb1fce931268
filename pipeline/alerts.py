"""Alert runs started: the due alerts claimed once, one run per query and place, digests delivered.

``start_due_alerts`` (Celery beat, `job-agent serve` on the embedded default, `job-agent alerts
run-now`) claims due alerts and creates one ``AlertRun`` per normalised (query, place); the run's
task searches once and writes each alert's digest (``pipeline.alert_digests``) in its one final
transaction; ``deliver_digests`` then pushes the digests whose quiet hours allow. Kept free of the
search and ranking code, so the bot process can start runs on the embedded default without loading it.
"""
from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from delivery.sender import deliver_all
from domain.alerts.keys import search_key
from domain.alerts.schedule import next_run
from pipeline.steps import step_of
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
    ``queue``: sends each run with its own commit (tests); by default the runs are stamped in the one
    commit and their tasks sent on one broker connection.
    """
    now = now or utcnow()
    next_runs: dict[tuple, datetime] = {}

    def next_run_of(alert: Alert) -> datetime:  # alerts share a handful of (time, zone) pairs: compute each once
        key = (alert.frequency, alert.send_at, alert.weekday, alert.timezone)
        if key not in next_runs:
            next_runs[key] = _next_run(alert, now, settings)
        return next_runs[key]

    alerts = claim_due_alerts(session, now, next_run_of, all_active=all_active)
    groups: dict[tuple[str, str], list[Alert]] = {}
    for alert in alerts:
        groups.setdefault(search_key(alert.query, alert.location), []).append(alert)
    runs = [AlertRun(query=group[0].query, location=group[0].location, alert_ids=[alert.id for alert in group])
            for group in groups.values()]
    if queue is None:
        for run in runs:
            run.celery_task_id, run.dispatched_at = str(uuid.uuid4()), now
    session.add_all(runs)
    session.commit()
    if queue is not None:
        for run in runs:
            queue.dispatch(session, run)
    elif runs:
        _send_tasks(runs)
    if runs:
        logger.info("started %s alert runs for %s alerts", len(runs), len(alerts))
    return runs


def _send_tasks(runs: list[AlertRun]) -> None:
    """Send the committed runs' tasks on one broker connection; stops at the first broker error (the
    sweeper sends the rest once they are STUCK_PENDING_SECONDS old)."""
    from kombu.exceptions import OperationalError

    from tasks.dispatch import task_queue

    step = step_of(runs[0])
    app = task_queue.app
    try:
        with app.producer_or_acquire() as producer:
            for run in runs:
                app.send_task(step.task_name, args=[run.id], task_id=run.celery_task_id, queue=step.queue,
                              producer=producer)
    except OperationalError as exc:
        logger.warning("broker unavailable; alert runs wait for the sweeper: %s", exc)


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
