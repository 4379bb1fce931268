"""Choose a job source and run a search through it."""
from __future__ import annotations

import logging
from typing import Protocol

from domain.jobs.dedup import deduplicate
from domain.jobs.offline_source import OfflineJobSource
from domain.jobs.query import (SearchRequest, validate_location, validate_num_results,
                              validate_query)
from domain.jobs.serpapi_source import SerpApiJobSource
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


class JobSource(Protocol):
    """Anything that finds job postings for a query and an optional location."""

    def search(self, query: str, location: str | None,
               num_results: int) -> list[JobPosting]: ...


def make_job_source(*, serpapi_api_key: str | None,
                    serpapi_base_url: str = "https://serpapi.com",
                    timeout: float = 20, hl: str = "en", gl: str | None = None,
                    rate_limiter=None) -> JobSource:
    """SerpApi Google Jobs when a key is set, the bundled offline postings otherwise."""
    if serpapi_api_key:
        return SerpApiJobSource(serpapi_api_key, base_url=serpapi_base_url,
                                timeout=timeout, hl=hl, gl=gl, rate_limiter=rate_limiter)
    logger.info("SERPAPI_API_KEY is not set: using the offline job source")
    return OfflineJobSource()


def search_jobs(source: JobSource, request: SearchRequest,
                num_results: int) -> list[JobPosting]:
    """Search, merge duplicates and return at most ``num_results`` distinct jobs.

    The request is validated again here because REST callers build it without the chat
    parser; ``PermanentError`` explains what to fix.
    """
    num_results = validate_num_results(num_results)
    query = validate_query(request.query)
    location = validate_location(request.location) if request.location else None
    postings = source.search(query, location, num_results)
    jobs = deduplicate(postings)[:num_results]
    logger.info("search %r in %r: %s postings, %s jobs",
                request.query, request.location, len(postings), len(jobs))
    return jobs
