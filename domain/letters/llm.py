"""Letters from an OpenAI-compatible chat-completions API, checked before they are trusted.

The model writes only the body. The frame — sender, recipient, date, subject, salutation,
closing, signature — is the template writer's (``letter_parts``), so formulas and dates are right
in every language whatever the model does. The prompt carries the evidence the template would
use (the CV's own lines that match the posting, with employer, role and dates), and the result
goes through the same truthfulness and language checks as any letter; on failure the caller
(``FallbackLetterWriter``) sends the template letter.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re

from domain.cv.repair import printable
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_document
from domain.letters.evidence import Evidence, select_evidence
from domain.letters.language import detect_language, job_language
from domain.letters.phrases import PHRASES
from domain.letters.template import letter_parts
from domain.letters.types import LetterDocument, LetterParts, LetterRejected
from domain.llm_client import chat_client
from domain.ranking import score_job
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)

_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                   "nl": "Dutch", "pt": "Portuguese"}
_DESCRIPTION_CHARS = 4000
_EVIDENCE_ITEMS = 10
_FORMULA_WORDS = 8  # a salutation or closing the model added anyway is a short line
# A letter body the prompt asks for is 200-350 words in 3-4 paragraphs; far more is a runaway answer,
# which would also cost the truthfulness check time. Checked before anything else reads it.
MAX_BODY_WORDS = 600
MAX_PARAGRAPHS = 8
MAX_WORD_CHARS = 80  # no word of a letter is longer; a longer "word" is a runaway token
_LANGUAGE_CHECK_WORDS = 12  # paragraphs shorter than this are too short to judge alone
SYSTEM_PROMPT = (
    "You write honest, concise job applications. Use ONLY facts from the candidate profile and the "
    "evidence lines, which are quoted from the candidate's CV. "
    "Never claim a skill, tool, certificate or experience that is not in the candidate's skills list or "
    "the evidence; do not name the job's missing skills as the candidate's (you may say the candidate is "
    "eager to learn them). Do not invent employers, numbers, year counts or degrees. "
    "Write only the body of the letter: no address, date, subject line, salutation, closing formula or "
    "signature — those are added for you. Write in the language named in write_in. "
    'Reply with a JSON object: "paragraphs" (a list of 3-4 paragraphs, 200-350 words in all: why this '
    'role, the strongest evidence with employer and role, an honest line about a missing requirement '
    'when there is one, a closing sentence) and "cv_summary" (2-3 sentences tailored to the job).'
)


class OpenAILetterWriter:
    """Writes with a chat model; raises on transport errors and on output that breaks the rules."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout: float = 30, *, max_retries: int = 1):
        self.model = model
        self.client = chat_client(base_url, api_key, timeout=timeout, max_retries=max_retries)

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
        *, language: str | None = None, on: dt.date | None = None,
    ) -> LetterDocument:
        """Ask the model for the body, frame it as a business letter and check it.

        Raises ``LetterRejected`` (``UnsupportedClaims``, ``WrongLanguage``) on output that breaks
        the rules, and the ``openai`` client's errors (``APITimeoutError`` …) on transport failures.
        """
        ranked = ranked or score_job(profile, job)
        lang = job_language(job, language)
        on = on or dt.date.today()
        evidence = select_evidence(profile, job, ranked, today=on)
        response = self.client.chat.completions.create(
            model=self.model,
            messages=build_messages(profile, job, ranked, language=lang, evidence=evidence),
        )
        content = (response.choices[0].message.content or "") if response.choices else ""
        paragraphs, summary = parse_reply(content)
        check_length(paragraphs)
        frame = letter_parts(lang, profile, job, ranked, on)
        parts = dataclasses.replace(frame, paragraphs=tuple(_without_formulas(paragraphs, frame, profile)))
        if not parts.paragraphs:
            raise LetterRejected("the model's letter has no body")
        doc = LetterDocument(cover_letter=parts.as_text(), cv_summary=summary, language=lang, parts=parts)
        logger.info("LLM letter for job %s from model %s", job.job_id, self.model)
        check_language(doc, job, lang)
        return check_document(doc, profile, job)


class WrongLanguage(LetterRejected):
    """The model wrote in another language than the posting's."""

    reason = "wrong_language"


class TooLong(LetterRejected):
    """The model's answer is far longer than a letter (or holds a runaway token)."""

    reason = "too_long"


def check_length(paragraphs: list[str]) -> None:
    """Raise TooLong for more than ``MAX_PARAGRAPHS`` paragraphs, ``MAX_BODY_WORDS`` words or a word
    over ``MAX_WORD_CHARS`` characters."""
    words = [w for p in paragraphs for w in p.split()]
    if len(paragraphs) > MAX_PARAGRAPHS or len(words) > MAX_BODY_WORDS:
        raise TooLong(f"the letter has {len(paragraphs)} paragraphs and {len(words)} words "
                      f"(at most {MAX_PARAGRAPHS} and {MAX_BODY_WORDS})")
    longest = max(words, key=len, default="")
    if len(longest) > MAX_WORD_CHARS:
        raise TooLong(f"the letter holds a {len(longest)}-character word")


def check_language(doc: LetterDocument, job: JobPosting, language: str | None = None) -> None:
    """Raise WrongLanguage unless the letter's body — and each paragraph long enough to judge — is
    detected in the posting's language (or ``language``): one English paragraph in a German letter fails."""
    wanted = job_language(job, language)
    paragraphs = list(doc.parts.paragraphs) if doc.parts else [doc.cover_letter]
    judged = ["\n\n".join(paragraphs)] + [p for p in paragraphs if len(p.split()) >= _LANGUAGE_CHECK_WORDS]
    for text in judged:
        got = detect_language(text)
        if got != wanted:
            raise WrongLanguage(f"the letter (or a paragraph of it) is in {got!r}, the posting in {wanted!r}")


def build_messages(profile: CandidateProfile, job: JobPosting, ranked: JobScore,
                   *, language: str | None = None, evidence: Evidence | None = None) -> list[dict]:
    """System rules plus one user message carrying the profile, the evidence and the posting as JSON."""
    evidence = evidence or select_evidence(profile, job, ranked)
    facts = {
        "write_in": _LANGUAGE_NAMES.get(job_language(job, language), "English"),
        "candidate": {
            "name": profile.name, "title": profile.title, "years_experience": profile.years_experience,
            "skills": profile.skills, "languages": profile.languages, "summary": profile.summary,
        },
        "evidence": [_evidence_fact(item) for item in evidence.items[:_EVIDENCE_ITEMS]],
        "job": {
            "title": job.title, "company": job.company_name, "location": job.location, "seen_on": job.via,
            "description": job.description[:_DESCRIPTION_CHARS],
        },
        "matched_skills": ranked.matched_skills,
        "skills_the_candidate_lacks_never_claim_or_name_them": ranked.missing_skills,
    }
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": json.dumps(facts, ensure_ascii=False)},
    ]


def _evidence_fact(item) -> dict:
    """One evidence item for the prompt: the CV line and, when it belongs to a job, that job."""
    fact = {"kind": item.kind, "cv_line": item.source or item.value}
    entry = item.entry
    for name in ("employer", "role", "degree", "institution", "dates"):
        value = getattr(entry, name, "") if entry is not None else ""
        if value:
            fact[name] = value
    if item.skills:
        fact["job_skills_it_shows"] = list(item.skills)
    return fact


def parse_reply(content: str) -> tuple[list[str], str]:
    """(body paragraphs, CV summary) from the model's JSON, tolerating a Markdown code fence.

    Accepts ``{"paragraphs": [...]}`` as asked, or ``{"cover_letter": "..."}`` (blank-line separated)
    as models often answer; characters no document can hold are dropped (``repair.printable``).
    Raises ``LetterRejected`` when there is no JSON object or no letter text.
    """
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LetterRejected(f"the model did not answer with JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise LetterRejected("the model's JSON is not an object")
    raw = data.get("paragraphs")
    if isinstance(raw, list) and all(isinstance(p, str) for p in raw):
        paragraphs = [printable(p).strip() for p in raw if printable(p).strip()]
    elif isinstance(data.get("cover_letter"), str):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", printable(data["cover_letter"])) if p.strip()]
    else:
        raise LetterRejected("the model's JSON has no paragraphs or cover_letter text")
    summary = data.get("cv_summary")
    return paragraphs, printable(summary).strip() if isinstance(summary, str) else ""


def _without_formulas(paragraphs: list[str], frame: LetterParts, profile: CandidateProfile) -> list[str]:
    """The body without a salutation, closing or signature the model wrote although told not to
    (the frame adds its own; two would read as a mistake)."""
    formulas = {_norm(v) for p in PHRASES.values() for v in (p["greeting"], p["signoff"])}
    formulas |= {_norm(frame.salutation), _norm(frame.closing), _norm(profile.name or "")} - {""}
    body = list(paragraphs)
    if body and (_norm(body[0]) in formulas or _looks_like_salutation(body[0])):
        body.pop(0)
    while body:
        lines = [line for line in body[-1].splitlines() if line.strip()]
        kept = [line for line in lines if _norm(line) not in formulas and not _looks_like_closing(line)]
        if kept == lines:
            break
        if kept:
            body[-1] = "\n".join(kept)
            break
        body.pop()
    return body


def _norm(text: str) -> str:
    return re.sub(r"[\s,.:;!]+", " ", text).strip().casefold()


def _looks_like_salutation(text: str) -> bool:
    """"Dear Initech team," / "Hallo Frau Weber:" — a short single line ending in a comma or colon."""
    return "\n" not in text.strip() and len(text.split()) <= _FORMULA_WORDS and text.rstrip().endswith((",", ":"))


def _looks_like_closing(line: str) -> bool:
    """"Kind regards," / "Best wishes" — a short line ending in a comma, or a closing word alone."""
    words = line.split()
    return 0 < len(words) <= 4 and line.rstrip().endswith(",")
