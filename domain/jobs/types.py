"""A job posting, in the shape of SerpApi's Google Jobs results plus the fields every board adds.

The first block is what a board says, translated by its adapter; the second block is filled
by the core after the search (``domain.jobs.enrich``): the place resolved through the
gazetteer, the salary parsed into numbers and the posting date as an ISO date, so that jobs
from any board compare.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.stored import StoredAsDict


@dataclass
class JobPosting(StoredAsDict):
    job_id: str
    title: str
    company_name: str
    location: str = ""
    via: str = ""  # "via Arbeitnow": the board to credit next to the posting (its terms ask for it)
    description: str = ""
    apply_link: str = ""  # the posting on the board's own site
    highlights: list[dict] = field(default_factory=list)  # SerpApi job_highlights
    posted_at: str | None = None  # as the board wrote it: "3 days ago", "2026-11-02T09:00:00Z", epoch
    schedule_type: str | None = None
    salary: str | None = None  # as the board wrote it: "€45,000 - €55,000 a year", "60K–80K a year"
    work_from_home: bool = False
    apply_options: list[dict] = field(default_factory=list)  # [{"title", "link"}]
    source: str = ""  # the JOB_SOURCES name that found it: "serpapi", "arbeitnow", ..., "offline"
    # Structured values a board may give directly (Adzuna's salary_min, coordinates, ...); the
    # core fills them from the text fields when the board does not.
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None  # ISO 4217: "EUR"
    salary_period: str | None = None  # "year", "month", "week", "day" or "hour"
    posted_date: str | None = None  # ISO 8601 date: "2026-11-28"
    city: str | None = None  # GeoNames' name: "Munich" for "München"
    region: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2: "DE"
    latitude: float | None = None
    longitude: float | None = None
    # Countries (ISO alpha-2) a remote job is open to, from "USA only" / "Europe"; empty: anywhere.
    remote_countries: list[str] = field(default_factory=list)

    def age_days(self, today: date) -> int | None:
        """Whole days since ``posted_date`` (see ``age_days``); None when it is unknown or unreadable."""
        try:
            return age_days(date.fromisoformat(self.posted_date[:10]), today) if self.posted_date else None
        except ValueError:
            return None


def age_days(posted: date | None, today: date) -> int | None:
    """Whole days from ``posted`` to ``today`` (0 for today; a posting dated tomorrow through a
    zone difference is 0 too), or None when ``posted`` is None."""
    if posted is None:
        return None
    if isinstance(posted, datetime):
        posted = posted.date()
    return max(0, (today - posted).days)
