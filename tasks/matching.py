"""screen_jobs_task: a job search's postings ranked against a profile."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import JobPostingRecord, JobSearch, MatchRun, UserProfile
from tasks.celery_app import celery_app
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from tasks.runtime import Progress, run_record_task
from domain.ranking import rank_jobs


def load_candidate(session, profile_id: str | None) -> CandidateProfile | None:
    record = session.get(UserProfile, profile_id) if profile_id else None
    if record is None or record.profile is None:
        return None
    return CandidateProfile.from_dict({**record.profile, "text": record.profile_text or ""})


def load_postings(session, job_search_id: str) -> list[JobPosting]:
    rows = session.scalars(
        select(JobPostingRecord.data).where(JobPostingRecord.job_search_id == job_search_id)
        .order_by(JobPostingRecord.position)
    )
    return [JobPosting.from_dict(data) for data in rows]


def screen_jobs(session, record: MatchRun, progress: Progress) -> None:
    """Score every posting of the search and store the ranking, best first."""
    search = session.get(JobSearch, record.job_search_id)
    # The scorer reads "… in PLACE" from the query; a searched-for place beats the CV's home town.
    query = f"{search.query} in {search.location}" if search.location else search.query
    ranked = rank_jobs(load_candidate(session, record.profile_id), load_postings(session, search.id), query=query)
    record.matches = [item.to_dict() for item in ranked]


@celery_app.task(bind=True, name="tasks.matching.screen_jobs_task", max_retries=3)
def screen_jobs_task(self, match_id: str) -> str:
    return run_record_task(self, "match", match_id, screen_jobs)
