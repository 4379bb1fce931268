"""Status transitions and the small record queries the bot, the tasks and the sweeper share.

Who may run a record's work (the rules ``tasks.runtime`` relies on for exactly-once runs):

- ``claim_for_processing``: one atomic UPDATE moves a due ``pending`` record to ``processing`` under
  a fresh claim token; of two copies of one task only one can win it. A record in ``processing`` is
  taken over only when its owner is proven gone: its heartbeat is older than ``silent_before``.
  A task id matching the record's proves nothing (Redis hands the same message out again while the
  first copy still waits or works).
- Everything the owner writes afterwards (heartbeat, progress, outcome, a retry's release) is fenced
  on that token: a run whose claim was taken over writes nothing.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    COMPLETED,
    FAILED,
    FINISHED,
    PENDING,
    PROCESSING,
    RECORD_MODELS,
    JobPostingRecord,
    utcnow,
)


def model_for(record_type: str):
    return RECORD_MODELS[record_type]


def get_record(session: Session, record_type: str, record_id: str):
    return session.get(model_for(record_type), record_id)


def new_claim() -> str:
    """A claim token: unique to one claim, so two copies of one task id are told apart."""
    return uuid.uuid4().hex


def _silent(model, silent_before: datetime):
    """The owner of a ``processing`` record is gone: no heartbeat since ``silent_before``. A record
    claimed by a worker from before migration 0009 has no heartbeat at all; upgrading restarted it."""
    return or_(model.heartbeat_at.is_(None), model.heartbeat_at < silent_before)


def claim_for_processing(session: Session, record_type: str, record_id: str, *, task_id: str, claim: str,
                         silent_before: datetime, now: datetime | None = None) -> bool:
    """Move a record to ``processing`` for one task run under ``claim`` (``new_claim()``), in one
    atomic UPDATE, and commit. True when this run now owns the record.

    Claimable: ``pending`` and due (``retry_at`` unset or passed), whatever the task id (a copy sent
    by the sweeper while the first one waited in a long queue is as good as the first); or
    ``processing`` whose owner has been silent since ``silent_before`` (its worker died). Counts the
    claim in ``attempts`` and stamps ``task_id``, ``started_at`` and the first heartbeat.
    """
    model = model_for(record_type)
    now = now or utcnow()
    result = session.execute(
        update(model)
        .where(
            model.id == record_id,
            or_(
                and_(model.status == PENDING, or_(model.retry_at.is_(None), model.retry_at <= now)),
                and_(model.status == PROCESSING, _silent(model, silent_before)),
            ),
        )
        .values(status=PROCESSING, celery_task_id=task_id, claimed_by=claim, started_at=now, heartbeat_at=now,
                retry_at=None, attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def still_owned(session: Session, record_type: str, record_id: str, claim: str, **values) -> bool:
    """Refresh the owner's heartbeat (and set ``values``, e.g. ``progress_percent``) if ``claim`` still
    owns the record in ``processing``; False when it was taken over or finished meanwhile. Does not
    commit: called first in the transaction that writes an outcome, it also holds the row (PostgreSQL
    row lock, SQLite write lock) so no takeover can slip in before that commit."""
    model = model_for(record_type)
    result = session.execute(
        update(model)
        .where(model.id == record_id, model.claimed_by == claim, model.status == PROCESSING)
        .values(heartbeat_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_for_retry(session: Session, record_type: str, record_id: str, claim: str, *, retry_at: datetime,
                      task_id: str | None) -> bool:
    """The owner gives the record back to ``pending`` until ``retry_at``, counting one transient retry,
    and commits. ``task_id``: the id of the message that will bring it back (a retry waiting in the
    broker), or None when the record waits in the database and the sweeper dispatches it once due.
    False (nothing changed) when ``claim`` no longer owns the record."""
    model = model_for(record_type)
    result = session.execute(
        update(model)
        .where(model.id == record_id, model.claimed_by == claim, model.status == PROCESSING)
        .values(status=PENDING, retry_at=retry_at, retries=model.retries + 1, celery_task_id=task_id,
                dispatched_at=utcnow() if task_id else None, claimed_by=None, heartbeat_at=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def mark_completed(record) -> None:
    record.status = COMPLETED
    record.progress_percent = 100
    record.completed_at = utcnow()
    record.error_message = record.error_code = None
    record.retry_at = None


def mark_failed(record, *, code: str, message: str) -> None:
    record.status = FAILED
    record.failed_at = utcnow()
    record.error_code = code
    record.error_message = message
    record.retry_at = None


def reset_for_retry(session: Session, record) -> bool:
    """Put a failed record back to ``pending`` (the operator's `job-agent retry`), in one UPDATE that
    holds only while it is still failed, and commit. False when it is not failed (any more): two
    operators at once, or a record that was never failed, are not queued twice."""
    model = type(record)
    result = session.execute(
        update(model)
        .where(model.id == record.id, model.status == FAILED)
        .values(status=PENDING, progress_percent=0, attempts=0, retries=0, retry_at=None, claimed_by=None,
                heartbeat_at=None, failed_at=None, error_code=None, error_message=None, error_phrase=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(record)
    return result.rowcount == 1


def _stuck(model, *, now: datetime, pending_before: datetime, silent_before: datetime):
    """Records the sweeper must send (again), as one condition of ``model``'s columns:

    - ``pending`` waiting in the database (no task id) whose ``retry_at`` has come;
    - ``pending`` whose message is overdue (sent before ``pending_before``, due before it);
    - ``processing`` whose owner has been silent since ``silent_before``;
    and in every case not sent again since ``pending_before`` (its copy may still be queued).
    """
    waiting = and_(model.status == PENDING, model.celery_task_id.is_(None), model.retry_at <= now)
    overdue = and_(model.status == PENDING, model.created_at < pending_before,
                   or_(model.retry_at.is_(None), model.retry_at < pending_before))
    orphaned = and_(model.status == PROCESSING, _silent(model, silent_before))
    not_just_sent = or_(model.dispatched_at.is_(None), model.dispatched_at < pending_before)
    return and_(or_(waiting, overdue, orphaned), not_just_sent)


def find_stuck(session: Session, *, pending_before: datetime, silent_before: datetime, now: datetime | None = None,
               limit: int = 100):
    """Records whose task message was lost, whose worker died, or whose wait in the database is over,
    oldest first (at most ``limit`` of each type). See ``_stuck`` for the rules."""
    now = now or utcnow()
    stuck = []
    for model in RECORD_MODELS.values():
        stuck += session.scalars(
            select(model)
            .where(_stuck(model, now=now, pending_before=pending_before, silent_before=silent_before))
            .order_by(model.created_at)
            .limit(limit)
        ).all()
    return stuck


def restamp_if_stuck(session: Session, record, task_id: str, *, pending_before: datetime, silent_before: datetime,
                     now: datetime | None = None) -> bool:
    """Stamp ``task_id`` on a record ``find_stuck`` returned, only if it is still stuck (one UPDATE,
    committed): two sweepers, or a claim that came in since the read, never cause a second send.
    True when the caller should now send the task."""
    model = type(record)
    now = now or utcnow()
    result = session.execute(
        update(model)
        .where(model.id == record.id,
               _stuck(model, now=now, pending_before=pending_before, silent_before=silent_before))
        .values(celery_task_id=task_id, dispatched_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if result.rowcount == 1:
        record.celery_task_id, record.dispatched_at = task_id, now
    return result.rowcount == 1


def postings_of(session: Session, job_search_id: str) -> list[dict]:
    """The stored postings (``JobPosting.to_dict()`` shapes) of one search, in the source's order."""
    return list(session.scalars(
        select(JobPostingRecord.data).where(JobPostingRecord.job_search_id == job_search_id)
        .order_by(JobPostingRecord.position)
    ))


def is_finished(record) -> bool:
    return record.status in FINISHED


def older_than(seconds: float) -> datetime:
    return utcnow() - timedelta(seconds=seconds)


__all__ = [
    "COMPLETED", "FAILED", "PENDING", "PROCESSING", "claim_for_processing", "find_stuck", "get_record",
    "is_finished", "mark_completed", "mark_failed", "model_for", "new_claim", "older_than", "postings_of",
    "release_for_retry", "reset_for_retry", "restamp_if_stuck", "still_owned",
]
