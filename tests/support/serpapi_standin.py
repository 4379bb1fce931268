"""A loopback stand-in for SerpApi's ``/search`` (Google Jobs), for tests anywhere.

    server = SerpApiStandIn(pages=3, per_page=10).start()
    source = SerpApiJobSource("test-key", base_url=server.url)
    ...
    server.requests   # [{"path": "/search", "params": {"engine": "google_jobs", ...}}, ...]
    server.stop()

It also works as a context manager. ``failure`` selects an error mode: "401", "400",
"429", "500", "timeout", "malformed", "no_results", "empty", "quota", "status_error";
``fail_times`` limits it to the first N requests (then pages are served normally).
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

VALID_KEY_DEFAULT = "test-key"
NO_RESULTS = "Google hasn't returned any results for this query."


def make_job(page: int, index: int, query: str = "python developer") -> dict:
    """One ``jobs_results`` entry in SerpApi's shape."""
    n = page * 100 + index
    return {
        "title": f"{query.title()} #{n}",
        "company_name": f"Company {n} GmbH",
        "location": "Berlin, Germany",
        "via": "LinkedIn",
        "share_link": f"https://www.google.com/search?ibp=htl;jobs#htidocid=doc{n}",
        "thumbnail": "https://serpapi.com/searches/thumb.png",
        "extensions": ["3 days ago", "Full-time", "Health insurance"],
        "detected_extensions": {"posted_at": "3 days ago", "schedule_type": "Full-time",
                                "salary": "60K–80K a year", "work_from_home": n % 2 == 0,
                                "health_insurance": True},
        "description": f"We are hiring for {query}. Python, Django and PostgreSQL.",
        "job_highlights": [
            {"title": "Qualifications", "items": ["3+ years of Python", "Django"]},
            {"title": "Responsibilities", "items": ["Build APIs"]},
        ],
        "apply_options": [
            {"title": "LinkedIn", "link": f"https://www.linkedin.com/jobs/view/{n}"},
            {"title": "Indeed", "link": f"https://de.indeed.com/viewjob?jk={n:x}"},
        ],
        "job_id": f"eyJqb2JfdGl0bGUiOi{n:06d}",
    }


class SerpApiStandIn:
    """A threaded HTTP server on 127.0.0.1 answering like SerpApi's Google Jobs engine."""

    def __init__(self, *, pages: int = 1, per_page: int = 10, api_key: str = VALID_KEY_DEFAULT,
                 failure: str | None = None, fail_times: int | None = None,
                 retry_after: str | None = "7", delay: float = 0.0, hang_seconds: float = 3.0,
                 jobs: list[dict] | None = None):
        self.pages, self.per_page, self.api_key = pages, per_page, api_key
        self.failure, self.fail_times, self.retry_after = failure, fail_times, retry_after
        self.delay = delay  # seconds to sleep before every answer
        self.hang_seconds = hang_seconds  # how long "timeout" mode stalls before answering
        self.jobs = jobs  # fixed jobs_results for every page instead of generated ones
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Root URL to pass as ``base_url`` / ``SERPAPI_BASE_URL``."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "SerpApiStandIn":
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "SerpApiStandIn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _record(self, path: str, params: dict) -> int:
        with self._lock:
            self.requests.append({"path": path, "params": params})
            return len(self.requests)

    def respond(self, path: str, params: dict) -> tuple[int, dict, bytes]:
        """Status, headers and body for one request."""
        count = self._record(path, params)
        if self.delay:
            time.sleep(self.delay)
        if path not in ("/search", "/search.json"):
            return _json(404, {"error": "Not found."})
        failing = self.failure and (self.fail_times is None or count <= self.fail_times)
        if failing:
            return self._failure(params)
        if params.get("api_key") != self.api_key:
            return _json(401, {"error": "Invalid API key. Your API key should be here: "
                                        "https://serpapi.com/manage-api-key"})
        if not params.get("q"):
            return _json(400, {"error": "Missing query `q` parameter."})
        return _json(200, self._page(params))

    def _failure(self, params: dict) -> tuple[int, dict, bytes]:
        mode = self.failure
        if mode == "timeout":
            time.sleep(self.hang_seconds)
            return _json(200, self._page(params))
        if mode == "401":
            return _json(401, {"error": "Invalid API key. Your API key should be here: "
                                        "https://serpapi.com/manage-api-key"})
        if mode == "400":
            return _json(400, {"error": "Unsupported `Atlantis` location - location parameter."})
        if mode == "429":
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            status, _, body = _json(429, {"error": "Your searches per hour limit is reached."})
            return status, headers, body
        if mode == "quota":
            return _json(429, {"error": "Your account has run out of searches."})
        if mode == "500":
            return _json(500, {"error": "Internal server error."})
        if mode == "malformed":
            return 200, {"Content-Type": "application/json"}, b'{"search_metadata": {"id": '
        if mode == "no_results":
            return _json(200, {**self._meta(params), "error": NO_RESULTS})
        if mode == "status_error":
            meta = self._meta(params)
            meta["search_metadata"]["status"] = "Error"
            return _json(200, {**meta, "error": "Proxy timeout."})
        if mode == "empty":
            return _json(200, {**self._meta(params), "jobs_results": []})
        raise ValueError(f"unknown failure mode {mode!r}")

    def _meta(self, params: dict) -> dict:
        return {
            "search_metadata": {"id": "64b0f0c2d1", "status": "Success",
                                "json_endpoint": f"{self.url}/searches/64b0f0c2d1.json",
                                "created_at": "2024-06-01 10:00:00 UTC",
                                "processed_at": "2024-06-01 10:00:00 UTC",
                                "google_jobs_url": "https://www.google.com/search?ibp=htl;jobs",
                                "total_time_taken": 1.23},
            "search_parameters": {k: v for k, v in params.items() if k != "api_key"},
        }

    def _page(self, params: dict) -> dict:
        token = params.get("next_page_token")
        page = int(token.removeprefix("tok")) if token else 0
        jobs = self.jobs if self.jobs is not None else [
            make_job(page, i, params.get("q", "job")) for i in range(self.per_page)]
        body = {**self._meta(params), "jobs_results": jobs}
        if page + 1 < self.pages:
            next_token = f"tok{page + 1}"
            next_params = {k: v for k, v in params.items() if k != "api_key"}
            next_params["next_page_token"] = next_token
            body["serpapi_pagination"] = {"next_page_token": next_token,
                                          "next": f"{self.url}/search.json?{urlencode(next_params)}"}
        return body


def _json(status: int, payload: dict) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(payload).encode()


class _Handler(BaseHTTPRequestHandler):
    standin: SerpApiStandIn

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        parsed = urlparse(self.path)
        params = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        status, headers, body = self.standin.respond(parsed.path, params)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass
