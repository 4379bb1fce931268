"""`job-agent retry ID`: put a failed record back in its queue."""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from storage.models import FAILED, RECORD_MODELS
from storage.records import reset_for_retry
from tasks.dispatch import task_queue

logger = logging.getLogger(__name__)


class RetryRefused(Exception):
    """The id is unknown, or the record is not failed; the message says which."""


def find_any_record(session: Session, record_id: str):
    """The record with this id, whatever its type (ids are UUIDs, unique across types)."""
    for model in RECORD_MODELS.values():
        record = session.get(model, record_id)
        if record is not None:
            return record
    return None


def retry_record(session: Session, record_id: str, queue=None) -> tuple[object, bool]:
    """Reset a failed record, commit, and dispatch its task; returns (record, queued).

    ``queue``: a ``services.ports.TaskQueue``, the Celery one by default. Raises ``RetryRefused`` for an
    unknown id or a record that is not failed. The reset holds only while the record is still failed
    (``storage.records.reset_for_retry``): two operators at once, or one who read the record before
    another's retry already ran it, queue it once.
    """
    record = find_any_record(session, record_id.strip())
    if record is None:
        raise RetryRefused(f"no record with id {record_id!r}")
    previous = record.error_code
    if record.status != FAILED or not reset_for_retry(session, record):
        raise RetryRefused(f"{record.record_type} {record.id} is {record.status}, not failed; nothing to retry")
    queued = (queue or task_queue).dispatch(session, record)
    logger.info("operator retry of %s %s (was %s); queued=%s", record.record_type, record.id, previous, queued)
    return record, queued
