"""What the benchmarks share: the bare-endpoint ceiling, the load generators (open loop, paced, saturating),
process memory and CPU, and the PTB example server to compare against."""
from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from urllib.parse import urlsplit

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


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> None:
    """Read (and drop) the body an answer's ``head`` announces, so the kept-alive connection is ready again."""
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:" and int(line[15:]):
            await reader.readexactly(int(line[15:]))
            return


async def _saturating_connection(host: str, port: int, next_request: Callable[[], bytes | None],
                                 latencies: list[float], failures: list[str]) -> None:
    """One keep-alive connection sending the next request as soon as the previous answer is read."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (request := next_request()) is not None:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = head[9:12]
            await _read_body(reader, head)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != b"200":
                failures.append(status.decode())
    finally:
        writer.close()


def saturate(url: str, body: Callable[[int], bytes], *, connections: int = 32, seconds: float = 10,
             headers: dict[str, str] | None = None) -> dict:
    """Closed loop: ``connections`` keep-alive connections each POST the next body the moment the last is answered.

    ``body(i)`` is the i-th request's JSON (bytes); raw HTTP/1.1 over asyncio streams, so the client costs
    a fraction of what the server does (an HTTP library client would be the bottleneck on a small machine).
    Returns ``{"n", "per_second", "p50", "p99", "max", "failures"}`` (latencies in ms, from write to answer).
    """
    with contextlib.suppress(ImportError):
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    parts = urlsplit(url)
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    prefix = (f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
              f"{extra}Content-Length: ").encode()
    latencies: list[float] = []
    failures: list[str] = []
    counter = iter(range(10**9))
    deadline = 0.0

    def next_request() -> bytes | None:
        if time.perf_counter() >= deadline:
            return None
        payload = body(next(counter))
        return prefix + str(len(payload)).encode() + b"\r\n\r\n" + payload

    async def run() -> float:
        nonlocal deadline
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(_saturating_connection(parts.hostname, parts.port, next_request, latencies, failures)
                               for _ in range(connections)))
        return time.perf_counter() - started

    elapsed = asyncio.run(run())
    asyncio.set_event_loop_policy(None)
    return {"n": len(latencies), "per_second": len(latencies) / elapsed, "p50": percentile(latencies, 0.5),
            "p99": percentile(latencies, 0.99), "max": max(latencies), "failures": len(failures)}


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB (Linux /proc), children not included."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for process {pid}")


PTB_EXAMPLE_RUNNER = """
import runpy, sys
import uvicorn
from telegram.ext import ApplicationBuilder

path, root, token, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
original_token = ApplicationBuilder.token
# The example as published, pointed at the stand-in Bot API and a free port instead of its placeholders.
ApplicationBuilder.token = lambda self, _placeholder: original_token(self, token).base_url(root + "/bot")
original_config = uvicorn.Config.__init__

def config(self, *args, **kwargs):
    kwargs["port"] = port
    original_config(self, *args, **kwargs)

uvicorn.Config.__init__ = config
runpy.run_path(path, run_name="__main__")
"""


@contextlib.contextmanager
def ptb_example_server(example: str, api_root: str, token: str) -> Iterator[tuple[str, int]]:
    """python-telegram-bot's custom-webhook example (``examples/customwebhookbot/starlettebot.py``, not shipped
    here: pass its path) run unchanged but for its token, Bot API and port; yields (webhook URL, pid)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", PTB_EXAMPLE_RUNNER, example, api_root, token, str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(f"http://127.0.0.1:{port}/healthcheck", timeout=1).raise_for_status()
                break
            if process.poll() is not None:
                raise RuntimeError(f"the PTB example exited with {process.returncode}")
            time.sleep(0.1)
        else:
            raise RuntimeError("the PTB example never answered /healthcheck")
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_rss_mb(pid: int) -> float:
    """Resident set size of a process and all its descendants (a prefork worker's children too), in MB."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, ValueError):
            total += rss_mb(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
    return total


class RawPost:
    """POSTs over a pool of keep-alive HTTP/1.1 connections written by hand: a fraction of an HTTP library's
    CPU per request, so the load generator does not become the bottleneck on a small, busy machine."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self.prefix = (f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
                       f"{extra}Content-Length: ").encode()
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, body: bytes) -> int:
        """The response's status; a connection error raises OSError (or asyncio.IncompleteReadError).

        A kept-alive connection the server closed meanwhile (uvicorn drops idle ones after 5 s) is
        retried once on a new connection, as HTTP clients do.
        """
        request = self.prefix + str(len(body)).encode() + b"\r\n\r\n" + body
        while self.idle:
            reader, writer = self.idle.pop()
            try:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                break
            except (OSError, asyncio.IncompleteReadError) as exc:
                writer.close()
                if getattr(exc, "partial", b""):
                    raise
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
        await _read_body(reader, head)
        self.idle.append((reader, writer))
        return int(head[9:12])

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def paced(url: str, body: Callable[[int], bytes], rate: float, seconds: float, *,
                headers: dict[str, str] | None = None, every: float = 10.0,
                sample: Callable[[float, list[float], list[str]], None] | None = None) -> tuple[list[float], list[str]]:
    """Open loop for long runs: request ``i`` (body ``body(i)``) starts at ``start + i / rate`` in its own task,
    created on time rather than all up front. Every ``every`` seconds ``sample(elapsed, latencies_ms, failures)``
    sees the figures so far. Returns (latencies in ms from the scheduled time, failures)."""
    latencies: list[float] = []
    failures: list[str] = []
    client = RawPost(url, headers)

    async def one(index: int, scheduled: float) -> None:
        try:
            status = await client.post(body(index))
            if status != 200:
                failures.append(str(status))
        except (OSError, asyncio.IncompleteReadError) as exc:
            failures.append(type(exc).__name__)
        latencies.append((time.perf_counter() - scheduled) * 1000)

    tasks: set[asyncio.Task] = set()
    start = time.perf_counter() + 0.2
    next_sample, index = every, 0
    while (scheduled := start + index / rate) < start + seconds:
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        task = asyncio.create_task(one(index, scheduled))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        index += 1
        if sample and scheduled - start >= next_sample:
            sample(scheduled - start, latencies, failures)
            next_sample += every
    await asyncio.gather(*tasks)
    client.close()
    return latencies, failures


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM (``timeout``, ``kill``) into SystemExit, so the benches' context managers stop the
    servers and workers they started instead of leaving them running."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
