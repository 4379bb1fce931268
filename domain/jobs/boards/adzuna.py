"""Adzuna: a job search engine over 19 countries, searched by keyword and place (free key).

Wire format, from Adzuna's search documentation (https://developer.adzuna.com/docs/search) and
its example answers:

    GET {root}/v1/api/jobs/{country}/search/{page}?app_id=&app_key=&results_per_page=&what=
        &where=&distance=&max_days_old=&content-type=application/json
    200 {"__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": 6438, "mean": 41000.5,
         "results": [{"id": "5039776326", "title": "<strong>Python</strong> Developer",
                      "description": "... (a snippet of about 500 characters, cut with '…')",
                      "redirect_url": "https://www.adzuna.co.uk/jobs/land/ad/5039776326?se=...",
                      "created": "2025-02-06T11:44:05Z", "company": {"display_name": "..."},
                      "location": {"display_name": "Maidstone, Kent",
                                   "area": ["UK", "South East England", "Kent", "Maidstone"]},
                      "latitude": 51.27, "longitude": 0.52, "salary_min": 30000, "salary_max": 40000,
                      "salary_is_predicted": "1", "contract_time": "full_time",
                      "contract_type": "permanent", "category": {"label": "IT Jobs", "tag": "it-jobs"}}]}
    401 {"doc": "https://api.adzuna.com/v1/doc", "display": "Authorisation failed",
         "exception": "AUTH_FAIL", "__CLASS__": "Adzuna::API::Response::Exception"}
    400 an HTML "Uh oh" page for a request without app_id/app_key or with a parameter it does not know

Pages start at 1. ``distance`` is in kilometres around ``where`` and defaults to 5 km, so a city
search sends ``NEAR_KM`` (the core's commute radius). ``location.area`` starts with the country's
name in its own language ("UK", "Deutschland"), so the country comes from the country searched.
Salaries are yearly amounts in the country's currency; ``salary_is_predicted`` "1" marks
Adzuna's own estimate rather than the employer's figure.

Terms (https://developer.adzuna.com/docs/terms_of_service): every displayed advert is labelled
"Jobs by Adzuna" with links to Adzuna, so each posting carries ``via`` "via Adzuna" and links to
Adzuna's own page for the ad (``redirect_url``). Default access limits are 25 calls a minute,
250 a day, 1,000 a week and 2,500 a month; ``RATE_LIMIT`` keeps all four with one window (see
there). The terms set no storage limit; answers are kept an hour to spare that small quota.
"""
from __future__ import annotations

import logging
import re

from babel.numbers import format_currency

from domain.cv.gazetteer import cities_named
from domain.errors import OutOfArea, TransientError
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import amount_of, iso_date, number_of, text_of
from domain.jobs.places import NEAR_KM, city_as_typed, resolve_place
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.adzuna.com"
# 25 calls in any 7.5 hours: never more than 25 in a minute, at most 100 in a day (limit 250),
# 600 in a week (1,000) and 2,500 in 31 days (2,500 a month). A key with higher limits from
# Adzuna can be given a wider limiter by the caller.
RATE_LIMIT = (25, 27_000)
CACHE_SECONDS = 3600
PAGE_SIZE = 50  # the largest results_per_page public clients use; Adzuna documents no maximum
MAX_PAGES = 2  # each page is one call of a quota of 2,500 a month

# Adzuna's country paths (its documentation's list) and the currency its salaries are in.
COUNTRY_CURRENCIES = {
    "gb": "GBP", "us": "USD", "at": "EUR", "au": "AUD", "be": "EUR", "br": "BRL", "ca": "CAD",
    "ch": "CHF", "de": "EUR", "es": "EUR", "fr": "EUR", "in": "INR", "it": "EUR", "mx": "MXN",
    "nl": "EUR", "nz": "NZD", "pl": "PLN", "sg": "SGD", "za": "ZAR",
}
SCHEDULES = {"full_time": "Full-time", "part_time": "Part-time"}
_CODE_THEN_DIGIT = re.compile(r"^([A-Z]{2,3})(\d)")


class AdzunaSource(BoardSource):
    """Searches one Adzuna country per search: the searched place's, else ``default_country``."""

    name = "adzuna"
    label = "Adzuna"
    needs_key = True

    def __init__(self, http: BoardHttp, *, app_id: str | None = None, app_key=None,
                 default_country: str = "gb", max_days_old: int | None = 30, **settings):
        """``app_id`` / ``app_key``: ADZUNA_APP_ID / ADZUNA_APP_KEY (a ``SecretStr`` is fine);
        ``default_country``: the Adzuna country ("gb") for searches that name no country;
        ``max_days_old``: only postings of the last so many days (None: any age). Raises
        ``ValueError`` without both keys or for a country Adzuna does not cover."""
        app_key = app_key.get_secret_value() if hasattr(app_key, "get_secret_value") else app_key
        if not app_id or not app_key:
            raise ValueError("AdzunaSource needs ADZUNA_APP_ID and ADZUNA_APP_KEY")
        default_country = (default_country or "").strip().lower()
        if default_country == "uk":
            default_country = "gb"
        if default_country not in COUNTRY_CURRENCIES:
            raise ValueError(f"Adzuna has no country {default_country!r}; "
                             f"it covers {', '.join(sorted(COUNTRY_CURRENCIES))}")
        super().__init__(http)
        self._app_id, self._app_key = app_id, app_key
        self._default_country = default_country
        self._max_days_old = max_days_old

    def __repr__(self) -> str:
        return f"<AdzunaSource {self._http.base_url} default={self._default_country}>"

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` postings (at most ``MAX_PAGES`` pages of ``PAGE_SIZE``).

        A place in a country Adzuna does not cover gives [] without a request. Raises
        ``TransientError`` / ``PermanentError`` from ``BoardHttp``, and ``TransientError`` for a
        200 answer that is not a JSON object.
        """
        if num_results <= 0 or not (query or "").strip():
            return []
        target = self._target(query.strip(), location)
        if target is None:
            logger.info("Adzuna covers no country of %r; not asked", location)
            raise OutOfArea(f"Adzuna does not cover {location}")
        country, params = target
        per_page = min(PAGE_SIZE, num_results)
        postings: list[JobPosting] = []
        seen: set[str] = set()
        for page in range(1, MAX_PAGES + 1):
            body = self._http.get_json(f"/v1/api/jobs/{country}/search/{page}",
                                       {**params, "results_per_page": per_page}, cacheable=_is_result)
            if not isinstance(body, dict):
                raise TransientError(f"Adzuna answered with a {type(body).__name__} instead of an object")
            results = body.get("results")
            if not isinstance(results, list):
                logger.warning("Adzuna answer without a results list (%s)", type(results).__name__)
                results = []
            for raw in results:
                posting = _safe_map(raw, country)
                if posting is not None and posting.job_id not in seen:
                    seen.add(posting.job_id)
                    postings.append(posting)
            total = number_of(body.get("count"))
            if (len(postings) >= num_results or len(results) < per_page
                    or (total is not None and page * per_page >= total)):
                break
        return postings[:num_results]

    def _target(self, query: str, location: str | None) -> tuple[str, dict] | None:
        """The country path and the query parameters for a search, or None when no covered
        country fits the place."""
        params: dict = {"app_id": self._app_id, "app_key": self._app_key, "what": query,
                        "max_days_old": self._max_days_old, "content-type": "application/json"}
        text = (location or "").strip()
        if not text:
            return self._default_country, params
        place = resolve_place(text)
        if place is None:
            # A place the gazetteer does not know may still be one Adzuna's geocoder knows.
            return self._default_country, {**params, "where": (text.split(",")[0].strip() or text)}
        country = _covered_country(place, self._default_country)
        if country is None:
            return None
        if place.remote and not place.has_point:
            # Adzuna has no remote filter; the word finds postings that say so.
            return country, {**params, "what": f"{query} remote"}
        if place.city:
            return country, {**params, "where": city_as_typed(text, place.city), "distance": int(NEAR_KM)}
        if place.region:
            return country, {**params, "where": place.region}
        return country, params


def _covered_country(place, default: str) -> str | None:
    if place.country:
        code = place.country.lower()
        return code if code in COUNTRY_CURRENCIES else None
    if not place.countries:
        return default  # "Remote", "Worldwide": no country named
    covered = [c.lower() for c in place.countries if c.lower() in COUNTRY_CURRENCIES]
    if default in covered:
        return default
    return covered[0] if covered else None




def _safe_map(raw, country: str) -> JobPosting | None:
    if not isinstance(raw, dict):
        logger.warning("Adzuna result skipped: a %s, not an object", type(raw).__name__)
        return None
    try:
        return map_result(raw, country)
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError):  # decimal.InvalidOperation too
        logger.warning("Adzuna result %r skipped: unreadable", raw.get("id"), exc_info=True)
        return None


def map_result(raw: dict, country: str) -> JobPosting | None:
    """One Adzuna result (wire format in the module docstring) as a posting; None without an id.

    ``country`` is the Adzuna country path searched ("gb"): it gives the posting's ISO country
    and the salary's currency.
    """
    ad_id = text_of(raw.get("id"))
    if not ad_id:
        logger.warning("Adzuna result without an id skipped")
        return None
    company = raw.get("company") if isinstance(raw.get("company"), dict) else {}
    place = raw.get("location") if isinstance(raw.get("location"), dict) else {}
    area = [a.strip() for a in place.get("area") or [] if isinstance(a, str) and a.strip()] \
        if isinstance(place.get("area"), list) else []
    iso = "GB" if country == "gb" else country.upper()
    created = text_of(raw.get("created"))
    contract_time = text_of(raw.get("contract_time")).lower()
    low, high = amount_of(raw.get("salary_min")), amount_of(raw.get("salary_max"))
    currency = COUNTRY_CURRENCIES.get(country)
    predicted = raw.get("salary_is_predicted") in ("1", 1, True)
    latitude, longitude = number_of(raw.get("latitude")), number_of(raw.get("longitude"))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        latitude = longitude = None
    return JobPosting(
        job_id=f"adzuna-{ad_id}",
        title=html_to_text(text_of(raw.get("title"))),  # matched words come wrapped in <strong>
        company_name=text_of(company.get("display_name")),
        location=text_of(place.get("display_name")) or ", ".join(reversed(area)),
        via="via Adzuna",
        description=html_to_text(text_of(raw.get("description"))),
        apply_link=text_of(raw.get("redirect_url")),
        posted_at=created or None,
        posted_date=iso_date(created),
        schedule_type=SCHEDULES.get(contract_time)
        or ("Contractor" if text_of(raw.get("contract_type")).lower() == "contract" else None),
        salary=_salary_text(low, high, currency, predicted),
        salary_min=low,
        salary_max=high,
        salary_currency=currency if (low or high) else None,
        salary_period="year" if (low or high) else None,
        source="adzuna",
        city=_city(area, iso),
        region=area[1] if len(area) >= 3 else None,
        country=iso,
        latitude=latitude,
        longitude=longitude,
    )


def _city(area: list[str], iso: str) -> str | None:
    """GeoNames' name for the deepest entry of ``area`` that is a city of that country."""
    for name in reversed(area[1:]):
        found = [c for c in cities_named(name) if c.country == iso]
        if found:
            return found[0].name
    return None


def _salary_text(low: float | None, high: float | None, currency: str | None, predicted: bool) -> str | None:
    """"£30,000–£40,000 a year", "from €45,000 a year"; an Adzuna estimate says so:
    "~£30,000–£40,000 a year (Adzuna estimate)"."""
    if not currency or not (low or high):
        return None
    if low and high and round(low) != round(high):
        amount = f"{_money(low, currency)}–{_money(high, currency)}"
    elif low and high:
        amount = _money(low, currency)
    elif low:
        amount = f"from {_money(low, currency)}"
    else:
        amount = f"up to {_money(high, currency)}"
    return f"~{amount} a year (Adzuna estimate)" if predicted else f"{amount} a year"


def _money(value: float, currency: str) -> str:
    text = format_currency(round(value), currency, locale="en", format="¤#,##0", currency_digits=False)
    return _CODE_THEN_DIGIT.sub(r"\1 \2", text)  # "CHF30,000" -> "CHF 30,000"



def _is_result(body) -> bool:
    """Adzuna's search answer: only that is cached."""
    return isinstance(body, dict) and isinstance(body.get("results"), list)
