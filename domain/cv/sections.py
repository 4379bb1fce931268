"""Recognise CV section headings (EN, DE, FR, ES, PT, IT, NL and Europass labels) and label each line.

Headings live in ``data/headings.json``. A line is compared after folding: case and accents
("Experiência" = "experiencia"), letter-spacing ("E X P E R I E N C E"), Europass plural
markers ("Langue(s) maternelle(s)"), leading icons/numbering and a trailing colon are ignored.
A combined heading ("Skills & Tools", "Education and Certifications") opens the section of its
first part when every part is a heading.

pypdf may interleave the two columns of a sidebar layout line by line, so a "section"
here is only a hint: callers combine it with line-level checks.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA_PATH = Path(__file__).parent / "data" / "headings.json"
_MAX_HEADING_CHARS = 48
# Icons (private-use glyphs), bullets, numbering ("01.", "I.") and rules around a heading.
_EDGE = re.compile(r"^[\W\d_]*?(?=[^\W\d_])|[\s:|._\-–—•·*#>]+$")
_PLURAL = re.compile(r"\((?:s|n|e|en|es)\)", re.IGNORECASE)
_JOINERS = re.compile(r"\s*(?:&|/|\+|,|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*")
_LETTER_SPACED = re.compile(r"^(?:\w ){2,}\w$")
# A letter-spaced heading as text layers give it: most tokens one letter, a few two ("SS" kerned
# together), gaps of uneven width around wide or accented glyphs ("C O M P  É T E N C E S").
_MIN_SPACED_LETTERS = 4
_SPACED_SHARE = 0.75


@dataclass(frozen=True)
class Line:
    """One non-empty, stripped CV line and the section it appears under.

    ``section``: "top" before the first heading, else a key of data/headings.json
    ("summary", "experience", "education", "skills", "languages", "contact", "other").
    ``heading``: the text of the heading that opened the section ("" under "top").
    """

    text: str
    section: str
    heading: str = ""


def fold(text: str) -> str:
    """Lower-case ``text`` without accents and with single spaces ("Expérience  Pro" -> "experience pro")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=1)
def _headings() -> dict[str, str]:
    raw = json.loads(_DATA_PATH.read_text(encoding="utf-8"))
    return {fold(h): section for section, heads in raw.items() if not section.startswith("_") for h in heads}


@lru_cache(maxsize=1)
def _compact_headings() -> dict[str, str]:
    """Headings with every space removed ("experienciaprofissional"): a letter-spaced line loses its
    word gaps when the text layer spaces letters unevenly, so it is matched without them."""
    compact: dict[str, str] = {}
    for heading, section in _headings().items():
        compact.setdefault(heading.replace(" ", ""), section)
    return compact


def _letters(token: str) -> str:
    return "".join(c for c in fold(token) if c.isalpha())


def _spaced_key(line: str) -> str | None:
    """The folded letters of a letter-spaced line with its gaps removed ("E X P E R I Ê N C I A  P R O F I SS
    I O N A L" -> "experienciaprofissional"), else None. Accents given as separate marks are dropped."""
    tokens = [t for t in (_letters(tok) for tok in unicodedata.normalize("NFC", line).split()) if t]
    if len(tokens) < _MIN_SPACED_LETTERS or any(len(t) > 2 for t in tokens):
        return None
    if sum(len(t) == 1 for t in tokens) < _SPACED_SHARE * len(tokens):
        return None
    return "".join(tokens)


def _unspace(line: str) -> str:
    # "W O R K   E X P E R I E N C E": words are separated by 2+ spaces, letters by one.
    words = re.split(r"\s{2,}", line.strip())
    if all(_LETTER_SPACED.match(w) for w in words):
        return " ".join(w.replace(" ", "") for w in words)
    if _LETTER_SPACED.match(line.strip()):  # one spaced word: "E X P E R I E N C E"
        return line.replace(" ", "")
    return line


def _normal(line: str) -> str:
    text = _PLURAL.sub("", _unspace(line))
    return fold(_EDGE.sub("", text))


def heading_section(line: str) -> str | None:
    """The section a heading line opens ("skills", ...), or None if it is no heading."""
    if len(line) > 2 * _MAX_HEADING_CHARS:  # letter-spaced headings are twice as long
        return None
    key = _normal(line)
    if not key or len(key) > _MAX_HEADING_CHARS:
        return None
    headings = _headings()
    if key in headings:
        return headings[key]
    parts = [p for p in _JOINERS.split(key) if p]
    if len(parts) > 1 and all(p in headings for p in parts):
        return headings[parts[0]]
    return _compact_headings().get(_spaced_key(_EDGE.sub("", line)) or "")


_LABEL_CELL = re.compile(r"^(\S.{1," + str(_MAX_HEADING_CHARS) + r"}?)(?:\s{2,}|\t)(\S.*)$")


def _label_cell(line: str) -> tuple[str, str, str] | None:
    """(section, label, rest) when ``line`` starts with a heading in a label column of a table
    layout, set off by two or more spaces or a tab ("Habilidades   Triaje, Curas de heridas")."""
    match = _LABEL_CELL.match(line)
    if match and (section := heading_section(match.group(1))):
        return section, match.group(1), match.group(2)
    return None


def label_lines(text: str) -> list[Line]:
    """Every non-empty line with the section it appears under; heading lines are dropped, and a
    heading in a table's label column opens its section for the rest of its line."""
    current, heading = "top", ""
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        section = heading_section(stripped)
        if section:
            current, heading = section, stripped
            continue
        if cell := _label_cell(stripped):
            current, heading, stripped = cell
        lines.append(Line(stripped, current, heading))
    return lines


def is_heading(line: str) -> bool:
    """True when ``line`` is a section heading in one of the supported languages."""
    return heading_section(line) is not None
