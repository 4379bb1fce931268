"""Refinements that last: what a person wants from every later search and alert.

``Preferences`` is what is stored per person (storage.models.ChatUser.preferences); a
``Refinement`` is what one message asks to change ("only remote", "at least 60k", "not in
London", "no agencies", "less senior"), made by the intent parser and applied with
``Preferences.changed``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

SENIORITY_LEVELS = ("junior", "mid", "senior", "lead")
# The key of a search's snapshot (JobSearch.preferences) under which the ranking counts, per reason,
# the postings the preferences and passes left out ({"no_agencies": 2, "passed": 1}), for the chat to say.
LEFT_OUT = "left_out"
# Bounds of what one person may ask for: a minimum above any salary the boards list (10 million a
# year) is a typo, and each list (places, companies) holds a person's real exclusions, not thousands
# (every search checks each entry against every posting).
MAX_SALARY = 10_000_000
MAX_ITEMS = 50
JOB_TYPES = ("full_time", "part_time", "contract", "internship", "temporary")


@dataclass(frozen=True)
class Preferences:
    """One person's lasting refinements; the defaults mean "no preference"."""

    remote_only: bool = False
    min_salary: int | None = None  # a year, in ``salary_currency``
    salary_currency: str | None = None  # ISO 4217; None: the searched place's currency
    seniority: str | None = None  # one of SENIORITY_LEVELS: the level wanted
    places: tuple[str, ...] = ()  # only in or near these places, as typed
    excluded_places: tuple[str, ...] = ()
    excluded_companies: tuple[str, ...] = ()
    no_agencies: bool = False
    job_types: tuple[str, ...] = ()  # of JOB_TYPES; empty: any

    @property
    def empty(self) -> bool:
        return self == Preferences()

    def to_dict(self) -> dict:
        """JSON-ready, lists for tuples."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict | None) -> Preferences:
        """Tolerates None, unknown keys (a newer version's), lists for tuples, and values stored before
        the bounds (a minimum over MAX_SALARY is dropped, a list keeps its first MAX_ITEMS)."""
        known = {f.name for f in fields(cls)}
        values = {key: tuple(value)[:MAX_ITEMS] if isinstance(value, list) else value
                  for key, value in (data or {}).items() if key in known}
        if not isinstance(values.get("min_salary"), int) or not 0 < values["min_salary"] <= MAX_SALARY:
            values.pop("min_salary", None)
        return cls(**values)

    def beyond_bounds(self) -> str | None:
        """The first field past its bound (a list longer than MAX_ITEMS, a minimum over MAX_SALARY), or None."""
        if self.min_salary is not None and not 0 < self.min_salary <= MAX_SALARY:
            return "min_salary"
        return next((name for name in sorted(_TUPLES) if len(getattr(self, name)) > MAX_ITEMS), None)

    def changed(self, refinement: Refinement) -> Preferences:
        """These preferences with one message's refinement applied (lists grow without repeats)."""
        updated = replace(self, **{name: Preferences.__dataclass_fields__[name].default
                                   if name not in _TUPLES else () for name in refinement.clear})
        if refinement.remote_only is not None:
            updated = replace(updated, remote_only=refinement.remote_only)
        if refinement.min_salary is not None:
            updated = replace(updated, min_salary=refinement.min_salary, salary_currency=refinement.salary_currency)
        if refinement.seniority is not None:
            updated = replace(updated, seniority=refinement.seniority)
        elif refinement.seniority_step:
            updated = replace(updated, seniority=_stepped(updated.seniority, refinement.seniority_step))
        if refinement.no_agencies is not None:
            updated = replace(updated, no_agencies=refinement.no_agencies)
        if refinement.job_types:
            updated = replace(updated, job_types=tuple(refinement.job_types))
        updated = replace(updated, places=_added(updated.places, refinement.places),
                          excluded_places=_added(updated.excluded_places, refinement.excluded_places),
                          excluded_companies=_added(updated.excluded_companies, refinement.excluded_companies))
        if refinement.places:  # a place asked for again is no longer excluded, and the other way round
            updated = replace(updated, excluded_places=_without(updated.excluded_places, refinement.places))
        if refinement.excluded_places:
            updated = replace(updated, places=_without(updated.places, refinement.excluded_places))
        return updated


@dataclass(frozen=True)
class Refinement:
    """What one message asks to change; None / empty / 0: leave as it is."""

    remote_only: bool | None = None
    min_salary: int | None = None
    salary_currency: str | None = None
    seniority: str | None = None  # a level named ("junior roles")
    seniority_step: int = 0  # -1 "less senior", +1 "more senior", from the current level
    places: tuple[str, ...] = ()
    excluded_places: tuple[str, ...] = ()
    excluded_companies: tuple[str, ...] = ()
    no_agencies: bool | None = None
    job_types: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()  # Preferences fields to reset first ("any salary" → ("min_salary",))

    @property
    def empty(self) -> bool:
        return self == Refinement()


_TUPLES = {"places", "excluded_places", "excluded_companies", "job_types"}


def _stepped(level: str | None, step: int) -> str:
    """"less senior" from no level means below senior: mid; "more senior" from none: senior."""
    index = SENIORITY_LEVELS.index(level) if level in SENIORITY_LEVELS else (2 if step < 0 else 1)
    return SENIORITY_LEVELS[max(0, min(len(SENIORITY_LEVELS) - 1, index + step))]


def _added(current: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    seen = {value.casefold() for value in current}
    return current + tuple(value for value in new if value.casefold() not in seen)


def _without(current: tuple[str, ...], removed: tuple[str, ...]) -> tuple[str, ...]:
    gone = {value.casefold() for value in removed}
    return tuple(value for value in current if value.casefold() not in gone)
