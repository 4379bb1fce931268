"""Telegram webhook ack latency under open-loop load, and CV update → profile message end to end.

    python bench/bench_telegram_webhook.py [--rate 200] [--seconds 20] [--cvs 50] [--sqlite]

Starts the stand-in Bot API (a thread here), the real `job-agent serve` with the Telegram adapter
in webhook mode and a real Celery worker, on PostgreSQL and the local Redis (or SQLite with
--sqlite), plus a bare Starlette endpoint under uvicorn as the ceiling for the same machine.

1. Ack latency: updates are POSTed on a fixed schedule whatever the server does (open loop) and
   latency is measured from the scheduled send time, so a stalled server shows in the numbers.
   Mostly group chatter the bot ignores (stored, deduplicated, queued, marked handled) and 5 %
   /help in private chats, so replies stay under Telegram's 30 messages/s.
2. End to end: CVs one at a time (warm worker) from the POST to the profile's sendMessage at the
   stand-in, next to pypdf alone (open + extract_text) on the same PDFs.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bare_server, open_loop, percentile  # noqa: E402
from tests.support.pdf_factory import LAYOUTS, PERSONAS, PRODUCERS, make_cv_pdf  # noqa: E402
from tests.support.services import fresh_postgres_database, redis_key_prefix  # noqa: E402
from tests.support.stack import running_stack, stack_env  # noqa: E402
from tests.support.telegram_standin import (  # noqa: E402
    TOKEN, TelegramStandIn, document_update, forum_chat, private_chat, text_update, user,
)

SECRET = "bench-telegram-secret"
def build_updates(api: TelegramStandIn, count: int) -> list[dict]:
    group = forum_chat(-100777)
    updates = []
    for index in range(count):
        sender = user(100000 + index, f"U{index}")
        if index % 20 == 0:
            updates.append(text_update(api, "/help", sender=sender, chat=private_chat(sender["id"])))
        else:
            updates.append(text_update(api, f"anyone hiring in Berlin? #{index}", sender=sender, chat=group))
    return updates


async def run_load(url: str, updates: list[dict], rate: float) -> dict:
    """Send every update at its scheduled time; latencies (ms) from schedule to response."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    latencies, failures = await open_loop(lambda http, index: http.post(url, json=updates[index], headers=headers),
                                          len(updates), rate, warm_up=False)
    return {"n": len(latencies), "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
            "max": max(latencies), "failures": len(failures)}


def bench_cvs(stack, api: TelegramStandIn, pdfs: list[bytes], first_user: int) -> list[dict]:
    """Per CV, seconds from the POST of its update to each step seen at the stand-in, one CV at a time."""
    timings = []
    for index, pdf in enumerate(pdfs):
        chat_id = str(first_user + index)
        update = document_update(api, pdf, sender=user(first_user + index), chat=private_chat(first_user + index))
        posted = time.monotonic()
        httpx.post(stack.base_url + "/telegram/webhook", json=update,
                   headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10).raise_for_status()
        [done] = api.wait_for_call("sendMessage", lambda c: c.params["chat_id"] == chat_id
                                   and "Your profile is ready" in c.params["text"], timeout=60)
        file_id = update["message"]["document"]["file_id"]
        ack = api.wait_for_call("sendMessage", lambda c: c.params["chat_id"] == chat_id and c.at >= posted)[0]
        [fetched] = api.wait_for_call("getFile", lambda c: c.params["file_id"] == file_id)
        timings.append({"status message": ack.at - posted, "getFile": fetched.at - posted,
                        "profile message": done.at - posted})
    return timings


def pypdf_alone(pdfs: list[bytes]) -> list[float]:
    from pypdf import PdfReader

    seconds = []
    for pdf in pdfs:
        started = time.perf_counter()
        "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
        seconds.append(time.perf_counter() - started)
    return seconds


def make_pdfs(count: int) -> list[bytes]:
    variants = itertools.cycle(itertools.product(PERSONAS.values(), LAYOUTS, PRODUCERS))
    return [make_cv_pdf(persona, layout=layout, producer=producer) for persona, layout, producer in
            itertools.islice(variants, count)]


def report(label: str, figures: dict) -> None:
    print(f"  {label:<34} n={figures['n']:<5} p50={figures['p50']:7.2f} ms  p99={figures['p99']:7.2f} ms  "
          f"max={figures['max']:7.1f} ms  failures={figures['failures']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--cvs", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    count = int(args.rate * args.seconds)
    with contextlib.ExitStack() as stack_of_things:
        api = stack_of_things.enter_context(TelegramStandIn())
        database_url = None if args.sqlite else stack_of_things.enter_context(fresh_postgres_database())
        prefix = stack_of_things.enter_context(redis_key_prefix())
        data_dir = Path(stack_of_things.enter_context(tempfile.TemporaryDirectory()))
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                        TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_API_BASE_URL=api.root, LOG_LEVEL="WARNING",
                        TELEGRAM_MODE="webhook")
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        stack = stack_of_things.enter_context(running_stack(env))
        bare_url = stack_of_things.enter_context(bare_server("/telegram/webhook"))
        print(f"webhook ack, open loop {args.rate:g} updates/s for {args.seconds:g} s "
              f"({'SQLite' if args.sqlite else 'PostgreSQL'} + Redis):")
        asyncio.run(run_load(bare_url, build_updates(api, 200), 100))  # warm both ends' connections
        report("bare Starlette (ceiling)", asyncio.run(run_load(bare_url, build_updates(api, count), args.rate)))
        asyncio.run(run_load(stack.base_url + "/telegram/webhook", build_updates(api, 200), 100))
        report("POST /telegram/webhook", asyncio.run(
            run_load(stack.base_url + "/telegram/webhook", build_updates(api, count), args.rate)))
        time.sleep(3)  # let the queued /help replies drain before timing CVs
        pdfs = make_pdfs(args.cvs)
        bench_cvs(stack, api, make_pdfs(3), first_user=800000)  # warm the worker
        timings = bench_cvs(stack, api, pdfs, first_user=900000)
        e2e = [t["profile message"] * 1000 for t in timings]
        alone = [s * 1000 for s in pypdf_alone(pdfs)]
        print(f"CV update → profile message, {len(pdfs)} CVs one at a time, warm worker:")
        print(f"  end to end                         p50={percentile(e2e, .5):7.1f} ms  p99={percentile(e2e, .99):7.1f} ms"
              f"  mean={statistics.mean(e2e):.1f} ms")
        for step in ("status message", "getFile"):
            print(f"    of which, POST → {step:<16} p50={percentile([t[step] * 1000 for t in timings], .5):7.1f} ms")
        print(f"  pypdf alone (open + extract_text)  p50={percentile(alone, .5):7.1f} ms  "
              f"p99={percentile(alone, .99):7.1f} ms  mean={statistics.mean(alone):.1f} ms")


if __name__ == "__main__":
    main()
