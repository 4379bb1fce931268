"""What the benchmarks share: the bare-endpoint ceiling and percentiles."""
from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx

from tests.support.processes import free_port

BARE_APP = """
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

async def ack(request):
    await request.body()
    return Response(status_code=200)

uvicorn.run(Starlette(routes=[Route({path!r}, ack, methods=["POST"])]), host="127.0.0.1", port={port},
            log_level="warning")
"""


@contextlib.contextmanager
def bare_server(path: str) -> Iterator[str]:
    """A Starlette app under uvicorn that only answers 200 at ``path``: the machine's ceiling."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", BARE_APP.format(path=path, port=port)])
    url = f"http://127.0.0.1:{port}{path}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(url, content=b"{}", timeout=1)
                break
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
