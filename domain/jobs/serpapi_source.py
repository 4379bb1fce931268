"""Google Jobs through SerpApi, with the official ``serpapi`` client.

Error policy (SerpApi answers errors as ``{"error": "..."}`` bodies):

- 400, 401, 403, other 4xx, and 429 "run out of searches" -> ``PermanentError``:
  retrying the same request with the same key cannot succeed.
- 429 throughput limit, 408, 5xx, timeouts, broken connections -> ``TransientError``
  (``retry_after`` from the ``Retry-After`` header when SerpApi sends one).
- "Google hasn't returned any results for this query." -> an empty list: no jobs is an
  answer, not a failure.
- A 200 whose body is not a JSON object -> ``TransientError``. SerpApi always answers
  searches in JSON, so such a body is a gateway page or a cut-off response; a retry
  usually succeeds, and the task's retry cap bounds the cost if it does not.

Exception messages never contain request URLs: the API key travels in the query string.
"""
from __future__ import annotations

import logging

import serpapi

from domain.errors import PermanentError, TransientError, Unreachable
from domain.jobs.boards.http import retry_after
from domain.jobs.serpapi_mapping import map_job_result
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

PAGE_SIZE = 10  # Google Jobs pages hold 10 results; there is no "num" parameter
NO_RESULTS_MARKERS = ("hasn't returned any results", "has not returned any results")
UNAVAILABLE = "The job search service is not available right now"


class _Client(serpapi.Client):
    """The official client, aimed at a configurable root instead of serpapi.com."""

    def __init__(self, *, base_url: str, api_key: str, timeout: float):
        super().__init__(api_key=api_key, timeout=timeout)
        self.BASE_DOMAIN = base_url.rstrip("/")  # instance attribute: no global change


class SerpApiJobSource:
    """Searches Google Jobs via SerpApi, following ``next_page_token`` pages."""

    name = "serpapi"
    label = "Google Jobs (SerpApi)"
    needs_key = True

    def __init__(self, api_key: str, base_url: str = "https://serpapi.com",
                 timeout: float = 20, hl: str = "en", gl: str | None = None,
                 rate_limiter=None):
        if not api_key:
            raise ValueError("SerpApiJobSource needs an API key")
        self._client = _Client(base_url=base_url, api_key=api_key, timeout=timeout)
        self._hl, self._gl = hl, gl
        self._rate_limiter = rate_limiter  # anything with .acquire(), e.g. RedisRateLimiter

    def __repr__(self) -> str:
        return f"<SerpApiJobSource {self._client.BASE_DOMAIN}>"

    def close(self) -> None:
        """Release the pooled HTTP connections."""
        self._client.session.close()

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Return up to ``num_results`` postings, fetching as many pages as needed."""
        params = self._base_params(query, location)
        postings: list[JobPosting] = []
        seen_tokens: set[str] = set()
        max_pages = num_results // PAGE_SIZE + 3  # a guard against endless token chains
        for _ in range(max_pages):
            page = self._fetch_page(params)
            results = page.get("jobs_results") or []
            postings.extend(map_job_result(r) for r in results if isinstance(r, dict))
            token = (page.get("serpapi_pagination") or {}).get("next_page_token")
            if len(postings) >= num_results or not results or not token:
                break
            if token in seen_tokens:
                logger.warning("SerpApi repeated next_page_token; stopping pagination")
                break
            seen_tokens.add(token)
            params = {**params, "next_page_token": token}
        logger.info("SerpApi returned %s postings for %r in %r",
                    len(postings), query, location)
        return postings[:num_results]

    def _base_params(self, query: str, location: str | None) -> dict:
        params = {"engine": "google_jobs", "q": query, "hl": self._hl}
        if location and location.strip().lower() in {"remote", "anywhere", "home office"}:
            # Google Jobs has no "remote" place; the word in the query finds such jobs.
            params["q"] = f"{query} remote"
        elif location:
            params["location"] = location
        if self._gl:
            params["gl"] = self._gl
        return params

    def _fetch_page(self, params: dict) -> dict:
        if self._rate_limiter is not None:
            self._rate_limiter.acquire()
        failure = None
        try:
            page = self._client.search(dict(params))
        except serpapi.HTTPConnectionError:  # subclass of HTTPError: check it first
            raise Unreachable("Could not connect to SerpApi") from None
        except serpapi.TimeoutError:
            raise TransientError("SerpApi did not answer in time") from None
        except serpapi.HTTPError as exc:
            failure = (exc.status_code, exc.error, retry_after(exc.response))
        except (TypeError, ValueError):  # the client chokes on JSON that is not an object
            page = None
        if failure:
            # Raised outside the except block: the client's exception text holds the
            # request URL, api_key included, and must not ride along as __context__.
            return _empty_or_raise(*failure)
        if not isinstance(page, (dict, serpapi.SerpResults)):
            logger.warning("SerpApi answered 200 with a non-JSON body (%s chars)",
                           len(page or ""))
            raise TransientError("SerpApi answered with an unreadable body")
        page = dict(page)
        error = page.get("error")
        if error:
            status = (page.get("search_metadata") or {}).get("status")
            return _empty_or_raise(503 if status == "Error" else 200, error, None)
        return page


def _empty_or_raise(status: int, error: str | None, retry_after: float | None) -> dict:
    """Map a SerpApi error to an empty page, a permanent or a transient failure."""
    text = error or ""
    if any(marker in text for marker in NO_RESULTS_MARKERS):
        return {"jobs_results": []}
    logger.warning("SerpApi error: status=%s error=%r", status, text)
    if status in (401, 403):
        raise PermanentError(
            f"{UNAVAILABLE}: its access key was refused. Please tell the bot's operator.",
            code="search_auth")
    if status == 429 and "run out of searches" in text.lower():
        raise PermanentError(
            f"{UNAVAILABLE}: this bot has used up its search quota. "
            "Please try again another day or tell the bot's operator.",
            code="search_quota")
    if status in (408, 429) or status >= 500 or status < 0:
        raise TransientError(f"SerpApi status {status}: {text}".strip(),
                             retry_after=retry_after)
    if status == 400:
        raise PermanentError(
            "The job search service could not run this search"
            + (f" ({text.rstrip('.')})" if text else "")
            + '. Check the spelling of the job title and place, e.g. "nurse in Munich".',
            code="search_rejected")
    if status == 200:  # an error in a 200 body that is not "no results"
        raise TransientError(f"SerpApi search failed: {text}")
    raise PermanentError(f"{UNAVAILABLE} (status {status}). Please tell the bot's operator.",
                         code="search_failed")
