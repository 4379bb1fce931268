"""Which words of a message name a place: "in London", "à Lyon", "en San Sebastián", "Frankfurt am Main".

A place is a run of one to four words that the GeoNames gazetteer the CV reader and the job
search use (``domain.cv.gazetteer``, ``domain.jobs.places``) knows as a city, country, region
or area — so "in marketing" is no place and "Frankfurt am Main" stays one. Lower-case names
of small towns are not taken ("trabajo en ventas": Ventas, Spain, has 50,000 people), nor
words the intent lexicon already knows ("nur", "solo", "para" are towns too).
"""
from __future__ import annotations

import functools

from domain.cv.gazetteer import cities_named, country_code, fold, region_country
from domain.jobs.places import resolve_place

MAX_WORDS = 4
BIG_CITY = 100_000  # people; a lower-case name that small is more likely a word than a town
WELL_KNOWN = 500_000  # people; a city this big is known by its other names too ("München" for Munich)
# Fields of work written like country codes: "jobs in IT" is not Italy, "in HR" not Croatia.
FIELD_ACRONYMS = frozenset(["IT", "HR", "QA", "UX", "UI", "PR", "AI", "ML", "BI"])


@functools.lru_cache(maxsize=4096)
def is_place(typed: str, *, strict: bool = False) -> bool:
    """True when ``typed`` as a whole names a city, country, region or area.

    ``strict`` (no "in"/"à"/"en" before it): a city by its own name, or by another (GeoNames'
    alternate names) only when it has WELL_KNOWN people: "München" is Munich, "Google" is no Topeka.
    """
    words = typed.split()
    if not words or len(words) > MAX_WORDS or typed.upper() in FIELD_ACRONYMS:
        return False
    capitalised = typed[:1].isupper()
    cities = cities_named(typed)
    if strict:
        cities = tuple(c for c in cities if fold(c.name) == fold(typed) or c.population >= WELL_KNOWN)
    if cities:
        return capitalised or max(c.population for c in cities) >= BIG_CITY
    if country_code(typed):
        return True
    if len(typed) > 3 and region_country(typed) is not None:
        return True
    if not capitalised or len(words) > 2:  # areas are named in one or two words: "Europe", "Latin America"
        return False
    place = resolve_place(typed)
    return bool(place and place.countries and not place.city and not place.remote)


def place_at(reading, start: int, blocked: set[int], *, strict: bool = False) -> int | None:
    """The end (token index) of the longest place starting at token ``start``, else None.

    ``blocked``: token indices that belong to lexicon phrases and so cannot be a place alone;
    ``strict``: see ``is_place``.
    """
    tokens = reading.tokens
    for end in range(min(len(tokens), start + MAX_WORDS), start, -1):
        if not all(t.is_word for t in tokens[start:end]):
            continue
        # Lexicon words alone are no place ("Hola" is a town in Kenya); a capitalised one may open or end
        # a name ("La Coruña", "New York City"), a lower-case one may not ("IT in" would be Italy).
        if all(i in blocked for i in range(start, end)) \
                or any(i in blocked and not tokens[i].text[:1].isupper() for i in (start, end - 1)):
            continue
        if is_place(reading.span(start, end), strict=strict):
            return end
    return None
