"""What every pipeline task shares: claiming the record, status, retries, the outbox.

A task module only names its record type; the work it runs is the step's chain of plain
functions ``work(session, record, progress)`` from ``pipeline.steps``, each filling in result
fields of ``record``. The outcome and its outbox rows then commit in one transaction.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from config import get_settings
from delivery.sender import HOOK_PATH, deliver_all, post_signed
from domain.errors import PermanentError, TransientError
from i18n import N_, as_phrase
from pipeline.progress import Progress
from pipeline.steps import work_of
from storage.db import session_factory
from storage.outbox import add_notifications, undelivered_for
from storage.records import (
    claim_for_processing,
    get_record,
    is_finished,
    mark_completed,
    mark_failed,
    older_than,
)

logger = logging.getLogger(__name__)
Work = tuple[Callable[[Session, object, Progress], None], ...]

RETRY_BACKOFF_MAX = 300
CRASHED_MESSAGE = N_(
    "This request stopped our worker several times, so we gave up on it. "
    "If it was a file, try exporting it again (File → Save as PDF) and send the new one."
)
EXHAUSTED_MESSAGE = N_("A service we depend on is not answering right now. Please try again in a few minutes.")
TIMEOUT_MESSAGE = N_("This took far too long and was stopped. Try a smaller file or a narrower search.")
INTERNAL_MESSAGE = N_("Something went wrong on our side. We have logged it; please try again later.")


def run_step(task: Task, record_type: str, record_id: str, work: Work | None = None) -> str:
    """Run the step's work for one record exactly once to completion, whatever the deliveries.

    ``work``: the chain of work functions to run, the registry's (``pipeline.steps``) by default.
    Returns what happened, for the task's log line: "completed", "failed", "skipped" (another
    live run owns the record), "missing" (deleted meanwhile) or the finished record's status.
    Raises Celery's ``Retry`` for a transient error with retries left.
    """
    settings = get_settings()
    factory = session_factory()
    task_id = task.request.id or "direct"
    with factory() as session:
        record = get_record(session, record_type, record_id)
        if record is None:
            logger.warning("%s %s does not exist; dropping task %s", record_type, record_id, task_id)
            return "missing"
        if is_finished(record):
            _redeliver(session, record_type, record_id)
            return record.status
        if record.attempts - (task.request.retries or 0) >= settings.max_task_attempts:
            return _finish_failed(session, record_type, record_id, "crashed", CRASHED_MESSAGE)
        stale = older_than(settings.stuck_processing_seconds)
        if not claim_for_processing(session, record_type, record_id, task_id=task_id, stale_before=stale):
            logger.info("%s %s is being processed by another run; skipping %s", record_type, record_id, task_id)
            return "skipped"
    return _run_claimed(task, record_type, record_id, work or work_of(record_type))


def _run_claimed(task: Task, record_type: str, record_id: str, work: Work) -> str:
    factory = session_factory()
    try:
        with factory() as session:
            record = get_record(session, record_type, record_id)
            progress = _progress_reporter(session, record)
            for step_work in work:
                step_work(session, record, progress)
            mark_completed(record)
            add_notifications(session, record, "completed")
            session.commit()
        logger.info("%s %s completed", record_type, record_id)
    except PermanentError as exc:
        return _finish_failed(factory(), record_type, record_id, exc.code, exc.user_message)
    except TransientError as exc:
        return _retry_or_fail(task, record_type, record_id, exc)
    except (OperationalError, InterfaceError) as exc:  # the database went away mid-task: try again later
        return _retry_or_fail(task, record_type, record_id, TransientError(f"database: {type(exc).__name__}"))
    except SoftTimeLimitExceeded:
        return _finish_failed(factory(), record_type, record_id, "timeout", TIMEOUT_MESSAGE)
    except IntegrityError:
        logger.info("%s %s was finished by a concurrent run", record_type, record_id)
    except Exception:
        logger.exception("%s %s failed unexpectedly", record_type, record_id)
        return _finish_failed(factory(), record_type, record_id, "internal", INTERNAL_MESSAGE)
    with factory() as session:
        _redeliver(session, record_type, record_id)
    return "completed"


def _retry_or_fail(task: Task, record_type: str, record_id: str, exc: TransientError) -> str:
    retries = task.request.retries or 0
    if retries >= task.max_retries:
        logger.warning("%s %s exhausted %s retries: %s", record_type, record_id, retries, exc)
        return _finish_failed(session_factory()(), record_type, record_id, "unavailable", EXHAUSTED_MESSAGE)
    countdown = get_exponential_backoff_interval(factor=2, retries=retries, maximum=RETRY_BACKOFF_MAX, full_jitter=True)
    countdown = max(countdown, exc.retry_after or 0, 1)
    logger.info("%s %s hit a transient error (%s); retry %s in %ss", record_type, record_id, exc, retries + 1, countdown)
    raise task.retry(countdown=countdown, exc=exc)


def _finish_failed(session: Session, record_type: str, record_id: str, code: str, message: str) -> str:
    """``message``: English, a ``Phrase`` or a msgid; kept as English (REST) and as its phrase (the chat)."""
    with session:
        record = get_record(session, record_type, record_id)
        if not is_finished(record):
            mark_failed(record, code=code, message=str(message))
            record.error_phrase = as_phrase(message).to_dict()
            add_notifications(session, record, "failed")
            session.commit()
        logger.info("%s %s failed (%s): %s", record_type, record_id, code, message)
        _redeliver(session, record_type, record_id)
    return "failed"


def _redeliver(session: Session, record_type: str, record_id: str) -> None:
    """Push any outcome not yet delivered; the sweeper retries whatever this cannot."""
    deliver_all(session, undelivered_for(session, record_type, record_id), get_settings())


def _progress_reporter(session: Session, record) -> Progress:
    """Progress goes through the work's own session: a second connection would wait on the
    first one's write lock under SQLite. Work functions must therefore be safe to re-run."""
    def report(percent: int, stage: str) -> None:
        record.progress_percent = max(0, min(100, percent))
        session.commit()
        if record.origin_id is not None:
            _post_progress(record.record_type, record.id, percent, stage)

    return report


def _post_progress(record_type: str, record_id: str, percent: int, stage: str) -> None:
    """Best effort: a lost progress update costs nothing, so it skips the outbox."""
    settings = get_settings()
    body = json.dumps(
        {"type": "progress", "record_type": record_type, "record_id": record_id, "percent": percent, "stage": stage}
    ).encode()
    try:
        post_signed(settings.resolved_public_base_url + HOOK_PATH, body, settings.resolved_webhook_secret())
    except httpx.HTTPError as exc:
        logger.debug("progress for %s %s not delivered: %s", record_type, record_id, exc)
