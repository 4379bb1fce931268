"""Re-dispatch records whose task was lost or is due, and re-deliver notifications nobody acknowledged.

A Redis restart without persistence drops queued messages, a SIGKILLed worker's messages only
come back after the visibility timeout, and a retry too long to wait in the broker waits in the
database: the database remembers what is unfinished, and this sweep puts it back in the queue.
Several sweepers (one per `job-agent serve`) may run at once: each send is a compare-and-set on the
record (``storage.records.restamp_if_stuck``), so a record is sent once per turn.
"""
from __future__ import annotations

import logging
import uuid

from config import Settings
from delivery.sender import deliver_due
from storage.db import session_factory
from storage.models import utcnow
from storage.records import find_stuck, older_than, restamp_if_stuck
from tasks.dispatch import task_queue
from tasks.heartbeat import silence_limit

logger = logging.getLogger(__name__)


def redispatch_stuck(settings: Settings, queue=None) -> int:
    """Send the task of every stuck record (``storage.records.find_stuck``) again, under a new task id:
    a record still ``pending`` whose message is overdue, one waiting in the database whose retry is
    due, and one whose worker stopped beating for STUCK_PROCESSING_SECONDS (``tasks.heartbeat``). Returns how many were sent.
    ``queue``: anything with ``send(record) -> bool``; the Celery queue by default."""
    queue = queue or task_queue
    sent = 0
    with session_factory(settings.resolved_database_url)() as session:
        now = utcnow()
        rules = {"pending_before": older_than(settings.stuck_pending_seconds),
                 "silent_before": older_than(silence_limit(settings)), "now": now}
        for record in find_stuck(session, **rules):
            was = record.status if record.celery_task_id else "waiting for its retry"
            if not restamp_if_stuck(session, record, str(uuid.uuid4()), **rules):
                continue  # claimed or sent by someone else since the read
            logger.warning("re-dispatching %s %s (%s)", record.record_type, record.id, was)
            sent += queue.send(record)
    return sent


def redeliver_notifications(settings: Settings) -> int:
    with session_factory(settings.resolved_database_url)() as session:
        return deliver_due(session, settings)


def sweep_once(settings: Settings) -> tuple[int, int]:
    """One pass: (records re-dispatched, notifications delivered)."""
    return redispatch_stuck(settings), redeliver_notifications(settings)
