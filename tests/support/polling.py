"""Poll a record's status URL until it finishes."""
from __future__ import annotations

import httpx

from tests.support.processes import wait_for


def wait_finished(client: httpx.Client, status_url: str, timeout: float = 90) -> dict:
    def finished():
        body = client.get(status_url).json()
        return body if body["status"] in ("completed", "failed") else None

    return wait_for(finished, timeout=timeout, interval=0.2, message=f"{status_url} to finish")
