"""What every pipeline task shares: claiming the record, status, retries, the outbox.

A task module only names its record type; the work it runs is the step's chain of plain
functions ``work(session, record, progress)`` from ``pipeline.steps``, each filling in result
fields of ``record``. The outcome and its outbox rows then commit in one transaction.

Exactly once, whatever the broker does: a run works only under a claim it won atomically
(``storage.records``), beats while it works (``tasks.heartbeat``) and writes its outcome only while
the claim is still its own. A copy that finds a live owner never runs the work; a retry never waits
in the broker longer than ``broker_wait_cap`` (longer waits go back to the database for the sweeper).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from kombu.exceptions import OperationalError as KombuOperationalError
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from config import get_settings
from delivery.sender import HOOK_PATH, deliver_all, post_signed
from domain.errors import PermanentError, TransientError
from i18n import N_, as_phrase
from pipeline.progress import Progress
from pipeline.steps import work_of
from storage.db import session_factory
from storage.models import PROCESSING, utcnow
from storage.outbox import add_notifications, undelivered_for
from storage.records import (
    claim_for_processing,
    get_record,
    is_finished,
    mark_completed,
    mark_failed,
    new_claim,
    older_than,
    release_for_retry,
    still_owned,
)
from tasks.heartbeat import Heartbeat, beat_interval, silence_limit

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


class ClaimLost(Exception):
    """Raised inside a run's work when its claim was taken over (its owner was presumed dead)."""


def broker_wait_cap(settings) -> float:
    """Seconds a retry or a re-check may wait inside the broker (a countdown); longer waits go to the database.

    Redis hands an unacknowledged message out again once it has been out longer than
    BROKER_VISIBILITY_TIMEOUT, and a countdown waits unacknowledged in the worker, followed (late
    acks) by the run itself. Half the timeout, and no more than what the task time limit leaves of it,
    keeps wait plus run inside it: 450 s with the defaults (450 + 300 < 900). At least 1 s, so a short
    backoff still waits in the broker when a scaled-down timeout leaves nothing (duplicates are
    harmless then: only one copy can claim the record).
    """
    visibility = float(settings.broker_visibility_timeout)
    return max(1.0, min(visibility / 2, visibility - settings.task_time_limit))


def run_step(task: Task, record_type: str, record_id: str, work: Work | None = None) -> str:
    """Run the step's work for one record exactly once to completion, whatever the deliveries.

    ``work``: the chain of work functions to run, the registry's (``pipeline.steps``) by default.
    Returns what happened, for the task's log line: "completed", "failed", "waiting" (a transient
    error; the record waits in the database and the sweeper sends it once due), "rechecking" (a live
    run owns the record; this copy looks again once that owner would count as gone), "skipped" (a
    copy of a task superseded by a newer one), "superseded" (the claim was taken over while the work
    ran; nothing written), "missing" (deleted meanwhile) or the finished record's status.
    Raises Celery's ``Retry`` for a transient error whose wait fits in the broker (``broker_wait_cap``).
    """
    settings = get_settings()
    factory = session_factory()
    task_id = task.request.id or "direct"
    claim = new_claim()
    work = work or work_of(record_type)  # imported before the claim: its first import can take seconds, unbeaten
    with factory() as session:
        record = get_record(session, record_type, record_id)
        if record is None:
            logger.warning("%s %s does not exist; dropping task %s", record_type, record_id, task_id)
            return "missing"
        if is_finished(record):
            _redeliver(session, record_type, record_id)
            return record.status
        if not claim_for_processing(session, record_type, record_id, task_id=task_id, claim=claim,
                                    silent_before=older_than(silence_limit(settings))):
            return _stand_aside(task, session, record_type, record_id, task_id)
        session.refresh(record)
        # Every claim counts in attempts, every transient retry in retries: the rest are runs that died.
        if record.attempts - record.retries > settings.max_task_attempts:
            return _finish_failed(factory(), record_type, record_id, "crashed", CRASHED_MESSAGE, claim=claim)
    return _run_claimed(task, record_type, record_id, work, claim)


def _stand_aside(task: Task, session: Session, record_type: str, record_id: str, task_id: str) -> str:
    """This copy could not claim the record. A copy of the record's current task looks again once the
    owner would count as gone (its owner may have died just now: a killed pool child's message comes
    back at once) — if that wait fits in the broker (``broker_wait_cap``); else the sweeper sends the
    record again once its owner is silent (``tasks.sweeper``). Any other copy was superseded by a
    newer send and drops."""
    record = get_record(session, record_type, record_id)
    session.refresh(record)
    if is_finished(record):
        _redeliver(session, record_type, record_id)
        return record.status
    if record.celery_task_id != task_id:
        logger.info("%s %s belongs to task %s; dropping the copy %s", record_type, record_id,
                    record.celery_task_id, task_id)
        return "skipped"
    now = utcnow()
    if record.status == PROCESSING:  # when the owner would count as gone, if it stops beating
        due = (_aware(record.heartbeat_at) or now) + timedelta(seconds=silence_limit(get_settings()) + 1)
    else:  # pending, its retry not yet due
        due = _aware(record.retry_at) or now
    countdown = max((due - now).total_seconds(), 1.0)
    if countdown > broker_wait_cap(get_settings()):  # too long to wait in the broker: the sweeper's turn
        logger.info("%s %s is %s under another run; %s leaves it to the sweeper", record_type, record_id,
                    record.status, task_id)
        return "skipped"
    logger.info("%s %s is %s under another run; %s looks again in %.0fs", record_type, record_id, record.status,
                task_id, countdown)
    try:
        task.apply_async(args=[record_id], task_id=task_id, countdown=countdown)
    except KombuOperationalError as exc:  # the sweeper finds the record once its owner is silent
        logger.warning("cannot queue the re-check of %s %s: %s", record_type, record_id, exc)
        return "skipped"
    return "rechecking"


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands stored times back without their zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _run_claimed(task: Task, record_type: str, record_id: str, work: Work, claim: str) -> str:
    factory = session_factory()
    try:
        with Heartbeat(record_type, record_id, claim, beat_interval(get_settings())), factory() as session:
            record = get_record(session, record_type, record_id)
            progress = _progress_reporter(session, record, claim)
            for step_work in work:
                step_work(session, record, progress)
            if not still_owned(session, record_type, record_id, claim):  # holds the row until the commit
                raise ClaimLost(f"{record_type} {record_id} was taken over")
            mark_completed(record)
            add_notifications(session, record, "completed")
            session.commit()
        logger.info("%s %s completed", record_type, record_id)
    except ClaimLost:  # the session was rolled back (or closed): nothing of this run is written
        logger.warning("%s %s was taken over while this run worked; its result is dropped", record_type, record_id)
        return "superseded"
    except PermanentError as exc:
        if _stopped_by_time_limit(exc):  # a reader that wraps every error wrapped the time limit too
            return _finish_failed(factory(), record_type, record_id, "timeout", TIMEOUT_MESSAGE, claim=claim)
        return _finish_failed(factory(), record_type, record_id, exc.code, exc.user_message, claim=claim)
    except TransientError as exc:
        return _retry_or_fail(task, record_type, record_id, exc, claim)
    except (OperationalError, InterfaceError) as exc:  # the database went away mid-task: try again later
        return _retry_or_fail(task, record_type, record_id, TransientError(f"database: {type(exc).__name__}"), claim)
    except SoftTimeLimitExceeded:
        return _finish_failed(factory(), record_type, record_id, "timeout", TIMEOUT_MESSAGE, claim=claim)
    except IntegrityError:
        logger.info("%s %s was finished by a concurrent run", record_type, record_id)
    except Exception:
        logger.exception("%s %s failed unexpectedly", record_type, record_id)
        return _finish_failed(factory(), record_type, record_id, "internal", INTERNAL_MESSAGE, claim=claim)
    with factory() as session:
        _redeliver(session, record_type, record_id)
    return "completed"


def _stopped_by_time_limit(exc: BaseException) -> bool:
    """Whether Celery's soft time limit is what raised ``exc`` underneath (its ``__cause__`` or
    ``__context__`` chain): the OCR reader turns any engine error into "reading scans is not available",
    which would blame the file or the deployment for a run that was only too slow."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, SoftTimeLimitExceeded):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _retry_or_fail(task: Task, record_type: str, record_id: str, exc: TransientError, claim: str) -> str:
    """Retries are counted on the record, not in the task's message: a retry the sweeper sends comes
    with a new task id, and must still count toward the step's ``max_retries``."""
    settings = get_settings()
    factory = session_factory()
    with factory() as session:
        retries = get_record(session, record_type, record_id).retries
    if retries >= task.max_retries:
        logger.warning("%s %s exhausted %s retries: %s", record_type, record_id, retries, exc)
        return _finish_failed(factory(), record_type, record_id, "unavailable", EXHAUSTED_MESSAGE, claim=claim)
    countdown = get_exponential_backoff_interval(factor=2, retries=retries, maximum=RETRY_BACKOFF_MAX, full_jitter=True)
    countdown = max(countdown, exc.retry_after or 0, 1)
    in_broker = countdown <= broker_wait_cap(settings)
    task_id = task.request.id or "direct"
    with factory() as session:
        if not release_for_retry(session, record_type, record_id, claim,
                                 retry_at=utcnow() + timedelta(seconds=countdown),
                                 task_id=task_id if in_broker else None):
            logger.warning("%s %s was taken over while this run worked; not retrying", record_type, record_id)
            return "superseded"
    if not in_broker:
        logger.info("%s %s hit a transient error (%s); retry %s waits %ss in the database",
                    record_type, record_id, exc, retries + 1, countdown)
        return "waiting"
    logger.info("%s %s hit a transient error (%s); retry %s in %ss", record_type, record_id, exc, retries + 1, countdown)
    raise task.retry(countdown=countdown, exc=exc)


def _finish_failed(session: Session, record_type: str, record_id: str, code: str, message: str, *,
                   claim: str | None = None) -> str:
    """``message``: English, a ``Phrase`` or a msgid; kept as English (REST) and as its phrase (the chat).
    ``claim``: the run's claim; the failure is written only while it still owns the record."""
    with session:
        record = get_record(session, record_type, record_id)
        if claim is not None and not still_owned(session, record_type, record_id, claim):
            session.rollback()
            logger.warning("%s %s was taken over; this run's failure (%s) is dropped", record_type, record_id, code)
            return "superseded"
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


def _progress_reporter(session: Session, record, claim: str) -> Progress:
    """Progress goes through the work's own session: a second connection would wait on the
    first one's write lock under SQLite. Work functions must therefore be safe to re-run.
    Each report is also a heartbeat; once the claim was taken over it writes nothing of the work's
    and stops it (``ClaimLost``), so a run presumed dead cannot overwrite its successor's rows."""
    def report(percent: int, stage: str) -> None:
        if not still_owned(session, record.record_type, record.id, claim, progress_percent=max(0, min(100, percent))):
            session.rollback()
            raise ClaimLost(f"{record.record_type} {record.id} was taken over")
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
