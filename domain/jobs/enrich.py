"""What the core adds to every posting after a search, whichever board it came from.

- Place: the location text resolved through the gazetteer (``domain.jobs.places``) into city,
  region, country and coordinates, unless the board gave coordinates itself; remote postings get
  the countries they are open to ("USA Only" -> ["US"]).
- Salary: the board's salary text parsed into min/max/currency/period (``domain.jobs.salary``),
  unless the board gave numbers; a salary without a currency sign takes the country's currency
  (CLDR territory currencies, via Babel).
- Date: the board's "3 days ago" or timestamp as an ISO date (``domain.jobs.posted``).
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from domain.cv.repair import printable
from domain.jobs.boards.wire import amount_of, link_of
from domain.jobs.places import currency_of, resolve_place
from domain.jobs.posted import posting_date
from domain.jobs.salary import parse_salary
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


MAX_FIELD_CHARS = {"title": 300, "company_name": 200, "location": 200, "via": 80, "salary": 200,
                   "posted_at": 80, "schedule_type": 80}
MAX_DESCRIPTION_CHARS = 20_000  # longer than any real posting; a hostile board's 100 MB stops here
EARLIEST_POSTING = date(1995, 1, 1)
# DEL, C1 controls (a terminal's CSI is U+009B) and bidirectional overrides, which reorder what a reader sees.
_UNSEEN = re.compile("[\u007f-\u009f\u202a-\u202e\u2066-\u2069]")


def enrich(posting: JobPosting, *, now: datetime | None = None) -> JobPosting:
    """A copy of ``posting`` cleaned and with place, salary and date fields filled where they were empty.

    Cleaning first, because boards are not trusted: text fields lose control characters (terminal
    escapes, NUL) and are cut to a sane length before any parser sees them; links that are not
    absolute http(s) URLs are dropped; salaries that are not finite or beyond ``MAX_AMOUNT``, and
    dates before 1995 or more than a day ahead, are forgotten.
    """
    now = now or datetime.now(timezone.utc)
    posting = _cleaned(posting, now)
    updates: dict = {}
    place = resolve_place(posting.location) if posting.location else None
    if place is not None:
        if posting.latitude is None or posting.longitude is None:
            updates.update(latitude=place.latitude, longitude=place.longitude, city=posting.city or place.city)
        updates.setdefault("city", posting.city or place.city)
        updates["region"] = posting.region or place.region
        updates["country"] = posting.country or place.country
        if place.remote and not place.has_point:
            updates["work_from_home"] = True
        if (place.remote or posting.work_from_home) and not posting.remote_countries and place.countries:
            updates["remote_countries"] = list(place.countries)
    country = updates.get("country") or posting.country
    if posting.salary and posting.salary_min is None and posting.salary_max is None:
        salary = parse_salary(posting.salary, default_currency=currency_of(country))
        low, high = (amount_of(salary.min), amount_of(salary.max)) if salary else (None, None)
        if low is not None or high is not None:
            updates.update(salary_min=low, salary_max=high, salary_currency=salary.currency,
                           salary_period=salary.period)
    if not posting.posted_date and posting.posted_at:
        found = posting_date(posting.posted_at, now=now)
        if found is not None:
            updates["posted_date"] = found.isoformat()
    return replace(posting, **updates) if updates else posting


def _cleaned(posting: JobPosting, now: datetime) -> JobPosting:
    updates: dict = {}
    for name, limit in MAX_FIELD_CHARS.items():
        value = getattr(posting, name)
        if isinstance(value, str):
            clean = " ".join(_UNSEEN.sub("", printable(value[: limit * 2])).split())[:limit]
            if clean != value:
                updates[name] = clean
    if posting.description:
        clean = _UNSEEN.sub("", printable(posting.description[:MAX_DESCRIPTION_CHARS]))
        if clean != posting.description:
            updates["description"] = clean
    if posting.apply_link and not link_of(posting.apply_link):
        updates["apply_link"] = ""
    options = [o for o in posting.apply_options if isinstance(o, dict) and link_of(o.get("link"))]
    if len(options) != len(posting.apply_options):
        updates["apply_options"] = options
    low, high = amount_of(posting.salary_min), amount_of(posting.salary_max)
    if (low, high) != (posting.salary_min, posting.salary_max):
        updates.update(salary_min=low, salary_max=high)
        if low is None and high is None:
            updates.update(salary_currency=None, salary_period=None)
    if posting.posted_date and not _plausible(posting.posted_date, now):
        updates["posted_date"] = None
    for name in ("latitude", "longitude"):
        value = getattr(posting, name)
        if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value)
                                      and abs(value) <= (90 if name == "latitude" else 180)):
            updates.update(latitude=None, longitude=None)
    return replace(posting, **updates) if updates else posting



def _plausible(iso: str, now: datetime) -> bool:
    try:
        day = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return False
    return EARLIEST_POSTING <= day <= (now + timedelta(days=1)).date()
