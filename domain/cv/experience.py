"""Years of professional experience from date ranges or explicit statements.

Date ranges ("03/2018 – present", "Jan 2019 - Dec 2020", "2012 – 2017", "seit 2019",
"depuis mars 2017") are merged, so overlapping jobs count once; ranges on education
lines are skipped. An explicit statement ("10+ years of experience", "über 8 Jahre
Berufserfahrung", "plus de 10 ans d'expérience") is the fallback when no range is found.
"""
from __future__ import annotations

import datetime as dt
import re

from domain.cv.sections import Line

_MONTHS = {
    **dict.fromkeys(["jan", "january", "januar", "jän", "jänner", "janv", "janvier"], 1),
    **dict.fromkeys(["feb", "february", "februar", "févr", "fevr", "février", "fevrier"], 2),
    **dict.fromkeys(["mar", "march", "märz", "maerz", "mars"], 3),
    **dict.fromkeys(["apr", "april", "avr", "avril"], 4),
    **dict.fromkeys(["may", "mai"], 5),
    **dict.fromkeys(["jun", "june", "juni", "juin"], 6),
    **dict.fromkeys(["jul", "july", "juli", "juil", "juillet"], 7),
    **dict.fromkeys(["aug", "august", "août", "aout"], 8),
    **dict.fromkeys(["sep", "sept", "september", "septembre"], 9),
    **dict.fromkeys(["oct", "october", "okt", "oktober", "octobre"], 10),
    **dict.fromkeys(["nov", "november", "novembre"], 11),
    **dict.fromkeys(["dec", "december", "dez", "dezember", "déc", "décembre", "decembre"], 12),
}
_MONTH_WORD = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DATE = rf"(?:(?P<{{p}}m>0?[1-9]|1[0-2])\s*[/.\-]\s*|(?P<{{p}}w>{_MONTH_WORD})\.?\s+)?(?P<{{p}}y>(?:19|20)\d\d)"
_PRESENT = (r"present|current|currently|now|today|ongoing|heute|jetzt|aktuell|dato|laufend|"
            r"aujourd'hui|aujourd’hui|ce jour|actuel|actuellement|en cours")
_RANGE_RE = re.compile(
    r"(?<![\d/.])" + _DATE.format(p="s") + r"\s*(?:-|–|—|to|until|bis|à|au|a)\s*"
    r"(?:(?P<present>" + _PRESENT + r")|" + _DATE.format(p="e") + r")(?![\d/])",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    r"\b(?:since|seit|depuis|from)\s+(?:le\s+)?" + _DATE.format(p="s") + r"(?!\s*(?:-|–|—|to|bis|à)\s*\w)",
    re.IGNORECASE,
)
_EXPLICIT_RE = re.compile(
    r"(?P<n>\d{1,2}(?:[.,]5)?)\s*\+?\s*(?:years?|yrs?|jahren?|ans|années)\b[^.\n]{0,40}?"
    r"(?:experience|erfahrung|berufserfahrung|expérience|in\s+(?:the\s+)?(?:industry|field))",
    re.IGNORECASE,
)
_EDUCATION_RE = re.compile(
    r"universit|hochschule|école|ecole|school|schule|lycée|college|studium|bachelor|master|b\.\s?sc|m\.\s?sc|"
    r"b\.\s?a\.|m\.\s?a\.|ph\.?d|diplom|diplôme|abitur|baccalauréat|degree|ausbildung zu|apprentissage|"
    r"\bdcg\b|\bdscg\b|\bmba\b|thesis|formation",
    re.IGNORECASE,
)


def _month(match: re.Match, prefix: str, default: int) -> int:
    if match.group(f"{prefix}m"):
        return int(match.group(f"{prefix}m"))
    word = match.group(f"{prefix}w")
    return _MONTHS.get(word.lower().rstrip("."), default) if word else default


def _ranges_in(text: str, today: dt.date) -> list[tuple[int, int]]:
    """Month indices (year*12+month) [start, end) of each range in one line."""
    now = today.year * 12 + today.month
    spans = []
    for m in _RANGE_RE.finditer(text):
        start = int(m.group("sy")) * 12 + _month(m, "s", 1)
        # An end month counts in full: "09/2014 – 02/2018" runs through February.
        end = now if m.group("present") else int(m.group("ey")) * 12 + _month(m, "e", 12) + 1
        spans.append((start, min(end, now)))
    for m in _SINCE_RE.finditer(text):
        spans.append((int(m.group("sy")) * 12 + _month(m, "s", 1), now))
    return [(s, e) for s, e in spans if 1960 * 12 < s < e]


def _union_months(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def years_from_ranges(lines: list[Line], today: dt.date | None = None) -> float | None:
    """Merged length of the job date ranges, in years; None if the CV has none."""
    today = today or dt.date.today()
    spans: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if line.section == "education" or _EDUCATION_RE.search(line.text):
            continue
        # A date on its own line belongs to the entry above it ("B.Sc. …" then "2010 – 2014").
        if index and _EDUCATION_RE.search(lines[index - 1].text) and len(line.text) < 30:
            continue
        spans += _ranges_in(line.text, today)
    months = _union_months(spans)
    return round(months / 12, 1) if months else None


def explicit_years(text: str) -> float | None:
    """The largest "N years of experience" stated in the text, if any."""
    values = [float(m.group("n").replace(",", ".")) for m in _EXPLICIT_RE.finditer(text)]
    values = [v for v in values if 0 < v <= 60]
    return max(values) if values else None


def years_of_experience(lines: list[Line], text: str, today: dt.date | None = None) -> float | None:
    """Years of experience: merged date ranges first, an explicit statement otherwise."""
    return years_from_ranges(lines, today) or explicit_years(text)
