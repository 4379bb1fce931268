"""Slash-command ack latency of `job-agent serve`, next to a bare Starlette endpoint, under open-loop load.

    python bench/bench_slack_ack.py [--rate 100] [--seconds 20] [--command /jobstatus]

Starts the Slack Web API stand-in (its own process), the real server with the Slack adapter on the
embedded defaults (SQLite, embedded Redis and worker), and a bare Starlette app under uvicorn.
Requests are signed like Slack signs them and sent on a fixed schedule whether or not earlier ones
have answered (open loop), and latency is measured from the scheduled send time, so a stalled server
shows up in the numbers instead of slowing the load down. Each command comes from its own channel so
Slack's per-channel posting pace does not pile up work behind the acks.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bare_server, open_loop, percentile  # noqa: E402
from tests.support.slack_payloads import SIGNING_SECRET, slash_command  # noqa: E402
from tests.support.processes import server_process, wait_until_healthy  # noqa: E402
from tests.support.slack_standin import BOT_TOKEN, sign  # noqa: E402
from tests.support.stack import stack_env  # noqa: E402

async def run_load(url: str, *, rate: float, seconds: float, command: str, text: str, response_url: str) -> dict:
    """Fire rate*seconds signed slash commands on schedule; return latency figures in milliseconds."""
    def post(http: httpx.AsyncClient, index: int):
        body = slash_command(command, text, user=f"U{index:06d}", channel=f"C{index:06d}", response_url=response_url)
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SIGNING_SECRET, body)}
        return http.post(url, content=body, headers=headers)

    total = int(rate * seconds)
    latencies, failures = await open_loop(post, total, rate)  # warm-up includes Bolt's one-time auth.test
    if failures:
        print(f"{url}: failures {collections.Counter(failures).most_common(5)}")
    return {"sent": total, "failed": len(failures), "p50": statistics.median(latencies),
            "p90": percentile(latencies, 0.90), "p99": percentile(latencies, 0.99), "max": max(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--command", default="/jobstatus")
    parser.add_argument("--text", default="", help='e.g. "python developer in Berlin" with /jobsearch')
    args = parser.parse_args()

    standin = subprocess.Popen([sys.executable, "-m", "tests.support.slack_standin"], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    api_url = standin.stdout.readline().strip()
    with tempfile.TemporaryDirectory() as data_dir, bare_server("/slack/events") as bare_url:
        env = stack_env(Path(data_dir), database_url=None, redis_prefix=None, LOG_LEVEL="WARNING",
                        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_BASE_URL=api_url)
        server = server_process(env).start()
        try:
            base = f"http://127.0.0.1:{env['API_PORT']}"
            wait_until_healthy(base, server, timeout=120)
            time.sleep(1)
            response_url = api_url.replace("/api/", "/respond/bench")
            results = {}
            for name, url in (("bare Starlette", bare_url),
                              ("job-agent /slack/events", base + "/slack/events")):
                results[name] = asyncio.run(run_load(url, rate=args.rate, seconds=args.seconds,
                                                     command=args.command, text=args.text,
                                                     response_url=response_url))
        finally:
            server.stop()
            standin.stdin.close()
            standin.wait(timeout=10)
    print(f"\n{args.command} {args.text} at {args.rate:g}/s for {args.seconds:g}s, open loop, signed requests (ms):")
    print(f"{'endpoint':<26}{'sent':>6}{'failed':>8}{'p50':>8}{'p90':>8}{'p99':>8}{'max':>8}")
    for name, r in results.items():
        print(f"{name:<26}{r['sent']:>6}{r['failed']:>8}{r['p50']:>8.1f}{r['p90']:>8.1f}{r['p99']:>8.1f}{r['max']:>8.1f}")
    ok = results["job-agent /slack/events"]["p99"] < 100 and not results["job-agent /slack/events"]["failed"]
    print(f"goal p99 < 100 ms: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
