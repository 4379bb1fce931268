"""A person's lasting preferences applied to a search's postings: what is left out, and why.

``apply_preferences`` leaves out the postings a preference rules out and counts them by the
preference that did it, so the chat can say "Not in this list: 3 agency jobs"
instead of showing fewer jobs without a word. What cannot be judged is kept: a posting with
no known level, job type or place is never left out for it, and one without a salary is kept
but ranked lower (``preference_adjustments``) when a minimum salary is set.

Postings are expected as ``domain.jobs.enrich`` leaves them (place, salary and remote fields
filled); the place falls back to reading ``location`` for postings that were not.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.jobs.agency import is_agency
from domain.jobs.job_type import job_types
from domain.jobs.level import level_rank, seniority_level
from domain.jobs.money import convert
from domain.jobs.place_rank import posting_place
from domain.jobs.places import Place, currency_of, is_local, local_currency, resolve_place
from domain.jobs.preferences import Preferences
from domain.jobs.salary import Salary, annual
from domain.jobs.text import normalise_company
from domain.jobs.types import JobPosting

# Checks in this order; a posting left out by several preferences is counted under the first,
# so the counts add up to the number left out. The field names of Preferences are the keys.
CHECK_ORDER = ("remote_only", "excluded_companies", "no_agencies", "excluded_places", "places", "job_types",
               "seniority", "min_salary")
# An unknown salary is no reason to hide a job, but one that states enough pay is the surer
# bet: a small step down, less than any "Not for me" penalty (domain.jobs.feedback).
SALARY_UNKNOWN_POINTS = -8


@dataclass(frozen=True)
class Adjustment:
    """One change to a match's score, for ``domain.ranking.explain.with_adjustment``: ``kind``
    "preference" or "passed", ``reason`` a preference or "Not for me" reason, ``points`` < 0
    lowers, ``params`` fill the explanation's sentence ({"place": "London"})."""

    kind: str
    reason: str
    points: int
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Refined:
    """The postings kept (in the order given) and, per preference (``CHECK_ORDER``), how many
    were left out; reasons with none are absent."""

    kept: list[JobPosting]
    left_out: dict[str, int]


def apply_preferences(jobs: list[JobPosting], prefs: Preferences, *, searched_place: str | None) -> Refined:
    """Leave out the postings ``prefs`` rules out. ``searched_place`` (as typed) gives the
    currency of a minimum salary set without one ("at least 60k" while searching Paris: euros)."""
    checks = _checks(prefs, searched_place)
    kept, left_out = [], Counter()
    for job in jobs:
        reason = next((name for name, rules_out in checks if rules_out(job)), None)
        if reason is None:
            kept.append(job)
        else:
            left_out[reason] += 1
    return Refined(kept, dict(left_out))


def preference_adjustments(job: JobPosting, prefs: Preferences, *,
                           searched_place: str | None = None) -> list[Adjustment]:
    """Score changes for a kept posting: with a minimum salary set, a posting that states no
    salary goes down ``SALARY_UNKNOWN_POINTS`` (params: the minimum and its currency, the
    preference's or the searched place's, for the explanation to name)."""
    if prefs.min_salary and job.salary_min is None and job.salary_max is None:
        currency = prefs.salary_currency or local_currency(searched_place)
        params = {"min_salary": prefs.min_salary, "currency": currency} if currency else {}
        return [Adjustment("preference", "salary_unknown", SALARY_UNKNOWN_POINTS, params)]
    return []


def place_of(job: JobPosting) -> Place | None:
    """Where the posting is: the fields ``enrich`` resolved, else its location read now; None
    when neither says."""
    place = posting_place(job)
    if place.city or place.country or place.countries or place.has_point:
        return place
    read = resolve_place(job.location) if job.location else None
    return read if read is not None else (place if place.remote else None)


def is_remote(job: JobPosting) -> bool:
    """True when the posting is remote work (the board's flag, or its location says so)."""
    place = place_of(job)
    return bool(job.work_from_home or (place is not None and place.remote))


def _checks(prefs: Preferences, searched_place: str | None) -> list[tuple[str, Callable[[JobPosting], bool]]]:
    """(preference, rules_out) for each preference that is set, in ``CHECK_ORDER``."""
    built = {
        "remote_only": (lambda job: not is_remote(job)) if prefs.remote_only else None,
        "excluded_companies": _company_check(prefs.excluded_companies),
        "no_agencies": is_agency if prefs.no_agencies else None,
        "excluded_places": _excluded_place_check(prefs.excluded_places),
        "places": _place_check(prefs.places),
        "job_types": _job_type_check(prefs.job_types),
        "seniority": _seniority_check(prefs.seniority),
        "min_salary": _salary_check(prefs.min_salary, prefs.salary_currency or local_currency(searched_place)),
    }
    return [(name, built[name]) for name in CHECK_ORDER if built[name] is not None]


def _company_check(companies: tuple[str, ...]):
    keys = [key for key in map(normalise_company, companies) if key]
    if not keys:
        return None

    def rules_out(job: JobPosting) -> bool:
        # "Amazon" also leaves out "Amazon Web Services", never "Amazonas Klinik".
        company = normalise_company(job.company_name)
        return any(company == key or company.startswith(key + " ") for key in keys)
    return rules_out


def _resolved(places: tuple[str, ...]) -> list[Place]:
    """The places the gazetteer knows; a place it does not know filters nothing."""
    return [place for place in map(resolve_place, places) if place is not None and not _only_remote(place)]


def _only_remote(place: Place) -> bool:
    return place.remote and not (place.city or place.country or place.countries)


def _excluded_place_check(places: tuple[str, ...]):
    excluded = _resolved(places)
    if not excluded:
        return None
    return lambda job: not is_remote(job) and any(is_local(place_of(job), place) for place in excluded)


def _place_check(places: tuple[str, ...]):
    wanted = _resolved(places)
    if not wanted:
        return None

    def rules_out(job: JobPosting) -> bool:
        place = place_of(job)
        if place is None or is_remote(job):  # where it is unknown, or anywhere: kept
            return False
        return not any(is_local(place, one) for one in wanted)
    return rules_out


def _job_type_check(wanted: tuple[str, ...]):
    if not wanted:
        return None
    wanted_set = frozenset(wanted)
    return lambda job: bool((found := job_types(job)) and not found & wanted_set)


def _seniority_check(level: str | None):
    ceiling = level_rank(level) if level else None
    if ceiling is None:
        return None

    def rules_out(job: JobPosting) -> bool:
        rank = level_rank(seniority_level(job))
        return rank is not None and rank > ceiling
    return rules_out


def _salary_check(minimum: int | None, currency: str | None):
    if not minimum:
        return None

    def rules_out(job: JobPosting) -> bool:
        best = yearly_best(job, currency)
        return best is not None and best < minimum
    return rules_out


def yearly_best(job: JobPosting, currency: str | None) -> float | None:
    """The most the posting pays a year (its maximum, else its minimum) in ``currency`` (ECB
    rates, domain.jobs.money); None when it states no salary or the currencies do not convert.
    Without ``currency`` (no currency said, no place searched) the posting's own is used."""
    if job.salary_min is None and job.salary_max is None:
        return None
    own = job.salary_currency or currency_of(job.country) or currency
    low, high = annual(Salary(job.salary_min, job.salary_max, own, job.salary_period))
    best = high if high is not None else low
    if best is None or not currency or not own or own == currency:
        return best
    return convert(best, own, currency)
