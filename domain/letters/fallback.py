"""Choosing a writer: the LLM when configured, always backed by the template."""
from __future__ import annotations

import logging

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterDocument, LetterWriter
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)


class FallbackLetterWriter:
    """Uses ``primary``; on any error, timeout or rejected output, writes with ``fallback``."""

    def __init__(self, primary: LetterWriter, fallback: LetterWriter):
        self.primary = primary
        self.fallback = fallback

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None
    ) -> LetterDocument:
        """The primary's letter, or the fallback's when the primary fails for any reason."""
        try:
            return self.primary.write(profile, job, ranked)
        except Exception as exc:  # noqa: BLE001 - a letter must come out whatever the model did
            logger.warning("letter writer %s failed for job %s (%s: %s); using %s",
                           type(self.primary).__name__, job.job_id, type(exc).__name__, exc,
                           type(self.fallback).__name__)
            return self.fallback.write(profile, job, ranked)


def make_letter_writer(
    *, llm_base_url: str | None, llm_api_key: str | None, llm_model: str | None, timeout: float = 30
) -> LetterWriter:
    """The template writer, or the LLM writer with template fallback when base URL and model are set."""
    if not (llm_base_url and llm_model):
        return TemplateLetterWriter()
    from domain.letters.llm import OpenAILetterWriter  # noqa: PLC0415 - keeps openai off the default path

    primary = OpenAILetterWriter(llm_base_url, llm_api_key or "", llm_model, timeout=timeout)
    return FallbackLetterWriter(primary, TemplateLetterWriter())
