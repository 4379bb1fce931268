"""The candidate's location ("City" or "City, Country/Region" as the CV writes it).

Where: a labelled address ("Address:", "Wohnort:", "Dirección:", ...) first, then the
header/contact block (lines before the first section heading, or under a contact heading),
then, carefully, any other line. What: a city from the GeoNames gazetteer
(``domain.cv.gazetteer``) in a comma-separated segment, optionally with a postcode, a street
before it and a region or country after it. Words that are also ordinary words ("Nice",
"Reading", "Mobile") count only with a postcode, a region/country or a label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.cv.gazetteer import cities_named, country_code, fold, region_country
from domain.cv.roles import has_role_word
from domain.cv.sections import Line, is_heading

_LABEL_RE = re.compile(
    r"^(?:address|home address|location|residence|city|based in|lives in|living in|adresse|anschrift|wohnort|ort|wohnhaft in|"
    r"ville|lieu|domicile|dirección|direccion|domicilio|ciudad|residencia|localidad|morada|endereço|endereco|"
    r"cidade|residência|indirizzo|residenza|città|domicilio|località|localita|adres|woonplaats)\s*[:：]\s*(?P<v>.+)$",
    re.IGNORECASE,
)
# Icon-font glyphs (private use area) and symbol pictographs separate items like bullets do.
_SEGMENT_SPLIT_RE = re.compile(
    r"\s*[|•·▪◦●⋅✉☎📍\ue000-\uf8ff\u2300-\u23ff\u2600-\u27bf\U0001f300-\U0001faff]\s*|\s{3,}|\t")
_POSTCODE_RE = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}(?:-\d{3,4})?\s+|\s+\d{4,5}(?:-\d{3,4})?$")
_COMPONENT_SPLIT_RE = re.compile(r"\s*,\s*|\s+[-–—]\s+|\s*/\s*")
_UK_POSTCODE_RE = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$")
_PREFIX_RE = re.compile(r"^(?:greater|based in|located in|living in|wohnhaft in|résidant à|residente en|residente em|"
                        r"residente a|woonachtig in|wohnort|standort|località|localita|residência|residencia|"
                        r"domicilio|woonplaats|location)\s+", re.IGNORECASE)
# "Bay Area", and a Paris/Lyon/Marseille arrondissement ("Paris 15e", "Lyon 3ème").
_SUFFIX_RE = re.compile(r"\s+(?:area|metropolitan area|metro area|region|bay area|\d{1,2}(?:e|er|ème|eme))$",
                        re.IGNORECASE)
# Cities that are also ordinary words, label words or surnames: never taken alone.
_COMMON_WORDS = {
    "nice", "reading", "mobile", "bath", "split", "sale", "of", "best", "normal", "orange", "independence",
    "liberty", "hope", "marks", "union", "energy", "media", "commerce", "industry", "enterprise", "florence",
    "victoria", "phone", "email", "address", "home", "university", "college", "mission", "progress", "lead",
    "ede", "born", "essen", "bergen", "zug", "baden", "as", "la", "ma", "mons", "rust", "java", "swift",
    "kotlin", "salt", "san", "santa", "e", "de", "da", "post", "gap", "deal", "street", "summary", "profile",
    # Skills and tools that GeoNames also knows as towns.
    "cypress", "dax", "eagle", "erlang", "julia", "mocha", "perl", "rest", "spring", "vite", "yoga", "male",
    "mongo", "pandas",
    # Labels of a contact table, whose value column may come out on lines of its own ("Name" is Namur's alias).
    "name", "nom", "nombre", "nome", "naam", "adresse", "anschrift", "telefon", "telephone", "mail", "e-mail",
    "contact", "kontakt", "contacto", "contato", "contatto", "nationality", "nationalität", "nationalité",
    "nacionalidad", "nacionalidade", "nazionalità", "geburtsdatum", "birthday", "wohnort", "ort", "city",
}
_NOT_PLACE_RE = re.compile(
    r"@|https?:|www\.|\b(?:universit\w*|hochschule|école|ecole|school|college|institut\w*|gmbh|inc|ltd|llc|"
    r"ag|s\.?a\.?s?|s\.?l\.?|s\.?p\.?a\.?|b\.?v\.?|plc|corp\w*|bank|hospital|klinik\w*)\b|"
    r"(?:19|20)\d\d\s*[-–—/]|\b(?:present|heute|aujourd|actual|atual|oggi)",
    re.IGNORECASE,
)


_TOWN = r"[A-ZÀ-Þ][^\W\d_]+(?:[ -](?:[a-zß-ÿ]{1,3}|[A-ZÀ-Þ][^\W\d_]+)){0,3}"
_POSTCODE_TOWN_RE = re.compile(rf"(?:[A-Z]{{1,2}}-)?(\d{{4,5}}(?:-\d{{3}})?)\s+({_TOWN})")
_STREET_WORD_RE = re.compile(
    r"\b(?:st|street|rd|road|ave|avenue|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|sq|square|"
    r"hwy|pkwy|suite|apt|rue|chemin|allée|via|viale|piazza|calle|avenida|avda|rua|travessa|straat|laan|"
    r"weg|plein|gasse|platz|allee|ring|damm|ufer)\b\.?|stra(?:ß|ss)e|str\.",
    re.IGNORECASE,
)
# A street and its house number before a comma, dash or postcode ("Marktgasse 3, 3012 Bern", "Rua X 12 – 4000-123").
_HOUSE_NUMBER_RE = re.compile(r"[^\W\d_]{3,}\.?\s+\d{1,4}[a-zA-Z]?(?:\s*[,–—-]|\s+\d{4,5}\b)")
_YEAR_RE = re.compile(r"(?:19[5-9]|20[0-4])\d")
_BRACKETS_RE = re.compile(r"\s*\(([^()]*)\)")
_CONTACT_DATUM_RE = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\S*linkedin\.com\S*|\+?\(?\d[\d ()./-]{6,}\d")
_STREET_TAIL_RE = re.compile(r"^(.*\d)\s+([^\d,]+)$")
_YEAR_RANGE_RE = re.compile(r"(?:19|20)\d\d\s*[-–—/]|\b(?:since|seit|depuis|desde|dal)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    text: str  # as written: "Bend, OR", "Tübingen", "Köln"
    country: str | None  # ISO 3166-1 alpha-2 when known


def _city_in(component: str, *, strict: bool = True) -> tuple[str, str | None, bool] | None:
    """(city as written, country code, had postcode) if ``component`` is a city."""
    postcode = _POSTCODE_RE.search(component)
    if postcode and strict and re.fullmatch(r"(?:19[5-9]|20[0-4])\d", postcode.group(0).strip()):
        return None  # "2019 Present", "2021 Berlin": a year, not a postcode
    had_postcode = bool(postcode or _UK_POSTCODE_RE.search(component))
    words = _UK_POSTCODE_RE.sub("", _POSTCODE_RE.sub("", component)).strip(" .;")
    street = _STREET_TAIL_RE.match(words)
    if street and not re.search(r"\b(?:19|20)\d\d$", street.group(1)):
        # "Neckarhalde 12 72070 Tübingen": street, number and postcode without commas.
        words, had_postcode = street.group(2), True
    words = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", words))
    if not words or not words[0].isupper() or len(words.split()) > 4 or any(ch.isdigit() for ch in words):
        return None
    cities = cities_named(words)
    if not cities or (country_code(words) and fold(cities[0].name) != fold(words)):
        return None  # "Nederland" is a country, though some town has it as an alternate name
    return words, cities[0].country, had_postcode


def _tail(components: list[str]) -> tuple[list[str], str | None]:
    """The region/country components right after a city, and the country they name."""
    taken, country = [], None
    for written in components:
        component = re.sub(r"\s+\d{4,5}(?:-\d{4})?$", "", written)  # "CA 94105"
        code = country_code(component) if not re.fullmatch(r"[A-Z]{2}", component) or component in ("UK", "US") \
            else None
        region = None if code else region_country(component)
        if code is None and region is None:
            break
        taken.append(component)
        country = code or region or country
    return taken, country


def _city_after(city: str, following: list[str], had_postcode: bool) -> bool:
    """True if the component after ``city`` is the city that contains it ("district, city"): a
    city too, with the postcode, or larger when neither has one ("Douglas, Cork", "Gràcia, Barcelona";
    not "Salvador, Bahia")."""
    found = _city_in(following[0]) if following else None
    if not found or country_code(found[0]) or found[0].casefold() in _COMMON_WORDS or had_postcode:
        return False
    return found[2] or cities_named(found[0])[0].population > cities_named(city)[0].population


def _district(component: str) -> bool:
    """True if ``component`` may be a district too small for the gazetteer ("Leith" in "Leith, Edinburgh")."""
    words = component.split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words) and not any(
        ch.isdigit() for ch in component) and not has_role_word(component) and not _NOT_PLACE_RE.search(component)


def is_address(text: str) -> bool:
    """True if ``text`` is a street with a house number or a postcode with a town ("Hauptstr. 5", "8020 Graz")."""
    return bool((_STREET_WORD_RE.search(text) and re.search(r"\d", text)) or _POSTCODE_TOWN_RE.search(text)
                or _UK_POSTCODE_RE.search(text))


def place_in(segment: str, *, labelled: bool = False) -> Place | None:
    """A Place from one header segment ("Hauptstraße 5, 50667 Köln", "Bend, OR"), else None."""
    if not labelled and _NOT_PLACE_RE.search(segment):
        return None
    components = [c for c in _COMPONENT_SPLIT_RE.split(segment.strip()) if c]
    district = None
    for index, component in enumerate(components):
        found = _city_in(component, strict=True)
        if not found or (len(components) > 1 and country_code(found[0])):
            continue  # "Nederland, Utrecht": the country is not the city
        city, country, had_postcode = found
        before = [b for b in components[:index] if b != district]
        if len(before) == 1 and index == 1 and (had_postcode or not cities_named(before[0])) and _district(before[0]):
            before = []
        # Only a street (with a house number) or a country may stand before the city, unless labelled.
        if before and not labelled and not all(any(ch.isdigit() for ch in b) or country_code(b) for b in before):
            continue
        tail, tail_country = _tail(components[index + 1:])
        if city.casefold() in _COMMON_WORDS and not (tail or had_postcode or labelled):
            continue
        if not tail and _city_after(city, components[index + 1:index + 2], had_postcode):
            district = component  # "Clifton, Bristol BS8 1TH", "Douglas, Cork": a district, then its city
            continue
        return Place(", ".join([city, *tail]), tail_country or country)
    return _town_outside_gazetteer(components, labelled)


def _town_outside_gazetteer(components: list[str], labelled: bool) -> Place | None:
    """A town too small for the gazetteer, vouched for by a postcode or a country after it."""
    for index, component in enumerate(components):
        if components[:index] and not labelled and not all(any(ch.isdigit() for ch in b) for b in components[:index]):
            return None
        postcode = _POSTCODE_TOWN_RE.fullmatch(component)
        town = postcode.group(2) if postcode and not _YEAR_RE.fullmatch(postcode.group(1)) else None
        tail, country = _tail(components[index + 1:])
        if town is None and tail and country and re.fullmatch(_TOWN, component):
            town = component  # "Ammerbuch, Deutschland"
        if town and re.search(r"[a-zß-ÿ][A-ZÀ-Þ]", town):
            town = None  # glued words ("PerugiaItalia"): left to the unglued retry
        if town and _STREET_WORD_RE.search(town):
            town = None  # "1120 NW Wall St": a house number and a street
        if town and not (has_role_word(town) or is_heading(town) or town.casefold() in _COMMON_WORDS):
            return Place(", ".join([town, *tail]), country)
    return None


def _unglued(segment: str) -> str:
    """Words that lost their space in the text layer ("06123 PerugiaItalia") set apart by commas."""
    return re.sub(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ][a-zß-ÿ])", ", ", segment)


def _segments(line: Line) -> list[str]:
    # Contact data ends a segment even with one space around it ("Göttingen, Deutschland k.x@example.de");
    # template bullets and dashes before a segment ("– Córdoba – España") are decoration.
    text = _BRACKETS_RE.sub(r", \1", _CONTACT_DATUM_RE.sub(" | ", line.text))  # "Sevilla (España)"
    # Icon-font glyphs and symbols before an item ("⌂ Gent", "📍 Lyon") are no part of it.
    segments = (re.sub(r"^[\W_]+", "", s).strip(" –—-•·*>") for s in _SEGMENT_SPLIT_RE.split(text))
    return [segment for segment in segments if segment]


def _labelled(lines: list[Line]) -> Place | None:
    for line in lines[:80]:
        match = _LABEL_RE.match(line.text)
        if not match:
            continue
        value = match.group("v").strip()
        for segment in _SEGMENT_SPLIT_RE.split(value):
            place = place_in(segment, labelled=True)
            if place:
                return place
        return Place(value.split("|")[0].strip(" ,"), None)
    return None


def _is_name(segment: str, name_words: set[str]) -> bool:
    return bool(name_words) and set(fold(segment).split()) <= name_words


def _candidates(lines: list[Line], name_words: set[str]) -> list[str]:
    """Segments of ``lines`` in order; a segment whose next line is a country is tried joined first
    (moderncv and Word templates set "Aberdeen" and "United Kingdom" on lines of their own)."""
    segments: list[str] = []
    for line, following in zip(lines, [*lines[1:], None]):
        own = [s for s in _segments(line) if not _is_name(s, name_words)]
        after = _segments(following)[:1] if following else []
        if own and after and country_code(after[0]):
            segments.append(f"{own[-1]}, {after[0]}")
        for segment in own:
            segments += [segment, _unglued(segment)]
    return segments


def _has_postcode(segment: str) -> bool:
    return bool(_POSTCODE_RE.search(segment) or _UK_POSTCODE_RE.search(segment) or _POSTCODE_TOWN_RE.search(segment))


def _city(place: Place) -> str:
    return fold(place.text.split(",")[0])


def _header_place(segments: list[str]) -> Place | None:
    """The first place of the header segments; but when the next few segments (a line or two) hold
    another city with a postcode and the first has none, that one ("Clifton" above "Bristol BS8 1TH")."""
    for index, segment in enumerate(segments):
        place = place_in(segment)
        if place is None:
            continue
        if _has_postcode(segment):
            return place
        for later in segments[index + 1:index + 5]:
            other = place_in(later)
            if other and _city(other) != _city(place) and _has_postcode(later):
                return other
        return place
    return None


def find_place(lines: list[Line], name: str | None = None) -> Place | None:
    """Where the candidate lives, as written in the CV; None if no place is found.

    ``lines``: ``sections.label_lines`` output; ``name``: the candidate's, never taken for a
    place ("CARMEN" is also a town). A label first; then header and contact lines in order
    (a gazetteer city, or a town vouched for by a postcode or a country); elsewhere only a
    segment that is wholly a place with a region, country or postcode counts, and never a
    line with a date range, an employer or a school.
    """
    place = _labelled(lines)
    if place:
        return place
    name_words = set(fold(name).split()) if name else set()
    header = _candidates([line for line in lines[:40] if line.section in ("top", "contact")], name_words)
    place = _header_place(header)
    if place:
        return place
    body = [line for line in lines
            if line.section not in ("experience", "education") and not _YEAR_RANGE_RE.search(line.text)]
    for segment in _candidates(body, name_words):
        place = place_in(segment)
        if place and ("," in place.text or _POSTCODE_RE.search(segment)):
            return place
    # A full street address on page one is the candidate's, whatever section the text order put it in
    # (a label column read before its values lands them after the first heading).
    for line in lines[:40]:
        for segment in _segments(line):
            place = place_in(segment) if _HOUSE_NUMBER_RE.search(segment) and _has_postcode(segment) else None
            if place:
                return place
    return None


def extract_location(lines: list[Line]) -> str | None:
    """The location text of :func:`find_place`, or None."""
    place = find_place(lines)
    return place.text if place else None
