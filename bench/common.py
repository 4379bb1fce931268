"""What the benchmarks share: the bare-endpoint ceiling and percentiles."""
from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator

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


async def open_loop(post: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]], count: int, rate: float,
                    *, warm_up: bool = True) -> tuple[list[float], list[str]]:
    """Send request ``i`` at ``start + i / rate`` whatever the server does (open loop).

    Latency runs from the scheduled time, so a stalled server shows in the figures instead of
    slowing the load down. Returns (latencies in ms, failures).
    """
    latencies: list[float] = []
    failures: list[str] = []
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=500)
    async with httpx.AsyncClient(limits=limits, timeout=15) as http:

        async def one(index: int, scheduled: float) -> None:
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            try:
                response = await post(http, index)
                if response.status_code != 200:
                    failures.append(str(response.status_code))
            except httpx.HTTPError as exc:
                failures.append(type(exc).__name__)
            latencies.append((time.perf_counter() - scheduled) * 1000)

        if warm_up:  # connection set-up and the server's one-time work are not part of the figures
            await one(-1, time.perf_counter())
            latencies.clear()
            failures.clear()
        start = time.perf_counter() + 0.5
        await asyncio.gather(*(one(index, start + index / rate) for index in range(count)))
    return latencies, failures
