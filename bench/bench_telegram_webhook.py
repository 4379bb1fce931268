"""Telegram webhook ack latency under open-loop load, and CV update → profile message end to end;
or (--saturate) throughput at saturation next to python-telegram-bot's custom-webhook example.

    python bench/bench_telegram_webhook.py [--rate 200] [--seconds 20] [--cvs 50] [--sqlite]
    python bench/bench_telegram_webhook.py --saturate [--example PATH/starlettebot.py] [--connections 32]
                                           [--seconds 10] [--rounds 2] [--sqlite]

--saturate: ``--connections`` keep-alive connections each POST the next group message the moment the
last one is answered (closed loop), against `job-agent serve` and, with --example, PTB's
examples/customwebhookbot/starlettebot.py run unchanged but for its token, Bot API and port (it
only parses and queues each update: no secret, no storage, no deduplication). Rounds alternate
between the two so a busy machine weighs on both alike. Prints updates/s, ack p50/p99, the
server's CPU per update and resident memory, and for ours how long the handlers took to catch up.

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
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (
    bare_server,
    cpu_seconds,
    exit_cleanly_on_sigterm,
    open_loop,
    percentile,
    ptb_example_server,
    rss_mb,
    saturate,
)
from bench.telegram_load import HEADERS, chatter, inbound_counts, telegram_stack
from tests.support.pdf_factory import LAYOUTS, PERSONAS, PRODUCERS, make_cv_pdf
from tests.support.services import fresh_postgres_database, redis_key_prefix
from tests.support.stack import running_stack, stack_env
from tests.support.telegram_standin import (
    TOKEN,
    TelegramStandIn,
    document_update,
    forum_chat,
    private_chat,
    text_update,
    user,
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


def saturation_run(label: str, url: str, pid: int, body, args, headers=None) -> dict:
    started_cpu = cpu_seconds(pid)
    figures = saturate(url, body, connections=args.connections, seconds=args.seconds, headers=headers)
    figures["cpu_us"] = (cpu_seconds(pid) - started_cpu) / figures["n"] * 1e6
    figures["rss"] = rss_mb(pid)
    print(f"  {label:<30} {figures['per_second']:7.0f}/s  p50={figures['p50']:6.1f} ms  p99={figures['p99']:6.1f} ms  "
          f"max={figures['max']:6.0f} ms  failures={figures['failures']}  CPU/update={figures['cpu_us']:4.0f} µs  "
          f"RSS={figures['rss']:.0f} MB  (load {os.getloadavg()[0]:.1f})", flush=True)
    return figures


def bench_saturation(args) -> None:
    with contextlib.ExitStack() as things:
        api, stack = things.enter_context(telegram_stack(sqlite=args.sqlite, workers=0))
        serve = stack.server.process.pid
        ours = stack.base_url + "/telegram/webhook"
        body = chatter(api)
        idle = rss_mb(serve)
        example = things.enter_context(ptb_example_server(args.example, api.root, TOKEN)) if args.example else None
        print(f"saturation: {args.connections} connections of group chatter, {args.seconds:g} s a run, "
              f"{'SQLite' if args.sqlite else 'PostgreSQL'}; serve idle {idle:.0f} MB"
              + (f", example idle {rss_mb(example[1]):.0f} MB" if example else ""))
        saturate(ours, body, connections=args.connections, seconds=1, headers=HEADERS)  # warm both
        if example:
            saturate(example[0], body, connections=args.connections, seconds=1)
        runs: dict[str, list[dict]] = {"ours": [], "example": []}
        for _ in range(args.rounds):
            runs["ours"].append(saturation_run("job-agent serve /telegram/webhook", ours, serve, body, args, HEADERS))
            if example:
                runs["example"].append(saturation_run("PTB customwebhookbot example", example[0], example[1], body,
                                                      args))
        started = time.monotonic()
        while (counts := inbound_counts(stack))[1] < counts[0] and time.monotonic() - started < 300:
            time.sleep(0.5)
        print(f"  ours: {counts[0]} updates stored, {counts[1]} handled, all handled {time.monotonic() - started:.1f} s"
              f" after the last ack; serve RSS then {rss_mb(serve):.0f} MB")
        for name, figures in runs.items():
            if figures:
                best = max(figures, key=lambda f: f["per_second"])
                print(f"  best of {len(figures)} {name}: {best['per_second']:.0f}/s, p99 {best['p99']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--cvs", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--saturate", action="store_true", help="closed-loop saturation instead of the open loop")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--example", help="path of PTB's examples/customwebhookbot/starlettebot.py to run beside ours")
    args = parser.parse_args()
    exit_cleanly_on_sigterm()
    if args.saturate:
        bench_saturation(args)
        return
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
