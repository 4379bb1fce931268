"""The product's real processes, started for a test: `job-agent serve` and a Celery worker."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ManagedProcess:
    """A child process whose combined output is kept (and shown when a test fails)."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name = name
        self.command = command
        self.env = env
        self.lines: deque[str] = deque(maxlen=4000)
        self.process: subprocess.Popen | None = None

    def start(self) -> "ManagedProcess":
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, text=True, start_new_session=True,
        )
        threading.Thread(target=self._pump, daemon=True).start()
        return self

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_output(self, needle: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(needle in line for line in list(self.lines)):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not print {needle!r}:\n{self.output()[-5000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (a prefork worker's children too)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def server_process(env: dict[str, str]) -> ManagedProcess:
    return ManagedProcess("serve", [sys.executable, "-m", "bot.cli", "serve"], env)


def worker_process(env: dict[str, str], *, concurrency: int = 2, pool: str = "prefork") -> ManagedProcess:
    command = [sys.executable, "-m", "celery", "-A", "tasks.celery_app", "worker", "-Q",
               "profiling,discovery,matching,job_processing", "-c", str(concurrency), "-P", pool,
               "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info",
               "-n", f"test-{free_port()}@%h"]
    return ManagedProcess("worker", command, env)


def wait_until_healthy(base_url: str, process: ManagedProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.process.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"server at {base_url} never became healthy:\n{process.output()[-5000:]}")


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.1, message: str = "condition"):
    """Poll until ``predicate()`` returns something truthy; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
