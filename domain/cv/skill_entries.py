"""Experience and education rows that the text layer put under a skills heading.

Two-column and table layouts are read in an order the page does not show: the rows of a job
("UX Researcher" / "Stadslab Digitaal" / "2019 – 2021") or a degree ("Ghent University", "Munster")
can follow the skills heading. Such rows are not skills even there: an item that names a role, an
organisation or a place, a line with a date range, and the short one-item lines right around it
(the entry's title, employer and place rows).
"""
from __future__ import annotations

import re

from domain.cv.bullets import strip_bullet
from domain.cv.dates import find_spans
from domain.cv.gazetteer import cities_named, country_code
from domain.cv.roles import looks_like_organisation as is_organisation
from domain.cv.roles import role_words
from domain.cv.sections import Line
from domain.cv.skills import canonical_skill

# Legal forms and schools beyond domain/cv/roles.py's list ("S.A.", "e.V.", "Hochschule", "Lycée").
_ORGANISATION = re.compile(
    r"(?:^|\s)(?:s\.\s?a\.?|s\.\s?l\.?|s\.\s?r\.\s?l\.?|e\.\s?v\.?|a\.\s?s\.?|b\.\s?v\.?|n\.\s?v\.?|ltd\.?|"
    r"inc\.?|co\.|oy|ab|aps|kft|sp\.\s?z\s?o\.\s?o\.?)$"
    r"|\b(?:\w*hochschule|akademie|lycée|liceo|escuela|escola|faculdade|facultad|facoltà|politecnico|"
    r"polytechnic|polytechnique|hogeschool|universidad|universidade|università|université|universiteit)\b",
    re.IGNORECASE)
# Abstract nouns that end an English skill phrase whose first word is also a role word
# ("Partner management", "Agent-based modelling"), unlike a Romance title ("Chef de projet").
_SKILL_NOUN_END = re.compile(r"(?:ment|ing|ship|tion|sion|ance|ence|ity|ness|ics|ogy|ysis|skills?|art)$",
                             re.IGNORECASE)
# A role word, then one of these, starts a title ("Chef de projet marketing", "Head of Sales").
_LINKERS = frozenset({"of", "for", "de", "di", "du", "des", "da", "do", "del", "della", "dello", "für", "van"})
_LIST_SEPARATOR = re.compile(r"[,;|•·]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MAX_ENTRY_ROW_WORDS = 5
ENTRY_ROWS_BEFORE = 2  # title and employer rows above a date row
ENTRY_ROWS_AFTER = 2  # or below it, when the date column is read first


def looks_like_role(item: str) -> bool:
    """True when a short item is a job title: its last word names an occupation ("UX Researcher",
    "Softwareentwicklerin"), or its first one does and a linker follows ("Chef de projet marketing",
    "Head of Sales") or it ends in no skill noun ("Desarrollador Full Stack", but not "Partner management")."""
    words = _WORD.findall(item)
    if not words or len(words) > MAX_ENTRY_ROW_WORDS:
        return False
    if role_words(words[-1]):
        return True
    if len(words) < 2 or not role_words(words[0]):
        return False
    return words[1].casefold() in _LINKERS or not _SKILL_NOUN_END.search(words[-1])


def looks_like_organisation(item: str) -> bool:
    """True when ``item`` names an employer or school ("Ghent University", "Acme S.A.", "Hochschule
    München"). A name ending in "Studio" is a product ("Android Studio", "Copilot Studio")."""
    item = item.strip(" .,;:")
    if _ORGANISATION.search(item):
        return True
    return is_organisation(item) and not item.casefold().endswith(" studio")


def looks_like_place(item: str) -> bool:
    """True when ``item`` is a city or country from the gazetteer ("Munster", "Deutschland"), or a proper
    name of three or more words ending in a city ("Staatliches Seminar Freiburg")."""
    item = item.strip(" .,;:")
    if not item[:1].isupper():
        return False
    if cities_named(item) or country_code(item):
        return True
    words = item.split()
    return len(words) >= 3 and all(w[:1].isupper() for w in words) and bool(cities_named(words[-1]))


def is_entry_item(item: str) -> bool:
    """True when an unknown listed item names a role or an organisation: a row of an experience or
    education entry, not a skill. (Places are judged with their line: see ``is_entry_line``.)"""
    return canonical_skill(item) is None and (looks_like_role(item) or looks_like_organisation(item))


def is_entry_line(items: list[str]) -> bool:
    """True when the items of one line are an entry's row ("Referendar, Staatliches Seminar Freiburg",
    "Munster"): one names a role, an organisation or a place, and fewer than half are known skills.
    ("iOS, Android, Mobile" is a list: "Mobile" is no town there.)"""
    known = sum(1 for item in items if canonical_skill(item))
    return 2 * known < len(items) and any(is_entry_item(i) or looks_like_place(i) for i in items)


def _row_like(text: str) -> bool:
    item = strip_bullet(text)
    return (not _LIST_SEPARATOR.search(item) and canonical_skill(item) is None
            and len(item.split()) <= MAX_ENTRY_ROW_WORDS and not item[:1].islower())


def entry_rows(lines: list[Line]) -> set[int]:
    """Indices of the lines that hold a date range, and of the short one-item lines just above and
    below them under the same heading that name no known skill: the rows of one job or degree entry."""
    rows: set[int] = set()
    for index, line in enumerate(lines):
        if not find_spans(line.text):
            continue
        rows.add(index)
        for step, reach in ((-1, ENTRY_ROWS_BEFORE), (1, ENTRY_ROWS_AFTER)):
            for other in range(index + step, index + step * (reach + 1), step):
                # An entry's rows never cross a heading.
                if not 0 <= other < len(lines) or lines[other].heading != line.heading \
                        or not _row_like(lines[other].text):
                    break
                rows.add(other)
    return rows
