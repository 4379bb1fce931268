""""Not for me": what a person passed on, and how that moves similar postings down.

Each feedback entry is a dict as ``services.feedback.feedback_of`` returns it (and as a chat
search's snapshot stores it): ``{"job_id", "reason", "title", "company", "location",
"created_at"}``. The job passed on is never shown again; postings like it go down by a
reason's ``PENALTIES``, at most once per reason (passing on five agency jobs says "no
agencies, please" no louder than one, and the list must not sink whole).

What "like it" means, per reason:
- "agency": any posting ``domain.jobs.agency.is_agency`` calls an agency's;
- "too_senior": a posting at or above the passed job's level (``domain.jobs.level``); a
  passed job whose level the title does not say counts as senior, the usual meaning;
- "wrong_place": a posting in or near the passed job's place (``places.is_local``);
- "not_my_field": a posting whose title shares the passed title's field — its role concepts
  (``domain.jobs.titles``) without the generic heads "manager", "assistant", ...; for a
  title with no known role concept, all of its concepts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from domain.jobs.agency import is_agency
from domain.jobs.level import level_rank, seniority_level
from domain.jobs.places import Place, is_local, resolve_place
from domain.jobs.refine import Adjustment, is_remote, place_of
from domain.jobs.types import JobPosting
from domain.jobs.titles import ROLE_CONCEPTS, title_concepts

REASONS = ("too_senior", "wrong_place", "agency", "not_my_field")
# Scores run 0-100 and the jobs that fit a search usually lie within 20-30 points of each
# other: 10-20 points moves a similar job below its peers of equal fit, but a far better
# match still shows above a poor one. "Not my field" says the most about the whole job.
PENALTIES = {"not_my_field": -20, "too_senior": -15, "agency": -12, "wrong_place": -12}
KIND = "passed"
_ASSUMED_LEVEL = "senior"
# Role words that say how high, not in which field: "Marketing Manager" is marketing.
_GENERIC = frozenset("manager specialist consultant assistant associate officer coordinator director head lead "
                     "executive administrator representative worker staff member".split())


# Words beside a role that name no specialisation: a "Software Developer" is any developer.
_BROAD = frozenset("software logiciel informatique it application applications".split())


@dataclass(frozen=True)
class _Passed:
    reason: str
    title: str
    place: Place | None = None
    level: int | None = None
    field: frozenset[str] = frozenset()
    field_is_role: bool = True


@dataclass(frozen=True)
class PassedJobs:
    """The feedback read once for a whole list: ``ids`` passed on, and what each entry says."""

    ids: frozenset[str]
    entries: tuple[_Passed, ...]

    @classmethod
    def read(cls, feedback: list[dict] | None) -> PassedJobs:
        """From feedback dicts, newest first; entries with an unknown reason are ignored."""
        feedback = [entry for entry in feedback or [] if isinstance(entry, dict)]
        entries: dict[tuple, _Passed] = {}
        for passed in filter(None, map(_read_entry, feedback)):
            # Entries that judge alike are one: the newest, for its words (200 agency passes are one).
            entries.setdefault((passed.reason, passed.place, passed.level, passed.field), passed)
        return cls(frozenset(str(entry.get("job_id")) for entry in feedback if entry.get("job_id")),
                   tuple(entries.values()))

    def adjustments(self, job: JobPosting) -> list[Adjustment]:
        """The penalties ``job`` earns, one per reason, from the newest entry it is like."""
        facts, found = _Facts(job), {}
        for passed in self.entries:
            if passed.reason not in found and _is_like(facts, passed):
                found[passed.reason] = Adjustment(KIND, passed.reason, PENALTIES[passed.reason], _params(passed))
        return list(found.values())


class _Facts:
    """What the reasons ask of one posting, each worked out once however many entries ask
    (200 agency passes must not scan a description 200 times)."""

    def __init__(self, job: JobPosting):
        self.job = job

    @cached_property
    def agency(self) -> bool:
        return is_agency(self.job)

    @cached_property
    def level(self) -> int | None:
        return level_rank(seniority_level(self.job))

    @cached_property
    def place(self) -> Place | None:
        return None if is_remote(self.job) else place_of(self.job)

    @cached_property
    def concepts(self) -> frozenset[str]:
        return title_concepts(self.job.title or "")

    @cached_property
    def field(self) -> frozenset[str]:
        return field_of(self.job.title)[0]


def field_of(title: str) -> tuple[frozenset[str], bool]:
    """The concepts that name a title's field, and whether any one of them is enough to share it.

    A specialisation beside the role ("backend" in "Backend Developer", "java" in "Java Developer")
    is the field: passing on a Java job says nothing against Python developers. A title that is a
    role alone ("Nurse", "Developer") is its role; a title of unknown words only all of them."""
    concepts = title_concepts(title or "")
    roles = (concepts & ROLE_CONCEPTS) - _GENERIC
    specialisation = concepts - ROLE_CONCEPTS - _GENERIC - _BROAD
    if roles and specialisation:
        return specialisation, True
    return (roles, True) if roles else (concepts - _GENERIC, False)


def _read_entry(entry: dict) -> _Passed | None:
    reason, title = entry.get("reason"), str(entry.get("title") or "")
    if reason not in PENALTIES:
        return None
    if reason == "wrong_place":
        place = resolve_place(str(entry.get("location") or ""))
        return _Passed(reason, title, place=place if place is not None and not _remote_only(place) else None)
    if reason == "too_senior":
        passed = JobPosting(job_id=str(entry.get("job_id") or ""), title=title, company_name="")
        return _Passed(reason, title, level=level_rank(seniority_level(passed) or _ASSUMED_LEVEL))
    if reason == "not_my_field":
        field, is_role = field_of(title)
        return _Passed(reason, title, field=field, field_is_role=is_role)
    return _Passed(reason, title)


def _remote_only(place: Place) -> bool:
    return place.remote and not place.has_point


def _is_like(facts: _Facts, passed: _Passed) -> bool:
    if passed.reason == "agency":
        return facts.agency
    if passed.reason == "too_senior":
        return passed.level is not None and facts.level is not None and facts.level >= passed.level
    if passed.reason == "wrong_place":
        return passed.place is not None and facts.place is not None and is_local(facts.place, passed.place)
    if not passed.field:
        return False
    # A known field is shared by any overlap ("Python Developer" ~ "Java Developer"); a title of
    # unknown words only by all of them ("Customer Service Agent" ~ "Senior Customer Service Agent", not
    # ~ "Food Service Worker").
    return bool(facts.concepts & passed.field) if passed.field_is_role else passed.field <= facts.concepts


def _params(passed: _Passed) -> dict:
    """What the explanation may name: the place or the title passed on."""
    if passed.reason == "wrong_place" and passed.place is not None:
        return {"place": passed.place.label}
    if passed.reason in ("not_my_field", "too_senior") and passed.title:
        return {"title": passed.title}
    return {}
