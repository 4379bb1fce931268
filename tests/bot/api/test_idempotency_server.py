"""Idempotency-Key over real HTTP (uvicorn on loopback): a copy sent while the first request's body is still
arriving is 409 and closes its connection, the first then gets its 202, and a retry gets that 202 again."""
from __future__ import annotations

import http.client
import json
import socket
import threading

import httpx
import pytest
import uvicorn

from storage.idempotency import IdempotencyKey
from storage.models import JobSearch
from tests.bot.api.test_idempotency import KEY_A, SEARCH, _count, app, migrated_url  # noqa: F401  (fixtures)
from tests.support.processes import free_port, wait_for

pytestmark = pytest.mark.redis


@pytest.fixture
def base_url(app):  # noqa: F811
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, timeout=15, message="uvicorn to start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(15)


def test_a_copy_during_the_first_body_is_409_and_a_retry_after_the_answer_gets_it(app, base_url):  # noqa: F811
    raw = json.dumps(SEARCH).encode()
    port = int(base_url.rsplit(":", 1)[1])
    headers = {"X-API-Key": KEY_A, "Idempotency-Key": "over-the-wire"}
    with socket.create_connection(("127.0.0.1", port), timeout=15) as first:
        first.sendall(b"POST /api/v1/discovery HTTP/1.1\r\nHost: t\r\nX-API-Key: " + KEY_A.encode()
                      + b"\r\nIdempotency-Key: over-the-wire\r\nContent-Type: application/json\r\n"
                      + f"Content-Length: {len(raw)}\r\n\r\n".encode() + raw[:10])
        wait_for(lambda: _count(app, IdempotencyKey) == 1, timeout=15, message="the first copy's claim")
        copy = httpx.post(base_url + "/api/v1/discovery", json=SEARCH, headers=headers, timeout=15)
        assert copy.status_code == 409, copy.text
        assert copy.headers["connection"] == "close" and copy.headers["retry-after"] == "1"
        first.sendall(raw[10:])
        answer = http.client.HTTPResponse(first)
        answer.begin()
        body = answer.read()
    assert answer.status == 202, body
    retry = httpx.post(base_url + "/api/v1/discovery", json=SEARCH, headers=headers, timeout=15)
    assert retry.status_code == 202 and retry.json() == json.loads(body)
    assert retry.headers["idempotent-replayed"] == "true"
    assert _count(app, JobSearch) == 1
