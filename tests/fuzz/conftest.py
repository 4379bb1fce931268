"""The real app in-process for the fuzz suite: SQLite in a temporary data folder, Redis (this test's keys) as
the broker with no worker, Telegram and Slack configured against their loopback stand-ins so that every
inbound route exists, and a record of every ERROR the app logs."""
from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from hypothesis import reject
from sqlalchemy import func, inspect, select, text
from starlette.testclient import TestClient

from storage.db import dispose_engines, session_factory
from storage.models import InboundEvent
from tests.fuzz.faults import open_fault
from tests.support.services import REDIS_URL, needs, redis_key_prefix
from tests.support.slack_payloads import SIGNING_SECRET
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn
from tests.support.telegram_standin import TOKEN, TelegramStandIn

API_KEY = "fuzz-key-0123456789abcdef"
TELEGRAM_SECRET = "fuzz-telegram-secret"
WEBHOOK_SECRET = "fuzz-completion-webhook-secret"
# Every status the suite's requests were answered with, and how many requests an open fault held back.
STATUSES: Counter = Counter()


class ErrorLog(logging.Handler):
    """Keeps every record at ERROR or above that any logger of the app writes (an unhandled exception in a
    listener or handler is logged, not answered with a 500, so the status alone would not show it)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "bot.app":
            return  # the app's own timed passes (sweeper, retention, alerts) run on their clock, not on requests
        if record.name == "bot.core.conversation" and record.getMessage() == "download of a CV failed":
            return  # a file id the Bot API does not know (fuzzed): the core's handled path, the person is told
        self.records.append(record)

    def described(self) -> list[str]:
        return [f"{record.name}: {record.getMessage()}"
                + (f" ({record.exc_info[0].__name__}: {record.exc_info[1]})" if record.exc_info else "")
                for record in self.records]


@dataclass
class App:
    """One running app and what the properties read from it."""

    client: TestClient
    settings: object
    telegram: TelegramStandIn
    slack: SlackStandIn
    errors: ErrorLog
    local_token: str = ""
    tables: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows in every table of the database (a refused request leaves each count as it was), by table name."""
        with session_factory(self.settings.resolved_database_url)() as session:
            if not self.tables:
                self.tables = sorted(set(inspect(session.get_bind()).get_table_names()) - {"alembic_version"})
            counts = ", ".join(f'(SELECT count(*) FROM "{table}")' for table in self.tables)
            return dict(zip(self.tables, session.execute(text(f"SELECT {counts}")).one(), strict=True))

    def request(self, method: str, path: str, **options):
        """The app's answer (a 500 is answered, not raised); tallies the statuses for the suite's summary.
        A request that would only show an open fault again (tests/fuzz/faults.py) is not sent: the example is
        rejected."""
        body = options.get("content")
        if isinstance(body, bytes) and open_fault(method, path, options.get("headers") or {}, body):
            STATUSES["held back (open fault)"] += 1
            reject()
        response = self.client.request(method, path, **options)
        STATUSES[response.status_code] += 1
        return response

    def unprocessed(self) -> list[str]:
        """The ids of stored inbound events not yet marked handled."""
        with session_factory(self.settings.resolved_database_url)() as session:
            return list(session.scalars(select(InboundEvent.event_id).where(InboundEvent.processed_at.is_(None))))

    def settle(self, seconds: float = 5.0) -> None:
        """Wait until every stored inbound event is handled (or ``seconds`` pass): what an accepted event starts
        runs after its 200, and its errors are logged then."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with session_factory(self.settings.resolved_database_url)() as session:
                if not session.scalar(select(func.count()).select_from(InboundEvent)
                                      .where(InboundEvent.processed_at.is_(None))):
                    break
            time.sleep(0.05)
        time.sleep(0.3)  # replies and listeners after the event's own mark


def shown(response) -> str:
    """The request behind ``response`` and its answer, short enough for a failure message."""
    request = response.request
    body = request.content
    return (f"{response.status_code} {response.text[:200]!r} for {request.method} {request.url.path}"
            f"?{request.url.query!r} headers={dict(request.headers.raw)!r:.600} body={body[:300]!r}"
            f"{'…' if len(body) > 300 else ''} ({len(body)} bytes)")


@contextmanager
def running_app(data_dir, redis_prefix: str):
    """The whole app with its lifespan (adapters started), a TestClient on it, and the ERROR log."""
    import bot.app
    from config import Settings
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    errors = ErrorLog()
    root = logging.getLogger()
    with TelegramStandIn() as telegram, SlackStandIn() as slack, pytest.MonkeyPatch.context() as patch:
        settings = Settings(
            _env_file=None, job_agent_data_dir=data_dir, database_url=None, api_keys=API_KEY,
            webhook_secret=WEBHOOK_SECRET, telegram_bot_token=TOKEN, telegram_webhook_secret=TELEGRAM_SECRET,
            telegram_api_base_url=telegram.root, public_base_url="http://127.0.0.1:9", telegram_mode="webhook",
            slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_base_url=slack.api_url,
            celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL, celery_key_prefix=redis_prefix,
            max_upload_mb=1, sweep_interval_seconds=3600,
            # Limits high enough that fuzzed input reaches the code behind them (the limits have their own tests).
            user_messages_per_minute=100_000, user_files_per_minute=100_000, api_requests_per_minute=1_000_000,
            max_open_requests_per_owner=100_000)
        patch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
        app = bot.app.create_app(settings)
        root.addHandler(errors)
        try:
            with TestClient(app, raise_server_exceptions=False) as client:
                token = (data_dir / "local-chat-token").read_text().strip()
                yield App(client=client, settings=settings, telegram=telegram, slack=slack, errors=errors,
                          local_token=token)
        finally:
            root.removeHandler(errors)
            dispose_engines()


@pytest.fixture(scope="module")
@needs("redis")
def module_app(tmp_path_factory):
    """One app for the tests of a module (starting one takes a second); each example compares the rows before and
    after itself, so what earlier examples or tests stored does not matter."""
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    data_dir.mkdir()
    with redis_key_prefix() as prefix, running_app(data_dir, prefix) as running:
        yield running


@pytest.fixture
def app(module_app):
    """The module's app, for one test: after it, what its requests started has run, and it logged no error."""
    module_app.errors.records.clear()
    yield module_app
    module_app.settle(2.0)
    assert module_app.errors.described() == [], "the app logged errors"


def pytest_terminal_summary(terminalreporter) -> None:
    """How many requests the fuzzing sent and what they were answered, for the record (CI's log)."""
    if STATUSES:
        sent = sum(count for status, count in STATUSES.items() if isinstance(status, int))
        answers = ", ".join(f"{status}: {count}" for status, count in sorted(STATUSES.items(), key=str))
        terminalreporter.write_line(f"fuzz: {sent} requests sent ({answers})")
