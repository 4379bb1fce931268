"""A search over the selected job boards: ask them all, merge, place, and say what happened.

The policy, in the order it applies:

1. Every board is asked at once (``domain.jobs.fanout``); each has ``timeout`` seconds.
2. Some boards answered: their postings are merged; each board that did not is named in a note.
3. No board answered: when a quick failure (unreachable, 429, 5xx) may pass and the task has tries
   left (``can_retry``), ``TransientError`` so Celery tries again — not after a board used its whole
   deadline or our allowance for it; otherwise the bundled sample is searched instead and the
   note says so — a person is never left with nothing, nor misled.
4. Postings are enriched (place, salary, date), deduplicated across boards, optionally cut to
   ``max_age_days``, ordered by place (``domain.jobs.place_rank``) and cut to ``num_results``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

from domain.errors import PermanentError, TransientError
from domain.jobs.dedup import deduplicate
from domain.jobs.enrich import enrich
from domain.jobs.fanout import BoardAnswer, JobBoard, failure_summary, fan_out
from domain.jobs.place_rank import order_by_place, place_note, wanted_place
from domain.jobs.places import resolve_place
from domain.jobs.query import (
    SearchRequest,
    validate_location,
    validate_num_results,
    validate_query,
)
from domain.jobs.types import JobPosting
from i18n import N_, Phrase, Series

logger = logging.getLogger(__name__)

SAMPLE_NOTE = Phrase(N_("These are sample postings bundled with job-agent, not real vacancies."))
# Why the sample was searched, by the kind of ``_fallback_reason`` and whether it had jobs.
SAMPLE_REASONS = {
    ("failed", True): N_("No job board answered ({failures}); showing the offline sample."),
    ("offline", True): N_("No job board answered ({failures} — is this machine offline?); showing the offline sample."),
    ("uncovered", True): N_("None of the connected job boards covers {place}; showing the offline sample."),
    ("failed", False): N_("No job board answered ({failures}); the offline sample has nothing for it either."),
    ("offline", False): N_("No job board answered ({failures} — is this machine offline?); the offline sample "
                           "has nothing for it either."),
    ("uncovered", False): N_("None of the connected job boards covers {place}; the offline sample has nothing "
                             "for it either."),
}
# What went wrong, said of the boards it happened to ("Arbeitnow and Remotive could not be reached"):
# domain.jobs.fanout.FAILURE_KINDS, as phrases a chat says in its reader's language.
FAILED_BOARDS = {
    "unreachable": lambda n, **p: Phrase.ngettext("{boards} could not be reached", "{boards} could not be reached",
                                                  n, **p),
    "timeout": lambda n, **p: Phrase.ngettext("{boards} did not answer within {seconds} s",
                                              "{boards} did not answer within {seconds} s", n, **p),
    "unavailable": lambda n, **p: Phrase.ngettext("{boards} is not answering right now",
                                                  "{boards} are not answering right now", n, **p),
    "rate_limited": lambda n, **p: Phrase.ngettext(
        "{boards} was not asked: this bot has used up the requests its terms allow for now",
        "{boards} were not asked: this bot has used up the requests its terms allow for now", n, **p),
    "bug": lambda n, **p: Phrase.ngettext("{boards} failed unexpectedly", "{boards} failed unexpectedly", n, **p),
}


class JobSource(Protocol):
    """Anything that finds job postings for a query and an optional location."""

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]: ...


@dataclass
class SearchResult:
    """``jobs`` best first; ``boards``: how each board did; ``notes``: sentences for the person
    (boards that did not answer, the sample, the place mix); ``sample``: jobs are from the sample."""

    jobs: list[JobPosting]
    boards: list[BoardAnswer] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sample: bool = False


# The longest Retry-After a search waits for before trying its boards again (SerpApi asks 60–150 s); a board
# asking for more, or one whose own allowance is spent for the day, leaves the sample to answer at once.
MAX_RETRY_WAIT_SECONDS = 300

def search_jobs(boards: list[JobBoard], request: SearchRequest, num_results: int, *,
                sample: JobSource | None = None, timeout: float = 12, can_retry: bool = False,
                max_age_days: int | None = None, now: datetime | None = None) -> SearchResult:
    """Search ``boards`` (the sample alone when there are none) as the module docstring says.

    Raises ``PermanentError`` for a request a person must fix (empty query, a link, an impossible
    count), ``TransientError`` per rule 3, and ``PermanentError`` when no board answered and there
    is no sample to fall back to.
    """
    num_results = validate_num_results(num_results)
    query = validate_query(request.query)
    location = validate_location(request.location) if request.location else None
    now = now or datetime.now(timezone.utc)
    # Resolved before the boards run: it loads the gazetteer once here rather than in every board's thread.
    wanted = wanted_place(location)
    notes: list[Phrase] = []
    fallback: Phrase | None = None  # why the sample is searched instead, said once its result is known
    answers: list[BoardAnswer] = []
    from_sample = not boards
    if boards:
        found = fan_out(boards, query, location, num_results, timeout=timeout)
        answers, postings = found.answers, found.postings
        if not found.answered:
            # A board that hung has had its deadline; one whose allowance is spent will not have more
            # in seconds: only quick failures are worth the task's next try.
            worth_retrying = [a for a in found.failed if a.transient and a.kind not in ("timeout", "rate_limited")]
            # The longest wait those boards asked for (their Retry-After): trying sooner only spends their quota.
            # A wait longer than a person would watch a progress bar for is no retry: the sample answers now.
            wait = max((a.retry_after for a in worth_retrying if a.retry_after), default=None)
            if can_retry and worth_retrying and (wait is None or wait <= MAX_RETRY_WAIT_SECONDS):
                raise TransientError("no job board answered: " + failure_summary(found.failed), retry_after=wait)
            if sample is None:
                raise _no_board_answered(found.failed, location, timeout)
            fallback = _fallback_reason(found.failed, location, timeout)
            from_sample = True
        elif found.failed:
            notes.append(Phrase(N_("Missing from this list: {failures}."), failures=_failures(found.failed, timeout)))
    if from_sample:
        if sample is None:
            raise PermanentError(N_("No job board is configured."), code="search_unavailable")
        postings = sample.search(query, location, num_results)
    jobs = deduplicate([enrich(p, now=now) for p in postings])
    if max_age_days is not None:
        fresh = [job for job in jobs if not _older_than(job, max_age_days, now)]
        if len(fresh) < len(jobs):
            dropped = len(jobs) - len(fresh)
            notes.append(Phrase.ngettext("{n} posting older than {days} days left out.",
                                         "{n} postings older than {days} days left out.", dropped, days=max_age_days))
        jobs = fresh
    jobs = order_by_place(jobs, wanted, now.date())[:num_results]
    if from_sample:
        notes = _sample_notes(fallback, found_any=bool(jobs)) + notes
    if location and wanted is None and resolve_place(location) is None:
        notes.append(Phrase(N_("“{place}” is no place I know, so the jobs are not ordered by distance from it."),
                            place=location))
    note = place_note(jobs, wanted, location)
    if note:
        notes.append(note)
    logger.info("search %r in %r: %s postings, %s jobs, boards %s", query, location, len(postings), len(jobs),
                {a.name: a.count if a.answered else a.error for a in answers})
    return SearchResult(jobs=jobs, boards=answers, notes=notes, sample=from_sample)


def _older_than(job: JobPosting, days: int, now: datetime) -> bool:
    age = job.age_days(now.date())
    return age is not None and age > days  # unknown dates stay: dropping them would hide most of some boards


def _failures(failed: list[BoardAnswer], timeout: float) -> Series:
    """The failed boards grouped by what went wrong, as ``fanout.failure_summary`` says it ("One and Two
    could not be reached; Three is not answering right now"); a board's own refusal as it wrote it."""
    groups: dict[str, list[str]] = {}
    refusals = []
    for answer in failed:
        if answer.kind in FAILED_BOARDS:
            groups.setdefault(answer.kind, []).append(answer.label)
        else:
            refusals.append((answer.error or answer.label).rstrip("."))
    seconds = int(timeout) if float(timeout).is_integer() else float(timeout)
    said = [FAILED_BOARDS[kind](len(labels), boards=labels, seconds=seconds) for kind, labels in groups.items()]
    return Series(said + refusals, N_("; "))  # a msgid: French sets a narrow no-break space before ";"


def _no_board_answered(failed: list[BoardAnswer], location: str | None, timeout: float) -> PermanentError:
    if failed:
        return PermanentError(N_("No job board answered: {failures}."), params={"failures": _failures(failed, timeout)},
                              code="search_unavailable")
    return PermanentError(N_("No job board answered: none covers {place}."), params={"place": str(location)},
                          code="search_unavailable")


def _fallback_reason(failed: list[BoardAnswer], location: str | None, timeout: float) -> tuple[str, dict]:
    """Why the sample stands in: ("offline" | "failed" | "uncovered", its params)."""
    if not failed:
        return "uncovered", {"place": location}
    kind = "offline" if all(a.kind == "unreachable" for a in failed) else "failed"
    return kind, {"failures": _failures(failed, timeout)}


def _sample_notes(fallback: tuple[str, dict] | None, *, found_any: bool) -> list[Phrase]:
    """The notes of a search of the sample: why (when boards were asked), and that the jobs are samples;
    or, when the sample has nothing either, only why."""
    notes = []
    if fallback is not None:
        kind, params = fallback
        notes.append(Phrase(SAMPLE_REASONS[kind, found_any], **params))
    return notes + ([SAMPLE_NOTE] if found_any else [])


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
