"""What every board adapter shares: its HTTP client, a repr that shows where it points (never a
key), and ``close``. Each board adds ``name`` (its ``JOB_SOURCES`` name), ``label`` (how people
see it) and ``search``."""
from __future__ import annotations

from domain.jobs.boards.http import BoardHttp


class BoardSource:
    name: str
    label: str
    needs_key = False

    def __init__(self, http: BoardHttp):
        self._http = http

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._http.base_url}>"

    def close(self) -> None:
        """Release the pooled HTTP connections (the search step closes its boards when done)."""
        self._http.close()
