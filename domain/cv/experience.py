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

from domain.cv.bullets import strip_bullet
from domain.cv.dates import DateSpan, find_spans
from domain.cv.roles import has_role_word
from domain.cv.sections import Line
from domain.cv.skill_entries import looks_like_role

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
    # "Scrum Master", "Webmaster", "Master Data …" and a sales promotion are jobs, not degrees.
    r"bachelor|(?<!scrum )(?<!web)master(?!\s+data)|máster|mestrado|magister|maîtrise|staatsexamen|"
    r"\bm\.s\.|\ba\.a\.s\.|associate degree|\bb\.?\s?sc\b|\bm\.?\s?sc\b|\bb\.\s?a\.|\bm\.\s?a\.|"
    r"\bba\b|\bbs\b|\bb\.s\.|ph\.?d|"
    r"diplom|diplôme|abitur|baccalauréat|\bbac\b|degree|ausbildung zu|apprentissage|\bdcg\b|\bdscg\b|\bmba\b|"
    r"thesis|licenciatura|grado en|laurea|promotion\s+(?:19|20)\d\d|doktor|doctorat|doctorado|doutorado|dottorato|"
    r"\bmsc\b|\bbsc\b",
    re.IGNORECASE,
)
_INSTITUTION_RE = re.compile(
    r"universit|hochschule|école|ecole|school|schule|lycée|college|liceo|escuela|escola|faculdade|facultad|"
    r"hogeschool|istituto|instituto|institut", re.IGNORECASE)
_ROW_PARTS = re.compile(r"\s*(?:,|\s[—–|@-]\s|\bat\b|\bbei\b|\bchez\b|\ben\b|\bpresso\b|\bbij\b)\s*")
_DATE_ONLY_SLACK = 3  # characters a date-only line may hold besides its range ("•", "|")


def _date_only(line: Line, today: dt.date) -> bool:
    spans = find_spans(line.text, today)
    return len(spans) == 1 and len(line.text) - len(spans[0].text.strip()) <= _DATE_ONLY_SLACK


def _relabel(lines: list[Line], today: dt.date) -> list[Line]:
    """A date line that ends a section other than experience or education and is followed by the
    experience or education heading was printed on that entry's title row and read first
    (right-aligned dates in some templates): it belongs to the next section. (At the end of the
    experience section the same line is more often the last job's own date, so it stays.) The last of
    a run of date lines is no such line: the run is a date column read as one block."""
    out = list(lines)
    for i in range(len(lines) - 1):
        this, after = lines[i], lines[i + 1]
        run = i > 0 and lines[i - 1].section == this.section and _date_only(lines[i - 1], today)
        if this.section not in _ENTRY_SECTIONS and after.section in _ENTRY_SECTIONS and _date_only(this, today) \
                and not run:
            out[i] = Line(this.text, after.section, after.heading)
    return out


def _education_entries(lines: list[Line]) -> int:
    edu = [line.text for line in lines if line.section == "education"]
    institutions = sum(1 for t in edu if _INSTITUTION_RE.search(t))
    degrees = sum(1 for t in edu if _DEGREE_RE.search(t))
    return max(institutions, degrees, 1 if edu else 0)


def _job_entries(lines: list[Line]) -> int:
    """Entries of the experience section: lines whose first part is a job title ("Data Engineer",
    "Chef de projet marketing, Occitanie Voyages"), not a sentence."""
    return sum(1 for line in lines if line.section == "experience" and _is_title_row(line.text))


def _is_title_row(text: str) -> bool:
    first = _ROW_PARTS.split(strip_bullet(text), maxsplit=1)[0]
    return not text.rstrip().endswith(".") and looks_like_role(first)


def is_education_line(text: str) -> bool:
    """True when a line belongs to an education entry: it names a degree ("Bachelor Rechnungswesen"),
    or a school and no job ("Ghent University", but not "IT Technician, Robert Gordon University")."""
    return _DEGREE_RE.search(text) is not None or (
        _INSTITUTION_RE.search(text) is not None and not has_role_word(text))


def _job_lines(lines: list[Line], today: dt.date) -> list[str]:
    """The experience section's lines without education rows (moderncv prints education dates in the
    same column): a degree or school line, and a date line whose entry is one. A date line's entry is
    the next line when the section starts with a date (the date column is read first), else the line
    before it."""
    section = [line.text for line in lines if line.section == "experience"]
    date_only = [_date_only(Line(text, "experience"), today) for text in section]
    step = 1 if date_only and date_only[0] else -1
    kept = []
    for i, text in enumerate(section):
        owner = i + step
        if is_education_line(text) or (date_only[i] and 0 <= owner < len(section)
                                       and is_education_line(section[owner])):
            continue
        kept.append(text)
    return kept


def _orphan_share(lines: list[Line], orphans: list[DateSpan], dated_jobs: int, dated_degrees: int) -> list[DateSpan]:
    """The date lines the text layer moved away from their entries (a date column read before or after
    the page) that belong to jobs: matched by order, and only when there is one per undated entry;
    the section printed first takes the first dates."""
    jobs = max(0, _job_entries(lines) - dated_jobs)
    degrees = max(0, _education_entries(lines) - dated_degrees)
    if not jobs or len(orphans) != jobs + degrees:
        return []
    first = {line.section: index for index, line in reversed(list(enumerate(lines)))}
    jobs_first = first.get("experience", 0) <= first.get("education", len(lines))
    return orphans[:jobs] if jobs_first else orphans[degrees:]


def _spans(lines: list[Line], today: dt.date) -> list[tuple[int, int]]:
    lines = _relabel(lines, today)
    experience = find_spans("\n".join(_job_lines(lines, today)), today)
    education = find_spans("\n".join(l.text for l in lines if l.section == "education"), today)
    orphans = [find_spans(l.text, today)[0] for l in lines
               if l.section not in ("experience", "education") and _date_only(l, today)]
    if orphans and any(l.section == "experience" for l in lines):
        experience += _orphan_share(lines, orphans, len(experience), len(education))
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
