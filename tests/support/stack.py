"""A whole job-agent deployment for one test: server + worker on real Redis, SQLite or PostgreSQL."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from tests.support.processes import (
    ManagedProcess, free_port, server_process, wait_until_healthy, worker_process,
)
from tests.support.services import REDIS_URL

WEBHOOK_SECRET = "test-webhook-secret"


def stack_env(data_dir: Path, *, database_url: str | None, redis_prefix: str | None, **overrides: str) -> dict[str, str]:
    """Environment for the product's processes; no broker settings means the embedded default."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CELERY_", "TELEGRAM_", "SLACK_"))}
    env.update(
        JOB_AGENT_DATA_DIR=str(data_dir), API_HOST="127.0.0.1", API_PORT=str(port),
        WEBHOOK_SECRET=WEBHOOK_SECRET, STUCK_PENDING_SECONDS="4", STUCK_PROCESSING_SECONDS="30",
        SWEEP_INTERVAL_SECONDS="0.5", BROKER_VISIBILITY_TIMEOUT="6", TASK_SOFT_TIME_LIMIT="20",
        TASK_TIME_LIMIT="25", LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
    )
    for key in ("DATABASE_URL", "SERPAPI_API_KEY", "LLM_BASE_URL", "API_KEYS", "PUBLIC_BASE_URL"):
        env.pop(key, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_prefix:
        env.update(CELERY_BROKER_URL=REDIS_URL, CELERY_RESULT_BACKEND=REDIS_URL, CELERY_KEY_PREFIX=redis_prefix)
    if "SERPAPI_API_KEY" in overrides:
        env["JOB_SOURCES"] = "serpapi"  # the stand-in alone, as before there were other boards
    env.update(overrides)
    return env


@dataclass
class Stack:
    env: dict[str, str]
    server: ManagedProcess | None = None
    workers: list[ManagedProcess] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.env['API_PORT']}"

    @property
    def data_dir(self) -> Path:
        return Path(self.env["JOB_AGENT_DATA_DIR"])

    @property
    def database_url(self) -> str:
        return self.env.get("DATABASE_URL") or f"sqlite:///{self.data_dir / 'job-agent.sqlite3'}"

    def session(self) -> Session:
        from storage.db import session_factory

        return session_factory(self.database_url)()

    def start_server(self) -> ManagedProcess:
        self.server = server_process(self.env).start()
        wait_until_healthy(self.base_url, self.server)
        return self.server

    def stop_server(self) -> None:
        if self.server:
            self.server.stop()

    def start_worker(self, **options) -> ManagedProcess:
        worker = worker_process(self.env, **options).start()
        worker.wait_for_output("ready.")
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.stop_server()

    def logs(self) -> str:
        parts = [f"--- {p.name} ---\n{p.output()[-8000:]}" for p in [self.server, *self.workers] if p]
        return "\n".join(parts)


@contextmanager
def running_stack(env: dict[str, str], *, worker: bool = True, server: bool = True):
    stack = Stack(env)
    try:
        if server:
            stack.start_server()
        if worker:
            stack.start_worker()
        yield stack
    finally:
        stack.stop()
        print(stack.logs())
