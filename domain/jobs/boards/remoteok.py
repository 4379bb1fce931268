"""Remote OK: remote jobs only, from one keyless feed of its latest postings.

Wire format (https://remoteok.com/api, described on https://remoteok.com/api and in public
clients): a JSON array whose first element is a legal notice, not a job, followed by jobs:

    [{"last_updated": 1791388805, "legal": "API Terms of Service: Please link back ..."},
     {"slug": "remote-senior-python-engineer-acme-1137469", "id": "1137469", "epoch": 1791388805,
      "date": "2026-10-07T16:00:05+00:00", "company": "Acme", "company_logo": "...",
      "position": "Senior Python Engineer", "tags": ["python", "backend"],
      "description": "&lt;p&gt;...&lt;/p&gt;", "location": "Europe", "salary_min": 90000,
      "salary_max": 120000, "apply_url": "https://remoteOK.com/remote-jobs/...",
      "url": "https://remoteOK.com/remote-jobs/remote-senior-python-engineer-acme-1137469"}]

The feed is the latest ~100 postings; ``page``, ``offset`` and ``limit`` are ignored, and
``?tag=`` serves older archived postings, so the whole feed is read and filtered here by the
query words (``domain.jobs.relevance``, with the tags as extra words). ``salary_min`` and
``salary_max`` are yearly US dollars, 0 when not given. Descriptions arrive as HTML whose tags
are often entity-escaped ("&lt;p&gt;"), and some texts were decoded twice upstream
("fÃ¼r" for "für"); both are repaired. ``location`` is free text, often empty.

Terms (the notice in every answer, and https://remoteok.com/legal): link back to the posting's
URL on Remote OK and mention Remote OK as the source; do not use its logo. Each posting's
``apply_link`` is its Remote OK page and ``via`` reads "via Remote OK"; the logo is not kept.
No rate limit is published; https://remoteok.com/robots.txt asks for a crawl delay of 1 second,
which ``RATE_LIMIT`` keeps. Every search reads the same feed, so it is cached for an hour.
"""
from __future__ import annotations

import html
import logging
import re
from datetime import UTC, datetime

from domain.errors import TransientError
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.source import BoardSource
from domain.jobs.boards.wire import amount_of, number_of, text_of
from domain.jobs.relevance import keep_relevant
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://remoteok.com"
RATE_LIMIT = (1, 1.0)  # robots.txt: Crawl-delay: 1
CACHE_SECONDS = 3600
POSTING_PAGE = "https://remoteok.com/remote-jobs/"
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf€]")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z]")


class RemoteOkSource(BoardSource):
    """The Remote OK feed, filtered and ordered by relevance to the query."""

    name = "remoteok"
    label = "Remote OK"

    def __init__(self, http: BoardHttp, **settings):
        """Remote OK takes no settings; any given are ignored."""
        super().__init__(http)

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Up to ``num_results`` postings of the feed that answer ``query``, most relevant first.

        One request (the feed has no pages). ``location`` is not sent: every posting is remote,
        and which countries each is open to is read from its ``location`` text by the core.
        Raises ``TransientError`` / ``PermanentError`` from ``BoardHttp``, and ``TransientError``
        when a 200 answer is not a JSON array.
        """
        if num_results <= 0 or not (query or "").strip():
            return []
        body = self._http.get_json("/api", cacheable=_is_feed)
        if not isinstance(body, list):
            raise TransientError(f"Remote OK answered with a {type(body).__name__} instead of a list")
        postings: list[JobPosting] = []
        extras: list[str] = []
        seen: set[str] = set()
        for raw in body:
            if isinstance(raw, dict) and "legal" in raw and "position" not in raw:
                continue  # the terms notice that opens every answer
            posting = _safe_map(raw)
            if posting is None or posting.job_id in seen:
                continue
            seen.add(posting.job_id)
            postings.append(posting)
            extras.append(" ".join(t for t in raw.get("tags") or [] if isinstance(t, str))
                          if isinstance(raw.get("tags"), list) else "")
        return keep_relevant(postings, query, extras)[:num_results]


def _safe_map(raw) -> JobPosting | None:
    if not isinstance(raw, dict):
        logger.warning("Remote OK entry skipped: a %s, not an object", type(raw).__name__)
        return None
    try:
        return map_job(raw)
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError, OSError):
        logger.warning("Remote OK entry %r skipped: unreadable", raw.get("id"), exc_info=True)
        return None


def map_job(raw: dict) -> JobPosting | None:
    """One Remote OK job (wire format in the module docstring) as a posting; None without an id
    or a title."""
    job_id = text_of(raw.get("id")) or text_of(raw.get("slug"))
    title = _repair(text_of(raw.get("position")))
    if not job_id or not title:
        logger.warning("Remote OK entry without an id or a position skipped: %r", raw.get("id"))
        return None
    slug = text_of(raw.get("slug"))
    link = text_of(raw.get("url")) or (POSTING_PAGE + slug if slug else "")
    apply_url = text_of(raw.get("apply_url"))
    low, high = amount_of(raw.get("salary_min")), amount_of(raw.get("salary_max"))
    epoch = number_of(raw.get("epoch"))
    date = text_of(raw.get("date"))
    return JobPosting(
        job_id=f"remoteok-{job_id}",
        title=title,
        company_name=_repair(text_of(raw.get("company"))),
        location=_repair(text_of(raw.get("location"))).strip(" ,"),
        via="via Remote OK",
        description=html_to_text(_unescape_tags(_repair(text_of(raw.get("description"))))),
        apply_link=link,
        apply_options=[{"title": "Remote OK", "link": apply_url}] if apply_url and apply_url != link else [],
        posted_at=date or (text_of(raw.get("epoch")) or None),
        posted_date=_date(date, epoch),
        salary=_salary_text(low, high),
        salary_min=low,
        salary_max=high,
        salary_currency="USD" if (low or high) else None,
        salary_period="year" if (low or high) else None,
        work_from_home=True,
        source="remoteok",
    )



def _salary_text(low: float | None, high: float | None) -> str | None:
    """"$90,000–$120,000 a year", "from $90,000 a year", "up to $120,000 a year"."""
    if low and high and round(low) != round(high):
        return f"${low:,.0f}–${high:,.0f} a year"
    if low:
        return f"${low:,.0f} a year" if high else f"from ${low:,.0f} a year"
    if high:
        return f"up to ${high:,.0f} a year"
    return None


def _date(date: str, epoch: float | None) -> str | None:
    if date:
        try:
            return datetime.fromisoformat(date).date().isoformat()
        except ValueError:
            pass
    if epoch is not None and epoch > 0:
        try:
            return datetime.fromtimestamp(epoch, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _repair(text: str) -> str:
    """"Telefondienst fÃ¼r" -> "Telefondienst für": UTF-8 read as Latin-1 upstream. Text that does
    not survive the round trip was not garbled that way and is kept as it is."""
    if not text or not _MOJIBAKE.search(text):
        return text
    for wrong in ("latin-1", "cp1252"):  # "â\x80\x99" and "â€™" are both a garbled "’"
        try:
            return text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _unescape_tags(text: str) -> str:
    """"&lt;p&gt;Hi&lt;/p&gt;" -> "<p>Hi</p>", so that the tags become line breaks, not text.
    A description with real tags keeps its escaped ones: there they are text ("use &lt;div&gt;")."""
    return html.unescape(text) if "<" not in text and _ESCAPED_TAG.search(text) else text



def _is_feed(body) -> bool:
    """The legal notice and at least one job: only such a feed is cached."""
    return isinstance(body, list) and len(body) > 1
