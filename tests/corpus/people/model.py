"""The invented people of the CV corpus: what each CV says, as the source of its answer key.

Every field here is the truth the answer key is derived from (never the reader's output).
Dates are ``YYYY-MM`` strings; ``end=None`` means the job is current.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    start: str  # YYYY-MM
    end: str | None  # YYYY-MM, or None for a current job
    bullets: tuple[str, ...] = ()
    place: str = ""


@dataclass(frozen=True)
class School:
    degree: str
    school: str
    period: str  # printed as is


@dataclass(frozen=True)
class Person:
    id: str
    lang: str  # en de fr es pt it nl: the CV's language
    country: str  # ISO2 of the candidate's home (and the phone's region)
    name: str  # given names first, as the person writes it, without the title
    email: str
    phone: str  # exactly as printed
    city: str
    title: str  # current role (the headline)
    summary: str
    jobs: tuple[Job, ...]
    education: tuple[School, ...]
    skills: tuple[str, ...]  # as written in the CV's skills list
    languages: tuple[tuple[str, str], ...]  # (English name of the language, level as printed)
    date_style: str = "yyyy-mm"  # key into tests.corpus.render.common.DATE_STYLES
    prefix: str = ""  # an academic title printed before the name ("Dr.")
    caps_name: bool = False  # the template prints the name in capitals
    street: str = ""  # an address line printed above the city, if any
    postcode: str = ""
    extra: dict = field(default_factory=dict)  # renderer hints (e.g. a cover letter recipient)

    @property
    def surname(self) -> str:
        return self.extra.get("surname") or self.name.rsplit(" ", 1)[-1]

    @property
    def first_names(self) -> str:
        """Everything before the surname ("Maria T." for "Maria T. Lopez")."""
        return self.name[: len(self.name) - len(self.surname)].strip()

    @property
    def printed_name(self) -> str:
        shown = f"{self.prefix} {self.name}".strip()
        return shown.upper() if self.caps_name else shown
