"""What the chaos suite (tests/chaos) shares: a Telegram deployment to break, people who send it CVs,
searches and letter requests through the real webhook, the count of result messages each request got at
the Bot API stand-in, a worker churn that SIGKILLs workers, and the figures each scenario reports.

A request's result is the one message its outcome puts in the chat: "Your profile is ready" for a CV,
the ranked list ("… jobs for “…”", the first message of a long list) for a search, the letter
("Cover letter …", its four files follow as one album) for a letter, or the failure ("… failed") for
any of them. Each result message answers the person's own message (``reply_parameters``), so a result
is counted against the request it answers, not just against the chat.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import httpx
import redis
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from storage.models import Application, JobSearch, Notification, UserProfile
from tests.bot.telegram.albums import AlbumTelegramStandIn
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import ManagedProcess, free_port, wait_for
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.stack import Stack, stack_env
from tests.support.telegram_standin import (
    TOKEN,
    document_update,
    private_chat,
    text_update,
    user,
)

SECRET = "chaos-telegram-secret"
QUEUES = "profiling,discovery,matching,job_processing"
# Where each scenario's figures go as JSON lines besides stdout (tests/chaos/conftest.py prints them
# at the end of the run); CHAOS_FIGURES_FILE names another file.
FIGURES_FILE = Path(os.environ.get("CHAOS_FIGURES_FILE", "/tmp/job-agent-chaos-figures.jsonl"))
REPORTED: list[Figures] = []
RESULT_MARKERS = {"cv": "Your profile is ready", "search": "jobs for “", "letter": "Cover letter"}
FAILED_MARKERS = ("Reading your CV failed", "The job search failed", "Writing the letter failed",
                  "Ranking the jobs failed", "Your request failed")
# The scaled-down deployment every scenario runs (a scenario overrides what it is about). Time limits far
# above a request's seconds: a loaded CI machine must not turn a slow CV into a timeout failure. A message
# handed out is redelivered after a minute, not 6 s, so a run slowed by the load is not copied over and over
# (the copies would stand aside, but each costs a task); a request whose message is lost is sent again by
# the sweeper after 15 s, not 4 s, so a backlog waiting its turn is not sent again every few seconds.
CHAOS_SETTINGS = {"TASK_SOFT_TIME_LIMIT": "150", "TASK_TIME_LIMIT": "180", "BROKER_VISIBILITY_TIMEOUT": "60",
                  "STUCK_PENDING_SECONDS": "15", "SWEEP_INTERVAL_SECONDS": "0.5"}
# Personas whose CVs read cleanly and whose searches rank the bundled sample.
CROWD_PERSONAS = ("python_dev_berlin", "data_scientist", "marketing_manager", "german_nurse")


# -- the deployment --------------------------------------------------------------------------------------
def chaos_env(data_dir: Path, api: AlbumTelegramStandIn, *, database_url: str, redis_url: str | None = None,
              redis_prefix: str | None = None, **overrides: str) -> dict[str, str]:
    """``stack_env`` for Telegram in webhook mode against ``api``; the broker is ``redis_url`` (a private
    Redis) or the shared one under ``redis_prefix``. ``overrides`` are more environment variables."""
    assert (redis_url is None) != (redis_prefix is None), "a private Redis or a prefix on the shared one"
    env = stack_env(data_dir, database_url=database_url, redis_prefix=redis_prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                    TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_API_BASE_URL=api.root, TELEGRAM_MODE="webhook",
                    MAX_UPLOAD_MB="2")
    if redis_url:
        env.update(CELERY_BROKER_URL=redis_url, CELERY_RESULT_BACKEND=redis_url)
    env.update(CHAOS_SETTINGS)
    if "SERPAPI_API_KEY" in overrides:
        env["JOB_SOURCES"] = "serpapi"  # the stand-in alone, as stack_env does
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
    env.update(overrides)
    return env


def start_worker(stack: Stack, *, concurrency: int = 2, poison_marker: bytes | None = None) -> ManagedProcess:
    """Start one prefork Celery worker for every queue and wait until it is ready.

    With ``poison_marker`` the worker runs through ``tests.support.chaos_worker``: a CV containing those
    bytes crashes the PDF library (SIGSEGV) in whichever worker process reads it, and each crash adds a
    line to ``crash_log(stack)``.
    """
    if poison_marker is None:
        launcher = [sys.executable, "-m", "celery", "-A", "tasks.celery_app"]
        env = stack.env
    else:
        launcher = [sys.executable, "-m", "tests.support.chaos_worker", "-A", "tasks.celery_app"]
        env = dict(stack.env, CHAOS_POISON_MARKER=poison_marker.decode(), CHAOS_CRASH_LOG=str(crash_log(stack)))
    command = [*launcher, "worker", "-Q", QUEUES, "-c", str(concurrency), "-P", "prefork", "--without-gossip",
               "--without-mingle", "--without-heartbeat", "-l", "info", "-n", f"chaos-{free_port()}@%h"]
    worker = ManagedProcess("worker", command, env).start()
    worker.wait_for_output("ready.", timeout=90)
    stack.workers.append(worker)
    return worker


def crash_log(stack: Stack) -> Path:
    """The file a poisoned worker (``start_worker(poison_marker=…)``) adds a line to at each crash."""
    return stack.data_dir.parent / "chaos-crashes.log"


@contextmanager
def deployment(env: dict[str, str], *, workers: int = 2, concurrency: int = 2, poison_marker: bytes | None = None):
    """``job-agent serve`` and ``workers`` workers; on the way out every process stops, and the last lines of
    each are printed (pytest shows them for a failed test)."""
    stack = Stack(env)
    try:
        stack.start_server()
        for _ in range(workers):
            start_worker(stack, concurrency=concurrency, poison_marker=poison_marker)
        yield stack
    finally:
        stack.stop()
        print("\n".join(f"--- {p.name} ---\n{p.output()[-3000:]}" for p in [stack.server, *stack.workers][-4:] if p))


# -- people and their requests ------------------------------------------------------------------------------
@dataclass
class Request:
    """One thing a person asked for: ``kind`` "cv", "search" or "letter", answered in ``chat_id`` by a
    message replying to ``message_id``."""

    kind: str
    chat_id: int
    message_id: int
    text: str
    sent_at: float = field(default_factory=time.monotonic)


@cache
def cv_of(persona: str) -> bytes:
    return make_cv_pdf(PERSONAS[persona])


class TelegramPeople:
    """People writing to the bot through its real webhook, as Telegram's servers deliver updates: an
    update is posted again until it is answered 200 (Telegram retries a webhook that fails)."""

    def __init__(self, stack: Stack, api: AlbumTelegramStandIn, *, first_id: int = 700_000):
        self.stack, self.api = stack, api
        self.first_id = first_id
        self.requests: list[Request] = []
        self.deliveries = 0  # webhook posts made, retries included
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._index: dict[tuple[int, int], list[str]] = {}
        self._index_at = float("-inf")
        self.http = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64))

    def person(self, index: int) -> tuple[dict, dict]:
        sender = user(self.first_id + index, f"Person{index}")
        return sender, private_chat(sender["id"], sender["first_name"])

    def deliver(self, update: dict, *, timeout: float = 120) -> None:
        """POST ``update`` to the webhook until it is answered 200 (retrying as Telegram does, at most
        ``timeout`` seconds); AssertionError if it never is."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                self.deliveries += 1
            try:
                answer = self.http.post(self.stack.base_url + "/telegram/webhook", json=update,
                                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                if answer.status_code == 200:
                    return
                problem = f"HTTP {answer.status_code}: {answer.text[:200]}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update['update_id']} was never accepted: {problem}")
            time.sleep(0.5)

    def requests_of(self, index: int) -> list[Request]:
        chat_id = self.person(index)[1]["id"]
        with self._lock:
            return [request for request in self.requests if request.chat_id == chat_id]

    def track(self, kind: str, update: dict) -> Request:
        message = update["message"]
        request = Request(kind, message["chat"]["id"], message["message_id"], message.get("text") or "CV")
        with self._lock:
            self.requests.append(request)
        return request

    def send_cv(self, index: int, data: bytes | None = None, *, track: bool = True) -> dict:
        """Person ``index`` sends a CV (a clean one of a persona unless ``data``); returns the update."""
        sender, chat = self.person(index)
        data = data if data is not None else cv_of(CROWD_PERSONAS[index % len(CROWD_PERSONAS)])
        update = document_update(self.api, data, sender=sender, chat=chat, file_name=f"cv-{index}.pdf")
        if track:
            self.track("cv", update)
        self.deliver(update)
        return update

    def say(self, index: int, text: str, kind: str | None = None) -> dict:
        """Person ``index`` types ``text``; ``kind`` ("search", "letter") makes it a tracked request."""
        sender, chat = self.person(index)
        update = text_update(self.api, text, sender=sender, chat=chat)
        if kind:
            self.track(kind, update)
        self.deliver(update)
        return update

    # -- what came back -------------------------------------------------------------------------------
    def replies(self, *, fresh: bool = False) -> dict[tuple[int, int], list[str]]:
        """{(chat id, message id): texts of the messages the Bot API accepted in reply to that message}.

        Fifty people wait on it at once: the index is rebuilt at most every quarter second unless ``fresh``."""
        with self._index_lock:
            if fresh or time.monotonic() - self._index_at > 0.25:
                found: dict[tuple[int, int], list[str]] = {}
                for call in self.api.messages_sent():
                    target = _replied_to(call.params) if call.method == "sendMessage" else None
                    if target is not None:
                        found.setdefault((int(call.params["chat_id"]), target), []).append(
                            call.params.get("text") or "")
                self._index, self._index_at = found, time.monotonic()
            return self._index

    def answers(self, request: Request, replies: dict | None = None) -> tuple[int, int]:
        """(result messages, failure messages) sent in reply to ``request`` (``replies``: a ``replies()``
        taken once for many requests)."""
        texts = (replies if replies is not None else self.replies()).get((request.chat_id, request.message_id), [])
        marker = RESULT_MARKERS[request.kind]
        results = sum(marker in text for text in texts)
        failures = sum(any(failed in text for failed in FAILED_MARKERS) for text in texts)
        return results, failures

    def unanswered(self, requests: list[Request] | None = None) -> list[Request]:
        replies = self.replies()
        return [r for r in (requests or self.requests) if sum(self.answers(r, replies)) == 0]

    def wait_answered(self, request: Request, timeout: float) -> None:
        """Block until ``request`` has a result or failure message; AssertionError after ``timeout`` s."""
        wait_for(lambda: sum(self.answers(request)) >= 1, timeout=timeout, interval=0.5,
                 message=f"the answer to {request.kind} {request.text!r} in chat {request.chat_id}")

    def wait_settled(self, timeout: float, requests: list[Request] | None = None) -> None:
        """Block until every request (of ``requests``) has an answer; AssertionError naming a few that do not."""
        waiting = requests or self.requests
        try:
            wait_for(lambda: not self.unanswered(waiting), timeout=timeout, interval=0.5,
                     message="every request's result")
        except AssertionError:
            left = self.unanswered(waiting)
            raise AssertionError(f"{len(left)} of {len(waiting)} requests got no result in {timeout:.0f}s, e.g. "
                                 f"{[(r.kind, r.chat_id, r.text) for r in left[:5]]}") from None


SEARCHES = ("/jobsearch python developer in Berlin", "/jobsearch data analyst in Hamburg")


def journey(people: TelegramPeople, index: int, *, step_timeout: float) -> None:
    """Person ``index``'s four requests, each sent once the one before it was answered (a letter needs a
    list): a CV, a search, a letter for the list's first job, a second search."""
    people.send_cv(index)
    people.wait_answered(people.requests_of(index)[-1], step_timeout)
    people.say(index, SEARCHES[0], "search")
    people.wait_answered(people.requests_of(index)[-1], step_timeout)
    people.say(index, "/apply 1", "letter")
    people.wait_answered(people.requests_of(index)[-1], step_timeout)
    people.say(index, SEARCHES[1], "search")


def crowd(people: TelegramPeople, count: int, *, step_timeout: float) -> list[BaseException]:
    """Run ``journey`` for people 0 … count-1 at once; returns what went wrong in any of them."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(journey, people, index, step_timeout=step_timeout) for index in range(count)]
        return [error for future in futures if (error := future.exception()) is not None]


def _replied_to(params: dict) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, str):
        reply = json.loads(reply)
    return int(reply["message_id"]) if reply and reply.get("message_id") else None


class TimedSerpApi(SerpApiStandIn):
    """The SerpApi stand-in, each recorded request with the monotonic time it arrived (``"at"``)."""

    def _record(self, path: str, params: dict) -> int:
        with self._lock:
            self.requests.append({"path": path, "params": params, "at": time.monotonic()})
            return len(self.requests)


# -- figures -------------------------------------------------------------------------------------------------
@dataclass
class Figures:
    """What one scenario measured: requests ``sent``; ``completed`` with exactly one result message;
    ``failed`` with exactly one failure message (expected only where the scenario says so); ``lost``
    with none; ``duplicated`` with more than one; ``seconds`` from the first request to the last result."""

    scenario: str
    sent: int
    completed: int
    failed: int
    lost: int
    duplicated: int
    seconds: float
    fault: str = ""

    def report(self) -> Figures:
        """Print the figures (visible with ``-s``), append them to FIGURES_FILE and keep them for the run's
        summary (tests/chaos/conftest.py)."""
        line = (f"[chaos] {self.scenario}: sent {self.sent}, completed {self.completed}, failed {self.failed}, "
                f"lost {self.lost}, duplicated {self.duplicated}, {self.seconds:.1f} s; {self.fault}")
        print(line)
        REPORTED.append(self)
        try:
            with FIGURES_FILE.open("a") as out:
                out.write(json.dumps(asdict(self)) + "\n")
        except OSError:
            pass
        return self


def tally(scenario: str, people: TelegramPeople, started: float, fault: str,
          requests: list[Request] | None = None) -> Figures:
    """Count every request's answers at the Bot API stand-in into Figures (seconds end now)."""
    requests = requests or people.requests
    counts = Counter()
    replies = people.replies(fresh=True)
    for request in requests:
        results, failures = people.answers(request, replies)
        total = results + failures
        counts["completed"] += results == 1 and failures == 0
        counts["failed"] += failures == 1 and results == 0
        counts["lost"] += total == 0
        counts["duplicated"] += total > 1
    return Figures(scenario, len(requests), counts["completed"], counts["failed"], counts["lost"],
                   counts["duplicated"], time.monotonic() - started, fault)


def record_counts(stack: Stack) -> dict[str, Counter]:
    """{"cv" | "search" | "letter": Counter of status} of every record in the database."""
    with stack.session() as session:
        counts = {}
        for kind, model in (("cv", UserProfile), ("search", JobSearch), ("letter", Application)):
            rows = session.execute(select(model.status, func.count()).group_by(model.status)).all()
            counts[kind] = Counter(dict(rows))
        return counts


def rerun_records(stack: Stack) -> int:
    """Records claimed more than once (a run of theirs died, or waited out an error, and another took over)."""
    with stack.session() as session:
        return sum(session.scalar(select(func.count()).select_from(model).where(model.attempts > 1))
                   for model in (UserProfile, JobSearch, Application))


def retried_records(stack: Stack) -> int:
    """Records that waited out a transient error (a database or board outage) at least once."""
    with stack.session() as session:
        return sum(session.scalar(select(func.count()).select_from(model).where(model.retries > 0))
                   for model in (UserProfile, JobSearch, Application))


def unfinished_records(stack: Stack) -> int:
    """Records (CVs, searches, letters) neither completed nor failed."""
    return sum(count for statuses in record_counts(stack).values()
               for status, count in statuses.items() if status not in ("completed", "failed"))


def broker_backlog(env: dict[str, str]) -> int:
    """Task messages the broker still holds: queued, or handed out and not yet acknowledged (a countdown
    waiting in a worker, a run in progress)."""
    client = redis.Redis.from_url(env["CELERY_BROKER_URL"])
    prefix = env.get("CELERY_KEY_PREFIX", "")
    try:
        return sum(client.llen(prefix + queue) for queue in QUEUES.split(",")) + client.hlen(prefix + "unacked")
    finally:
        client.close()


def wait_quiet(stack: Stack, timeout: float) -> None:
    """Block until nothing is left to happen: every record finished, every outcome delivered to the bot and
    no task message left in the broker. Only then can a count of messages say "none twice"."""
    def quiet() -> bool:
        try:
            return unfinished_records(stack) == 0 and undelivered_notifications(stack) == 0 \
                and broker_backlog(stack.env) == 0
        except (SQLAlchemyError, redis.RedisError):  # a service just restarted by the scenario
            return False

    wait_for(quiet, timeout=timeout, interval=0.5, message="the deployment to fall quiet")


def undelivered_notifications(stack: Stack) -> int:
    """Outbox rows for the bot not yet delivered."""
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(Notification).where(Notification.delivered_at.is_(None)))


# -- worker churn ----------------------------------------------------------------------------------------------
class WorkerChurn:
    """A thread that, every ``period`` seconds, SIGKILLs the churned worker (its whole process group: the
    prefork children with their runs too) and starts a replacement, until stopped.

    The first ``spared`` workers of the stack are never killed: with every worker killed this often a
    loaded machine spends all its time starting workers (each new pool imports the CV reader and the letter
    writer again, seconds of CPU) and nothing finishes; with one worker spared, the killed one still takes
    its share of the work and dies with it in hand.
    """

    def __init__(self, stack: Stack, *, period: float, spared: int = 1, concurrency: int = 2):
        self.stack, self.period, self.spared, self.concurrency = stack, period, spared, concurrency
        self.kills = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="worker-churn")

    def __enter__(self) -> WorkerChurn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=120)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.period):
                for worker in self.stack.workers[self.spared:]:
                    if worker.process and worker.process.poll() is None:
                        worker.kill(signal.SIGKILL)
                        self.kills += 1
                start_worker(self.stack, concurrency=self.concurrency)
        except BaseException as exc:  # noqa: BLE001 - reported by the test through .error
            self.error = exc
