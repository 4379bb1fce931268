"""Soak: group chatter at a steady rate for minutes; serve's and the worker's memory sampled as it runs.

    python bench/soak.py [--rate 200] [--minutes 10] [--every 10] [--sqlite]

The real `job-agent serve` (Telegram webhook) and one Celery worker on PostgreSQL and Redis; updates
are POSTed on a fixed schedule (open loop), 5 % of them /help in a private chat so the bot also
answers (10 replies/s at 200/s, under Telegram's 30/s). Every ``--every`` seconds: resident memory
of serve and of the worker (with its pool's children), ack p50/p99 of the last interval, updates
stored and handled. Flat means the end within a few MB of the level after warm-up (the first minute).
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import exit_cleanly_on_sigterm, paced, percentile, rss_mb, tree_rss_mb
from bench.telegram_load import HEADERS, chatter, inbound_counts, telegram_stack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=float, default=10)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    exit_cleanly_on_sigterm()
    with telegram_stack(sqlite=args.sqlite) as (api, stack):
        serve, worker = stack.server.process.pid, stack.workers[0].process.pid
        body = chatter(api, help_every=20)
        url = stack.base_url + "/telegram/webhook"
        samples: list[tuple[float, float, float]] = []
        seen = [0]
        print(f"soak: {args.rate:g} updates/s for {args.minutes:g} min on {'SQLite' if args.sqlite else 'PostgreSQL'}"
              f" + Redis; idle serve {rss_mb(serve):.1f} MB, worker {tree_rss_mb(worker):.1f} MB", flush=True)
        print(f"{'s':>5} {'serve MB':>9} {'worker MB':>10} {'p50 ms':>7} {'p99 ms':>7} {'stored':>8} {'handled':>8}")

        def sample(elapsed: float, latencies: list[float], failures: list[str]) -> None:
            recent, seen[0] = latencies[seen[0]:], len(latencies)
            serve_mb, worker_mb = rss_mb(serve), tree_rss_mb(worker)
            samples.append((elapsed, serve_mb, worker_mb))
            stored, handled = inbound_counts(stack)
            print(f"{elapsed:5.0f} {serve_mb:9.1f} {worker_mb:10.1f} {percentile(recent or [0], .5):7.1f} "
                  f"{percentile(recent or [0], .99):7.1f} {stored:8d} {handled:8d}  failures={len(failures)}", flush=True)

        latencies, failures = asyncio.run(paced(url, body, args.rate, args.minutes * 60, headers=HEADERS,
                                                every=args.every, sample=sample))
        time.sleep(3)
        stored, handled = inbound_counts(stack)
        warm = [s for s in samples if s[0] >= 60] or samples
        for name, column in (("serve", 1), ("worker", 2)):
            values = [s[column] for s in samples]
            print(f"{name}: start {values[0]:.1f} MB, after warm-up {warm[0][column]:.1f} MB, peak {max(values):.1f} MB,"
                  f" end {values[-1]:.1f} MB (end − after warm-up {values[-1] - warm[0][column]:+.1f} MB)")
        print(f"acks: n={len(latencies)} p50={percentile(latencies, .5):.1f} ms p99={percentile(latencies, .99):.1f} ms "
              f"max={max(latencies):.1f} ms failures={len(failures)} {sorted(set(failures))}; stored {stored}, "
              f"handled {handled}")


if __name__ == "__main__":
    main()
