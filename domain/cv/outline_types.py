"""The CV's structure as a letter and a tailored CV need it: entries with their own lines.

Built by ``domain.cv.outline.read_outline`` from ``CandidateProfile.text`` (the reader's text),
so every string here is the CV's own wording — a letter or tailored CV that quotes these
states nothing the CV does not contain.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkEntry:
    """One job of the experience section.

    ``role``/``employer``: as written ("" when the CV does not say). ``dates``: the range as
    written ("03/2019 – heute", "" when none). ``start``/``end``: first day of the start and end
    months; ``end`` None means ongoing (or unknown when ``start`` is None too).
    ``lines``: the entry's description and bullet lines as written, bullets stripped, in CV order.
    ``head``: the entry's heading line(s) as written (the source of role, employer and dates).
    """

    role: str = ""
    employer: str = ""
    dates: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    lines: tuple[str, ...] = ()
    head: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        """A start date and no end: the job the person holds now."""
        return self.start is not None and self.end is None


@dataclass(frozen=True)
class EducationEntry:
    """One degree or training: ``degree`` and ``institution`` as written, ``dates`` as written."""

    degree: str = ""
    institution: str = ""
    dates: str = ""
    lines: tuple[str, ...] = ()
    head: tuple[str, ...] = ()


@dataclass(frozen=True)
class CvOutline:
    """The CV by section. ``summary``: the profile/summary paragraph as written ("" if none).
    ``experience``: most recent first when dates allow, else CV order. ``certificates``: lines of a
    certificates section. ``skill_lines``: the skills section's lines as written."""

    summary: str = ""
    experience: tuple[WorkEntry, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    certificates: tuple[str, ...] = ()
    skill_lines: tuple[str, ...] = ()
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)  # other sections by key, lines as written
