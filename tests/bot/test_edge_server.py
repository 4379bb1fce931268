"""Huge chunked bodies against a real `job-agent serve` (uvicorn, real Redis): refused with 401 before a byte
is read when unauthenticated, with 413 near the route's cap when authenticated, and the server's resident
memory stays where it was (issue 15: a 200 MB chunked body to /slack/events took serve from 195 MB to 1.6 GB
and wrote a 209-million-character log line). The Telegram webhook, served ahead of the edge middleware
(bot.fast_path), checks its own secret and caps its own body: it is attacked the same way."""
from __future__ import annotations

import select
import socket
import time
from pathlib import Path

import pytest

from delivery.signing import signature_headers
from tests.support.services import needs
from tests.support.slack_standin import sign
from tests.support.stack import WEBHOOK_SECRET, running_stack, stack_env
from tests.support.telegram_standin import TOKEN, TelegramStandIn

pytestmark = [pytest.mark.integration, pytest.mark.redis]
KEY = "edge-server-key-0123456789"
SLACK_SECRET = "edge-server-slack-secret"
TELEGRAM_SECRET = "edge-server-telegram-secret"
MB = 1024 * 1024
ATTACK_BYTES = 200 * MB
CHUNK = b"A" * (256 * 1024)
FILE_PART = b'--x\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n\r\n%PDF-1.7\n'


@pytest.fixture(scope="module")
@needs("integration", "redis")
def stack(tmp_path_factory):
    from tests.support.services import redis_key_prefix

    data_dir = tmp_path_factory.mktemp("edge-data")
    with redis_key_prefix() as prefix, TelegramStandIn() as telegram:
        env = stack_env(data_dir, database_url=None, redis_prefix=prefix, API_KEYS=KEY, MAX_UPLOAD_MB="1",
                        SLACK_BOT_TOKEN="xoxb-edge", SLACK_SIGNING_SECRET=SLACK_SECRET,
                        SLACK_API_BASE_URL="http://127.0.0.1:9/api/", TELEGRAM_BOT_TOKEN=TOKEN,
                        TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET, TELEGRAM_API_BASE_URL=telegram.root,
                        TELEGRAM_MODE="webhook", PUBLIC_BASE_URL="http://127.0.0.1:9")
        with running_stack(env, worker=False) as running:
            yield running


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def push_chunked(port: int, path: str, headers: dict[str, str], total: int, prefix: bytes = b"") -> tuple[int | None, int]:
    """POST up to ``total`` bytes as a chunked body, watching for the answer before each chunk.

    Returns ``(status, bytes_sent)``: the answer's status (None when the connection ended without one) and how
    much of the body the kernel took before the server answered or closed.
    """
    head = f"POST {path} HTTP/1.1\r\nHost: edge\r\nTransfer-Encoding: chunked\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    sent = 0
    first = b"%x\r\n%s\r\n" % (len(prefix), prefix) if prefix else b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1") + first)
        select.select([sock], [], [], 0.3)  # an answer before any body comes at once
        try:
            while sent < total and not select.select([sock], [], [], 0)[0]:
                sock.sendall(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
                sent += len(CHUNK)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        try:
            answer = sock.recv(4096)
        except (ConnectionResetError, TimeoutError):
            answer = b""
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None
    return status, sent


def attacks(stack) -> list[tuple[str, str, dict[str, str], int, bytes]]:
    """(what, path, headers, expected status, body's start) for every inbound route family."""
    now = str(int(time.time()))
    token = (stack.data_dir / "local-chat-token").read_text().strip()
    slack = sign(SLACK_SECRET, b"")  # fresh headers; the signature is checked over the (capped) body
    hook = signature_headers(WEBHOOK_SECRET.encode(), b"")
    cases = [
        ("slack, no signature", "/slack/events", {"Content-Type": "application/x-www-form-urlencoded"}, 401),
        ("slack, stale", "/slack/events", {"X-Slack-Request-Timestamp": str(int(now) - 400),
                                           "X-Slack-Signature": "v0=00"}, 401),
        ("local cv, no token", "/local/cv", {"Content-Type": "multipart/form-data; boundary=x"}, 401),
        ("local cv, non-ASCII token", "/local/cv", {"X-Local-Token": "jéton"}, 401),
        ("discovery, no key", "/api/v1/discovery", {"Content-Type": "application/json"}, 401),
        ("task event, unsigned", "/hooks/task-events", {"Content-Type": "application/json"}, 401),
        ("slack, signed headers", "/slack/events", slack, 413),
        ("local cv, token", "/local/cv", {"X-Local-Token": token,
                                          "Content-Type": "multipart/form-data; boundary=x"}, 413),
        ("discovery, key", "/api/v1/discovery", {"X-API-Key": KEY, "Content-Type": "application/json"}, 413),
        ("task event, signed headers", "/hooks/task-events", hook, 413),
        ("telegram, no secret", "/telegram/webhook", {"Content-Type": "application/json"}, 401),
        ("telegram, secret", "/telegram/webhook", {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}, 413),
    ]
    # A well-formed file part, so the local CV route reads on until the cap instead of refusing a malformed form.
    return [(*case, FILE_PART if case[0] == "local cv, token" else b"") for case in cases]


def test_huge_chunked_bodies_are_refused_without_growing_the_server(stack):
    port = int(stack.base_url.rsplit(":", 1)[1])
    pid = stack.server.process.pid
    for _, path, headers, _, prefix in attacks(stack):  # warm every path once with a small body
        push_chunked(port, path, headers, 2 * MB, prefix)
    time.sleep(0.5)
    before = resident_kb(pid)
    results = []
    for what, path, headers, expected, prefix in attacks(stack):
        status, sent = push_chunked(port, path, headers, ATTACK_BYTES, prefix)
        results.append((what, status, sent))
        assert status == expected, (what, status, sent)
    time.sleep(0.5)
    after = resident_kb(pid)
    for what, status, sent in results:
        print(f"{what:28} {status}  client got {sent / MB:6.1f} MB into the socket before the answer")
    print(f"serve VmRSS before {before / 1024:.1f} MB, after {after / 1024:.1f} MB "
          f"({len(results)} bodies of up to {ATTACK_BYTES // MB} MB)")
    assert after - before < 6 * 1024, (before, after)
    for what, status, sent in results:
        if status == 401:  # refused before reading: only what the kernel buffers took
            assert sent < 16 * MB, (what, sent)
    assert stack.server.process.poll() is None
    assert max(len(line) for line in stack.server.lines) < 4000  # no body in the log
