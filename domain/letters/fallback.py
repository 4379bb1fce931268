"""Choosing a writer: the LLM when configured, always backed by the template."""
from __future__ import annotations

import json
import logging

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import UnsupportedClaims
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterDocument, LetterRejected, LetterWriter
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)


class FallbackLetterWriter:
    """Uses ``primary``; on any error, timeout or rejected output, writes with ``fallback``."""

    def __init__(self, primary: LetterWriter, fallback: LetterWriter):
        self.primary = primary
        self.fallback = fallback

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
        *, language: str | None = None,
    ) -> LetterDocument:
        """The primary's letter, or the fallback's when the primary fails for any reason."""
        try:
            return self.primary.write(profile, job, ranked, language=language)
        except Exception as exc:  # noqa: BLE001 - a letter must come out whatever the model did
            if _is_time_limit(exc):
                raise  # the task's own deadline (Celery's soft time limit) ends the task, not the model
            logger.warning("letter writer failed, using %s: %s", type(self.fallback).__name__,
                           json.dumps(fallback_record(exc, self, job), ensure_ascii=False))
            return self.fallback.write(profile, job, ranked, language=language)


def _is_time_limit(exc: BaseException) -> bool:
    """Celery's ``SoftTimeLimitExceeded`` (matched by name: the domain does not import Celery)."""
    return any(k.__name__ == "SoftTimeLimitExceeded" for k in type(exc).__mro__)


def fallback_reason(exc: BaseException) -> str:
    """Why the primary's letter was not used: unsupported_claims | wrong_language | too_long | malformed_output |
    timeout | error (transport or server errors, and anything unexpected)."""
    if isinstance(exc, UnsupportedClaims):
        return "unsupported_claims"
    if isinstance(exc, LetterRejected):
        return getattr(exc, "reason", "malformed_output")
    # openai.APITimeoutError, httpx timeouts, TimeoutError: matched by name so openai stays optional here
    if isinstance(exc, TimeoutError) or any("Timeout" in k.__name__ for k in type(exc).__mro__):
        return "timeout"
    return "error"


def fallback_record(exc: BaseException, writer: FallbackLetterWriter, job: JobPosting) -> dict:
    """The one structured log record of a fallback: {"job_id", "writer", "fallback", "reason",
    "error" ("Type: message"), "unsupported" ([{"kind", "text", "why"}], empty unless claims failed)}."""
    report = getattr(exc, "report", None)
    return {
        "job_id": job.job_id, "writer": type(writer.primary).__name__, "fallback": type(writer.fallback).__name__,
        "reason": fallback_reason(exc), "error": f"{type(exc).__name__}: {exc}"[:500],
        "unsupported": [{"kind": u.claim.kind, "text": u.claim.text, "why": u.reason}
                        for u in (report.unsupported if report else [])],
    }


def make_letter_writer(
    *, llm_base_url: str | None, llm_api_key: str | None, llm_model: str | None, timeout: float = 30
) -> LetterWriter:
    """The template writer, or the LLM writer with template fallback when base URL and model are set."""
    if not (llm_base_url and llm_model):
        return TemplateLetterWriter()
    from domain.letters.llm import OpenAILetterWriter  # noqa: PLC0415 - keeps openai off the default path

    primary = OpenAILetterWriter(llm_base_url, llm_api_key or "", llm_model, timeout=timeout)
    return FallbackLetterWriter(primary, TemplateLetterWriter())
