"""Letter-writing types: the document produced and the interface every writer offers."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Protocol

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.ranking.types import JobScore


@dataclass(frozen=True)
class LetterDocument:
    """A tailored cover letter and a short tailored CV summary for one job."""

    cover_letter: str
    cv_summary: str

    def to_dict(self) -> dict:
        return asdict(self)


class LetterWriter(Protocol):
    """Anything that writes an application for a profile and a job."""

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None
    ) -> LetterDocument: ...


class LetterRejected(ValueError):
    """A writer's output broke a rule (e.g. claimed a skill the CV does not have)."""
