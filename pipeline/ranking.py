"""The ranking step: a search's stored postings scored against a profile, best first.

A chat search carries the person's preferences and "Not for me" history as they were when
they searched (``JobSearch.preferences``, see services.searches): the ranking leaves out what
they rule out, lowers what is like a job passed on, and stores how many it left out per
reason under ``JobSearch.preferences["left_out"]`` for the chat to say
(``domain.jobs.preferences_text.describe_left_out``). Its place note ("4 jobs in or near Berlin;
also showing 4 remote …") is said again of the ranked jobs, since the search step counted the
postings before the preferences left some out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from domain.cv.types import CandidateProfile
from domain.jobs.feedback import PassedJobs
from domain.jobs.place_rank import is_place_note, is_stale, place_note, place_tier, wanted_place
from domain.jobs.preferences import LEFT_OUT, Preferences
from domain.jobs.refine import apply_preferences, preference_adjustments
from domain.jobs.types import JobPosting
from domain.ranking import rank_jobs
from domain.ranking.explain import with_adjustment
from i18n import Phrase, stored_phrase
from pipeline.progress import Progress
from storage.models import JobSearch, MatchRun, UserProfile
from storage.records import postings_of


def rank_search(session: Session, record: MatchRun, progress: Progress) -> None:
    """The REST matching step: rank the record's job search against its profile."""
    record.matches = ranked_matches(session, record.profile_id, session.get(JobSearch, record.job_search_id))


def rank_found_jobs(session: Session, record: JobSearch, progress: Progress) -> None:
    """Second link of the search step: a search that asked for it (a chat search) is ranked at once,
    and what the person's preferences and passes left out is counted in its snapshot."""
    if not record.rank_after_search:
        return
    progress(60, "found")
    ranking = rank_for_search(session, record.profile_id, record)
    record.matches = ranking.matches
    recount_places(record, ranking.matches)
    if record.preferences is not None:  # a new dict: an edited JSON value in place is not saved
        record.preferences = {**record.preferences, LEFT_OUT: ranking.left_out}


def recount_places(record: JobSearch, matches: list[dict]) -> None:
    """Replace the search's place note (``record.notes`` in English and ``record.note_phrases``, kept in
    step) with one that counts ``matches``, the jobs the list holds; drop it when they are all local.
    Notes stored without their phrases (before migration 0007) are left as they are: the place note
    cannot be told among them."""
    english, stored = list(record.notes or []), list(record.note_phrases or [])
    if len(english) != len(stored):
        return
    phrases = [stored_phrase(data, note) for data, note in zip(stored, english)]
    if any(phrase is None for phrase in phrases):
        return
    jobs = [JobPosting.from_dict(match["job"]) for match in matches]
    note = place_note(jobs, wanted_place(record.location), record.location)
    notes: list[Phrase] = [phrase for phrase in phrases if not is_place_note(phrase)] + ([note] if note else [])
    record.notes = [str(phrase) for phrase in notes]
    record.note_phrases = [phrase.to_dict() for phrase in notes]


def ranked_matches(session: Session, profile_id: str | None, search: JobSearch) -> list[dict]:
    """``[{"job", "score", "matched_skills", "missing_skills", "reason", ...}]`` best first; by the
    query alone when there is no profile; with the search's snapshot applied (``rank_for_search``)."""
    return rank_for_search(session, profile_id, search).matches


@dataclass(frozen=True)
class Ranking:
    """A search's matches best first, and how many postings were left out per reason: the
    preferences of ``domain.jobs.refine.CHECK_ORDER``, and "passed" for jobs passed on."""

    matches: list[dict]
    left_out: dict[str, int]


def rank_for_search(session: Session, profile_id: str | None, search: JobSearch) -> Ranking:
    """Rank a search's postings with the person's snapshot (``JobSearch.preferences``: None for
    REST searches, which are ranked as they are): jobs passed on and jobs the preferences rule
    out are left out first, the rest are scored, then lowered for preferences and passes
    (``adjust``), then grouped by the searched place."""
    snapshot = search.preferences or {}
    prefs, passed = read_snapshot(snapshot)
    postings = load_postings(session, search.id)
    fresh = [job for job in postings if job.job_id not in passed.ids]
    refined = apply_preferences(fresh, prefs, searched_place=search.location)
    left_out = ({"passed": len(postings) - len(fresh)} if len(fresh) < len(postings) else {}) | refined.left_out
    # The scorer reads "… in PLACE" from the query; a searched-for place beats the CV's home town.
    query = f"{search.query} in {search.location}" if search.location else search.query
    ranked = rank_jobs(load_candidate(session, profile_id), refined.kept, query=query)
    scored = [(adjust(item.to_dict(), item.job, prefs, passed, location=search.location), item.job)
              for item in ranked]
    return Ranking(ordered_by_place(scored, search.location), left_out)


def rerank(matches: list[dict], snapshot: dict | None, *, location: str | None = None) -> list[dict]:
    """A list already shown, ranked again right after a "Not for me" or a refinement: jobs passed
    on and jobs the preferences now rule out are dropped, the rest lowered for what they are like
    (each preference or pass counted once per job, however often this runs) and ordered again.

    ``snapshot`` as ``services.feedback.ranking_snapshot`` gives it; ``location`` is the search's
    place as typed (else ``snapshot["location"]``), which keeps the place groups of the list —
    without either, the list is ordered by score alone."""
    snapshot = snapshot or {}
    prefs, passed = read_snapshot(snapshot)
    location = location if location is not None else snapshot.get("location")
    pairs = [(match, JobPosting.from_dict(match["job"])) for match in matches
             if str(match["job"].get("job_id")) not in passed.ids]
    kept = {id(job) for job in apply_preferences([job for _, job in pairs], prefs, searched_place=location).kept}
    scored = [(adjust(match, job, prefs, passed, location=location, again=True), job)
              for match, job in pairs if id(job) in kept]
    return ordered_by_place(scored, location)


def read_snapshot(snapshot: dict) -> tuple[Preferences, PassedJobs]:
    """The preferences and the passes a snapshot holds (either may be missing)."""
    return Preferences.from_dict(snapshot.get("preferences")), PassedJobs.read(snapshot.get("feedback"))


def adjust(match: dict, job: JobPosting, prefs: Preferences, passed: PassedJobs, *, location: str | None,
           again: bool = False) -> dict:
    """``match`` with the score changes its preferences and passes call for
    (``domain.jobs.refine.preference_adjustments``, ``domain.jobs.feedback.PassedJobs``), through
    ``with_adjustment`` so that score, explanation and reason agree. Each (kind, reason) counts
    once: one already in the match's explanation is not applied again, and a list ranked ``again``
    whose matches have no explanation (stored before there were any) is left as it is, since
    what it was already lowered for cannot be told."""
    explanation = match.get("explanation")
    if again and not isinstance(explanation, dict):
        return match
    done = {(old.get("kind"), old.get("reason")) for old in (explanation or {}).get("adjustments") or []
            if isinstance(old, dict)}
    for change in preference_adjustments(job, prefs, searched_place=location) + passed.adjustments(job):
        if (change.kind, change.reason) not in done:
            match = with_adjustment(match, kind=change.kind, reason=change.reason, points=change.points,
                                    params=change.params)
            done.add((change.kind, change.reason))
    return match


def ordered_by_place(scored: list[tuple[dict, JobPosting]], location: str | None) -> list[dict]:
    """The place searched for groups the list before the score orders it: jobs in or near it, then
    remote ones open to its country, then the rest (a strong CV must not pull Berlin above Paris);
    fresh before stale within a group. Stable, so equal scores keep the scorer's tie-breaks."""
    wanted, today = wanted_place(location), datetime.now(timezone.utc).date()
    scored = sorted(scored, key=lambda pair: (place_tier(pair[1], wanted), is_stale(pair[1], today),
                                              -pair[0]["score"]))
    return [match for match, _ in scored]


def load_candidate(session: Session, profile_id: str | None) -> CandidateProfile | None:
    """The stored profile as the domain's CandidateProfile; None when missing or not read yet."""
    record = session.get(UserProfile, profile_id) if profile_id else None
    if record is None or record.profile is None:
        return None
    return CandidateProfile.from_dict({**record.profile, "text": record.profile_text or ""})


def load_postings(session: Session, job_search_id: str) -> list[JobPosting]:
    """The search's stored postings in the source's order."""
    return [JobPosting.from_dict(data) for data in postings_of(session, job_search_id)]
