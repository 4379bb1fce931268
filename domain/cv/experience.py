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

_NOT_JOBS = ("education", "languages", "skills", "contact")
_ENTRY_SECTIONS = ("experience", "education")

_EXPLICIT_RE = re.compile(
    r"(?P<n>\d{1,2}(?:[.,]5)?)\s*\+?\s*(?:years?|yrs?|jahren?|ans|années|annees|años|anos|anni|jaar|jaren)\b"
    r"[^.\n]{0,40}?(?:experience|erfahrung|berufserfahrung|expérience|experiencia|experiência|esperienza|"
    r"ervaring|werkervaring|in\s+(?:the\s+)?(?:industry|field))",
    re.IGNORECASE,
)
# Degree words: a line outside the education section is an education entry only when it names a
# degree (a job "IT Support Technician, Robert Gordon University" is still a job).
_DEGREE_RE = re.compile(
    r"bachelor|master|\bm\.s\.|\ba\.a\.s\.|associate degree|\bb\.?\s?sc\b|\bm\.?\s?sc\b|\bb\.\s?a\.|\bm\.\s?a\.|\bba\b|\bbs\b|\bb\.s\.|ph\.?d|"
    r"diplom|diplôme|abitur|baccalauréat|\bbac\b|degree|ausbildung zu|apprentissage|\bdcg\b|\bdscg\b|\bmba\b|"
    r"thesis|licenciatura|grado en|laurea|promotion|doktor|doctorat|doctorado|doutorado|dottorato|\bmsc\b|\bbsc\b",
    re.IGNORECASE,
)
_INSTITUTION_RE = re.compile(
    r"universit|hochschule|école|ecole|school|schule|lycée|college|liceo|escuela|escola|faculdade|facultad|"
    r"hogeschool|istituto|instituto|institut", re.IGNORECASE)
_DATE_ONLY_SLACK = 3  # characters a date-only line may hold besides its range ("•", "|")


def _date_only(line: Line, today: dt.date) -> bool:
    spans = find_spans(line.text, today)
    return len(spans) == 1 and len(line.text) - len(spans[0].text.strip()) <= _DATE_ONLY_SLACK


def _relabel(lines: list[Line], today: dt.date) -> list[Line]:
    """A date line that ends a section other than experience or education and is followed by the
    experience or education heading was printed on that entry's title row and read first
    (right-aligned dates in some templates): it belongs to the next section. (At the end of the
    experience section the same line is more often the last job's own date, so it stays.)"""
    out = list(lines)
    for i in range(len(lines) - 1):
        this, after = lines[i], lines[i + 1]
        if this.section not in _ENTRY_SECTIONS and after.section in _ENTRY_SECTIONS and _date_only(this, today):
            out[i] = Line(this.text, after.section, after.heading)
    return out


def _education_entries(lines: list[Line]) -> int:
    edu = [line.text for line in lines if line.section == "education"]
    institutions = sum(1 for t in edu if _INSTITUTION_RE.search(t))
    degrees = sum(1 for t in edu if _DEGREE_RE.search(t))
    return max(institutions, degrees, 1 if edu else 0)


def _spans(lines: list[Line], today: dt.date) -> list[tuple[int, int]]:
    lines = _relabel(lines, today)
    experience = find_spans("\n".join(l.text for l in lines if l.section == "experience"), today)
    education = find_spans("\n".join(l.text for l in lines if l.section == "education"), today)
    # Date lines the text layer moved away from their entries (a date column read after the page)
    # are matched to the entries by order: jobs first, the last ones to undated degrees.
    orphans = [find_spans(l.text, today)[0] for l in lines
               if l.section not in ("experience", "education") and _date_only(l, today)]
    if orphans and any(l.section == "experience" for l in lines):
        undated_degrees = max(0, _education_entries(lines) - len(education))
        experience += orphans[:len(orphans) - undated_degrees]
    if experience:
        return [s.months(today) for s in experience]
    # No experience heading was recognised: every range except those of education entries. When no
    # line is under an experience heading at all (the text layer put every heading first, or none is
    # known), section labels say nothing and only the degree lines are left out.
    has_experience = any(l.section == "experience" for l in lines)
    skipped = _NOT_JOBS if has_experience else ("education",)
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.section in skipped or _DEGREE_RE.search(line.text):
            continue
        # A date on its own line belongs to the entry above it ("B.Sc. …" then "2010 – 2014").
        if index and _DEGREE_RE.search(lines[index - 1].text) and len(line.text) < 30:
            continue
        kept.append(line.text)
    return [s.months(today) for s in find_spans("\n".join(kept), today)]


def is_degree_line(text: str) -> bool:
    """True when ``text`` names a degree ("M.S. Statistics", "Bachelor Rechnungswesen", "Laurea in …")."""
    return _DEGREE_RE.search(text) is not None


def _union_months(spans: list[tuple[int, int]]) -> int:
    """Months covered by inclusive [first, last] month spans, overlaps counted once."""
    total, reach = 0, -1
    for first, last in sorted(spans):
        if last <= reach:
            continue
        total += last - max(first, reach + 1) + 1
        reach = last
    return total


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
