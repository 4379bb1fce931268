"""Reading a requester's own records: an API key sees only what it created."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.errors import NotFound, NotReady
from storage.models import COMPLETED, FAILED, JobPostingRecord, JobSearch

Record = TypeVar("Record")


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


def get_completed(*, session: Session, model: type[Record], record_id: str, api_key_id: str, what: str) -> Record:
    """The caller's completed record; raises ``NotFound``, or ``NotReady`` for a pending or failed one.

    ``what`` names the record in the message ("profile", "job search").
    """
    record = get_owned(session=session, model=model, record_id=record_id, api_key_id=api_key_id)
    if record is None:
        raise NotFound(f"No {what} with that id.")
    if record.status == FAILED:
        raise NotReady(f"That {what} failed ({record.error_message}); create a new one.")
    if record.status != COMPLETED:
        raise NotReady(f"That {what} is still {record.status}; wait until its status is completed.")
    return record


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
