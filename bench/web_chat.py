"""The web chat page: its weight (HTML + CSS + JS bytes) and the time to its first render in a real browser.

    python bench/web_chat.py [--loads 40] [--no-throttle]

Starts the real `job-agent serve` (embedded default: the page needs no worker), reads `GET /chat` and the
stylesheet and script it links, and prints their bytes as sent and as gzip would send them. Then loads the
page in Debian's headless Chromium (tests/support/browser.py) ``--loads`` times with an empty cache and as
many times with a warm one, and reads the browser's own figures: Navigation Timing (response end, DOM
content loaded, load event) and the Paint Timing entry first-contentful-paint. With throttling (the default)
the same runs again on a slow phone as Lighthouse sets one up: 150 ms round trips, 1.6 Mbit/s down,
750 kbit/s up, and the CPU slowed 4×.
"""
from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import percentile
from tests.support.browser import Browser
from tests.support.stack import Stack, stack_env

BUDGET = 100 * 1024  # the limit for page + CSS + JS
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
              "uploadThroughput": 750_000 / 8}
TIMING = """
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
    return {response_end: nav.responseEnd, dom_content_loaded: nav.domContentLoadedEventEnd,
            load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null};
"""


def page_weight(base_url: str) -> list[tuple[str, int, int, str]]:
    """[(what, bytes as sent, bytes gzipped at level 6, Content-Encoding)] for the page and what it links."""
    with httpx.Client(base_url=base_url, headers={"Accept-Encoding": "identity"}) as http:
        page = http.get("/chat")
        page.raise_for_status()
        rows = [("GET /chat (HTML)", page)]
        for path in re.findall(r'(?:href|src)="(/chat/static/[^"]+)"', page.text):
            rows.append((path.split("?")[0], http.get(path)))
    return [(what, len(r.content), len(gzip.compress(r.content, 6)), r.headers.get("content-encoding", "-"))
            for what, r in rows]


def first_renders(browser: Browser, loads: int, *, cold: bool) -> list[dict]:
    """Navigation and paint timings of ``loads`` page loads (``cold``: the cache emptied before each)."""
    timings = []
    for _ in range(loads):
        if cold:
            browser.driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        browser.open_chat()
        browser.wait_until(lambda: browser.driver.execute_script(
            "return performance.getEntriesByType('navigation')[0].loadEventEnd > 0"), message="the load event")
        timings.append(browser.driver.execute_script(TIMING))
    return timings


def summary(label: str, timings: list[dict]) -> str:
    """One table row: the median of each figure, and for first contentful paint the 90th percentile too."""
    def median(key: str) -> str:
        values = [t[key] for t in timings if t[key] is not None]
        return f"{statistics.median(values):.0f} ms" if values else "n/a"

    paints = [t["fcp"] for t in timings if t["fcp"] is not None]
    fcp = f"{median('fcp')} ({percentile(paints, 0.9):.0f} ms)" if paints else "n/a"
    return f"| {label} | {median('response_end')} | {fcp} | {median('dom_content_loaded')} | {median('load')} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=40)
    parser.add_argument("--no-throttle", action="store_true", help="skip the slow-phone runs")
    options = parser.parse_args()
    with ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "data"
        data_dir.mkdir()
        env = stack_env(data_dir, database_url=None, redis_prefix=None, LOG_LEVEL="WARNING")
        deployment = Stack(env)  # not running_stack: its logs would bury the figures
        stack.callback(deployment.stop)
        deployment.start_server()

        rows = page_weight(deployment.base_url)
        print("| file | bytes | gzip -6 | sent with Content-Encoding |\n|---|---|---|---|")
        for what, size, zipped, encoding in rows:
            print(f"| {what} | {size:,} | {zipped:,} | {encoding} |")
        total, total_zipped = sum(r[1] for r in rows), sum(r[2] for r in rows)
        print(f"| **total** | **{total:,}** | **{total_zipped:,}** | |")
        print(f"budget {BUDGET:,} bytes: {'met' if total <= BUDGET else 'MISSED'} ({total / BUDGET:.0%} of it)\n")

        browser = stack.enter_context(Browser(deployment.base_url, data_dir / "downloads", width=412, height=915))
        browser.open_chat()  # the session cookie is set once; every load after it is a returning visitor's
        print(f"median of {options.loads} loads each (first contentful paint: and its 90th percentile)\n")
        print("| profile | response end | first contentful paint (p90) | DOMContentLoaded | load |\n|---|---|---|---|---|")
        print(summary("loopback, empty cache", first_renders(browser, options.loads, cold=True)))
        print(summary("loopback, warm cache", first_renders(browser, options.loads, cold=False)))
        if not options.no_throttle:
            browser.driver.execute_cdp_cmd("Network.enable", {})
            browser.driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_PHONE)
            browser.driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
            print(summary("slow phone (150 ms RTT, 1.6 Mbit/s, CPU ÷4), empty cache",
                          first_renders(browser, options.loads, cold=True)))
            print(summary("slow phone, warm cache", first_renders(browser, options.loads, cold=False)))


if __name__ == "__main__":
    main()
