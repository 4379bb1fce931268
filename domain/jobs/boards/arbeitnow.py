"""Arbeitnow: the public job board API, jobs from German and European employers' hiring systems.

Wire format (https://www.arbeitnow.com/api/job-board-api, documented at
https://www.arbeitnow.com/blog/job-board-api and the Postman collection
https://documenter.getpostman.com/view/18545278/UVJbJdKh; public clients agree, e.g.
github.com/santifer/career-ops ``providers/arbeitnow.mjs``)::

    GET /api/job-board-api?page=N
    {"data": [{"slug", "company_name", "title", "description" (HTML), "remote" (bool), "url",
               "tags": [...], "job_types": [...], "location", "created_at" (epoch seconds)}],
     "links": {"first", "last", "prev", "next"},
     "meta": {"current_page", "from", "path", "per_page", "to", "terms", "info"}}

The API has no keyword or place parameter: it lists the newest postings first, 100 a page
(175 in some captures), so this source reads a bounded number of pages and filters them with
``domain.jobs.relevance.keep_relevant`` (tags and job types count as words of the posting).
Page URLs are built as ``?page=N`` rather than followed from ``links.next``, which carries a
rotating featured ``search=`` term that would narrow the listing
(https://github.com/career-ops-hq/career-ops/issues/1300).

Terms (``meta.terms``): "This is a free public API for jobs, please do not abuse. I would
appreciate linking back to the site." Every posting links back to its Arbeitnow page
(``apply_link``) and is credited "via Arbeitnow". The answer is the same for every search, so
pages are cached for an hour (the listing is refreshed hourly) and a cold search costs at most
``MAX_PAGES`` requests; the shared limit stays well under the 50 requests a window the API's
``X-RateLimit-Limit`` header announced in public captures.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlparse

from domain.errors import PermanentError, TransientError
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import link_of, strings_of, text_of
from domain.jobs.places import Place, is_local, resolve_place
from domain.jobs.relevance import keep_relevant
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://www.arbeitnow.com"
API_PATH = "/api/job-board-api"
RATE_LIMIT = (10, 60)  # (calls, seconds) for all workers: a cold search needs MAX_PAGES of them
CACHE_SECONDS = 3600  # the listing changes hourly and is the same for every search
MAX_PAGES = 5  # the ~500 newest postings (100 a page), read within one search's time budget

# Arbeitnow's job_types mix English and German labels ("Full Time", "Vollzeit", "Praktikum").
# A Werkstudent job is part-time by rule (at most 20 hours a week during term), as is a Minijob.
_SCHEDULES = (
    (re.compile(r"\bfull[ _-]?time\b|\bvollzeit\b"), "Full-time"),
    (re.compile(r"\bpart[ _-]?time\b|\bteilzeit\b|\bminijob\b|\bwerkstudent"), "Part-time"),
    (re.compile(r"\bcontract(or)?\b|\bfreelance|\bfreiberuf"), "Contractor"),
    (re.compile(r"\bintern(ship)?\b|\bpraktikum\b"), "Internship"),
)


class ArbeitnowSource(BoardSource):
    """Searches Arbeitnow's listing: newest pages first, filtered by relevance to the query."""

    name = "arbeitnow"
    label = "Arbeitnow"

    def __init__(self, http: BoardHttp, *, max_pages: int = MAX_PAGES, **settings):
        """``http`` aims at ``DEFAULT_BASE_URL`` (or a stand-in); ``max_pages`` bounds the pages
        one search reads. Other settings (keys, countries) do not apply to this board."""
        if max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        super().__init__(http)
        self._max_pages = max_pages

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` postings answering ``query``, most relevant first, those in or
        near ``location`` (then remote ones) ahead of the rest.

        Reads pages 1..``max_pages`` until enough postings match (in the wanted place when one is
        given) or the listing ends. Raises ``TransientError`` / ``PermanentError`` when the first
        page fails; a later page failing ends the reading with what was found (logged), since
        asking again would cost the board the pages already read.
        """
        wanted = _wanted(location)
        matched: list[JobPosting] = []
        extras: dict[str, str] = {}
        seen: set[str] = set()
        for page in range(1, self._max_pages + 1):
            try:
                body = self._http.get_json(API_PATH, {"page": page}, cacheable=_is_listing)
            except (TransientError, PermanentError) as exc:
                if page == 1:
                    raise
                logger.warning("Arbeitnow page %s failed (%s); keeping %s matches from earlier pages",
                               page, exc, len(matched))
                break
            rows, has_next = _page(body)
            fresh, fresh_extras, repeated = _map_rows(rows, seen)
            extras.update(fresh_extras)
            matched += keep_relevant(fresh, query, [fresh_extras[p.job_id] for p in fresh])
            # A page of postings already read means the board ignored the page number.
            if not rows or not has_next or (repeated and not fresh) or _usable(matched, wanted) >= num_results:
                break
        # One ranking over every page's matches: a posting's score does not depend on the others.
        ranked = keep_relevant(matched, query, [extras[p.job_id] for p in matched])
        logger.info("Arbeitnow: %s postings read, %s match %r", len(seen), len(ranked), query)
        return _place_first(ranked, wanted)[:num_results]


def map_job(raw: dict) -> JobPosting | None:
    """One ``data`` entry as a ``JobPosting``, or None when it has no title or no link back
    (the terms ask for one). Tolerates missing fields, nulls, numbers as strings, HTML."""
    title = text_of(raw.get("title"))
    url = link_of(raw.get("url"))
    slug = text_of(raw.get("slug")) or (urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] if url else "")
    if not title or not url or not slug:
        return None
    created = raw.get("created_at")
    return JobPosting(
        job_id=f"arbeitnow-{slug}",
        title=title,
        company_name=text_of(raw.get("company_name")),
        location=text_of(raw.get("location")),
        via="via Arbeitnow",
        description=html_to_text(raw.get("description") if isinstance(raw.get("description"), str) else ""),
        apply_link=url,
        posted_at=text_of(created) or None,
        posted_date=_epoch_date(created),
        schedule_type=schedule_of(strings_of(raw.get("job_types"))),
        work_from_home=raw.get("remote") is True or text_of(raw.get("remote")).lower() in ("true", "1", "yes"),
        source="arbeitnow",
    )


def schedule_of(job_types: list[str]) -> str | None:
    """"Full-time", "Part-time", "Contractor", "Internship" (joined with "and") from Arbeitnow's
    English or German job types; None when none is recognised."""
    found: list[str] = []
    for job_type in job_types:
        key = job_type.strip().lower()
        for pattern, label in _SCHEDULES:
            if pattern.search(key) and label not in found:
                found.append(label)
    return " and ".join(found) or None


def _page(body) -> tuple[list, bool]:
    """The page's rows and whether another page follows; an answer of another shape is a
    broken answer (a gateway's JSON, a changed API), worth a later try."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        logger.warning("Arbeitnow answered an unexpected shape: %s", type(body).__name__ if not isinstance(body, dict)
                       else sorted(body)[:10])
        raise TransientError("Arbeitnow answered with an unexpected body")
    links = body.get("links")
    has_next = bool(links.get("next")) if isinstance(links, dict) and "next" in links else bool(body["data"])
    return body["data"], has_next


def _map_rows(rows: list, seen: set[str]) -> tuple[list[JobPosting], dict[str, str], int]:
    """New postings of a page, each one's tags and job types as extra words for relevance, and
    how many were already read on earlier pages (skipped: the listing moves while it is read)."""
    postings, extras, skipped, repeated = [], {}, 0, 0
    for raw in rows:
        posting = map_job(raw) if isinstance(raw, dict) else None
        if posting is None:
            skipped += 1
            continue
        if posting.job_id in seen:
            repeated += 1
            continue
        seen.add(posting.job_id)
        postings.append(posting)
        extras[posting.job_id] = " ".join(strings_of(raw.get("tags")) + strings_of(raw.get("job_types")))
    if skipped:
        logger.warning("Arbeitnow: skipped %s of %s entries without a title or link", skipped, len(rows))
    return postings, extras, repeated


def _wanted(location: str | None) -> Place | None:
    place = resolve_place(location) if location else None
    if place is None or not (place.remote or place.city or place.country or place.countries):
        return None
    return place


def _tier(posting: JobPosting, wanted: Place | None) -> int:
    """0: in or near the wanted place (or remote when only remote work was asked for);
    1: remote; 2: elsewhere."""
    if wanted is None:
        return 0
    if wanted.remote and not (wanted.city or wanted.country or wanted.countries):
        return 0 if posting.work_from_home else 1
    place = resolve_place(posting.location) if posting.location else None
    if place is not None and is_local(replace(place, remote=False), wanted):
        return 0
    return 1 if posting.work_from_home else 2


def _usable(postings: list[JobPosting], wanted: Place | None) -> int:
    return sum(1 for p in postings if _tier(p, wanted) < 2)


def _place_first(postings: list[JobPosting], wanted: Place | None) -> list[JobPosting]:
    """Stable: relevance still decides within a tier; without a wanted place nothing moves."""
    return sorted(postings, key=lambda p: _tier(p, wanted)) if wanted is not None else postings


def _epoch_date(value) -> str | None:
    """ISO date (UTC) of ``created_at``: epoch seconds as a number or a string of digits; an ISO
    timestamp is read too, in case the board ever sends one."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(str(value).strip()).date().isoformat()
        except ValueError:
            return None
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _is_listing(body) -> bool:
    """Arbeitnow's page shape: only such answers are cached (not an error page in JSON)."""
    return isinstance(body, dict) and isinstance(body.get("data"), list) and bool(body["data"])
