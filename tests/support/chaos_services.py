"""Private Redis and PostgreSQL servers a chaos test may restart without touching the shared ones.

Other tests use the machine's Redis (6379) and PostgreSQL (5432) at the same time, so a test that
restarts its broker or database gets servers of its own, on free loopback ports, in a temporary
directory, and stops them afterwards:

    with PrivateRedis() as broker:          # broker.url → redis://127.0.0.1:PORT/0
        broker.restart_empty(down_seconds=2)
    with PrivatePostgres() as database:     # database.url → postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
        database.restart(down_seconds=3)

PostgreSQL refuses to run as root: as root the cluster is created and run as the ``postgres``
system user (which the PostgreSQL packages create); otherwise as the current user.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from tests.support.processes import ManagedProcess, free_port


class PrivateRedis:
    """A ``redis-server`` without persistence on a free port: a restart loses every key."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        """Start the server and wait (up to 10 s) until it answers PING; RuntimeError if it does not."""
        command = [_binary("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--protected-mode", "no"]
        self.process = ManagedProcess(f"redis:{self.port}", command, dict(os.environ)).start()
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        try:
            _wait(lambda: _answers(client), 10, f"redis-server on port {self.port}", self.process)
        finally:
            client.close()
        return self

    def stop(self) -> None:
        """SIGKILL: whatever Redis held is gone, as after a crash of an instance without persistence."""
        if self.process:
            self.process.kill()

    def restart_empty(self, *, down_seconds: float = 0) -> None:
        """Kill the server, leave the port closed ``down_seconds``, start it again with no keys."""
        self.stop()
        time.sleep(down_seconds)  # an outage of this length, not a wait for anything
        self.start()

    def keys(self) -> int:
        """How many keys the server holds now."""
        client = redis.Redis(port=self.port)
        try:
            return client.dbsize()
        finally:
            client.close()

    def __enter__(self) -> PrivateRedis:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class PrivatePostgres:
    """A throwaway PostgreSQL cluster (``initdb`` in a temporary directory, trust auth, fsync off)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="chaos-pg-"))
        self.data = self.root / "data"
        self._as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> PrivatePostgres:
        """Create the cluster on first use, start it and wait until it accepts connections."""
        if not self.data.exists():
            if self._as_root:
                shutil.chown(self.root, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                      "--encoding", "UTF8", "--locale", "C")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w",
                  "-t", "60", "start")
        return self

    def stop(self, mode: str = "immediate") -> None:
        """Stop the cluster; ``immediate`` aborts every backend at once (crash recovery on the next start)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, *, down_seconds: float = 0, mode: str = "immediate") -> None:
        """Stop (``mode``), stay down ``down_seconds``, start again: every open connection is broken."""
        self.stop(mode)
        time.sleep(down_seconds)  # an outage of this length, not a wait for anything
        self.start()

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [_postgres_binary(program), *args]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n"
                               f"{self.log()}")

    def __enter__(self) -> PrivatePostgres:
        try:
            return self.start()
        except BaseException:
            self.remove()
            raise

    def __exit__(self, *exc) -> None:
        self.remove()


def _postgres_binary(program: str) -> str:
    """``program`` from the newest /usr/lib/postgresql/N/bin (initdb and pg_ctl are not on PATH there)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    return _binary(program)


def _binary(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise RuntimeError(f"{program} is not installed; the chaos suite needs it (see .ci/run)")
    return path


def _answers(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


def _wait(predicate, timeout: float, what: str, process: ManagedProcess) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.process.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start:\n{process.output()[-3000:]}")
