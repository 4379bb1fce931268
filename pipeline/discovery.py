"""The search step: a query becomes a deduplicated, ordered list of stored job postings."""
from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from config import get_settings
from domain.jobs.query import SearchRequest
from domain.jobs.sources import search_jobs
from pipeline.progress import Progress
from pipeline.wiring import job_source_from
from storage.models import JobPostingRecord, JobSearch


def find_jobs(session: Session, record: JobSearch, progress: Progress) -> None:
    """Search the configured source and store the postings in the source's order.

    Re-runnable: postings of an earlier, interrupted run of the same record are replaced.
    Raises ``TransientError`` (timeouts, 429, 5xx) or ``PermanentError`` (bad key, bad query).
    """
    progress(10, "searching")
    request = SearchRequest(query=record.query, location=record.location)
    postings = search_jobs(job_source_from(get_settings()), request, record.num_results)
    session.execute(delete(JobPostingRecord).where(JobPostingRecord.job_search_id == record.id))
    session.add_all(
        JobPostingRecord(job_search_id=record.id, position=index, job_id=posting.job_id, data=posting.to_dict())
        for index, posting in enumerate(postings)
    )
    record.job_count = len(postings)
