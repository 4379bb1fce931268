"""The ranking step: a search's stored postings scored against a profile, best first."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from domain.cv.types import CandidateProfile
from domain.jobs.place_rank import is_stale, place_tier, wanted_place
from domain.jobs.types import JobPosting
from domain.ranking import rank_jobs
from pipeline.progress import Progress
from storage.models import JobSearch, MatchRun, UserProfile
from storage.records import postings_of


def rank_search(session: Session, record: MatchRun, progress: Progress) -> None:
    """The REST matching step: rank the record's job search against its profile."""
    record.matches = ranked_matches(session, record.profile_id, session.get(JobSearch, record.job_search_id))


def rank_found_jobs(session: Session, record: JobSearch, progress: Progress) -> None:
    """Second link of the search step: a search that asked for it (a chat search) is ranked at once."""
    if not record.rank_after_search:
        return
    progress(60, "found")
    record.matches = ranked_matches(session, record.profile_id, record)


def ranked_matches(session: Session, profile_id: str | None, search: JobSearch) -> list[dict]:
    """``[{"job", "score", "matched_skills", "missing_skills", "reason"}]`` best first; by the query alone
    when there is no profile."""
    # The scorer reads "… in PLACE" from the query; a searched-for place beats the CV's home town.
    query = f"{search.query} in {search.location}" if search.location else search.query
    ranked = rank_jobs(load_candidate(session, profile_id), load_postings(session, search.id), query=query)
    # The place searched for groups the list before the score orders it: jobs in or near it, then
    # remote ones open to its country, then the rest (a strong CV must not pull Berlin above Paris).
    wanted, today = wanted_place(search.location), datetime.now(timezone.utc).date()
    ranked.sort(key=lambda item: (place_tier(item.job, wanted), is_stale(item.job, today)))
    return [item.to_dict() for item in ranked]


def load_candidate(session: Session, profile_id: str | None) -> CandidateProfile | None:
    """The stored profile as the domain's CandidateProfile; None when missing or not read yet."""
    record = session.get(UserProfile, profile_id) if profile_id else None
    if record is None or record.profile is None:
        return None
    return CandidateProfile.from_dict({**record.profile, "text": record.profile_text or ""})


def load_postings(session: Session, job_search_id: str) -> list[JobPosting]:
    """The search's stored postings in the source's order."""
    return [JobPosting.from_dict(data) for data in postings_of(session, job_search_id)]
