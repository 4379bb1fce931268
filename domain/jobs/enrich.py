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
from dataclasses import replace
from datetime import datetime, timezone

from domain.jobs.places import currency_of, resolve_place
from domain.jobs.posted import posting_date
from domain.jobs.salary import parse_salary
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


def enrich(posting: JobPosting, *, now: datetime | None = None) -> JobPosting:
    """A copy of ``posting`` with place, salary and date fields filled where they were empty."""
    now = now or datetime.now(timezone.utc)
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
        if salary is not None:
            updates.update(salary_min=salary.min, salary_max=salary.max, salary_currency=salary.currency,
                           salary_period=salary.period)
    if not posting.posted_date and posting.posted_at:
        found = posting_date(posting.posted_at, now=now)
        if found is not None:
            updates["posted_date"] = found.isoformat()
    return replace(posting, **updates) if updates else posting
