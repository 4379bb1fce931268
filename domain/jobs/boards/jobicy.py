"""Jobicy: remote jobs from the public Remote Jobs API, searched by keyword and region.

Wire format (https://github.com/Jobicy/remote-jobs-api: README and ``openapi.yaml`` 2.2.18,
documentation at https://jobicy.com/jobs-rss-feed; answers recorded by
github.com/go-api-libs/jobicy ``pkg/jobicy/vcr``)::

    GET /api/v2/remote-jobs?count=1..200&tag=python&geo=usa&industry=dev[&cursor=...]
    {"apiVersion", "documentationUrl", "friendlyNotice", "jobCount", "lastUpdate",
     "nextCursor": str | null, "hasMore": bool, "appliedFilters": {...}, "success": true,
     "jobs": [{"id", "url", "jobSlug", "jobTitle", "companyName", "companyLogo" (URL or false),
               "jobIndustry": [...], "jobType": ["Full-Time"], "jobGeo": "Canada,  USA",
               "jobLevel", "jobExcerpt", "jobDescription" (HTML), "pubDate",
               "salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod": "yearly" | "hourly" ...}]}

Older answers (apiVersion 2.0, recorded December 2024) differ: no cursor, ``pubDate`` as
"2024-12-07 04:10:26", yearly ``annualSalaryMin`` / ``annualSalaryMax`` as strings, ``count`` at
most 50. Both are read. ``tag`` is the keyword search (3-50 bytes); ``geo`` takes one slug of
``?get=locations`` and also returns the jobs open to "Anywhere" (a recorded ``geo=canada``
answer holds them). An unknown ``geo`` is a 400 "Invalid 'geo' value"; a search nothing
matches has been seen answered 404 with ``{"jobs": [], "success": false, "message": "Nothing
found..."}`` (github.com/saeedkolivand/ai-job-hunter-app pull request 700, July 2026) where the
2.2.18 specification answers 200 with an empty list: both are no jobs here. A 404 whose body is
not Jobicy's JSON (the page of a moved API) is a failure, not "no jobs".
Whether a country slug also returns jobs open to its whole region ("Europe") is not documented.

Terms (README "Fair Use and Restrictions", ``friendlyNotice``): credit Jobicy and link to the
source (``apply_link`` is the Jobicy page, "via Jobicy"); do not pass listings on to other job
aggregators; "Synchronize no more frequently than once per hour; sequential page requests
within one synchronization pass are allowed. Cache public responses" (public answers carry
``Cache-Control`` for 3600 s). Each search is one pass of at most ``MAX_PAGES`` pages of a
fixed size, kept an hour in the shared cache, and the shared limit allows a dozen requests an
hour across all workers.
"""
from __future__ import annotations

import logging
import re

from domain.cv.gazetteer import fold
from domain.errors import PermanentError, TransientError
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import amount_of, iso_date, link_of, strings_of, text_of
from domain.jobs.places import resolve_place
from domain.jobs.relevance import keep_relevant
from domain.jobs.synonyms import REMOTE_WORDS, stem
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://jobicy.com"
API_PATH = "/api/v2/remote-jobs"
RATE_LIMIT = (12, 3600)  # (calls, seconds) for all workers; see the module docstring
CACHE_SECONDS = 3600  # the Cache-Control Jobicy sends with public answers
PAGE_SIZE = 50  # within every documented range (1-50 in 2.0, up to 200 now); fixed, so caching keys repeat
MAX_PAGES = 2  # 100 postings: the most a search asks for
TAG_MIN_BYTES, TAG_MAX_BYTES = 3, 50  # openapi.yaml: shorter or longer tags are refused

# ISO 3166-1 alpha-2 -> geoSlug, from the documented list of regions (README, RSS search_region).
GEO_SLUGS = {
    "AR": "argentina", "AU": "australia", "AT": "austria", "BE": "belgium", "BR": "brazil", "BG": "bulgaria",
    "CA": "canada", "CN": "china", "HK": "hong-kong", "CR": "costa-rica", "HR": "croatia", "CY": "cyprus",
    "CZ": "czechia", "DK": "denmark", "EE": "estonia", "FI": "finland", "FR": "france", "DE": "germany",
    "GR": "greece", "HU": "hungary", "IE": "ireland", "IL": "israel", "IT": "italy", "JP": "japan",
    "LV": "latvia", "LT": "lithuania", "MX": "mexico", "NL": "netherlands", "NZ": "new-zealand",
    "NO": "norway", "PH": "philippines", "PL": "poland", "PT": "portugal", "RO": "romania", "RS": "serbia",
    "SG": "singapore", "SK": "slovakia", "SI": "slovenia", "KR": "south-korea", "ES": "spain",
    "SE": "sweden", "CH": "switzerland", "TH": "thailand", "TR": "turkiye", "AE": "united-arab-emirates",
    "GB": "uk", "UA": "ukraine", "US": "usa", "VN": "vietnam",
}
# Region slugs for searches that name a region rather than a country.
REGION_SLUGS = {"europe": "europe", "europa": "europe", "eu": "europe", "european union": "europe",
                "emea": "emea", "latam": "latam", "latin america": "latam", "south america": "latam",
                "apac": "apac", "asia pacific": "apac", "asia": "apac"}
_PERIODS = {"hourly": "hour", "hour": "hour", "daily": "day", "day": "day", "weekly": "week", "week": "week",
            "monthly": "month", "month": "month", "yearly": "year", "annual": "year", "annually": "year",
            "year": "year"}
_SCHEDULES = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contractor",
              "freelance": "Contractor", "internship": "Internship", "temporary": "Temporary"}
_NOTHING = object()  # "no (more) pages": distinct from a JSON null, which is a broken answer


class JobicySource(BoardSource):
    """Searches Jobicy by keyword (``tag``) and region (``geo``), following its cursor pages."""

    name = "jobicy"
    label = "Jobicy"

    def __init__(self, http: BoardHttp, *, max_pages: int = MAX_PAGES, **settings):
        """``http`` aims at ``DEFAULT_BASE_URL`` (or a stand-in); ``max_pages`` bounds the pages
        of one search. Other settings (keys, countries) do not apply to this board."""
        if max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        super().__init__(http)
        self._max_pages = max_pages

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` remote postings for ``query``, in Jobicy's order, limited to the
        jobs open to ``location``'s country or region (and to anyone) when Jobicy has a slug for it.

        A query shorter than ``tag`` accepts is not sent; the newest postings are then filtered
        here by relevance. Raises ``TransientError`` / ``PermanentError`` when the first page
        fails; a later page failing (an expired cursor, a 429) ends the search with what was found.
        """
        params: dict = {"count": PAGE_SIZE}
        tag = tag_for(query)
        geo = geo_for(location)
        if tag:
            params["tag"] = tag
        if geo:
            params["geo"] = geo
        postings: list[JobPosting] = []
        extras: list[str] = []
        seen: set[str] = set()
        for page in range(1, self._max_pages + 1):
            body = self._page(params, first=page == 1)
            if body is _NOTHING:
                break
            rows, cursor = _rows(body)
            for posting, extra in _map_rows(rows, seen):
                postings.append(posting)
                extras.append(extra)
            found = len(postings) if tag else len(keep_relevant(postings, query, extras))
            if not rows or not cursor or found >= num_results:
                break
            params = {**params, "cursor": cursor}
        if not tag:
            postings = keep_relevant(postings, query, extras)
        logger.info("Jobicy: %s postings for %r in %r (tag=%r, geo=%r)", len(postings), query, location, tag, geo)
        return postings[:num_results]

    def _page(self, params: dict, *, first: bool):
        """One decoded answer, or ``_NOTHING`` when there is nothing (more) to read. A 404 is
        Jobicy's "nothing found" (see the module docstring); a geo slug Jobicy no longer knows
        (400) is dropped from ``params`` once rather than failing the search."""
        try:
            body = self._http.get_json(API_PATH, params, accept_statuses=(404,), cacheable=_is_listing)
        except PermanentError as exc:
            status = getattr(exc, "status", None)
            if status == 404:  # a 404 that is not Jobicy's JSON: the API moved, not "no jobs"
                raise
            if first and status == 400 and "geo" in params:
                logger.warning("Jobicy refused geo=%r; searching without it", params["geo"])
                params.pop("geo")
                return self._page(params, first=True)
            if first:
                raise
            logger.warning("Jobicy: a later page failed (%s); keeping what was found", exc)
            return _NOTHING
        except TransientError as exc:
            if first:
                raise
            logger.warning("Jobicy: a later page failed (%s); keeping what was found", exc)
            return _NOTHING
        if isinstance(body, dict) and body.get("success") is False and not body.get("jobs"):
            logger.info("Jobicy: nothing found for %s", {k: v for k, v in params.items() if k != "cursor"})
            return _NOTHING
        return body


def tag_for(query: str) -> str | None:
    """The ``tag`` for a query: its words without "remote" ones (every Jobicy job is remote),
    cut at a word to at most 50 bytes; None when fewer than 3 bytes remain."""
    words = [w for w in query.split() if stem(w) not in REMOTE_WORDS]
    tag = ""
    for word in words:
        candidate = f"{tag} {word}".strip()
        if len(candidate.encode()) > TAG_MAX_BYTES:
            break
        tag = candidate
    if not tag and words:
        tag = words[0].encode()[:TAG_MAX_BYTES].decode(errors="ignore")
    return tag if len(tag.encode()) >= TAG_MIN_BYTES else None


def geo_for(location: str | None) -> str | None:
    """Jobicy's ``geo`` slug for a searched place: its country's slug ("München" -> "germany"),
    a region's ("Europe" -> "europe"), else None (anywhere, or a country Jobicy does not list)."""
    if not location or not location.strip():
        return None
    place = resolve_place(location)
    country = place and (place.country or (place.countries[0] if len(place.countries) == 1 else None))
    if country:
        return GEO_SLUGS.get(country)
    folded = fold(location)
    for name, slug in REGION_SLUGS.items():
        if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", folded):
            return slug
    return None


def map_job(raw: dict) -> JobPosting | None:
    """One ``jobs`` entry as a ``JobPosting``, or None without an id or a title. The link back is
    ``url``, else the Jobicy page built from ``jobSlug``. Tolerates both answer versions,
    missing fields, nulls, numbers as strings and HTML."""
    job_id, title = text_of(raw.get("id")), html_to_text(text_of(raw.get("jobTitle")))
    url = link_of(raw.get("url")) or (f"https://jobicy.com/jobs/{text_of(raw.get('jobSlug'))}"
                                    if text_of(raw.get("jobSlug")) else "")
    if not job_id or not title or not url:
        return None
    low, high = amount_of(raw.get("salaryMin")), amount_of(raw.get("salaryMax"))
    period = _PERIODS.get(text_of(raw.get("salaryPeriod")).lower())
    if low is None and high is None:  # apiVersion 2.0 gave yearly figures under other names
        low, high = amount_of(raw.get("annualSalaryMin")), amount_of(raw.get("annualSalaryMax"))
        period = "year" if low is not None or high is not None else None
    has_salary = low is not None or high is not None
    currency = text_of(raw.get("salaryCurrency")).upper()
    published = text_of(raw.get("pubDate"))
    description = raw.get("jobDescription") if isinstance(raw.get("jobDescription"), str) else ""
    if not description.strip():
        description = raw.get("jobExcerpt") if isinstance(raw.get("jobExcerpt"), str) else ""
    return JobPosting(
        job_id=f"jobicy-{job_id}",
        title=title,
        company_name=html_to_text(text_of(raw.get("companyName"))),
        location=", ".join(part.strip() for part in text_of(raw.get("jobGeo")).split(",") if part.strip()),
        via="via Jobicy",
        description=html_to_text(description),
        apply_link=url,
        posted_at=published or None,
        posted_date=iso_date(published),
        schedule_type=_schedule(strings_of(raw.get("jobType"))),
        salary_min=low,
        salary_max=high,
        salary_currency=currency if has_salary and re.fullmatch(r"[A-Z]{3}", currency) else None,
        salary_period=period if has_salary else None,
        work_from_home=True,
        source="jobicy",
    )


def _rows(body) -> tuple[list, str | None]:
    """The page's jobs and the cursor of the next one (None: last page, or an answer without
    cursors). An answer that is not the documented object is broken: worth a later try."""
    if not isinstance(body, dict):
        logger.warning("Jobicy answered an unexpected shape: %s", type(body).__name__)
        raise TransientError("Jobicy answered with an unexpected body")
    jobs = body.get("jobs")
    if jobs is None and body.get("jobCount") in (0, "0"):
        return [], None
    if not isinstance(jobs, list):
        logger.warning("Jobicy answered an unexpected shape: %s", sorted(body)[:10])
        raise TransientError("Jobicy answered with an unexpected body")
    cursor = body.get("nextCursor")
    more = body.get("hasMore", True) is not False
    return jobs, cursor if isinstance(cursor, str) and cursor and more else None


def _map_rows(rows: list, seen: set[str]):
    skipped = 0
    for raw in rows:
        posting = map_job(raw) if isinstance(raw, dict) else None
        if posting is None:
            skipped += 1
            continue
        if posting.job_id in seen:
            continue
        seen.add(posting.job_id)
        words = strings_of(raw.get("jobIndustry")) + strings_of(raw.get("jobType")) + [text_of(raw.get("jobLevel"))]
        yield posting, " ".join(words)
    if skipped:
        logger.warning("Jobicy: skipped %s of %s entries without an id, title or link", skipped, len(rows))


def _schedule(job_types: list[str]) -> str | None:
    labels: list[str] = []
    for job_type in job_types:
        key = job_type.strip().lower().replace("_", "-").replace(" ", "-")
        label = _SCHEDULES.get(key) or job_type.strip().capitalize()
        if label and label not in labels:
            labels.append(label)
    return " and ".join(labels) or None



def _is_listing(body) -> bool:
    """A page of jobs, or Jobicy's "nothing found" (its 404 with an empty list): both are answers worth
    keeping for the hour its terms ask between polls; an error object is not."""
    return isinstance(body, dict) and isinstance(body.get("jobs"), list)
