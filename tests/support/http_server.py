"""The HTTP server every loopback stand-in runs on."""
from __future__ import annotations

from http.server import ThreadingHTTPServer


class StandInServer(ThreadingHTTPServer):
    """A thread per request with a listen backlog like a real service's: the standard library's 5
    made a burst of 30 concurrent Bot API calls meet connection resets no real API would give."""

    request_queue_size = 128
    daemon_threads = True
