"""What the REST routes ask of the database: a caller's own records, new records, postings."""
from __future__ import annotations

import logging
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import COMPLETED, FAILED, JobPostingRecord, JobSearch
from tasks.dispatch import dispatch

logger = logging.getLogger(__name__)
Record = TypeVar("Record")


class NotUsable(Exception):
    """A referenced record exists for the caller but cannot be used yet (or any more)."""


def _plausible_key(value: str, max_chars: int) -> bool:
    # PostgreSQL refuses NUL in text outright (a 500, not a miss), and no stored key is longer.
    return 0 < len(value) <= max_chars and "\x00" not in value


def get_owned(*, session: Session, model: type[Record], record_id: str, api_key_id: str) -> Record | None:
    """The record if this API key created it; another key's record is as good as missing."""
    if not _plausible_key(record_id, 36):
        return None
    record = session.get(model, record_id)
    if record is None or record.api_key_id != api_key_id:
        return None
    return record


def get_completed(*, session: Session, model: type[Record], record_id: str, api_key_id: str, what: str) -> Record | None:
    """The caller's record when completed; ``NotUsable`` explains a pending or failed one."""
    record = get_owned(session=session, model=model, record_id=record_id, api_key_id=api_key_id)
    if record is None or record.status == COMPLETED:
        return record
    if record.status == FAILED:
        raise NotUsable(f"That {what} failed ({record.error_message}); create a new one.")
    raise NotUsable(f"That {what} is still {record.status}; wait until its status is completed.")


def submit(*, session: Session, record: Record, api_key_id: str, webhook_url: str | None) -> Record:
    """Store a new record for this key, commit, then enqueue its task (commit first: Celery's rule)."""
    record.api_key_id, record.webhook_url = api_key_id, webhook_url
    session.add(record)
    session.commit()
    dispatch(session, record)
    logger.info("%s %s submitted through the REST API", record.record_type, record.id)
    return record


def postings_of(*, session: Session, job_search_id: str) -> list[dict]:
    """The stored postings of one search, in the order the search returned them."""
    return list(session.scalars(
        select(JobPostingRecord.data).where(JobPostingRecord.job_search_id == job_search_id)
        .order_by(JobPostingRecord.position)
    ))


def find_posting(*, session: Session, api_key_id: str, job_id: str) -> dict | None:
    """A posting with this job_id from the caller's most recent completed search that has it."""
    if not _plausible_key(job_id, 512):
        return None
    return session.scalar(
        select(JobPostingRecord.data)
        .join(JobSearch, JobSearch.id == JobPostingRecord.job_search_id)
        .where(JobSearch.api_key_id == api_key_id, JobSearch.status == COMPLETED, JobPostingRecord.job_id == job_id)
        .order_by(JobSearch.completed_at.desc())
        .limit(1)
    )
