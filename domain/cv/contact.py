"""Identity and contact fields from the top of a CV: name, e-mail, phone, location, title."""
from __future__ import annotations

import re

from domain.cv.sections import Line, is_heading

EMAIL_RE = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_PHONE_RE = re.compile(r"(?<![\w/.])(?:\+|00|\(|0)[\d\s().\-/]{6,}\d(?![\w/])")
_PHONE_LABEL_RE = re.compile(
    r"(?:phone|tel|tél|téléphone|telefon|mobile?|mobil|handy|portable|cell)\.?\s*:?\s*(?P<num>\+?[\d\s().\-/]{7,}\d)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"https?://|www\.|linkedin|github\.com", re.IGNORECASE)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?"
_NAME_RE = re.compile(rf"^(?:{_NAME_WORD}|[A-Z]\.)(?:\s+(?:(?:van|von|de|der|den|da|di|du|le|la|del|zu)\s+)?"
                      rf"(?:{_NAME_WORD}|[A-ZÀ-ÖØ-Þ]{{2,}})){{1,3}}$")
_NAME_LABEL_RE = re.compile(r"^(?:name|nom|vorname und name|nom et prénom)\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"^(?:curriculum vitae|lebenslauf|resume|résumé|cv|bewerbung|candidature)$", re.IGNORECASE)
_LOCATION_LABEL_RE = re.compile(
    r"^(?:address|adresse|anschrift|location|wohnort|ort|ville|city|based in|lieu)\s*:\s*(?P<v>.+)$", re.IGNORECASE
)
_POSTCODE_CITY_RE = re.compile(r"\b\d{4,5}\s+[A-ZÀ-ÖØ-Þ][\w\-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w\-]+)?")
_SPLIT_RE = re.compile(r"\s*[|•·]\s*|\s{3,}")
_CITIES = {
    c.lower() for c in (
        "Berlin Hamburg München Munich Köln Cologne Frankfurt Stuttgart Düsseldorf Dortmund Essen Leipzig Bremen "
        "Dresden Hannover Nürnberg Nuremberg Bonn Mannheim Karlsruhe Heidelberg Freiburg Münster Augsburg Wien "
        "Vienna Graz Linz Salzburg Zürich Zurich Basel Bern Genf Geneva Genève Lausanne Paris Lyon Marseille "
        "Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille Rennes Grenoble Luxembourg Bruxelles Brussels "
        "Antwerp Amsterdam Rotterdam Utrecht Eindhoven London Manchester Birmingham Edinburgh Glasgow Bristol Leeds "
        "Dublin Cork Madrid Barcelona Valencia Lisbon Lisboa Porto Milan Milano Rome Roma Turin Torino Warsaw "
        "Krakow Kraków Prague Praha Budapest Copenhagen Stockholm Oslo Helsinki Athens Istanbul Bucharest Sofia "
        "Belgrade Zagreb Ljubljana Tallinn Riga Vilnius Kyiv Kiev Montreal Montréal Toronto Vancouver Ottawa "
        "Boston Chicago Seattle Austin Denver Atlanta Miami Dallas Houston Sydney Melbourne Auckland Singapore "
        "Dubai Bangalore Bengaluru Mumbai Delhi Chennai Hyderabad Pune Tokyo Seoul Beijing Shanghai Remote"
    ).split()
} | {"new york", "san francisco", "los angeles", "washington", "tel aviv", "hong kong", "cape town"}
_CITY_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _CITIES), key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def extract_email(text: str) -> str | None:
    match = EMAIL_RE.search(text)
    return match.group(0).rstrip(".") if match else None


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


_DATEISH_RE = re.compile(r"\b(?:0?[1-9]|1[0-2])[/.](?:19|20)\d\d\b|(?:19|20)\d\d\s*[-–/]\s*\d")


def _looks_like_phone(candidate: str) -> bool:
    # Month/year dates and year ranges ("09/2014 - 02/2018") are digit runs too.
    return 8 <= _digits(candidate) <= 15 and not _DATEISH_RE.search(candidate)


def extract_phone(text: str) -> str | None:
    """A phone number, preferring labelled ones ("Tel.: …"); as written, whitespace-normalised."""
    candidates = [m.group("num") for m in _PHONE_LABEL_RE.finditer(text)]
    candidates += [m.group(0) for m in _PHONE_RE.finditer(text)]
    for candidate in candidates:
        candidate = " ".join(candidate.split()).strip(" -./")
        if _looks_like_phone(candidate):
            return candidate
    return None


def _is_contactish(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or _URL_RE.search(text) or _digits(text) >= 6)


def extract_name(lines: list[Line], email: str | None, *, large_lines=()) -> str | None:
    """The first name-shaped line near the top, a "Name:" label, or a guess from the e-mail."""
    for line in lines[:40]:
        label = _NAME_LABEL_RE.match(line.text)
        if label:
            return label.group("v").strip()
    for line in lines[:12]:
        for part in _SPLIT_RE.split(line.text):
            part = part.strip()
            if _NAME_RE.match(part) and not _NOT_A_NAME.match(part) and not is_heading(part) and not _CITY_RE.search(part):
                return part
    if email:
        local = re.split(r"[._-]", email.split("@")[0])
        words = [w for w in local if w.isalpha() and len(w) > 1]
        if len(words) >= 2:
            return " ".join(w.capitalize() for w in words[:3])
    return None


def extract_location(lines: list[Line]) -> str | None:
    """A labelled address, a line with a known city, or "12345 City" near the top."""
    for line in lines[:60]:
        label = _LOCATION_LABEL_RE.match(line.text)
        if label:
            return label.group("v").strip()
    for line in lines[:25]:
        for part in _SPLIT_RE.split(line.text):
            if len(part) <= 50 and not EMAIL_RE.search(part) and (_CITY_RE.search(part) or _POSTCODE_CITY_RE.search(part)):
                if len(part.split()) <= 6:
                    return part.strip(" ,")
    return None


def extract_title(lines: list[Line], name: str | None) -> str | None:
    """The headline right under the name, else a "Title:" label; None if unclear."""
    for index, line in enumerate(lines[:12]):
        if name and name in line.text:
            rest = line.text.replace(name, "").strip(" |,–-·•")
            if rest and not _is_contactish(rest) and len(rest) <= 80:
                return rest
            for follower in lines[index + 1:index + 3]:
                text = follower.text.strip()
                if text and not _is_contactish(text) and not _CITY_RE.fullmatch(text) and len(text) <= 80 and not is_heading(text):
                    return text
            break
    return None
