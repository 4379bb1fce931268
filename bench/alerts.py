"""Alert digests at scale: N digests for S distinct searches through Telegram's limits.

    python bench/alerts.py [--digests 10000] [--searches 2000] [--concurrency 2]

Starts the real `job-agent serve` (Telegram adapter, long polling) and a real Celery worker (prefork)
on PostgreSQL and the local Redis, with a SerpApi stand-in answering 10 postings per query and the
Telegram stand-in enforcing the Bot API's flood limits (30 messages/s overall, 1/s per chat with short
bursts, 429 with retry_after past them). It stores ``digests`` alerts over ``searches`` distinct
(query, place) pairs, two alerts a person (so two digests reach each chat), no quiet hours, then runs
`job-agent alerts run-now` and watches until every digest reached its chat.

Prints: time to the last message, messages per second against the 30/s ceiling (over the sending
window and from the command), the 429 count, and a timeline of runs finished, digests written and
messages sent, which shows where the time goes.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from storage.models import Alert, AlertRun, ChatOrigin, ChatUser, JobSearch, Notification, utcnow  # noqa: E402
from tests.support.serpapi_standin import SerpApiStandIn  # noqa: E402
from tests.support.services import fresh_postgres_database, redis_key_prefix  # noqa: E402
from tests.support.stack import running_stack, stack_env  # noqa: E402
from tests.support.telegram_standin import TOKEN, FloodLimits, TelegramStandIn  # noqa: E402

CEILING = 30.0  # Telegram's messages per second for one bot
ROLES = ["data engineer", "nurse", "accountant", "python developer", "electrician", "teacher", "welder",
         "sales manager", "truck driver", "designer"]
CITIES = ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Leipzig", "Bremen", "Dresden", "Hanover",
          "Nuremberg"]
ALERTS_PER_PERSON = 2


def searches(count: int) -> list[tuple[str, str]]:
    """``count`` distinct (query, place) pairs, as people would type them."""
    return [(f"{ROLES[i % len(ROLES)]} {i // len(ROLES)}", CITIES[(i // 7) % len(CITIES)]) for i in range(count)]


def seed(session, digests: int, search_count: int) -> None:
    """``digests`` active alerts spread evenly over the searches, each person keeping two (other searches)."""
    pairs = searches(search_count)
    people = digests // ALERTS_PER_PERSON
    session.execute(insert(ChatUser), [{"platform": "telegram", "workspace_id": "", "external_user_id": str(10_000 + n),
                                        "display_name": f"P{n}"} for n in range(people)])
    ids = dict(session.execute(select(ChatUser.external_user_id, ChatUser.id)).all())
    session.execute(insert(ChatOrigin), [{"chat_user_id": ids[str(10_000 + n)], "platform": "telegram",
                                          "workspace_id": "", "chat_id": str(10_000 + n)} for n in range(people)])
    origins = dict(session.execute(select(ChatOrigin.chat_id, ChatOrigin.id)).all())
    now = utcnow()
    rows = []
    for index in range(digests):
        person = index % people  # alert i and i + people belong to one person, and differ in search
        search = index % search_count
        query, place = pairs[search]
        # Due in search order: a claim (at most 5,000 alerts) takes whole searches, so each is searched once.
        due = now - timedelta(seconds=search_count - search)
        rows.append({"chat_user_id": ids[str(10_000 + person)], "origin_id": origins[str(10_000 + person)],
                     "query": query, "location": place, "frequency": "daily", "send_at": "08:00",
                     "timezone": "UTC", "quiet_hours": None, "status": "active", "next_run_at": due, "runs": 0,
                     "created_at": now, "updated_at": now, "preferences": None})
    for start in range(0, len(rows), 2000):
        session.execute(insert(Alert), rows[start:start + 2000])
    session.commit()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its children that are still alive (a prefork pool's)."""
    def own(one: int) -> float:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(child) for child in children.read_text().split()] if children.exists() else []
    return own(pid) + sum(cpu_seconds(kid) for kid in kids)


def machine_cpu_seconds() -> float:
    """CPU time every core spent busy since boot (/proc/stat: all but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def cpu_now(deployment) -> dict[str, float]:
    """CPU seconds so far: the two product processes (with a prefork pool's children) and the whole machine
    (PostgreSQL, Redis, the stand-ins in this process, the rest)."""
    return {"serve (completion hook: render, Telegram sends)": cpu_seconds(deployment.server.process.pid),
            "worker (searches, digests, posts to the hook)": cpu_seconds(deployment.workers[0].process.pid),
            "whole machine": machine_cpu_seconds()}


def progress(stack, api: TelegramStandIn) -> dict:
    with stack.session() as session:
        runs = session.scalar(select(func.count()).select_from(AlertRun).where(AlertRun.status == "completed"))
        written = session.scalar(select(func.count()).select_from(JobSearch).where(JobSearch.alert_id.is_not(None)))
        delivered = session.scalar(select(func.count()).select_from(Notification)
                                   .where(Notification.delivered_at.is_not(None)))
    return {"runs": runs, "digests": written, "delivered": delivered, "sent": len(api.messages_sent()),
            "429": api.too_many_requests}


def run(digests: int, search_count: int, concurrency: int, timeout: float, log_level: str = "WARNING") -> None:
    with ExitStack() as stack:
        api = stack.enter_context(TelegramStandIn(limits=FloodLimits()))
        board = stack.enter_context(SerpApiStandIn(pages=1, per_page=10))
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = stack.enter_context(fresh_postgres_database())
        prefix = stack.enter_context(redis_key_prefix())
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, LOG_LEVEL=log_level,
                        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.root, TELEGRAM_MODE="polling",
                        SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=board.url,
                        SERPAPI_SEARCHES_PER_MINUTE="1000000", ALERTS_QUIET_HOURS="", SWEEP_INTERVAL_SECONDS="5",
                        STUCK_PENDING_SECONDS="600", STUCK_PROCESSING_SECONDS="600", BROKER_VISIBILITY_TIMEOUT="3600",
                        TASK_SOFT_TIME_LIMIT="600", TASK_TIME_LIMIT="660")
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        deployment = stack.enter_context(running_stack(env, worker=False))
        deployment.start_worker(concurrency=concurrency)
        with deployment.session() as session:
            seed(session, digests, search_count)
        print(f"{digests} alerts over {search_count} searches, {digests // ALERTS_PER_PERSON} chats; "
              f"worker concurrency {concurrency}", flush=True)
        cpu_before = cpu_now(deployment)
        started = time.monotonic()
        run_now(env, digests, started)
        timeline = watch(deployment, api, digests, started, timeout)
        cpu = {name: seconds - cpu_before[name] for name, seconds in cpu_now(deployment).items()}
        report(api, board, digests, started, timeline, cpu)


def run_now(env: dict, alerts: int, started: float) -> None:
    """`job-agent alerts run-now` until every alert was started (one call claims at most 5,000)."""
    begun = 0
    while begun < alerts:
        command = subprocess.run([sys.executable, "-m", "bot.cli", "alerts", "run-now"], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True, timeout=600)
        print(command.stdout.strip(), f"({time.monotonic() - started:.1f} s)", flush=True)
        count = int(re.search(r"started (\d+) alert", command.stdout)[1])
        if not count:
            raise RuntimeError(f"only {begun} of {alerts} alerts started")
        begun += count


def watch(deployment, api: TelegramStandIn, digests: int, started: float, timeout: float) -> list[tuple]:
    """Every second: (seconds since run-now, progress) until every digest was sent or ``timeout``."""
    timeline = []
    while time.monotonic() - started < timeout:
        state = progress(deployment, api)
        timeline.append((time.monotonic() - started, state))
        if len(timeline) % 10 == 1:
            print(f"{timeline[-1][0]:6.1f} s  {state}", flush=True)
        if state["sent"] >= digests:
            break
        time.sleep(1)
    return timeline


def report(api: TelegramStandIn, board: SerpApiStandIn, digests: int, started: float, timeline,
           cpu: dict[str, float]) -> None:
    sent = api.messages_sent()
    first, last = sent[0].at - started, sent[-1].at - started
    window = max(last - first, 1e-9)
    chats = {call.params["chat_id"] for call in sent}
    runs_done = next((t for t, state in timeline if state["runs"] >= timeline[-1][1]["runs"]), None)
    digests_done = next((t for t, state in timeline if state["digests"] >= digests), None)
    print("\n| figure | value |\n|---|---|")
    print(f"| digests sent / expected | {len(sent):,} / {digests:,} ({len(chats):,} chats) |")
    print(f"| board searches | {len(board.requests):,} |")
    print(f"| time to the first message | {first:.1f} s |")
    print(f"| time to the last message | {last:.1f} s |")
    print(f"| messages/s over the sending window | {len(sent) / window:.1f} ({len(sent) / window / CEILING:.0%} "
          f"of {CEILING:.0f}/s) |")
    print(f"| messages/s from `alerts run-now` | {len(sent) / last:.1f} ({len(sent) / last / CEILING:.0%}) |")
    print(f"| 429 answers | {api.too_many_requests} |")
    print(f"| all runs finished (searches, digests written) | {runs_done:.1f} s |" if runs_done else "")
    print(f"| all digests written | {digests_done:.1f} s |" if digests_done else "")
    print("\nseconds | runs done | digests written | outbox delivered | messages sent | 429")
    step = max(1, len(timeline) // 15)
    for moment, state in timeline[::step] + timeline[-1:]:
        print(f"{moment:7.1f} | {state['runs']:9} | {state['digests']:15} | {state['delivered']:16} | "
              f"{state['sent']:13} | {state['429']}")
    per_second = {}
    for call in sent:
        per_second[int(call.at - started)] = per_second.get(int(call.at - started), 0) + 1
    busiest = sorted(per_second.values())
    print(f"\nmessages in a wall-clock second: median {busiest[len(busiest) // 2]}, max {busiest[-1]}")
    print(f"\nCPU from `alerts run-now` to the last message ({last:.0f} s wall, {os.cpu_count()} cores):")
    for name, seconds in cpu.items():
        share = f", {seconds / (last * os.cpu_count()):.0%} of the machine" if name == "whole machine" else ""
        print(f"  {name}: {seconds:.1f} s ({seconds / len(sent) * 1000:.1f} ms a digest{share})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digests", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (prefork children)")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    run(args.digests, args.searches, args.concurrency, args.timeout)


if __name__ == "__main__":
    main()
