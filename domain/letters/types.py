"""Letter-writing types: the documents produced and the interface every writer offers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from domain.cv.outline_types import EducationEntry, WorkEntry
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.ranking.types import JobScore


@dataclass(frozen=True)
class LetterParts:
    """A business letter's parts, laid out by the PDF and DOCX renderers.

    ``sender``: name, e-mail, phone, city (only those the CV gives), one per item.
    ``recipient``: company, then the posting's location. ``date``: the date line in the letter's
    locale ("Berlin, 30. November 2026"). ``subject``: the subject line ("Bewerbung als …").
    ``salutation``/``closing``: the language's formulas. ``paragraphs``: the body.
    ``signature``: the candidate's name ("" when unknown).
    """

    sender: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    date: str = ""
    subject: str = ""
    salutation: str = ""
    paragraphs: tuple[str, ...] = ()
    closing: str = ""
    signature: str = ""

    def as_text(self) -> str:
        """The letter as plain text: blocks separated by blank lines, in reading order."""
        blocks = ["\n".join(self.sender), "\n".join(self.recipient), self.date, self.subject,
                  self.salutation, *self.paragraphs]
        signoff = self.closing + (f"\n{self.signature}" if self.signature else "")
        return "\n\n".join([b for b in blocks if b] + [signoff])


@dataclass(frozen=True)
class LetterDocument:
    """A tailored cover letter and a short tailored CV summary for one job.

    ``cover_letter``: the whole letter as plain text (what the chat shows). ``language``: the
    letter's language code ("en", "de", …). ``parts``: the same letter in parts for the PDF and
    DOCX layout (None: renderers fall back to the plain text).
    """

    cover_letter: str
    cv_summary: str
    language: str = "en"
    parts: LetterParts | None = None

    def to_dict(self) -> dict:
        return {"cover_letter": self.cover_letter, "cv_summary": self.cv_summary, "language": self.language}


@dataclass(frozen=True)
class TailoredCv:
    """A one-page CV for one job: the candidate's own content, reordered and trimmed.

    Every string comes from the profile or the CV outline (never from the job). ``skills``:
    matched skills first. ``experience``: most relevant first, each with its most relevant lines.
    ``labels``: section headings in the document's language ({"profile", "skills", "experience",
    "education", "languages", "certificates"} → text).
    """

    name: str = ""
    headline: str = ""
    contact: tuple[str, ...] = ()
    summary: str = ""
    skills: tuple[str, ...] = ()
    experience: tuple[WorkEntry, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    certificates: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    language: str = "en"
    labels: dict[str, str] = field(default_factory=dict)


class LetterWriter(Protocol):
    """Anything that writes an application for a profile and a job.

    ``language``: force the letter's language (None: the posting's, detected).
    """

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
        *, language: str | None = None,
    ) -> LetterDocument: ...


class LetterRejected(ValueError):
    """A writer's output broke a rule (e.g. claimed a skill the CV does not have)."""
