"""Letters from an OpenAI-compatible chat-completions API, checked before they are trusted."""
from __future__ import annotations

import json
import logging
import re

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_document
from domain.letters.language import detect_language, job_language
from domain.letters.types import LetterDocument, LetterRejected
from domain.ranking import score_job
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)

_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                   "nl": "Dutch", "pt": "Portuguese"}
_DESCRIPTION_CHARS = 4000
SYSTEM_PROMPT = (
    "You write honest, concise job applications. Use ONLY facts from the candidate profile. "
    "Never claim a skill, tool, certificate or experience that is not in the candidate's skills list; "
    "do not name the job's missing skills at all (you may say the candidate is eager to learn). "
    "Do not invent employers, numbers or degrees. Reply with a JSON object with two string fields: "
    '"cover_letter" (3-4 short paragraphs, greeting and sign-off with the candidate\'s name) and '
    '"cv_summary" (2-3 sentences tailored to the job).'
)


class OpenAILetterWriter:
    """Writes with a chat model; raises on transport errors and on output that breaks the rules."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout: float = 30, *, max_retries: int = 1):
        from openai import OpenAI  # noqa: PLC0415 - only needed when an LLM is configured

        self.model = model
        self.client = OpenAI(base_url=base_url, api_key=api_key or "unused", timeout=timeout, max_retries=max_retries)

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
        *, language: str | None = None,
    ) -> LetterDocument:
        """Ask the model for a letter, parse it and check it never names a skill the CV lacks."""
        ranked = ranked or score_job(profile, job)
        response = self.client.chat.completions.create(
            model=self.model,
            messages=build_messages(profile, job, ranked, language=language),
        )
        content = (response.choices[0].message.content or "") if response.choices else ""
        doc = parse_reply(content)
        logger.info("LLM letter for job %s from model %s", job.job_id, self.model)
        check_language(doc, job, language)
        return check_document(doc, profile, job)


class WrongLanguage(LetterRejected):
    """The model wrote in another language than the posting's."""

    reason = "wrong_language"


def check_language(doc: LetterDocument, job: JobPosting, language: str | None = None) -> None:
    """Raise WrongLanguage unless the letter is detected in the posting's language (or ``language``)."""
    wanted, got = job_language(job, language), detect_language(doc.cover_letter)
    if got != wanted:
        raise WrongLanguage(f"the letter is in {got!r}, the posting in {wanted!r}")


def build_messages(profile: CandidateProfile, job: JobPosting, ranked: JobScore,
                   *, language: str | None = None) -> list[dict]:
    """System rules plus one user message carrying the profile and the posting as JSON."""
    facts = {
        "write_in": _LANGUAGE_NAMES.get(job_language(job, language), "English"),
        "candidate": {
            "name": profile.name, "title": profile.title, "years_experience": profile.years_experience,
            "skills": profile.skills, "languages": profile.languages, "summary": profile.summary,
        },
        "job": {
            "title": job.title, "company": job.company_name, "location": job.location,
            "description": job.description[:_DESCRIPTION_CHARS],
        },
        "matched_skills": ranked.matched_skills,
        "skills_the_candidate_lacks_never_claim_or_name_them": ranked.missing_skills,
    }
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": json.dumps(facts, ensure_ascii=False)},
    ]


def parse_reply(content: str) -> LetterDocument:
    """Read the JSON reply (tolerating a Markdown code fence); raise LetterRejected otherwise."""
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LetterRejected(f"the model did not answer with JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cover_letter"), str):
        raise LetterRejected("the model's JSON has no cover_letter text")
    summary = data.get("cv_summary")
    return LetterDocument(cover_letter=data["cover_letter"].strip(),
                               cv_summary=summary.strip() if isinstance(summary, str) else "")
