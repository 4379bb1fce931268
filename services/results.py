"""Use cases on a ranked list already in the chat: the next page, one job's details, "Not for me".

A chat search keeps its ranked ``matches`` and how many of them the person has been shown
(``JobSearch.shown``); every job number a person types or presses refers to that list.
"""
from __future__ import annotations

import hashlib
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
    """Jobs ``start``+1 … ``start``+``count`` of a ranking, as numbered in the chat: ``matches`` holds the
    ranking from ``start`` on (a list's title counts what is left), ``search`` the search it ranks (its
    notes, whether it is the sample)."""

    ranking_id: str
    search: JobSearch | None
    matches: list[dict]
    start: int
    count: int
    total: int
    has_profile: bool

    @property
    def query(self) -> str:
        return self.search.query if self.search is not None else ""

    @property
    def location(self) -> str | None:
        return self.search.location if self.search is not None else None


@dataclass(frozen=True)
class ShownJob:
    ranking_id: str
    number: int  # 1-based, as in the chat
    match: dict


def job_key(job_id: str) -> str:
    """"k" and 8 hex digits of the job id's SHA-1: how a button names one job of a list. A position
    would name another job once the list is ranked again ("Not for me"); a key still names this one,
    and it fits Telegram's 64 bytes of callback data with the list's id and a reason."""
    return "k" + hashlib.sha1(str(job_id).encode()).hexdigest()[:8]


def is_job_key(token: str) -> bool:
    return re.fullmatch(r"k[0-9a-f]{8}", token) is not None


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
    start = int(start) if re.fullmatch(r"[0-9]+", start) else shown_count(ranking)  # "²".isdigit(), int() says no
    if start >= len(matches):
        raise Refused(N_("That was every job of this search ({count}). Try another search for more."),
                      params={"count": len(matches)})
    count = len(matches[start:start + CHAT_LIST_LENGTH])
    if hasattr(ranking, "shown"):
        ranking.shown = max(shown_count(ranking), start + count)
        session.commit()
    return Page(ranking_id=ranking.id, search=_search_of(session, ranking), matches=matches[start:], start=start,
                count=count, total=len(matches), has_profile=ranking.profile_id is not None)


def shown_job(*, session: Session, user: UserRef, reference: str) -> ShownJob:
    """Job N of the person's latest list ("N"), or the job a button names ("RANKING_ID:KEY", see
    ``job_key``; "RANKING_ID:N" from buttons sent before keys).

    Raises ``Refused``: no list, another person's list, a number outside the jobs shown, a job no
    longer on the list.
    """
    ranking_id, _, number = reference.rpartition(":")
    ranking = _own_ranking(session, user, ranking_id)
    keyed = keyed_job(ranking, number)
    if keyed is not None:
        return ShownJob(ranking.id, *keyed)
    count = shown_count(ranking)
    if not count:
        raise Refused(N_("Your last search found no jobs. Try a broader role or another city."))
    if not re.fullmatch(r"[0-9]+", number.strip()) or not 1 <= int(number) <= count:
        raise Refused(N_("Pick a job number between 1 and {count}."), params={"count": count})
    return ShownJob(ranking.id, int(number), ranking.matches[int(number) - 1])


def keyed_job(ranking, token: str) -> tuple[int, dict] | None:
    """(number as the list stands now, match) of the job a button's key names; None when ``token`` is
    not a key. Raises ``Refused`` when the key names no job of the list any more (passed on)."""
    if not is_job_key(token):
        return None
    for number, match in enumerate(ranking.matches or [], start=1):
        if job_key(match["job"].get("job_id", "")) == token:
            return number, match
    raise Refused(N_("That job is no longer on your list (you passed on it). Pick one from the list as it is now."))


def replace_matches(*, session: Session, user: UserRef, ranking_id: str, matches: list[dict], shown: int) -> None:
    """Store a re-ranked list in place of the ranking's (after a "Not for me"), ``shown`` of it as
    being on the person's screen now; commits."""
    ranking = _own_ranking(session, user, ranking_id)
    ranking.matches = matches
    if hasattr(ranking, "shown"):
        ranking.shown = shown
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


def _search_of(session: Session, ranking) -> JobSearch | None:
    """The search a ranking ranks: a chat search is its own ranking; a match run names its search."""
    if isinstance(ranking, JobSearch):
        return ranking
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
    Returns the re-ranked list's first page (None when no job is left); commits."""
    from pipeline.ranking import recount_places, rerank  # noqa: PLC0415
    from services.feedback import pass_on_job, ranking_snapshot  # noqa: PLC0415

    pass_on_job(session, user, shown.match["job"], reason)
    ranking = _own_ranking(session, user, shown.ranking_id)
    search = _search_of(session, ranking)
    matches = rerank(ranking.matches or [], ranking_snapshot(session, user), location=search and search.location)
    if search is not None and search.rank_after_search:  # "4 jobs in or near Berlin…" counts the list as it is now
        recount_places(search, matches)
    # The list is shown again from its top, a page long (the next job moves up into it): numbers typed
    # from now on mean this list, and More goes on after it.
    count = min(CHAT_LIST_LENGTH, len(matches))
    replace_matches(session=session, user=user, ranking_id=ranking.id, matches=matches, shown=count)
    if not matches:
        return None
    return Page(ranking_id=ranking.id, search=search, matches=matches, start=0, count=count,
                total=len(matches), has_profile=ranking.profile_id is not None)
