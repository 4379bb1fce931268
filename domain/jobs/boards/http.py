"""HTTP for job boards: one JSON GET with the error policy every board shares.

- Timeouts and broken connections, 408, 429 and 5xx -> ``TransientError`` (``retry_after`` from
  ``Retry-After`` when the board sends one).
- 401 and 403 -> ``PermanentError(code="search_auth")``: the key is wrong or the board refuses us.
- Other 4xx -> ``PermanentError(code="search_rejected")``.
- A 2xx body that is not JSON (a gateway's HTML page, a cut-off answer) -> ``TransientError``.

A board's terms often limit how often it may be asked: ``rate_limiter`` (anything with
``acquire()``, e.g. ``RedisRateLimiter``, shared by every worker) is asked before each request,
and ``cache`` (``get(key) -> value | None`` / ``set(key, value, ttl)``) keeps answers for
``cache_ttl`` seconds so that the same search within that time costs the board nothing.
Error messages never hold the request URL: some boards take their key in the query string.
"""
from __future__ import annotations

import email.utils
import functools
import hashlib
import json
import logging
import os
import ssl
import time
from typing import Any

import certifi
import httpx

from domain.errors import PermanentError, TransientError, Unreachable

logger = logging.getLogger(__name__)

USER_AGENT = "job-agent/0.1 (+https://github.com/job-agent/job-agent)"
# The largest board answer seen in public captures is a few MB (Remotive's whole list); 20 MB leaves
# room and still bounds a worker's memory against a hostile or broken board (gzip bombs included).
MAX_ANSWER_BYTES = 20_000_000


@functools.lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    """One TLS context for every board client: loading the CA bundle costs ~30 ms a client, and a
    search builds one client a board."""
    # SSL_CERT_FILE / SSL_CERT_DIR still win: a deployment behind a TLS-inspecting proxy needs its own CA.
    return ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE") or certifi.where(),
                                      capath=os.environ.get("SSL_CERT_DIR") or None)


class _TooLarge(Exception):
    pass


class _OffHost(httpx.HTTPError):
    def __init__(self) -> None:
        super().__init__("redirect to another host")


class BoardHttp:
    """A pooled HTTP client aimed at one board's API root.

    ``label`` names the board in messages ("Arbeitnow"); ``base_url`` is its ``*_BASE_URL``
    setting; ``timeout`` is seconds for a whole request, body included (a board that trickles its
    answer is cut off there); ``max_bytes`` caps an answer's size after decompression.
    Redirects are followed only within the board's own host.
    """

    def __init__(self, label: str, base_url: str, *, timeout: float = 10, headers: dict | None = None,
                 rate_limiter=None, cache=None, cache_ttl: float = 0, transport: httpx.BaseTransport | None = None,
                 max_bytes: int = MAX_ANSWER_BYTES):
        self.label = label
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._host = httpx.URL(self.base_url).host
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport, verify=_tls(),
                                    headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
                                    follow_redirects=True, max_redirects=3,
                                    event_hooks={"response": [self._stay_on_host]})
        self._rate_limiter = rate_limiter
        self._cache = cache
        self._cache_ttl = cache_ttl

    def __repr__(self) -> str:
        return f"<BoardHttp {self.label} {self.base_url}>"

    def close(self) -> None:
        self._client.close()

    def get_json(self, path: str, params: dict | None = None, headers: dict | None = None, *,
                 accept_statuses: tuple[int, ...] = (), cacheable=None) -> Any:
        """GET ``{base_url}{path}`` and return the decoded JSON body (any JSON type).

        ``accept_statuses``: error statuses whose JSON body is an answer for this board (Jobicy says
        "nothing found" with a 404 and a JSON body); their body is returned, and a body that is not
        JSON (another server's 404 page) raises ``PermanentError``. ``cacheable(body) -> bool``: only
        answers the board's own shape check accepts are cached (a maintenance page must not stick for
        hours); without it every 2xx JSON answer is. Raises ``TransientError`` or ``PermanentError`` as
        the module docstring says; each carries the HTTP ``status`` when there was one.
        """
        params = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
        key = self._cache_key(path, params)
        if self._cache is not None and self._cache_ttl > 0:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
        if self._rate_limiter is not None:
            self._rate_limiter.acquire()
        failure = None
        try:
            response, content = self._fetch(path, params, headers)
        except httpx.TimeoutException:
            failure = TransientError(f"{self.label} did not answer in time")
        except _TooLarge:
            failure = TransientError(f"{self.label} answered with more than {self.max_bytes // 1_000_000} MB")
        except _OffHost:
            failure = PermanentError(f"{self.label} redirected this bot to another site.", code="search_rejected")
        except httpx.TooManyRedirects:
            failure = TransientError(f"{self.label} redirected in a loop")
        except httpx.DecodingError:
            failure = TransientError(f"{self.label} answered with an unreadable body")
        except httpx.TransportError:
            failure = Unreachable(f"Could not connect to {self.label}")
        if failure is not None:
            raise failure  # outside the except block: httpx's text holds the URL
        body = self._decode(response, content, accept_statuses)
        if self._cache is not None and self._cache_ttl > 0 \
                and (response.is_success or response.status_code in accept_statuses) \
                and (cacheable is None or cacheable(body)):
            self._cache.set(key, body, self._cache_ttl)
        return body

    def _fetch(self, path: str, params: dict, headers: dict | None) -> tuple[httpx.Response, bytes]:
        """The response and its decompressed body, within ``timeout`` seconds and ``max_bytes`` in all."""
        deadline = time.monotonic() + self.timeout
        with self._client.stream("GET", path, params=params, headers=headers) as response:
            if "," in response.headers.get("content-encoding", ""):
                raise _TooLarge  # stacked codings unpack a layer whole before any size check; no API sends them
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise _TooLarge
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("answer took longer than the board's deadline")
                chunks.append(chunk)
        return response, b"".join(chunks)

    def _stay_on_host(self, response: httpx.Response) -> None:
        location = response.headers.get("location") if response.is_redirect else None
        if location:
            target = response.request.url.join(location).host
            if target != self._host and target.removeprefix("www.") != self._host.removeprefix("www."):
                raise _OffHost

    def _decode(self, response: httpx.Response, content: bytes, accept_statuses: tuple[int, ...] = ()) -> Any:
        status = response.status_code
        accepted = status in accept_statuses
        if status >= 400 and not accepted:
            # The body is not logged: error pages may echo the request URL, keys included.
            logger.warning("%s answered %s (%s bytes)", self.label, status, len(content))
        if status in (401, 403) and not accepted:
            raise _with_status(PermanentError(f"{self.label} refused this bot's access (status {status}). "
                                              "Please tell the bot's operator.", code="search_auth"), status)
        if (status in (408, 425, 429) or status >= 500) and not accepted:
            raise _with_status(TransientError(f"{self.label} status {status}", retry_after=retry_after(response)),
                               status)
        if status >= 400 and not accepted:
            raise _with_status(PermanentError(f"{self.label} could not run this search (status {status}).",
                                              code="search_rejected"), status)
        try:
            return json.loads(content)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            logger.warning("%s answered %s with a body that is not JSON (%s bytes)", self.label, status,
                           len(content))
            if accepted:
                raise _with_status(PermanentError(f"{self.label} could not run this search (status {status}).",
                                                  code="search_rejected"), status) from None
            raise TransientError(f"{self.label} answered with an unreadable body") from None

    def _cache_key(self, path: str, params: dict) -> str:
        basis = json.dumps([self.base_url, path, sorted(params.items())], default=str)
        return f"{self.label.lower()}:{hashlib.sha256(basis.encode()).hexdigest()[:32]}"


def _with_status(error: Exception, status: int) -> Exception:
    error.status = status  # the board modules read it (e.g. Jobicy's 400 for an unknown geo)
    return error


def retry_after(response) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date, RFC 9110 §10.2.3) of an
    httpx or requests response (None, or a response without the header: None)."""
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
