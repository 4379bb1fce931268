"""Many people through the Telegram webhook at once: each sends a CV, then /jobsearch, then asks for a letter.

    python bench/load_users.py [--users 1000] [--workers 2] [--concurrency 2] [--step-timeout 1800]

The real `job-agent serve` (webhook mode) and ``--workers`` Celery workers on PostgreSQL and Redis,
the Bot API stand-in (with albums, for the letters' files) and the loopback SerpApi stand-in for the
searches. Every person starts at once; each step is sent when the one before it was answered, and
each update is posted again until it is answered 200, as Telegram does. Results are counted at the
Bot API stand-in by the message they reply to (tests/support/chaos.py): completed with exactly one
result, failed, lost (no answer), duplicated (more than one). Prints ack p50/p99 of every webhook
POST and, per kind, completion p50/p99 from the POST to the result message.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import exit_cleanly_on_sigterm, percentile, rss_mb, tree_rss_mb
from tests.bot.telegram.albums import AlbumTelegramStandIn
from tests.support.chaos import (
    RESULT_MARKERS,
    SEARCHES,
    TelegramPeople,
    _replied_to,
    chaos_env,
    deployment,
    record_counts,
    tally,
)
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.services import fresh_postgres_database, redis_key_prefix


class TimedPeople(TelegramPeople):
    """TelegramPeople whose every webhook POST is timed (ms, retries included as separate POSTs)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.acks: list[float] = []
        self._acks_lock = threading.Lock()

    def deliver(self, update: dict, *, timeout: float = 120) -> None:
        started = time.perf_counter()
        super().deliver(update, timeout=timeout)
        with self._acks_lock:
            self.acks.append((time.perf_counter() - started) * 1000)


STEPS = ("cv", "search", "letter")


def three_steps(people: TelegramPeople, index: int, *, step_timeout: float, steps: tuple[str, ...] = STEPS) -> None:
    """A CV, a search once the profile is ready, a letter for the list's first job once the list is there
    (``steps``: the first of them only)."""
    for step in steps:
        if step == "cv":
            people.send_cv(index)
        else:
            people.say(index, SEARCHES[0] if step == "search" else "/apply 1", step)
        people.wait_answered(people.requests_of(index)[-1], step_timeout)


def everyone(people: TelegramPeople, count: int, *, step_timeout: float, steps: tuple[str, ...] = STEPS
             ) -> list[BaseException]:
    """``three_steps`` for people 0 … count-1 at once; returns what went wrong in any of them."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(three_steps, people, index, step_timeout=step_timeout, steps=steps)
                   for index in range(count)]
        return [error for future in futures if (error := future.exception()) is not None]


class MemoryWatch(threading.Thread):
    """Samples serve's and the workers' resident memory every ``every`` seconds while the run goes on."""

    def __init__(self, stack, every: float = 10) -> None:
        super().__init__(daemon=True)
        self.stack, self.every = stack, every
        self.samples: list[tuple[float, list[float]]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            pids = [self.stack.server.process.pid] + [worker.process.pid for worker in self.stack.workers]
            self.samples.append((time.monotonic(), [rss_mb(pids[0])] + [tree_rss_mb(pid) for pid in pids[1:]]))

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        columns = list(zip(*(values for _, values in self.samples)))
        names = ["serve"] + [f"worker {n + 1}" for n in range(len(columns) - 1)]
        return "; ".join(f"{name} start {column[0]:.0f} peak {max(column):.0f} end {column[-1]:.0f} MB"
                         for name, column in zip(names, columns))


def completion_seconds(people: TelegramPeople) -> dict[str, list[float]]:
    """Per kind, seconds from each request's POST to the first result message replying to it."""
    first: dict[tuple[int, int, str], float] = {}
    for call in people.api.messages_sent():
        target = _replied_to(call.params) if call.method == "sendMessage" else None
        if target is None:
            continue
        for kind, marker in RESULT_MARKERS.items():
            if marker in (call.params.get("text") or ""):
                key = (int(call.params["chat_id"]), target, kind)
                first[key] = min(first.get(key, call.at), call.at)
    seconds: dict[str, list[float]] = {kind: [] for kind in RESULT_MARKERS}
    for request in people.requests:
        answered = first.get((request.chat_id, request.message_id, request.kind))
        if answered is not None:
            seconds[request.kind].append(answered - request.sent_at)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2, help="processes per worker")
    parser.add_argument("--step-timeout", type=float, default=1800)
    parser.add_argument("--every", type=float, default=10, help="seconds between memory samples")
    parser.add_argument("--steps", default=",".join(STEPS), help="the first steps only, e.g. cv or cv,search")
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    exit_cleanly_on_sigterm()
    with (AlbumTelegramStandIn() as telegram, SerpApiStandIn(pages=1, per_page=10) as serpapi,
          fresh_postgres_database() as database_url, redis_key_prefix() as prefix,
          tempfile.TemporaryDirectory() as data_dir):
        env = chaos_env(Path(data_dir), telegram, database_url=database_url, redis_prefix=prefix, LOG_LEVEL="WARNING",
                        SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=serpapi.url,
                        STUCK_PENDING_SECONDS="120", BROKER_VISIBILITY_TIMEOUT="600")
        with deployment(env, workers=args.workers, concurrency=args.concurrency) as stack:
            people = TimedPeople(stack, telegram)
            watch = MemoryWatch(stack, every=args.every)
            watch.start()
            started = time.monotonic()
            errors = everyone(people, args.users, step_timeout=args.step_timeout, steps=tuple(args.steps.split(",")))
            watch.done.set()
            if args.keep:
                input(f"serve pid {stack.server.process.pid}; press Enter to stop")
            figures = tally(f"{args.users} people, CV then search then letter", people, started,
                            f"{args.workers} workers × {args.concurrency}")
            seconds = completion_seconds(people)
            print(f"{args.users} people × 3 requests through POST /telegram/webhook, {args.workers} workers × "
                  f"{args.concurrency} processes, PostgreSQL + Redis; {time.monotonic() - started:.0f} s in all")
            print(f"  requests: sent {figures.sent}, completed {figures.completed}, failed {figures.failed}, "
                  f"lost {figures.lost}, duplicated {figures.duplicated}; errors {len(errors)} {errors[:2]}")
            print(f"  webhook acks: n={len(people.acks)} p50={percentile(people.acks, .5):.1f} ms "
                  f"p99={percentile(people.acks, .99):.1f} ms max={max(people.acks):.0f} ms "
                  f"({people.deliveries} POSTs for {len(people.acks)} updates)")
            for kind, values in seconds.items():
                if values:
                    print(f"  {kind:<7} completion p50={percentile(values, .5):6.1f} s  p99={percentile(values, .99):6.1f} s"
                          f"  (n={len(values)})")
            print(f"  records: { {k: dict(v) for k, v in record_counts(stack).items()} }")
            print(f"  memory every 10 s (workers with their pool's processes): {watch.summary()}")


if __name__ == "__main__":
    main()
