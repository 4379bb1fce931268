"""Where a job is, and where a person searches: a city, region and country with coordinates.

Boards write places every way: "München", "10115 Berlin", "Berlin, Germany", "London Area,
United Kingdom", "Remote - USA", "USA Only", "Europe", "Worldwide". ``resolve_place`` turns
any of them into a ``Place`` through the GeoNames gazetteer the CV reader uses
(``domain.cv.gazetteer``), so that "Köln" on one board and "Cologne, DE" on another are the
same city 0 km apart, and ``remote_countries`` reads which countries a remote job is open to.
Distances are great-circle distances (haversine, mean Earth radius 6,371.0088 km, IUGG).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from babel.numbers import get_territory_currencies

from domain.cv.gazetteer import (
    City,
    cities_named,
    countries_by_continent,
    country_code,
    country_name,
    fold,
    region_country,
    us_state,
)

EARTH_RADIUS_KM = 6371.0088
MAX_PLACE_CHARS = 200
NEAR_KM = 50.0  # a commute: "in or near Paris" takes Versailles (17 km), not Orléans (111 km)

REMOTE_WORDS = frozenset(
    "remote remotely anywhere worldwide global globally home office homeoffice telearbeit teletravail "
    "télétravail teletrabajo remoto remota telelavoro thuiswerk".split()
) | {"work from home", "fully remote", "100% remote", "remote first", "remote-first", "mobiles arbeiten",
     "à distance", "a distancia", "en remoto"}
_WORLDWIDE = frozenset({"anywhere", "worldwide", "global", "globally", "world", "international", "any location",
                        "everywhere", "all countries", "remote", "fully remote", "100% remote"})
# Areas that remote postings name instead of countries (Remotive's candidate_required_location,
# Jobicy's jobGeo, Remote OK's location); GeoNames continents where they fit.
_MIDDLE_EAST = frozenset("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE".split())
_LATAM_NORTH = frozenset("MX GT BZ SV HN NI CR PA CU DO HT JM PR".split())


@functools.lru_cache(maxsize=1)
def _areas() -> dict[str, frozenset[str]]:
    continents = countries_by_continent()
    europe, americas = continents["EU"], continents["NA"] | continents["SA"]
    eu = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
    areas = {
        "europe": europe, "european union": eu, "eu": eu, "eea": eu | {"IS", "LI", "NO"},
        "emea": europe | continents["AF"] | _MIDDLE_EAST, "middle east": _MIDDLE_EAST, "africa": continents["AF"],
        "north america": frozenset({"US", "CA", "MX"}), "americas": americas,
        "latam": continents["SA"] | _LATAM_NORTH, "latin america": continents["SA"] | _LATAM_NORTH,
        "south america": continents["SA"], "asia": continents["AS"], "apac": continents["AS"] | continents["OC"],
        "asia pacific": continents["AS"] | continents["OC"], "oceania": continents["OC"],
        "europa": europe, "dach": frozenset({"DE", "AT", "CH"}), "benelux": frozenset({"BE", "NL", "LU"}),
        "nordics": frozenset({"DK", "FI", "IS", "NO", "SE"}), "scandinavia": frozenset({"DK", "NO", "SE"}),
        "cet": europe, "cest": europe, "est": frozenset({"US", "CA"}), "pst": frozenset({"US", "CA"}),
    }
    return areas


@dataclass(frozen=True)
class Place:
    """A resolved place. ``city`` is GeoNames' name ("Munich"); ``country`` is ISO alpha-2;
    coordinates are WGS 84 degrees (None for a country or area alone); ``remote`` is True when
    the text says the work is remote; ``countries`` are the countries an area or a remote job
    names (empty: anywhere, or not said)."""

    city: str | None = None
    region: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    remote: bool = False
    countries: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """How to name it in a message: the city, else the region, else the country."""
        return self.city or self.region or self.country or ("remote" if self.remote else "")

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


_CHUNKS = re.compile(r"\s*(?:[,;|/()\[\]•·]|\s[-–—]\s|\bor\b|\band\b|\bund\b|\bou\b|\bo\b)\s*", re.IGNORECASE)
_POSTCODE = re.compile(r"\b(?:\d{4,5}|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b")
_NOISE = re.compile(r"\b(?:only|area|greater|metropolitan|metro|region|city of|stadt|ville de|based|"
                    r"hybrid|on-?site|in|near|bei|office|timezones?|time zones?|[+-]/?\s*\d+\s*h(?:ours)?)\b",
                    re.IGNORECASE)


def resolve_place(text: str | None) -> Place | None:
    """The place a location string names, or None when it names nothing the gazetteer knows.

    "München" -> Munich, DE, 48.14/11.58; "Remote - USA" -> remote, countries ("US",);
    "Europe" -> countries of GeoNames' continent EU; "Worldwide" -> remote, no countries.
    A city is chosen in the country the text names when it names one ("Paris, Texas"), else
    the most populous city of that name.
    """
    # A place is short: the cap keeps the regexes below and the cache from holding a board's megabytes.
    return _resolve(" ".join((text or "")[:400].split())[:MAX_PLACE_CHARS])


@functools.lru_cache(maxsize=4096)
def _resolve(raw: str) -> Place | None:
    if not raw:
        return None
    folded = fold(raw)
    remote = any(_has_word(folded, word) for word in REMOTE_WORDS)
    chunks = [c for c in (_clean_chunk(part) for part in _CHUNKS.split(raw)) if c]
    countries: list[str] = []
    region = None
    candidates: list[tuple[City, ...]] = []
    codes: list[str] = []  # two capitals that are both an ISO country and maybe a US state ("DE", "CA")
    for chunk in chunks:
        key = fold(chunk)
        if key in _WORLDWIDE or key in REMOTE_WORDS:
            continue
        if key in _areas():
            countries.extend(sorted(_areas()[key] - set(countries)))
            continue
        code = country_code(chunk)
        if code:
            countries.append(code)
            continue
        if chunk.isupper() and len(chunk) == 2 and country_name(chunk):
            # "Frankfurt, DE" is Germany, "Dover, DE" Delaware: the city decides, after the loop.
            codes.append(chunk)
            continue
        state = us_state(chunk) if len(chunk) > 3 else None
        region_of = region_country(chunk)
        found = cities_named(chunk) or _district_city(chunk)
        if found:
            candidates.append(found)
        elif state:
            region, countries = chunk, [*countries, "US"]
        elif region_of is not None:
            region = chunk
            if region_of:
                countries.append(region_of)
    for code in codes:
        state = us_state(code)
        in_country = any(c.country == code for found in candidates for c in found)
        in_us = any(c.country == "US" for found in candidates for c in found)
        if state and in_us and not in_country:
            region, countries = region or code, [*countries, "US"]
        else:
            countries.append(code)
    city = _choose_city(candidates, countries)
    if city is not None:
        return Place(city=city.name, region=region, country=city.country, latitude=city.latitude,
                     longitude=city.longitude, remote=remote, countries=tuple(dict.fromkeys(countries)))
    if not countries and not region and not remote:
        return None
    single = countries[0] if len(set(countries)) == 1 else None
    return Place(region=region, country=single, remote=remote, countries=tuple(dict.fromkeys(countries)))


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places with coordinates (haversine), else None."""
    if not (a.has_point and b.has_point):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def is_local(job: Place | None, wanted: Place) -> bool:
    """True when ``job`` is in or near (``NEAR_KM``) the wanted city, or in the wanted country
    when the search named a country or region only. A remote job is never local."""
    if job is None or job.remote and not job.has_point:
        return False
    if wanted.has_point:
        distance = distance_km(job, wanted)
        if distance is not None:
            return distance <= NEAR_KM
        return bool(job.city and wanted.city and job.city == wanted.city)
    wanted_countries = set(wanted.countries) | ({wanted.country} if wanted.country else set())
    return bool(job.country and job.country in wanted_countries)


def open_to(job: Place | None, country: str | None) -> bool:
    """True when a remote job takes people from ``country`` (or from anywhere)."""
    if job is None or not job.remote:
        return False
    allowed = set(job.countries) | ({job.country} if job.country and not job.countries else set())
    return not allowed or country is None or country in allowed


def _has_word(folded: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", folded) is not None


def _clean_chunk(chunk: str) -> str:
    chunk = _POSTCODE.sub(" ", chunk or "")
    chunk = _NOISE.sub(" ", chunk)
    for word in sorted(REMOTE_WORDS, key=len, reverse=True):
        chunk = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", chunk, flags=re.IGNORECASE)
    return " ".join(chunk.split()).strip(" .:-–—")


def _district_city(chunk: str) -> tuple[City, ...]:
    """"Hamburg-Altona", "Berlin Mitte", "Frankfurt am Main": the city before a district or suffix."""
    for head in (chunk.split("-")[0], chunk.split(" ")[0]):
        if head and head != chunk and len(head) >= 3:
            found = cities_named(head)
            if found:
                return found
    return ()


def _choose_city(candidates: list[tuple[City, ...]], countries: list[str]) -> City | None:
    if not candidates:
        return None
    if countries:
        for found in candidates:
            for city in found:
                if city.country in countries:
                    return city
        # "Remote - Europe, London": a named city outside the area list still counts when it is first.
    # No country named: the most populous city of that name ("Hanover" is Hannover, not Hanover, PA).
    return max(candidates[0], key=lambda city: city.population)


def currency_of(country: str | None) -> str | None:
    """The currency in use in a country (ISO alpha-2 -> ISO 4217: "DE" -> "EUR"; CLDR data via Babel)."""
    if not country:
        return None
    try:
        found = get_territory_currencies(country.upper())
    except Exception:  # noqa: BLE001 (Babel raises several kinds for unknown territories)
        return None
    return found[0] if found else None


def local_currency(location: str | None) -> str | None:
    """The currency of the country a searched place is in ("Paris" -> "EUR"), else None."""
    place = resolve_place(location) if location else None
    if place is None:
        return None
    return currency_of(place.country or (place.countries[0] if len(place.countries) == 1 else None))


def city_as_typed(text: str | None, city: str | None) -> str | None:
    """The searched city in the searcher's words when they name it plainly ("München" from
    "München, Deutschland"), else GeoNames' name ("Berlin" from "Remote - Berlin")."""
    first = (text or "").split(",")[0].strip()
    found = resolve_place(first) if first else None
    return first if found is not None and found.city == city and not found.remote else city
