"""The search step: a query becomes a deduplicated, ordered list of stored job postings."""
from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from config import get_settings
from domain.jobs.query import SearchRequest
from domain.jobs.sources import search_jobs
from i18n import as_phrase
from pipeline.progress import Progress
from pipeline.wiring import job_boards_from, sample_source
from storage.models import JobPostingRecord, JobSearch


def find_jobs(session: Session, record: JobSearch, progress: Progress) -> None:
    """Search the configured boards and store the postings in the search's order, with how each
    board did and the notes for the person.

    Re-runnable: postings of an earlier, interrupted run of the same record are replaced.
    Raises ``TransientError`` when no board answered and this run may be retried, and
    ``PermanentError`` for a bad query (``domain.jobs.sources.search_jobs``).
    """
    settings = get_settings()
    progress(10, "searching")
    boards = job_boards_from(settings)
    try:
        result = search_jobs(boards, SearchRequest(query=record.query, location=record.location), record.num_results,
                             sample=sample_source(), timeout=settings.job_source_timeout_seconds,
                             can_retry=record.attempts < settings.max_task_attempts,
                             max_age_days=record.max_age_days)
    finally:
        for board in boards:
            close = getattr(board, "close", None)
            if close:
                close()
    session.execute(delete(JobPostingRecord).where(JobPostingRecord.job_search_id == record.id))
    session.add_all(
        JobPostingRecord(job_search_id=record.id, position=index, job_id=posting.job_id, data=posting.to_dict())
        for index, posting in enumerate(result.jobs)
    )
    record.job_count = len(result.jobs)
    record.boards = [answer.to_dict() for answer in result.boards]
    record.notes = [str(note) for note in result.notes]  # English: the REST API's
    record.note_phrases = [as_phrase(note).to_dict() for note in result.notes]  # for the chat, in its reader's language
