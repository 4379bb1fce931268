"""Use case: a cover letter for one job, picked from a chat ranking or named by a REST caller."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.cv.filetype import READABLE_NAMES
from i18n import N_, Phrase
from services.errors import NotFound, Refused
from services.ports import ApiRequester, Requester, TaskQueue, UserRef
from services.records import find_posting, get_completed
from services.results import (
    belongs_to_someone_else,
    keyed_job,
    own_ranking_or_none,
    shown_count,
)
from services.submit import submit
from services.tracker import track_letter
from services.users import ensure_user
from storage.chat import latest_completed_profile
from storage.models import PENDING, PROCESSING, Application, UserProfile

NO_CV = N_("I need your CV before I can write a letter. Send it to me first: {formats}.")


@dataclass(frozen=True)
class LetterChoice:
    """What a letter is written from: the job as stored in the ranking, and the profile's id."""

    job: dict
    profile_id: str


def request_letter(*, session: Session, queue: TaskQueue, requester: Requester, choice: LetterChoice,
                   language: str | None = None) -> Application:
    """The one way a letter record is created, for the chat and the REST API alike; the job is tracked
    (``services.tracker.track_letter``) in the same commit.

    ``language``: a code from ``services.letter_language.letter_language`` (None: the posting's);
    the letter step reads it from the record.
    """
    record = Application(profile_id=choice.profile_id, job_id=choice.job["job_id"], job=choice.job,
                         language=language)
    return submit(session=session, queue=_TrackingQueue(queue), requester=requester, record=record)


class _TrackingQueue:
    """The queue, with the letter's job put on the tracker just before the commit that stores the letter:
    ``submit`` has tied the letter to its requester by then, and one commit stores both or neither."""

    def __init__(self, queue: TaskQueue):
        self.queue = queue

    def dispatch(self, session: Session, record: Application) -> bool:
        track_letter(session, record)
        return self.queue.dispatch(session, record)


def choose_posting(*, session: Session, requester: ApiRequester, profile_id: str, job_id: str) -> LetterChoice:
    """REST: a completed profile of the caller's and a job from one of its completed searches.

    Raises ``NotFound``/``NotReady`` for the profile, ``NotFound`` for the job.
    """
    profile = get_completed(session=session, model=UserProfile, record_id=profile_id,
                            api_key_id=requester.api_key_id, what="profile")
    job = find_posting(session=session, api_key_id=requester.api_key_id, job_id=job_id)
    if job is None:
        raise NotFound(N_("No job with that job_id in your completed job searches."))
    return LetterChoice(job=job, profile_id=profile.id)


def choose_ranked_job(*, session: Session, user: UserRef, reference: str) -> LetterChoice:
    """Chat: job N of the person's latest ranking ("N"), or of the ranking a button names ("ID:N").

    Raises ``Refused`` with the reply: another person's list (private), no list, a number out of
    range, no profile yet, or a letter for that job already being written.
    """
    chat_user = ensure_user(session=session, user=user)
    ranking_id, _, number = reference.rpartition(":")
    ranking = own_ranking_or_none(session, chat_user, ranking_id)
    if ranking is None and ranking_id and belongs_to_someone_else(session, chat_user, ranking_id):
        raise Refused(N_("That job list belongs to someone else. Run /jobsearch for your own list."), private=True)
    if ranking is None:
        raise Refused(N_("I have no job list of yours to pick from. Run /jobsearch first, then /apply N."))
    keyed = keyed_job(ranking, number)  # a button names its job, wherever the list has moved it
    matches = (ranking.matches or [])[:shown_count(ranking)]  # only the jobs the person was shown (More adds)
    if keyed is None and not matches:
        raise Refused(N_("Your last search found no jobs, so there is nothing to apply for. "
                         "Try /jobsearch with a broader role or another city."))
    if keyed is None and (not re.fullmatch(r"[0-9]+", number.strip()) or not 1 <= int(number) <= len(matches)):
        raise Refused(N_("Pick a job number between 1 and {count}, e.g. /apply 1."), params={"count": len(matches)})
    job = keyed[1]["job"] if keyed is not None else matches[int(number) - 1]["job"]
    profile = latest_completed_profile(session, chat_user.id)
    if profile is None:
        raise Refused(NO_CV, params={"formats": Phrase(READABLE_NAMES)})
    if _letter_in_progress(session, chat_user.id, job["job_id"]):
        raise Refused(N_("I'm already writing the letter for {title} — it will arrive here shortly."),
                      params={"title": job["title"]})
    return LetterChoice(job=job, profile_id=profile.id)


def _letter_in_progress(session: Session, chat_user_id: int, job_id: str) -> bool:
    return session.scalar(select(Application.id).where(
        Application.chat_user_id == chat_user_id, Application.job_id == job_id,
        Application.status.in_((PENDING, PROCESSING))).limit(1)) is not None
