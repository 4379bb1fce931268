"""Dates and date ranges as CVs write them, in EN, DE, FR, ES, PT, IT and NL.

Forms: "MM/YYYY", "MM/YY", "MM.YYYY", "YYYY-MM", "DD.MM.YYYY", "YYYY", month names and
abbreviations ("Jan. 2019", "janv. 2019", "ene 2019", "marzo de 2019", "mrt 2019", "Dez 2019",
"Jan '19"); ranges joined by -, –, —, to, until, bis, à, au, a, al, até, hasta, tot; open ranges
ending in present/current/now/today/to date, heute/aktuell/derzeit, aujourd'hui/actuel/présent/en cours,
actualidad/actual/presente, atual/hoje, oggi/in corso, heden/nu, obecnie (PL), dosud/současnost (CS); "since/seit/depuis/desde/dal/sinds 2020";
two-year ranges "2011-12" (2011-2012) in a date column (the rule is in ``_short_ranges``).

Own parser rather than dateparser: CVs use a small closed set of forms, and one compiled
regex per text keeps reading a CV well under a millisecond per page; the month tables below
are the CLDR wide and abbreviated month names of the seven languages (cldr.unicode.org).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_MONTH_NAMES = {
    1: "january jan januar jänner jän janvier janv enero ene janeiro gennaio gen januari",
    2: "february feb februar feber février févr fév febrero fevereiro fev febbraio februari",
    3: "march mar märz mär maerz mars marzo março marco maart mrt",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juni juin junio junho giugno giu",
    7: "july jul juli juillet juil julio julho luglio lug",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre setembro set settembre",
    10: "october oct oktober okt octobre octubre outubro out ottobre ott",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember dez décembre déc decembre diciembre dic dezembro dicembre",
}


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_MONTHS = {_strip_accents(w): n for n, words in _MONTH_NAMES.items() for w in words.split()}


def _trie(words: set[str]) -> str:
    """A prefix-tree alternation of ``words``: the regex engine tries one branch per first letter
    instead of every word at every position (several times faster on long text)."""
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[:1], set()).add(word[1:])
    branches = []
    for first, rests in sorted(groups.items()):
        if not first:
            continue
        tail = _trie({r for r in rests if r})
        optional = "" in rests
        branches.append(re.escape(first) + (f"(?:{tail})?" if optional and tail else tail))
    return "(?:" + "|".join(branches) + ")" if branches else ""


_MONTH_ALT = _trie({w.lower() for ws in _MONTH_NAMES.values() for w in ws.split()} | set(_MONTHS))
_YEAR = r"(?:19|20)\d\d"
# One date; {p} prefixes the group names so a range can hold two.
_DATE = (
    r"(?:(?P<{p}d1>\d{{1,2}})[./](?P<{p}m1>\d{{1,2}})[./](?P<{p}y1>" + _YEAR + r")"
    r"|(?P<{p}y2>" + _YEAR + r")[-/.](?P<{p}m2>0[1-9]|1[0-2])(?![\d])"
    r"|(?P<{p}m3>0?[1-9]|1[0-2])\s?(?:[/.]\s?(?P<{p}yy3>\d\d)|[/.\-]\s?(?P<{p}y3>" + _YEAR + r"))"
    r"|(?:\d{{1,2}}\.?\s+(?:de\s+)?)?(?<!\w)(?P<{p}w4>" + _MONTH_ALT + r")\.?,?\s*(?:(?:de|del)\s+)?"
    r"(?:(?P<{p}y4>" + _YEAR + r")|['’](?P<{p}yy4>\d\d))"
    r"|(?P<{p}y5>" + _YEAR + r"))(?![\d/])"
)
_PRESENT = (
    r"(?:(?:bis|to|until|till|jusqu['’]à|jusqu['’]a|hasta|até|ate|fino\s+ad?|ad|tot|à|a)\s+)?"
    r"(?:la\s+|o\s+|ce\s+|al\s+)?"
    r"(?P<present>present|presently|current|currently|now|today|to\s+date|date|ongoing|heute|jetzt|aktuell|derzeit|"
    r"dato|laufend|gegenwart|aujourd['’]hui|ce\s+jour|actuel(?:lement)?|présent|present|maintenant|en\s+cours|"
    r"actualidad|actual(?:mente)?|presente|hoy|la\s+fecha|atual(?:mente)?|momento|hoje|oggi|in\s+corso|attuale|"
    r"heden|nu|huidig|lopend|obecnie|teraz|nadal|dziś|dosud|doposud|současnost|nyní|doteraz|súčasnosť)(?!\w)"
)
_CONNECTOR = r"(?:-|–|—|~|to|till|until|through|thru|bis|à|au|a|al|até|ate|hasta|tot|t/m|e)"
_RANGE_RE = re.compile(
    r"(?<![\w/.])" + _DATE.format(p="s") + r"[ \t]*" + _CONNECTOR + r"\s*(?:" + _PRESENT + "|"
    + _DATE.format(p="e") + ")",
    re.IGNORECASE,
)
_SINCE_WORDS = (r"(?:since|seit|depuis|desde|dal|dalla|dall['’]|sinds|vanaf|ab|from|a\s+partir\s+de|à\s+partir\s+de|"
                r"a\s+partire\s+da(?:l)?)")
_SINCE_RE = re.compile(
    r"(?<!\w)" + _SINCE_WORDS + r"\s+(?:le\s+|el\s+|o\s+|dem\s+|de\s+)?" + _DATE.format(p="s"),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSpan:
    """A date range from a CV: ``start``/``end`` are (year, month) with month 1-12; ``end`` None = open."""

    start: tuple[int, int]
    end: tuple[int, int] | None
    text: str

    def months(self, today: dt.date) -> tuple[int, int]:
        """[first, last] as month indices (year*12 + month - 1), inclusive. An open end (and any end
        after it) is the last month before ``today``'s, so a job since January counts nothing in January."""
        now = today.year * 12 + today.month - 2
        first = self.start[0] * 12 + self.start[1] - 1
        last = now if self.end is None else min(now, self.end[0] * 12 + self.end[1] - 1)
        return first, last


def _two_digit_year(yy: str, today: dt.date) -> int:
    year = 2000 + int(yy)
    return year if year <= today.year + 1 else year - 100


def _date(match: re.Match, p: str, is_end: bool, today: dt.date) -> tuple[int, int] | None:
    """(year, month) of one date; a bare year is January as a start, December as an end."""
    g = match.group
    if g(f"{p}y1"):
        year, month = int(g(f"{p}y1")), int(g(f"{p}m1"))
    elif g(f"{p}y2"):
        year, month = int(g(f"{p}y2")), int(g(f"{p}m2"))
    elif g(f"{p}m3"):
        yy = g(f"{p}yy3")
        year, month = (_two_digit_year(yy, today) if yy else int(g(f"{p}y3"))), int(g(f"{p}m3"))
    elif g(f"{p}w4"):
        month = _MONTHS[_strip_accents(g(f"{p}w4").lower())]
        year = int(g(f"{p}y4")) if g(f"{p}y4") else _two_digit_year(g(f"{p}yy4"), today)
    else:
        year, month = int(g(f"{p}y5")), (12 if is_end else 1)
    if not 1 <= month <= 12 or not 1950 <= year <= today.year + 1:
        return None
    return year, month


_DIGIT = re.compile(r"\d")
_TRAILING_CONNECTOR = re.compile(r"(?<!\w)" + _CONNECTOR + r"\s*$", re.IGNORECASE)


# "sinds okt." then "2019 Services …": a month whose year wrapped onto the next line of a date column.
_MONTH_ONLY = re.compile(r"^\W*(?:" + _SINCE_WORDS + r"\s+)?(?<!\w)(?:" + _MONTH_ALT + r")\.?(?=[ \t]+\D)",
                         re.IGNORECASE)
_LEADING_YEAR = re.compile(r"^\s*" + _YEAR + r"(?!\d)")
_DANGLING = re.compile(r"^\W*" + _DATE.format(p="s") + r"[ \t]*" + _CONNECTOR + r"[ \t]+(?=\S)", re.IGNORECASE)


def _chunks(text: str) -> list[str]:
    """The lines that can hold a date (they have a digit), each joined with the next line when it
    ends in a range connector ("2019 –" then "heute" in a narrow column). A line that starts with
    "03/2021 – " and goes on with other text (a date column interleaved with the entry) takes the
    next line as the range's end ("present Built …"). Skipping lines without digits keeps the
    regexes off most of the text."""
    lines = text.splitlines()
    chunks = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (month := _MONTH_ONLY.match(line)) and (year := _LEADING_YEAR.match(following)):
            line = month.group(0) + " " + year.group(0).strip() + line[month.end():]
        if not _DIGIT.search(line):
            continue
        if following and _TRAILING_CONNECTOR.search(line):
            line = line + "\n" + following
        elif following and not _RANGE_RE.search(line) and (dangling := _DANGLING.match(line)):
            chunks.append(dangling.group(0) + following)
        chunks.append(line)
    return chunks


def find_spans(text: str, today: dt.date | None = None) -> list[DateSpan]:
    """Every date range and "since <date>" in ``text``, in order; invalid or reversed ranges are dropped."""
    today = today or dt.date.today()
    return [span for chunk in _chunks(text) for span in _spans_in_line(chunk, today)]


def _spans_in_line(text: str, today: dt.date) -> list[DateSpan]:
    spans: list[tuple[int, DateSpan]] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE_RE.finditer(text):
        start = _date(m, "s", False, today)
        end = None if m.group("present") else _date(m, "e", True, today)
        if start and (end is None and m.group("present") or end and end >= start):
            spans.append((m.start(), DateSpan(start, end, m.group(0))))
            taken.append(m.span())
    for m in _SINCE_RE.finditer(text):
        start = _date(m, "s", False, today)
        if start and not any(a <= m.end() and m.start() <= b for a, b in taken):
            spans.append((m.start(), DateSpan(start, None, m.group(0))))
            taken.append(m.span())
    spans += _short_ranges(text, taken, today)
    return [span for _, span in sorted(spans, key=lambda item: item[0])]


# "2011-12", "2011/12", "1998–99": a year and the last two digits of a later one.
_SHORT_RANGE = re.compile(r"(?:^|(?<=[\s|•·(]))(?P<y>" + _YEAR + r")\s?[-–/]\s?(?P<yy>\d\d)(?![\d/.-])")
_COLUMN_EDGE = re.compile(r"^[\s|•·()\-–,;:]*$")


def _short_ranges(text: str, taken: list[tuple[int, int]], today: dt.date) -> list[tuple[int, DateSpan]]:
    """Two-year ranges written YYYY-YY ("2011-12" = 2011 through 2012). The same shape is also an ISO
    month ("2019-04"), so it is a range only when (a) its second part is greater than the first year's
    last two digits ("2019-04" stays April 2019) and (b) it stands in a range column: at the start or
    the end of its line, not inside a longer range ("2011-12 – 2013-05" is two months)."""
    found = []
    for m in _SHORT_RANGE.finditer(text):
        year, yy = int(m.group("y")), int(m.group("yy"))
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end()) if "\n" in text[m.end():] else len(text)
        at_edge = _COLUMN_EDGE.match(text[line_start:m.start()]) or _COLUMN_EDGE.match(text[m.end():line_end])
        after_number = text[line_start:m.start()].rstrip(" \t|•·(").endswith(tuple("0123456789"))  # a phone
        if yy <= year % 100 or not at_edge or after_number or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        end = year - year % 100 + yy
        if 1950 <= year and end <= today.year + 1:
            found.append((m.start(), DateSpan((year, 1), (end, 12), m.group(0))))
    return found


def parse_date(text: str, today: dt.date | None = None) -> tuple[int, int] | None:
    """(year, month) of the first date in ``text`` ("März 2019", "04/19", "2019-04"), else None."""
    today = today or dt.date.today()
    m = re.search(r"(?<![\w/.])" + _DATE.format(p="s"), text, re.IGNORECASE)
    return _date(m, "s", False, today) if m else None


_DATE_TEXT = re.compile(r"(?:" + _DATE.format(p="s") + r"|" + _PRESENT + r"|.*\b(?:19|20)\d\d\b.*|"
                        r"\d{1,2}\.?\s+(?:" + _MONTH_ALT + r")\.?|(?:" + _MONTH_ALT + r")\.?\s+\d{1,2})", re.IGNORECASE)


def is_date_text(text: str) -> bool:
    """True when ``text`` is a date ("November 30", "04/2019"), a present word ("heute", "actualidad")
    or holds a year ("Last updated in Nov 2026"): never a skill or a name."""
    return _DATE_TEXT.fullmatch(text.strip()) is not None
