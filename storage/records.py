"""Status transitions and the small record queries the bot, the tasks and the sweeper share."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
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


def claim_for_processing(
    session: Session, record_type: str, record_id: str, *, task_id: str, stale_before: datetime
) -> bool:
    """Move a record to ``processing`` for this task run; False when another live run owns it.

    A redelivery of the same task id may take it back, and so may any run once the previous
    owner has been silent past ``stale_before`` (its worker died).
    """
    model = model_for(record_type)
    result = session.execute(
        update(model)
        .where(
            model.id == record_id,
            or_(
                model.status == PENDING,
                (model.status == PROCESSING)
                & or_(model.celery_task_id == task_id, model.started_at < stale_before, model.started_at.is_(None)),
            ),
        )
        .values(status=PROCESSING, celery_task_id=task_id, started_at=utcnow(), attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def mark_completed(record) -> None:
    record.status = COMPLETED
    record.progress_percent = 100
    record.completed_at = utcnow()
    record.error_message = record.error_code = None


def mark_failed(record, *, code: str, message: str) -> None:
    record.status = FAILED
    record.failed_at = utcnow()
    record.error_code = code
    record.error_message = message


def reset_for_retry(record) -> None:
    """Put a failed record back in the queue (the operator's `job-agent retry`)."""
    record.status = PENDING
    record.progress_percent = 0
    record.attempts = 0
    record.failed_at = record.error_code = record.error_message = None


def find_stuck(session: Session, *, pending_before: datetime, processing_before: datetime, limit: int = 100):
    """Records whose task message was lost or whose worker died, oldest first."""
    stuck = []
    for model in RECORD_MODELS.values():
        stuck += session.scalars(
            select(model)
            .where(
                or_(
                    (model.status == PENDING) & (model.created_at < pending_before),
                    (model.status == PROCESSING) & (model.started_at < processing_before),
                )
            )
            .where(or_(model.dispatched_at.is_(None), model.dispatched_at < pending_before))
            .order_by(model.created_at)
            .limit(limit)
        ).all()
    return stuck


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
    "is_finished", "mark_completed", "mark_failed", "model_for", "older_than", "postings_of", "reset_for_retry",
]
