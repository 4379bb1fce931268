"""Remotive: remote jobs from the public Remote Jobs API.

Wire format (https://github.com/remotive-com/remote-jobs-api, the official README; the endpoint
moved from remotive.io to remotive.com in 2022)::

    GET /api/remote-jobs[?category=&company_name=&search=&limit=&offset=]
    {"00-warning": "...", "0-legal-notice": "...", "job-count": n, "total-job-count": N,
     "jobs": [{"id", "url", "title", "company_name", "company_logo", "category", "tags": [...],
               "job_type": "full_time" | "contract" | "part_time" | "freelance" | "internship" | "",
               "publication_date": "2020-02-15T10:23:26", "candidate_required_location": "USA Only",
               "salary": "$40,000 - $50,000" | "", "description": HTML}]}

``offset`` and ``total-job-count`` were added by the maintainer in 2024
(https://github.com/remotive-com/remote-jobs-api/issues/13).

Terms (README "Terms of Services" and "Request Rate Limiting"): link back to the URL found on
Remotive and mention Remotive as the source (``apply_link`` and "via Remotive"); jobs are
delayed by 24 hours; "you only need to GET Remotive job data through this API a couple of
times a day (we advise max. 4 times a day) ... excessive requests (more than 2x per minute) will
be blocked". A search per query could not keep to four requests a day, so this source asks for
the whole active list (no parameters, the documented default) and filters it here with
``domain.jobs.relevance.keep_relevant``: one cached answer serves every search for six hours,
which is four requests a day however many people search. It also keeps working when the API
ignores its filters, as one public client's notes record from a live check in September 2026
(a short teaser list whatever the parameters).

Every job is remote. ``candidate_required_location`` ("USA Only", "Europe", "Worldwide") is
kept as ``location``; the core reads it into ``remote_countries``. The salary is free text in
any currency and form; the core parses it.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from domain.errors import TransientError
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import iso_date, link_of, strings_of, text_of
from domain.jobs.places import Place, resolve_place
from domain.jobs.relevance import keep_relevant
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://remotive.com"
API_PATH = "/api/remote-jobs"
RATE_LIMIT = (4, 86400)  # (calls, seconds) for all workers: "we advise max. 4 times a day"
CACHE_SECONDS = 6 * 3600  # four answers a day; the data is delayed 24 h and changes slowly

_SCHEDULES = {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contractor",
              "freelance": "Contractor", "internship": "Internship"}


class RemotiveSource(BoardSource):
    """Searches Remotive's whole active list, filtered here by relevance to the query."""

    name = "remotive"
    label = "Remotive"

    def __init__(self, http: BoardHttp, **settings):
        """``http`` aims at ``DEFAULT_BASE_URL`` (or a stand-in). Other settings (keys,
        countries) do not apply to this board."""
        super().__init__(http)

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` remote postings answering ``query``, most relevant first, those
        open to ``location``'s country ahead of the rest.

        One request for the whole list (``CACHE_SECONDS`` in the shared cache). Raises
        ``TransientError`` / ``PermanentError`` from ``BoardHttp``, and ``TransientError`` when
        the answer is not the documented object with a ``jobs`` list.
        """
        body = self._http.get_json(API_PATH, cacheable=_is_listing)
        rows = _jobs(body)
        postings, extras, skipped = [], [], 0
        seen: set[str] = set()
        for raw in rows:
            posting = map_job(raw) if isinstance(raw, dict) else None
            if posting is None:
                skipped += 1
                continue
            if posting.job_id in seen:
                continue
            seen.add(posting.job_id)
            postings.append(posting)
            extras.append(" ".join(strings_of(raw.get("tags")) + [text_of(raw.get("category"))]))
        if skipped:
            logger.warning("Remotive: skipped %s of %s entries without an id, title or link", skipped, len(rows))
        matches = keep_relevant(postings, query, extras)
        logger.info("Remotive: %s postings listed, %s match %r", len(postings), len(matches), query)
        return _open_first(matches, _wanted(location))[:num_results]


def map_job(raw: dict) -> JobPosting | None:
    """One ``jobs`` entry as a ``JobPosting``, or None without an id, a title or the link back
    the terms require. Tolerates missing fields, nulls, numbers as strings, HTML."""
    job_id, title, url = text_of(raw.get("id")), text_of(raw.get("title")), link_of(raw.get("url"))
    if not job_id or not title or not url:
        return None
    published = text_of(raw.get("publication_date"))
    return JobPosting(
        job_id=f"remotive-{job_id}",
        title=title,
        company_name=text_of(raw.get("company_name")),
        location=text_of(raw.get("candidate_required_location")),
        via="via Remotive",
        description=html_to_text(raw.get("description") if isinstance(raw.get("description"), str) else ""),
        apply_link=url,
        posted_at=published or None,
        posted_date=iso_date(published),
        schedule_type=_schedule(text_of(raw.get("job_type"))),
        salary=text_of(raw.get("salary")) or None,
        work_from_home=True,
        source="remotive",
    )


def _jobs(body) -> list:
    if not isinstance(body, dict) or not isinstance(body.get("jobs"), list):
        logger.warning("Remotive answered an unexpected shape: %s", type(body).__name__ if not isinstance(body, dict)
                       else sorted(body)[:10])
        raise TransientError("Remotive answered with an unexpected body")
    return body["jobs"]


def _schedule(job_type: str) -> str | None:
    key = job_type.strip().lower().replace("-", "_").replace(" ", "_")
    return _SCHEDULES.get(key) or (job_type.replace("_", " ").strip().capitalize() or None
                                   if key and key != "other" else None)


def _wanted(location: str | None) -> set[str]:
    """Countries the searched place names (empty: no preference)."""
    place = resolve_place(location) if location else None
    if place is None:
        return set()
    return set(place.countries) | ({place.country} if place.country else set())


def _open_to(posting: JobPosting, countries: set[str]) -> bool:
    """True when the posting takes people from one of ``countries``, or from anywhere."""
    place: Place | None = resolve_place(posting.location) if posting.location else None
    if place is None:
        return True  # "Worldwide", an empty field or a time zone: no country restriction read
    place = replace(place, remote=True)
    allowed = set(place.countries) | ({place.country} if place.country else set())
    return not allowed or bool(allowed & countries)


def _open_first(postings: list[JobPosting], countries: set[str]) -> list[JobPosting]:
    """Stable: relevance still decides among the postings open to the place, and among the rest."""
    if not countries:
        return postings
    return sorted(postings, key=lambda p: not _open_to(p, countries))


def _is_listing(body) -> bool:
    """A list with jobs: only that is kept for six hours (an error or an empty list would stick)."""
    return isinstance(body, dict) and isinstance(body.get("jobs"), list) and bool(body["jobs"])
