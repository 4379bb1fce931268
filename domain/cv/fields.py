"""Turn extracted CV text into profile fields (CVs in EN, DE, FR, ES, PT, IT and NL)."""
from __future__ import annotations

import datetime as dt
import logging
import re

from domain.cv.contact import EMAIL_RE, contact_fields
from domain.cv.experience import years_of_experience
from domain.cv.languages import extract_languages
from domain.cv.sections import Line, label_lines
from domain.cv.skill_lists import extract_cv_skills
from domain.cv.types import CandidateProfile

logger = logging.getLogger(__name__)

SUMMARY_MAX_CHARS = 400
_PHONEISH_RE = re.compile(r"\+?\d[\d\s()./-]{6,}\d")


def profile_from_text(text: str, *, large_lines: list[str] | tuple[str, ...] = (),
                      today: dt.date | None = None) -> CandidateProfile:
    """Every profile field that can be read from ``text``; ``profile.text`` is ``text``.

    ``large_lines``: page one's top lines, largest font first (``PdfText.large_lines``), when known.
    """
    lines = label_lines(text)
    contact = contact_fields(text, lines, large_lines=large_lines)
    name = contact.name
    profile = CandidateProfile(
        name=name,
        email=contact.email,
        phone=contact.phone,
        location=contact.location,
        title=contact.title,
        years_experience=years_of_experience(lines, text, today),
        skills=extract_cv_skills(lines),
        languages=extract_languages(lines),
        text=text,
    )
    profile.summary = extract_summary(lines)
    if not profile.summary:
        profile.summary, profile.summary_generated = generated_summary(profile), True
    logger.debug("profile fields: name=%s skills=%d languages=%d", bool(name), len(profile.skills),
                 len(profile.languages))
    return profile


def _is_prose(text: str) -> bool:
    # Sidebar lines that pypdf interleaves into a paragraph are short fragments
    # ("Lyon, France", a phone number); sentences have several words or end a sentence.
    if EMAIL_RE.search(text) or _PHONEISH_RE.fullmatch(text.strip()):
        return False
    return len(text.split()) >= 4 or text.rstrip().endswith((".", "!", "?"))


def extract_summary(lines: list[Line]) -> str:
    """The CV's own profile/summary paragraph, joined and trimmed to a few sentences."""
    parts: list[str] = []
    for line in lines:
        if line.section != "summary":
            if parts:
                break
            continue
        if _is_prose(line.text):
            parts.append(line.text)
        if sum(map(len, parts)) >= SUMMARY_MAX_CHARS:
            break
    summary = " ".join(" ".join(parts).split())
    summary = re.sub(r"(\w)- (\w)", r"\1\2", summary)  # words hyphenated across lines
    if len(summary) > SUMMARY_MAX_CHARS:
        summary = summary[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return summary


def generated_summary(profile: CandidateProfile) -> str:
    """A one-line stand-in when the CV has no summary section."""
    who = profile.title or "Candidate"
    where = f" in {profile.location}" if profile.location else ""
    years = f" with {profile.years_experience:g} years of experience" if profile.years_experience else ""
    skills = f"; skills: {', '.join(profile.skills[:6])}" if profile.skills else ""
    return f"{who}{where}{years}{skills}."
