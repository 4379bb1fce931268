"""Use cases on a ranked list already in the chat: the next page, one job's details, "Not for me".

A chat search keeps its ranked ``matches`` and how many of them the person has been shown
(``JobSearch.shown``); every job number a person types or presses refers to that list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import N_
from services.errors import Refused
from services.ports import UserRef
from services.searches import CHAT_LIST_LENGTH
from services.users import ensure_user
from storage.models import COMPLETED, ChatUser, JobSearch, MatchRun

# A ranking a person can pick from: a chat search ranked in its own run, or (before that) a match run.
RANKINGS = (JobSearch, MatchRun)


@dataclass(frozen=True)
class Page:
    """Jobs ``start``+1 … ``start``+len(matches) of a ranking, as numbered in the chat."""

    ranking_id: str
    query: str
    location: str | None
    matches: list[dict]
    start: int
    total: int
    notes: list
    sample: bool
    has_profile: bool


@dataclass(frozen=True)
class ShownJob:
    ranking_id: str
    number: int  # 1-based, as in the chat
    match: dict


def shown_count(ranking) -> int:
    """Jobs of the ranking the person has seen: the first page unless "More" showed further ones."""
    total = len(ranking.matches or [])
    return min(total, getattr(ranking, "shown", None) or CHAT_LIST_LENGTH)


def next_page(*, session: Session, user: UserRef, reference: str = "") -> Page:
    """The page after the jobs shown so far, and remember it was shown (commits).

    ``reference``: a button's "RANKING_ID:SHOWN" (that list, from that point: pressing an old
    "More" again shows the same page) or "" (the person's latest list, after what it has shown).
    Raises ``Refused``: no list, another person's list, nothing more to show.
    """
    ranking_id, _, start = reference.rpartition(":") if ":" in reference else (reference, "", "")
    ranking = _own_ranking(session, user, ranking_id)
    matches = ranking.matches or []
    start = int(start) if start.isdigit() else shown_count(ranking)
    if start >= len(matches):
        raise Refused(N_("That was every job of this search ({count}). Try another search for more."),
                      params={"count": len(matches)})
    page = matches[start:start + CHAT_LIST_LENGTH]
    if hasattr(ranking, "shown"):
        ranking.shown = max(shown_count(ranking), start + len(page))
        session.commit()
    return Page(ranking_id=ranking.id, query=_query_of(session, ranking), location=_location_of(session, ranking),
                matches=page, start=start, total=len(matches), notes=[], sample=False,
                has_profile=ranking.profile_id is not None)


def shown_job(*, session: Session, user: UserRef, reference: str) -> ShownJob:
    """Job N of the person's latest list ("N") or of the list a button names ("RANKING_ID:N").

    Raises ``Refused``: no list, another person's list, a number outside the jobs shown.
    """
    ranking_id, _, number = reference.rpartition(":")
    ranking = _own_ranking(session, user, ranking_id)
    count = shown_count(ranking)
    if not count:
        raise Refused(N_("Your last search found no jobs. Try a broader role or another city."))
    if not re.fullmatch(r"[0-9]+", number.strip()) or not 1 <= int(number) <= count:
        raise Refused(N_("Pick a job number between 1 and {count}."), params={"count": count})
    return ShownJob(ranking.id, int(number), ranking.matches[int(number) - 1])


def replace_matches(*, session: Session, user: UserRef, ranking_id: str, matches: list[dict]) -> None:
    """Store a re-ranked list in place of the ranking's (after a "Not for me"); commits."""
    ranking = _own_ranking(session, user, ranking_id)
    ranking.matches = matches
    if hasattr(ranking, "shown"):
        ranking.shown = min(shown_count(ranking), len(matches))
    session.commit()


def own_ranking_or_none(session: Session, chat_user: ChatUser, ranking_id: str):
    """The named ranking (a JobSearch or MatchRun id) if it is the person's own, else — with no id — their
    latest completed one; None when there is none (or the named one is someone else's)."""
    if ranking_id:
        found = (session.get(model, ranking_id) for model in RANKINGS)
        return next((ranking for ranking in found if ranking is not None and ranking.chat_user_id == chat_user.id), None)
    ranked = {JobSearch: JobSearch.rank_after_search.is_(True), MatchRun: MatchRun.id.is_not(None)}
    latest = [session.scalar(select(model).where(model.chat_user_id == chat_user.id, model.status == COMPLETED,
                                                 ranked[model])
                             .order_by(model.completed_at.desc()).limit(1)) for model in RANKINGS]
    latest = [ranking for ranking in latest if ranking is not None]
    return max(latest, key=lambda ranking: ranking.completed_at, default=None)


def belongs_to_someone_else(session: Session, chat_user: ChatUser, ranking_id: str) -> bool:
    """Whether ``ranking_id`` names another person's ranking (answered privately, never shown)."""
    return any((ranking := session.get(model, ranking_id)) is not None and ranking.chat_user_id != chat_user.id
               for model in RANKINGS)


def _own_ranking(session: Session, user: UserRef, ranking_id: str):
    chat_user = ensure_user(session=session, user=user)
    ranking = own_ranking_or_none(session, chat_user, ranking_id)
    if ranking is None and ranking_id and belongs_to_someone_else(session, chat_user, ranking_id):
        raise Refused(N_("That job list belongs to someone else. Search for your own list."), private=True)
    if ranking is None:
        raise Refused(N_("I have no job list of yours yet. Tell me what you are looking for, "
                         "e.g. “python developer in Berlin”."))
    return ranking


def _query_of(session: Session, ranking) -> str:
    return getattr(ranking, "query", None) or getattr(_search_of(session, ranking), "query", "") or ""


def _location_of(session: Session, ranking) -> str | None:
    return getattr(ranking, "location", None) or getattr(_search_of(session, ranking), "location", None)


def _search_of(session: Session, ranking):
    search_id = getattr(ranking, "job_search_id", None)
    return session.get(JobSearch, search_id) if search_id else None


def latest_search(*, session: Session, user: UserRef):
    """The person's most recent chat search (any state), or None: what a refinement runs again."""
    chat_user = ensure_user(session=session, user=user)
    return session.scalar(select(JobSearch).where(JobSearch.chat_user_id == chat_user.id)
                          .order_by(JobSearch.created_at.desc()).limit(1))


def pass_on_shown_job(*, session: Session, user: UserRef, shown: ShownJob, reason: str) -> Page | None:
    """"Not for me" on a shown job: remembered for later rankings (services.feedback), and the
    list it is on ranked again without it and with every pass so far (pipeline.ranking.rerank).
    Returns the re-ranked jobs shown so far (None when none are left); commits."""
    from pipeline.ranking import rerank  # noqa: PLC0415
    from services.feedback import pass_on_job, ranking_snapshot  # noqa: PLC0415

    pass_on_job(session, user, shown.match["job"], reason)
    ranking = _own_ranking(session, user, shown.ranking_id)
    count = shown_count(ranking)
    matches = rerank(ranking.matches or [], ranking_snapshot(session, user), location=_location_of(session, ranking))
    replace_matches(session=session, user=user, ranking_id=ranking.id, matches=matches)
    shown_now = matches[:count]  # the list stays as long: the next job moves up into it
    if not shown_now:
        return None
    return Page(ranking_id=ranking.id, query=_query_of(session, ranking), location=_location_of(session, ranking),
                matches=shown_now, start=0, total=len(matches), notes=[], sample=False,
                has_profile=ranking.profile_id is not None)
