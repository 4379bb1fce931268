"""Enqueue the task of a record, by the task's registered name (no task module is imported).

Used for new records (by the use cases in services/), by the sweeper and by the operator's retry.
"""
from __future__ import annotations

import logging
import uuid

from celery import Celery
from kombu.exceptions import OperationalError
from sqlalchemy.orm import Session

from pipeline.steps import step_of
from storage.models import utcnow

logger = logging.getLogger(__name__)


class CeleryTaskQueue:
    """The task queue of the use cases (``services.ports.TaskQueue``) on a Celery app."""

    def __init__(self, app: Celery | None = None):
        self._app = app

    @property
    def app(self) -> Celery:
        if self._app is None:  # the process-wide app, created on first use
            from tasks.celery_app import celery_app

            self._app = celery_app
        return self._app

    def dispatch(self, session: Session, record) -> bool:
        """Stamp a new task id on the record, commit, then send its task (Celery's rule: commit first).

        The one commit also stores a new record added to ``session``. Returns False when the
        broker is unreachable: the record stays pending and the sweeper sends it later.
        """
        record.celery_task_id = str(uuid.uuid4())
        record.dispatched_at = utcnow()
        session.add(record)
        session.commit()
        return self.send(record)

    def send(self, record) -> bool:
        """Send the task of a record already stamped and committed with its ``celery_task_id`` (the
        sweeper stamps with a compare-and-set first). False when the broker is unreachable."""
        step = step_of(record)
        try:
            self.app.send_task(step.task_name, args=[record.id], task_id=record.celery_task_id, queue=step.queue)
        except OperationalError as exc:
            logger.warning("broker unavailable, %s %s waits for the sweeper: %s", record.record_type, record.id, exc)
            return False
        return True

    def dispatch_all(self, session: Session, records: list) -> int:
        """Stamp every record, commit once, then send their tasks on one broker connection (2,000 alert
        runs a morning: a connection each would cost more than the runs). Stops at the first broker
        error; the records not sent stay pending for the sweeper. Returns how many were sent."""
        now = utcnow()
        for record in records:
            record.celery_task_id, record.dispatched_at = str(uuid.uuid4()), now
            session.add(record)
        session.commit()
        sent = 0
        try:
            with self.app.producer_or_acquire() as producer:
                for record in records:
                    step = step_of(record)
                    self.app.send_task(step.task_name, args=[record.id], task_id=record.celery_task_id,
                                       queue=step.queue, producer=producer)
                    sent += 1
        except OperationalError as exc:
            logger.warning("broker unavailable; %s records wait for the sweeper: %s", len(records) - sent, exc)
        return sent


task_queue = CeleryTaskQueue()
