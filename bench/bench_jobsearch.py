"""`/jobsearch` end to end with the offline job source: command in → ranked list out.

    python bench/bench_jobsearch.py [--searches 50] [--sqlite]

Starts the real `job-agent serve` and a real Celery worker (warm: one search runs first) on the
local Redis and PostgreSQL (or SQLite), sends a CV through the local chat adapter, then runs
searches one after another and times each from the POST of `/jobsearch …` to the ranked list
arriving in the chat (search task → ranking task → completion webhook → message).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import percentile  # noqa: E402
from tests.support.pdf_factory import PERSONAS, make_cv_pdf  # noqa: E402
from tests.support.local_chat import LocalChat  # noqa: E402
from tests.support.services import fresh_postgres_database, redis_key_prefix  # noqa: E402
from tests.support.stack import running_stack, stack_env  # noqa: E402

QUERIES = ["python developer in Berlin", "nurse in Munich", "accountant in Paris", "data scientist",
           "marketing manager in London", "devops engineer remote", "teacher in Vienna", "truck driver in Hamburg"]


def run(searches: int, sqlite: bool) -> list[float]:
    with ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = None if sqlite else stack.enter_context(fresh_postgres_database())
        prefix = stack.enter_context(redis_key_prefix())
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, LOG_LEVEL="WARNING")
        deployment = stack.enter_context(running_stack(env))
        chat = LocalChat(deployment.base_url, deployment.data_dir)
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Your profile is ready")
        timings = []
        for index in range(searches + 1):
            query = QUERIES[index % len(QUERIES)]
            expected = len([t for t in chat.messages() if "jobs for “" in t or "No jobs found" in t]) + 1
            started = time.perf_counter()
            chat.say(f"/jobsearch {query}")
            while len([t for t in chat.messages() if "jobs for “" in t or "No jobs found" in t]) < expected:
                time.sleep(0.02)
            if index:  # the first search warms the worker's caches (offline postings, vocabulary)
                timings.append(time.perf_counter() - started)
        print_peak_memory(deployment)
        return timings


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set size."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def print_peak_memory(deployment) -> None:
    server = deployment.server.process.pid
    worker = deployment.workers[0].process.pid
    pool = children(worker)
    print(f"peak RSS: serve {peak_rss_mb(server):.0f} MB; worker main {peak_rss_mb(worker):.0f} MB, "
          f"pool children {', '.join(f'{peak_rss_mb(p):.0f}' for p in pool)} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    timings = run(args.searches, args.sqlite)
    ms = [t * 1000 for t in timings]
    print(f"/jobsearch → ranked list, offline source, warm worker, {'SQLite' if args.sqlite else 'PostgreSQL'}"
          f" + Redis, {len(ms)} searches")
    print(f"  p50 {statistics.median(ms):7.1f} ms   p90 {percentile(ms, 0.9):7.1f} ms   "
          f"p99 {percentile(ms, 0.99):7.1f} ms   max {max(ms):7.1f} ms")


if __name__ == "__main__":
    main()
