"""Re-dispatch records whose task was lost and re-deliver notifications nobody acknowledged.

A Redis restart without persistence drops queued messages, and a SIGKILLed worker's
messages only come back after the visibility timeout: the database remembers what is
unfinished, and this sweep puts it back in the queue.
"""
from __future__ import annotations

import logging

from config import Settings
from delivery.sender import deliver_due
from storage.db import session_factory
from storage.records import find_stuck, older_than
from tasks.dispatch import task_queue

logger = logging.getLogger(__name__)


def redispatch_stuck(settings: Settings) -> int:
    with session_factory(settings.resolved_database_url)() as session:
        stuck = find_stuck(
            session,
            pending_before=older_than(settings.stuck_pending_seconds),
            processing_before=older_than(settings.stuck_processing_seconds),
        )
        for record in stuck:
            logger.warning("re-dispatching %s %s stuck in %s", record.record_type, record.id, record.status)
            task_queue.dispatch(session, record)
        return len(stuck)


def redeliver_notifications(settings: Settings) -> int:
    with session_factory(settings.resolved_database_url)() as session:
        return deliver_due(session, settings)


def sweep_once(settings: Settings) -> tuple[int, int]:
    """One pass: (records re-dispatched, notifications delivered)."""
    return redispatch_stuck(settings), redeliver_notifications(settings)
