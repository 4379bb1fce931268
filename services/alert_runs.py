"""Use case: the due alerts started — claimed once, one run per query and place.

``start_due_alerts`` (Celery beat, `job-agent serve` on the embedded default, `job-agent alerts
run-now`) claims due alerts and creates one ``AlertRun`` per normalised (query, place); the run's
task searches once and writes each alert's digest (``pipeline.alert_digests``) in its one final
transaction, then delivers them (``delivery.digests``). Kept free of the search and ranking code,
so the bot process can start runs on the embedded default without loading it.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from config import Settings
from domain.alerts.keys import search_key
from domain.alerts.schedule import next_run
from services.ports import TaskQueue
from storage.alerts import claim_due_alerts
from storage.models import Alert, AlertRun, utcnow

logger = logging.getLogger(__name__)


def start_due_alerts(session: Session, settings: Settings, queue: TaskQueue, now: datetime | None = None, *,
                     all_active: bool = False) -> list[AlertRun]:
    """Claim the due active alerts (every active one with ``all_active``: `job-agent alerts run-now`),
    advance their ``next_run_at``, create one ``AlertRun`` per normalised (query, location) in the same
    commit, then send each run's task. Returns the runs (empty when nothing was due).

    Safe to call from several processes at once: an alert is claimed by one call only
    (``storage.alerts.claim_due_alerts``). The runs are stored with the claim in one commit and their
    tasks sent together (``queue.dispatch_all``); a run whose task could not be sent waits for the sweeper.
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
    queue.dispatch_all(session, runs)  # one commit: the claim and the runs, or neither
    if runs:
        logger.info("started %s alert runs for %s alerts", len(runs), len(alerts))
    return runs


def _next_run(alert: Alert, now: datetime, settings: Settings) -> datetime:
    """A stored alert whose zone or time no longer reads (an old tzdata) runs at the defaults rather than stopping."""
    try:
        return next_run(alert, now)
    except ValueError:
        logger.warning("alert %s has an unusable time or zone; using the defaults", alert.id)
        fallback = Alert(frequency=alert.frequency, weekday=alert.weekday, send_at=settings.alerts_default_time,
                         timezone=settings.alerts_default_timezone)
        return next_run(fallback, now)
