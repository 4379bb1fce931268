"""Text normalisation shared by deduplication and offline ranking.

Job boards spell the same thing many ways: "München" / "Munich" / "Muenchen",
"Entwickler (m/w/d)" / "Entwickler", "ACME GmbH" / "Acme". These helpers fold them to
one comparable form.
"""
from __future__ import annotations

import re
import unicodedata

# German "(m/w/d)", French "(h/f)", English "(m/f/d)", "(all genders)", "*in" / ":in".
_GENDER_TAG = re.compile(
    r"\(\s*(?:[mwdfhxi]\s*[/|]\s*){1,3}[mwdfhxi]\s*\)|\b(?:[mwdfh]\s*[/|]\s*){2}[mwdfhx]\b"
    r"|\(\s*(?:all genders|gn|alle geschlechter|tous genres)\s*\)|[*:]innen\b|[*:]in\b",
    re.IGNORECASE,
)
_LEGAL_SUFFIXES = frozenset(
    "gmbh ggmbh mbh ag se kg kgaa ug ohg gbr eg ev inc incorporated llc ltd limited plc corp corporation co "
    "company sa sas sarl sasu bv nv lp llp oy ab as spa srl".split()
)
# Boards add the working time to the same title differently ("Pflegefachkraft in Vollzeit").
_SCHEDULE = re.compile(
    r"\(?\b(?:in |en |a )?(?:vollzeit|teilzeit|voll- oder teilzeit|vollzeit oder teilzeit|full[- ]time|part[- ]time"
    r"|temps plein|temps partiel|jornada completa)\b\)?", re.IGNORECASE)
_TITLE_ABBREVIATIONS = {"sr": "senior", "jr": "junior", "snr": "senior", "mgr": "manager", "eng": "engineer"}
_UMLAUT_SPELLINGS = re.compile(r"(?<=[a-zA-Z])([aouAOU])[eE]")


def _spelt_umlauts(text: str) -> str:
    """"Soehne" and "Söhne" alike: "ö" folds to "o", so "oe" after a letter does too. Applied to
    both sides of a comparison, English words stay comparable ("blue" and "blue" agree)."""
    return _UMLAUT_SPELLINGS.sub(r"\1", text)


# Canonical city name for each spelling seen on boards, in German, French and English.
CITY_ALIASES = {
    "munich": "munich", "munchen": "munich", "muenchen": "munich", "munique": "munich",
    "cologne": "cologne", "koln": "cologne", "koeln": "cologne",
    "vienna": "vienna", "wien": "vienna", "vienne": "vienna",
    "zurich": "zurich", "zuerich": "zurich",
    "geneva": "geneva", "geneve": "geneva", "genf": "geneva",
    "nuremberg": "nuremberg", "nurnberg": "nuremberg", "nuernberg": "nuremberg",
    "frankfurt": "frankfurt", "frankfurt am main": "frankfurt",
    "new york": "new york", "nyc": "new york", "new york city": "new york",
    "the hague": "the hague", "den haag": "the hague",
    "brooklyn": "new york", "manhattan": "new york",
    "remote": "remote", "anywhere": "remote", "home office": "remote",
    "homeoffice": "remote", "teletravail": "remote", "work from home": "remote",
}
COUNTRY_ALIASES = {
    "germany": "germany", "deutschland": "germany", "allemagne": "germany", "de": "germany",
    "france": "france", "frankreich": "france", "fr": "france",
    "austria": "austria", "osterreich": "austria", "oesterreich": "austria",
    "switzerland": "switzerland", "schweiz": "switzerland", "suisse": "switzerland",
    "ch": "switzerland",
    "united kingdom": "united kingdom", "uk": "united kingdom", "england": "united kingdom",
    "great britain": "united kingdom", "grossbritannien": "united kingdom",
    "netherlands": "netherlands", "niederlande": "netherlands", "nederland": "netherlands",
    "pays-bas": "netherlands", "pays bas": "netherlands", "holland": "netherlands",
    "united states": "united states", "usa": "united states", "us": "united states",
    "etats-unis": "united states", "etats unis": "united states",
}

# Country of each city the offline postings use, so "nurse in Germany" finds München.
CITY_COUNTRY = {
    "berlin": "germany", "munich": "germany", "hamburg": "germany", "frankfurt": "germany",
    "cologne": "germany", "stuttgart": "germany", "leipzig": "germany",
    "dusseldorf": "germany", "nuremberg": "germany", "vienna": "austria",
    "zurich": "switzerland", "geneva": "switzerland", "paris": "france", "lyon": "france",
    "toulouse": "france", "bordeaux": "france", "marseille": "france",
    "london": "united kingdom", "manchester": "united kingdom",
    "amsterdam": "netherlands", "rotterdam": "netherlands", "the hague": "netherlands",
    "new york": "united states", "san francisco": "united states", "chicago": "united states",
    "boston": "united states",
}


def fold(text: str) -> str:
    """Lowercase, and strip accents and umlauts ("München" -> "munchen", "ß" -> "ss")."""
    text = (text or "").replace("ß", "ss").replace("ẞ", "ss")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squash(text: str) -> str:
    """Fold, turn punctuation into spaces and collapse whitespace."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def strip_gender_tags(title: str) -> str:
    """Drop "(m/w/d)"-style tags that boards add to the same title differently."""
    return _GENDER_TAG.sub(" ", title or "")


def normalise_title(title: str) -> str:
    """A title key: no gender tags, no working-time words ("in Vollzeit", "full-time"), "Sr." as
    "senior", no punctuation, folded case and accents, German umlauts however spelt."""
    words = squash(_spelt_umlauts(_SCHEDULE.sub(" ", strip_gender_tags(title)))).split()
    return " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)


def normalise_company(name: str) -> str:
    """A company key without legal-form suffixes ("ACME GmbH & Co. KG" -> "acme"), German umlauts
    however spelt ("Söhne" = "Soehne")."""
    words = squash(_spelt_umlauts((name or "").replace("&", " ").replace(".", ""))).split()
    while words and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def normalise_place(location: str) -> str:
    """The canonical city of a location ("München, Bayern, Deutschland" -> "munich")."""
    folded = squash((location or "").split(",")[0].replace("(", ",").split(",")[0])
    return CITY_ALIASES.get(folded, folded)


def place_parts(location: str, *, implied_countries: bool = True) -> set[str]:
    """Every canonical city and country in a location string.

    With ``implied_countries`` a known city also yields its country ("Köln" -> cologne,
    germany): right for a posting, wrong for a request ("in Munich" is not "in Germany").
    """
    parts = set()
    for chunk in re.split(r"[,()/]| - ", location or ""):
        key = squash(chunk)
        if not key:
            continue
        place = CITY_ALIASES.get(key, COUNTRY_ALIASES.get(key, key))
        parts.add(place)
        if implied_countries and place in CITY_COUNTRY:
            parts.add(CITY_COUNTRY[place])
    return parts
