"""The web chat against abuse, through a real `job-agent serve` under uvicorn: event streams dropped by the hundred
never stop replies, open streams are capped per session and in all, access-code guessing is bounded whatever
address a client claims, admission issues a new session id, and odd resume points never break a stream."""
from __future__ import annotations

import socket
import struct
import time
from urllib.parse import urlsplit

import httpx
import pytest

from tests.bot.web.web_client import WebChat, answers, sse_events
from tests.support.services import needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
CODE = "open sesame"


def _server(tmp_path_factory, name: str, **env: str):
    data_dir = tmp_path_factory.mktemp(name) / "data"
    data_dir.mkdir()
    with redis_key_prefix() as prefix, running_stack(
            stack_env(data_dir, database_url=None, redis_prefix=prefix, WEB_CHAT_ENABLED="true", **env),
            worker=False) as stack:
        yield stack


@pytest.fixture(scope="module")
@needs("integration", "redis")
def web(tmp_path_factory):
    yield from _server(tmp_path_factory, "web-abuse")


@pytest.fixture(scope="module")
@needs("integration", "redis")
def capped(tmp_path_factory):
    yield from _server(tmp_path_factory, "web-capped", WEB_CHAT_STREAMS_PER_SESSION="2", WEB_CHAT_STREAMS_TOTAL="5")


@pytest.fixture(scope="module")
@needs("integration", "redis")
def coded(tmp_path_factory):
    yield from _server(tmp_path_factory, "web-coded", WEB_CHAT_ACCESS_CODE=CODE, WEB_CHAT_WRONG_CODES_PER_MINUTE="25")


def _open_raw_stream(base_url: str, cookie: str) -> socket.socket:
    """A GET /chat/events on a bare socket, its response head read: a browser tab that is about to vanish."""
    url = urlsplit(base_url)
    sock = socket.create_connection((url.hostname, url.port), timeout=10)
    sock.sendall(f"GET /chat/events HTTP/1.1\r\nHost: {url.netloc}\r\nCookie: job_agent_web={cookie}\r\n\r\n".encode())
    head = b""
    while b"retry:" not in head:
        chunk = sock.recv(4096)
        assert chunk, head
        head += chunk
    assert head.startswith(b"HTTP/1.1 200"), head
    return sock


def _drop(sock: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0), as a browser killed mid-stream does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _stream_status(chat: WebChat, **kwargs) -> httpx.Response:
    with chat.http.stream("GET", "/chat/events", timeout=httpx.Timeout(10, read=20), **kwargs) as response:
        if response.status_code == 200:
            next(response.iter_lines())  # the "retry:" line: the stream is open
        else:
            response.read()
        return response


def test_hundreds_of_dropped_streams_never_stop_replies(web):
    sessions, busy = [WebChat(web.base_url) for _ in range(50)], WebChat(web.base_url)
    for _ in range(2):
        sockets = [_open_raw_stream(web.base_url, chat.http.cookies["job_agent_web"])
                   for chat in sessions for _ in range(4)]  # 200 streams, each session at its cap
        # Dropped one by one while another session's messages wake every stream and their 2 s polls time out.
        ends = time.monotonic() + 4
        for n, sock in enumerate(sockets):
            busy.post("/chat/messages", json={"text": "/status"})
            time.sleep(max(0.0, min(0.02, ends - time.monotonic())))
            _drop(sock)
    newcomer = WebChat(web.base_url)
    started = time.monotonic()
    newcomer.say("/help")
    newcomer.read(answers, timeout=20)
    assert "/jobsearch" in newcomer.answers()[0]["text"] and time.monotonic() - started < 20
    # Each dropped stream was counted out again: a session that had its fill may open its streams anew.
    deadline = time.monotonic() + 20
    while _stream_status(sessions[0]).status_code == 429:
        assert time.monotonic() < deadline, "dropped streams still counted"
        time.sleep(0.2)


def test_open_streams_are_capped_per_session_and_in_all(capped):
    first, second, third = (WebChat(capped.base_url) for _ in range(3))
    with first.http.stream("GET", "/chat/events") as one, first.http.stream("GET", "/chat/events") as two:
        assert one.status_code == two.status_code == 200
        third_of_first = _stream_status(first)
        assert third_of_first.status_code == 429 and "too many chat windows" in third_of_first.json()["detail"]
        with second.http.stream("GET", "/chat/events") as three, second.http.stream("GET", "/chat/events") as four, \
                third.http.stream("GET", "/chat/events") as five:
            assert three.status_code == four.status_code == five.status_code == 200
            busy = _stream_status(third)  # the process's five are open
            assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        # Closed streams are counted out: the process has room again.
        deadline = time.monotonic() + 10
        while (status := _stream_status(third).status_code) != 200:
            assert status == 503 and time.monotonic() < deadline
            time.sleep(0.1)


def _access_token(chat: WebChat) -> str:
    return chat.page.text.split('name="csrf_token" value="')[1].split('"')[0]


def _try_code(chat: WebChat, code: str, address: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return chat.http.post("/chat/access", data={"code": code, "csrf_token": _access_token(chat)}, headers=headers,
                          follow_redirects=False)


def test_admission_issues_a_new_session_id_and_the_old_cookie_stays_outside(coded):
    chat = WebChat(coded.base_url)
    planted = chat.http.cookies["job_agent_web"]
    right = _try_code(chat, CODE, "10.9.9.9")
    assert right.status_code == 303
    admitted = chat.http.cookies["job_agent_web"]
    assert admitted.split(".")[0] != planted.split(".")[0] and admitted.split(".")[1] == "1"
    old = httpx.get(coded.base_url + "/chat/events", cookies={"job_agent_web": planted})
    assert old.status_code == 403  # the planted session is still not admitted
    page = chat.http.get("/chat")
    assert 'name="csrf-token"' in page.text
    chat.csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    chat.say("/help")
    chat.read(answers, timeout=20)


def test_a_limited_address_never_locks_out_another(coded):
    guesser, neighbour = WebChat(coded.base_url), WebChat(coded.base_url)
    statuses = [_try_code(guesser, f"guess {n}", "10.0.0.1").status_code for n in range(11)]
    assert statuses == [403] * 10 + [429]
    assert _try_code(guesser, CODE, "10.0.0.1").status_code == 429
    assert _try_code(neighbour, CODE, "10.0.0.2").status_code == 303


def test_wrong_codes_are_capped_in_all_whatever_address_is_claimed(coded):
    guesser = WebChat(coded.base_url)
    statuses = [_try_code(guesser, f"guess {n}", f"10.1.{n}.1").status_code for n in range(40)]
    # 25 wrong codes a minute in all (10 of them spent by the test before): then 429 from every address.
    assert 403 in statuses and statuses[-10:] == [429] * 10 and statuses == sorted(statuses)
    assert statuses.count(403) <= 15
    assert _try_code(WebChat(coded.base_url), CODE, "10.2.0.1").status_code == 429


@pytest.mark.parametrize("header,after", [("²", "0"), ("9" * 5000, "0"), ("9" * 30, "0"), (None, "9" * 30),
                                          (None, "²"), (None, "-5"), (None, "9" * 5000)])
def test_odd_resume_points_never_break_the_stream(web, header, after):
    chat = WebChat(web.base_url)
    chat.say("/help")
    headers = {"Last-Event-ID": header.encode("latin-1")} if header else {}  # "²" as one byte, read as Latin-1
    with chat.http.stream("GET", "/chat/events", params={"after": after}, headers=headers,
                          timeout=httpx.Timeout(10, read=30)) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        assert next(lines).startswith("retry:")
        huge = header == "9" * 30 or after == "9" * 30
        if not huge:  # not a number (or too long to be one): as if absent, the whole kept history
            assert next(sse_events(lines))["text"] == "/help"
    if huge:  # past every seq: nothing replayed, and the stream lives on (a keep-alive, not an error)
        with chat.http.stream("GET", "/chat/events", params={"after": after}, headers=headers,
                              timeout=httpx.Timeout(10, read=30)) as response:
            lines = response.iter_lines()
            assert next(lines).startswith("retry:")
            assert next(sse_events(lines, keep_alives=True)) is None
