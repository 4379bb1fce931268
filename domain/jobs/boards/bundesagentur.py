"""The Federal Employment Agency's job search (Bundesagentur für Arbeit, "Jobsuche"): Germany's
largest job database, keyless.

Wire format. The agency publishes no documentation; the community's description is
https://jobsuche.api.bund.dev/ (source: https://github.com/bundesAPI/jobsuche-api). That text still
names ``/pc/v4/jobs``, which has answered 404 since August 2026 (bundesAPI/jobsuche-api#69,
career-ops-hq/career-ops#2494 and #2523); the live search is ``/pc/v6/jobs``, with the same query
parameters and renamed answer fields, as recorded from the live service by public clients:

    GET {root}/jobboerse/jobsuche-service/pc/v6/jobs?was=&wo=&umkreis=&veroeffentlichtseit=&page=&size=
        X-API-Key: jobboerse-jobsuche          (the public client id the agency's own apps send)
    200 {"ergebnisliste": [{"referenznummer": "14225-d678889039fc0001-S",
                            "stellenangebotsTitel": "Informatiker (m/w/d)", "hauptberuf": "Informatiker/in",
                            "alleBerufe": ["Informatiker/in"], "firma": "Bundesinstitut für Risikobewertung (BfR)",
                            "stellenlokationen": [{"adresse": {"plz": "10589", "ort": "Berlin", "region": "BERLIN",
                                                               "land": "DEUTSCHLAND"},
                                                   "breite": 52.53, "laenge": 13.30}],
                            "datumErsteVeroeffentlichung": "2026-08-31",
                            "veroeffentlichungszeitraum": {"von": "2026-09-14"},
                            "arbeitszeitVollzeit": true, "homeofficemoeglich": true,
                            "homeofficetyp": "NACH_VEREINBARUNG", "verguetungsangabe": "JAHRESGEHALT",
                            "artDerVerguetung": "GEHALTSSPANNE", "gehaltsspanneVon": 60772.4,
                            "gehaltsspanneBis": 87110, "externeURL": "https://www.jobvector.de/job/...",
                            "entfernung": 9}],
         "maxErgebnisse": 286, "page": 1, "size": 1, "woOutput": {...}, "facetten": {...}}

``page`` starts at 1; ``size`` is at most 100 and ``page`` x ``size`` at most 10,000, else 400
(bundesAPI/jobsuche-api#12, #14, #23). A search that finds nothing has no ``ergebnisliste`` key
at all. The list carries no description (only the title and occupations) and postings from
neighbouring countries ("OESTERREICH") appear too. ``verguetungsangabe`` gives the salary's
period: JAHRESGEHALT a year, MONATSGEHALT a month, STUNDENLOHN an hour, KEINE_ANGABEN none; the
amounts are euros. The public posting page is https://www.arbeitsagentur.de/jobsuche/jobdetail/{referenznummer};
a posting taken from a partner board carries ``externeURL`` and may have no page of its own there,
so that link is used and the agency's page is offered beside it.

Terms: the agency states none for this interface (no key, no published limit, no attribution
clause); postings are credited "via Bundesagentur für Arbeit" and link to its page. Clients report
sporadic 403 answers under steady use (bundesAPI/jobsuche-api#60), so ``RATE_LIMIT`` stays at
one request every two seconds on average and answers are kept an hour.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from domain.cv.gazetteer import country_code
from domain.errors import OutOfArea, TransientError
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import amount_of, iso_date, link_of, number_of, text_of
from domain.jobs.places import NEAR_KM, city_as_typed, resolve_place
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://rest.arbeitsagentur.de"
SEARCH_PATH = "/jobboerse/jobsuche-service/pc/v6/jobs"
PUBLIC_API_KEY = "jobboerse-jobsuche"
RATE_LIMIT = (30, 60)
CACHE_SECONDS = 3600
PAGE_SIZE = 100  # the largest size the service accepts
MAX_PAGES = 3
RESULT_WINDOW = 10_000  # page x size beyond this is refused
POSTING_PAGE = "https://www.arbeitsagentur.de/jobsuche/jobdetail/"
# ``land`` as the service writes it (capitals, umlauts spelt out) -> ISO 3166-1 alpha-2.
COUNTRIES = {
    "DEUTSCHLAND": "DE", "OESTERREICH": "AT", "ÖSTERREICH": "AT", "SCHWEIZ": "CH", "LUXEMBURG": "LU",
    "NIEDERLANDE": "NL", "BELGIEN": "BE", "FRANKREICH": "FR", "POLEN": "PL", "TSCHECHIEN": "CZ",
    "DAENEMARK": "DK", "DÄNEMARK": "DK", "ITALIEN": "IT", "SPANIEN": "ES", "LIECHTENSTEIN": "LI",
}
COUNTRY_NAMES = {"AT": "Österreich", "CH": "Schweiz", "LU": "Luxemburg", "NL": "Niederlande", "BE": "Belgien",
                 "FR": "Frankreich", "PL": "Polen", "CZ": "Tschechien", "DK": "Dänemark", "IT": "Italien",
                 "ES": "Spanien", "LI": "Liechtenstein"}
PERIODS = {"JAHRESGEHALT": "year", "MONATSGEHALT": "month", "STUNDENLOHN": "hour"}
PERIOD_WORDS = {"year": "a year", "month": "a month", "hour": "an hour"}
FULLY_REMOTE = frozenset({"AUSSCHLIESSLICH", "VOLLSTAENDIG"})
PART_TIME = ("arbeitszeitTeilzeitVormittag", "arbeitszeitTeilzeitNachmittag", "arbeitszeitTeilzeitAbend",
             "arbeitszeitTeilzeitFlexibel", "istGeringfuegigeBeschaeftigung")


class BundesagenturSource(BoardSource):
    """Searches the agency's job database by words and place, in Germany only."""

    name = "bundesagentur"
    label = "Bundesagentur für Arbeit"

    def __init__(self, http: BoardHttp, *, api_key: str = PUBLIC_API_KEY, max_days_old: int | None = 30,
                 **settings):
        """``api_key``: the client id sent as X-API-Key (the public one unless the agency changes
        it); ``max_days_old``: only postings published in the last so many days, 0-100 (None:
        any age). Other settings are ignored."""
        if max_days_old is not None and not 0 <= max_days_old <= 100:
            raise ValueError("max_days_old must be between 0 and 100 days")
        super().__init__(http)
        self._headers = {"X-API-Key": api_key}
        self._max_days_old = max_days_old

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` postings (at most ``MAX_PAGES`` pages of up to ``PAGE_SIZE``).

        A place outside Germany gives [] without a request; so does an empty query (the service
        refuses it). For a remote search, postings that allow home office come first. Raises
        ``TransientError`` / ``PermanentError`` from ``BoardHttp``, and ``TransientError`` for a
        200 answer that is not a JSON object.
        """
        if num_results <= 0 or not (query or "").strip():
            return []
        where = self._where(location)
        if where is None:
            logger.info("Bundesagentur searches Germany only; %r is elsewhere, not asked", location)
            raise OutOfArea(f"The Bundesagentur für Arbeit covers Germany only, not {location}")
        place_params, remote = where
        size = min(PAGE_SIZE, num_results)
        base = {"was": query.strip(), "veroeffentlichtseit": self._max_days_old, **place_params}
        found: list[tuple[JobPosting, bool]] = []
        seen: set[str] = set()
        for page in range(1, MAX_PAGES + 1):
            if page * size > RESULT_WINDOW:
                break
            body = self._http.get_json(SEARCH_PATH, {**base, "page": page, "size": size}, headers=self._headers,
                                       cacheable=_is_result)
            if not isinstance(body, dict):
                raise TransientError(f"Bundesagentur answered with a {type(body).__name__} instead of an object")
            entries = body.get("ergebnisliste", body.get("stellenangebote"))
            if entries is None:
                entries = []  # the service leaves the list out when nothing matched
            elif not isinstance(entries, list):
                logger.warning("Bundesagentur answer with a %s instead of a list", type(entries).__name__)
                entries = []
            for raw in entries:
                mapped = _safe_map(raw)
                if mapped is not None and mapped[0].job_id not in seen:
                    seen.add(mapped[0].job_id)
                    found.append(mapped)
            total = number_of(body.get("maxErgebnisse"))
            if len(found) >= num_results or len(entries) < size or (total is not None and page * size >= total):
                break
        if remote:
            found.sort(key=lambda item: not item[1])  # stable: the service's order within each group
        return [posting for posting, _ in found[:num_results]]

    def _where(self, location: str | None) -> tuple[dict, bool] | None:
        """The place parameters and whether the search is for remote work; None outside Germany."""
        text = (location or "").strip()
        if not text:
            return {}, False
        place = resolve_place(text)
        if place is None:
            return {"wo": (text.split(",")[0].strip() or text)}, False  # the service's own geocoder may know it
        if place.country and place.country != "DE":
            return None
        if not place.country and place.countries and "DE" not in place.countries:
            return None
        if place.remote and not place.has_point:
            return {}, True
        if place.city:
            return {"wo": city_as_typed(text, place.city), "umkreis": int(NEAR_KM)}, place.remote
        if place.region:
            return {"wo": place.region}, place.remote
        return {}, place.remote




def _safe_map(raw) -> tuple[JobPosting, bool] | None:
    if not isinstance(raw, dict):
        logger.warning("Bundesagentur entry skipped: a %s, not an object", type(raw).__name__)
        return None
    try:
        posting = map_entry(raw)
    except (TypeError, ValueError, AttributeError, KeyError):
        logger.warning("Bundesagentur entry %r skipped: unreadable", raw.get("referenznummer"), exc_info=True)
        return None
    return (posting, raw.get("homeofficemoeglich") is True or posting.work_from_home) if posting else None


def map_entry(raw: dict) -> JobPosting | None:
    """One ``ergebnisliste`` entry (wire format in the module docstring; the v4 names ``refnr``,
    ``titel``, ``arbeitgeber``, ``arbeitsort`` are read too) as a posting; None without a reference
    number or a title."""
    ref = text_of(raw.get("referenznummer")) or text_of(raw.get("refnr"))
    title = text_of(raw.get("stellenangebotsTitel")) or text_of(raw.get("titel")) \
        or text_of(raw.get("hauptberuf")) or text_of(raw.get("beruf"))
    if not ref or not title:
        logger.warning("Bundesagentur entry without a reference number or title skipped: %r", ref)
        return None
    address, latitude, longitude = _first_place(raw)
    country = _country(text_of(address.get("land")))
    town = text_of(address.get("ort"))
    region = _title_case(text_of(address.get("region")))
    page = POSTING_PAGE + quote(ref, safe="-")
    # A partner board's link that is no web link ("www.firma.de/…" without a scheme) leaves the agency's page.
    external = link_of(raw.get("externeURL")) or link_of(raw.get("externeUrl"))
    occupations = _occupations(raw, title)
    period = PERIODS.get(text_of(raw.get("verguetungsangabe")).upper())
    low, high = _salary(raw) if period else (None, None)
    posted = text_of(raw.get("datumErsteVeroeffentlichung")) or text_of(raw.get("aktuelleVeroeffentlichungsdatum")) \
        or text_of((raw.get("veroeffentlichungszeitraum") or {}).get("von")
                 if isinstance(raw.get("veroeffentlichungszeitraum"), dict) else None)
    return JobPosting(
        job_id=f"bundesagentur-{ref}",
        title=title,
        company_name=text_of(raw.get("firma")) or text_of(raw.get("arbeitgeber")),
        location=_location_text(town, region, country),
        via="via Bundesagentur für Arbeit",
        description="",  # the list answer has none
        apply_link=external or page,
        apply_options=[{"title": "Bundesagentur für Arbeit", "link": page}] if external else [],
        highlights=[{"title": "Berufe", "items": occupations}] if occupations else [],
        posted_at=posted or None,
        posted_date=iso_date(posted),
        schedule_type=_schedule(raw),
        salary=_salary_text(low, high, period),
        salary_min=low,
        salary_max=high,
        salary_currency="EUR" if (low or high) else None,
        salary_period=period if (low or high) else None,
        work_from_home=text_of(raw.get("homeofficetyp")).upper() in FULLY_REMOTE
        or (number_of(raw.get("homeofficeprozent")) or 0) >= 100,
        source="bundesagentur",
        city=_city(town, country),
        region=region or None,
        country=country,
        latitude=latitude,
        longitude=longitude,
    )


def _first_place(raw: dict) -> tuple[dict, float | None, float | None]:
    """The first work place's address and coordinates (v6 ``stellenlokationen``, v4 ``arbeitsort``)."""
    places = raw.get("stellenlokationen")
    if isinstance(places, list) and places and isinstance(places[0], dict):
        first = places[0]
        address = first.get("adresse") if isinstance(first.get("adresse"), dict) else {}
        latitude, longitude = number_of(first.get("breite")), number_of(first.get("laenge"))
    elif isinstance(raw.get("arbeitsort"), dict):
        address = raw["arbeitsort"]
        point = address.get("koordinaten") if isinstance(address.get("koordinaten"), dict) else {}
        latitude, longitude = number_of(point.get("lat")), number_of(point.get("lon"))
    else:
        return {}, None, None
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        latitude = longitude = None
    return address, latitude, longitude


def _country(land: str) -> str | None:
    if not land:
        return None
    # Only a country's name: a town's name in ``land`` must not make up a country.
    return COUNTRIES.get(land.upper()) or country_code(land)


def _city(town: str, country: str | None) -> str | None:
    """GeoNames' name for the work place ("Oldenburg (Oldb)" -> "Oldenburg"), in its country."""
    if not town:
        return None
    place = resolve_place(town)
    if place is None or not place.city or (country and place.country != country):
        return None
    return place.city


def _location_text(town: str, region: str, country: str | None) -> str:
    """"Berlin", "Oldenburg (Oldb), Niedersachsen", "Wien, Österreich"."""
    parts = [town] if town else []
    if region and region.lower() != town.lower():
        parts.append(region)
    if country and country != "DE":
        parts.append(COUNTRY_NAMES.get(country, country))
    return ", ".join(parts)


def _title_case(text: str) -> str:
    """"NORDRHEIN-WESTFALEN" -> "Nordrhein-Westfalen"; mixed case stays as written."""
    return text.title() if text.isupper() else text


def _occupations(raw: dict, title: str) -> list[str]:
    names = raw.get("alleBerufe") if isinstance(raw.get("alleBerufe"), list) else []
    candidates = [text_of(raw.get("hauptberuf")) or text_of(raw.get("beruf")), *(text_of(n) for n in names)]
    return [name for name in dict.fromkeys(candidates) if name and name != title]


def _schedule(raw: dict) -> str | None:
    if raw.get("arbeitszeitVollzeit") is True:
        return "Full-time"
    if any(raw.get(flag) is True for flag in PART_TIME):
        return "Part-time"
    return None


def _salary(raw: dict) -> tuple[float | None, float | None]:
    low, high = amount_of(raw.get("gehaltsspanneVon")), amount_of(raw.get("gehaltsspanneBis"))
    if low is None and high is None:
        low = high = amount_of(raw.get("festgehalt"))
    return low, high


def _salary_text(low: float | None, high: float | None, period: str | None) -> str | None:
    """"€60,772–€87,110 a year", "€3,200 a month", "from €14.50 an hour"."""
    if not period or not (low or high):
        return None
    words = PERIOD_WORDS[period]
    if low and high and low != high:
        return f"{_euros(low)}–{_euros(high)} {words}"
    if low and high:
        return f"{_euros(low)} {words}"
    return f"from {_euros(low)} {words}" if low else f"up to {_euros(high)} {words}"


def _euros(value: float) -> str:
    return f"€{value:,.2f}" if value < 100 and not float(value).is_integer() else f"€{round(value):,}"


def _is_result(body) -> bool:
    """A search answer (a search nothing matches has no ``ergebnisliste``); only those are cached."""
    return isinstance(body, dict) and ("ergebnisliste" in body or "maxErgebnisse" in body) \
        and isinstance(body.get("ergebnisliste", []), list)
