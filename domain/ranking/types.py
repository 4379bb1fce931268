"""Result types of matching: one job's score and a ranked job."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.jobs.types import JobPosting
from domain.ranking.explain import Explanation


@dataclass(frozen=True)
class JobScore:
    """A 0-100 score with the matched and missing skills and a one-line reason.

    ``components`` holds each part's value in 0..1 (skills, title, seniority, location) so
    the score can be explained or debugged without re-running it. ``explanation``
    (``domain.ranking.explain``) is what score, skills and reason were read from; None only for
    a score made by hand (tests, a letter's forged ranking).
    """

    score: int
    matched_skills: list[str]
    missing_skills: list[str]
    reason: str
    components: dict[str, float] = field(default_factory=dict)
    explanation: Explanation | None = None

    def to_dict(self) -> dict:
        """The REST match fields, plus ``explanation`` (its JSON shape) when there is one."""
        explained = {"explanation": self.explanation.to_dict()} if self.explanation is not None else {}
        return {
            "score": self.score,
            "matched_skills": list(self.matched_skills),
            "missing_skills": list(self.missing_skills),
            "reason": self.reason,
            "components": dict(self.components),
            **explained,
        }


@dataclass(frozen=True)
class RankedJob:
    """A job with its score, in the REST result shape ``{"job": {...}, "score", ...}``."""

    job: JobPosting
    result: JobScore

    @property
    def score(self) -> int:
        return self.result.score

    def to_dict(self) -> dict:
        return {"job": self.job.to_dict(), **self.result.to_dict()}
