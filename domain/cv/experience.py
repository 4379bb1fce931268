"""Years of professional experience from date ranges or explicit statements.

The ranges of the experience section (any form ``domain.cv.dates`` reads: "04/19 – heute",
"2019-04 – present", "April 2019 to date", "depuis 2020", "2018 – atual") are merged, so
overlapping jobs count once, and open ranges end today. When the CV has no recognised experience
section, ranges anywhere count except on education lines. An explicit statement ("10+ years of
experience", "über 8 Jahre Berufserfahrung", "plus de 10 ans d'expérience", "5 años de experiencia")
is the fallback when no range is found.
"""
from __future__ import annotations

import datetime as dt
import re

from domain.cv.dates import find_spans
from domain.cv.sections import Line

_EXPLICIT_RE = re.compile(
    r"(?P<n>\d{1,2}(?:[.,]5)?)\s*\+?\s*(?:years?|yrs?|jahren?|ans|années|annees|años|anos|anni|jaar|jaren)\b"
    r"[^.\n]{0,40}?(?:experience|erfahrung|berufserfahrung|expérience|experiencia|experiência|esperienza|"
    r"ervaring|werkervaring|in\s+(?:the\s+)?(?:industry|field))",
    re.IGNORECASE,
)
_EDUCATION_RE = re.compile(
    r"universit|hochschule|école|ecole|school|schule|lycée|college|studium|bachelor|master|b\.\s?sc|m\.\s?sc|"
    r"b\.\s?a\.|m\.\s?a\.|ph\.?d|diplom|diplôme|abitur|baccalauréat|degree|ausbildung zu|apprentissage|"
    r"\bdcg\b|\bdscg\b|\bmba\b|thesis|formation|licenciatura|grado en|laurea|liceo|escuela|escola|"
    r"faculdade|facultad|opleiding|hogeschool|universidad|universidade|università",
    re.IGNORECASE,
)
_NOT_JOBS = ("education", "languages", "skills", "contact")


def _union_months(spans: list[tuple[int, int]]) -> int:
    """Months covered by inclusive [first, last] month spans, overlaps counted once."""
    total, reach = 0, -1
    for first, last in sorted(spans):
        if last <= reach:
            continue
        total += last - max(first, reach + 1) + 1
        reach = last
    return total


def _spans(lines: list[Line], today: dt.date) -> list[tuple[int, int]]:
    experience = [line.text for line in lines if line.section == "experience"]
    spans = [s.months(today) for s in find_spans("\n".join(experience), today)]
    if spans:
        return spans
    # No experience heading was recognised: every range except those of education entries.
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.section in _NOT_JOBS or _EDUCATION_RE.search(line.text):
            continue
        # A date on its own line belongs to the entry above it ("B.Sc. …" then "2010 – 2014").
        if index and _EDUCATION_RE.search(lines[index - 1].text) and len(line.text) < 30:
            continue
        kept.append(line.text)
    return [s.months(today) for s in find_spans("\n".join(kept), today)]


def years_from_ranges(lines: list[Line], today: dt.date | None = None) -> float | None:
    """Merged length of the job date ranges in years (one decimal); None if the CV has none."""
    today = today or dt.date.today()
    months = _union_months([(a, b) for a, b in _spans(lines, today) if a <= b])
    return round(months / 12, 1) if months else None


def explicit_years(text: str) -> float | None:
    """The largest "N years of experience" stated in the text, if any."""
    values = [float(m.group("n").replace(",", ".")) for m in _EXPLICIT_RE.finditer(text)]
    values = [v for v in values if 0 < v <= 60]
    return max(values) if values else None


def years_of_experience(lines: list[Line], text: str, today: dt.date | None = None) -> float | None:
    """Years of experience: merged date ranges first, an explicit statement otherwise."""
    return years_from_ranges(lines, today) or explicit_years(text)
