"""Enqueue the task for a record. Called after the record is committed, and by the sweeper."""
from __future__ import annotations

import logging
import uuid

from kombu.exceptions import OperationalError
from sqlalchemy.orm import Session

from storage.models import utcnow

logger = logging.getLogger(__name__)


def _task_for(record_type: str):
    from tasks.discovery import search_jobs_task
    from tasks.job_processing import process_job_task
    from tasks.matching import screen_jobs_task
    from tasks.profiling import build_profile_task

    return {
        "profile": build_profile_task,
        "job_search": search_jobs_task,
        "match": screen_jobs_task,
        "application": process_job_task,
    }[record_type]


def dispatch(session: Session, record) -> bool:
    """Send the record's task; on a broker outage leave it pending for the sweeper.

    The task id is stored first so that the record always names the run that owns it.
    """
    task_id = str(uuid.uuid4())
    record.celery_task_id = task_id
    record.dispatched_at = utcnow()
    session.commit()
    try:
        _task_for(record.record_type).apply_async(args=[record.id], task_id=task_id)
    except OperationalError as exc:
        logger.warning("broker unavailable, %s %s waits for the sweeper: %s", record.record_type, record.id, exc)
        return False
    return True
