"""Use cases: search for jobs (ranked at once for a chat), and rank a search against a profile (REST)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.feedback import ranking_snapshot
from services.ports import ApiRequester, ChatRequester, Requester, TaskQueue
from services.records import get_completed
from services.submit import submit
from services.users import ensure_user
from storage.chat import latest_completed_profile
from storage.models import JobSearch, MatchRun, UserProfile

CHAT_RESULTS = 30  # postings a chat search ranks
CHAT_LIST_LENGTH = 10  # of those, the ones a chat shows and /apply N may pick from


def request_search(*, session: Session, queue: TaskQueue, requester: Requester, query: str, location: str | None,
                   num_results: int = CHAT_RESULTS, max_age_days: int | None = None) -> JobSearch:
    """A job search for an already validated query and location (domain.jobs.query).

    A chat search is ranked in the same task run against the person's latest profile (or by the
    query alone when they have none), with their preferences and "Not for me" history as they
    are now (``JobSearch.preferences``, services.feedback.ranking_snapshot), so the worker and a
    later alert need not look the person up; a REST search only finds jobs (rank it with
    request_ranking) and has no snapshot.
    """
    record = JobSearch(query=query, location=location, num_results=num_results, max_age_days=max_age_days)
    if isinstance(requester, ChatRequester):
        profile = latest_completed_profile(session, ensure_user(session=session, user=requester.user).id)
        record.profile_id, record.rank_after_search = (profile.id if profile else None), True
        record.preferences = ranking_snapshot(session, requester.user)
    return submit(session=session, queue=queue, requester=requester, record=record)


def request_ranking(*, session: Session, queue: TaskQueue, requester: ApiRequester, profile_id: str,
                    job_search_id: str) -> MatchRun:
    """Rank a completed search's postings against a completed profile, both the caller's own.

    Raises ``NotFound`` or ``NotReady`` (services.errors) naming which of the two is missing or unfinished.
    """
    profile = get_completed(session=session, model=UserProfile, record_id=profile_id,
                            api_key_id=requester.api_key_id, what="profile")
    search = get_completed(session=session, model=JobSearch, record_id=job_search_id,
                           api_key_id=requester.api_key_id, what="job search")
    record = MatchRun(profile_id=profile.id, job_search_id=search.id)
    return submit(session=session, queue=queue, requester=requester, record=record)
