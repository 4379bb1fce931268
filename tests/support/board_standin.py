"""A loopback HTTP server to build job-board stand-ins on.

A board's stand-in subclasses ``BoardStandIn`` and implements ``answer(path, params, headers)``
returning ``(status, headers, body)`` where body is bytes, str, or anything JSON-serialisable.
The base adds what every board test needs:

    with RemotiveStandIn(jobs=[...]) as board:        # a subclass
        board.fail_next(429, {"Retry-After": "30"}, {"error": "slow down"})   # queued failures
        board.delay = 0.2                              # seconds before every answer
        board.hang = True                              # stall (up to hang_seconds) before answering
        source = RemotiveSource(BoardHttp("Remotive", board.url))
        board.requests   # [{"path": "/api/remote-jobs", "params": {"search": "python"}, "headers": {...}}]

Only ``127.0.0.1`` is bound; the server and its threads are daemons.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from tests.support.http_server import StandInServer


class BoardStandIn:
    """Base stand-in: records requests, serves ``answer()``, injects failures, delays and hangs."""

    def __init__(self, *, hang_seconds: float = 30.0):
        self.requests: list[dict] = []
        self.delay = 0.0
        self.hang = False
        self.hang_seconds = hang_seconds
        self._failures: list[tuple[int, dict, object]] = []
        self._lock = threading.Lock()
        self._stop_hanging = threading.Event()
        self._server: StandInServer | None = None

    # -- to implement -------------------------------------------------------------------
    def answer(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, dict, object]:
        raise NotImplementedError

    # -- control ------------------------------------------------------------------------
    def fail_next(self, status: int, headers: dict | None = None, body: object = b"", times: int = 1) -> None:
        """The next ``times`` requests get this answer instead of ``answer()``'s."""
        with self._lock:
            self._failures.extend([(status, headers or {}, body)] * times)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = StandInServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop_hanging.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _respond(self, path: str, params: dict, headers: dict) -> tuple[int, dict, bytes]:
        with self._lock:
            self.requests.append({"path": path, "params": params, "headers": headers})
            failure = self._failures.pop(0) if self._failures else None
        if self.delay:
            time.sleep(self.delay)
        if self.hang:
            self._stop_hanging.wait(self.hang_seconds)
        status, extra, body = failure or self.answer(path, params, headers)
        if isinstance(body, bytes):
            data, kind = body, "application/octet-stream"
        elif isinstance(body, str):
            data, kind = body.encode(), "text/html; charset=utf-8"
        else:
            data, kind = json.dumps(body).encode(), "application/json"
        return status, {"Content-Type": kind, **extra}, data


class _Handler(BaseHTTPRequestHandler):
    standin: BoardStandIn
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        parsed = urlparse(self.path)
        params = {key: values[-1] for key, values in parse_qs(parsed.query, keep_blank_values=True).items()}
        headers = {key.lower(): value for key, value in self.headers.items()}
        status, extra, data = self.standin._respond(parsed.path, params, headers)
        try:
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to tell it

    def log_message(self, *args) -> None:
        pass
