"""The webhook's refusals leave nothing of the body to read on the connection: an unauthenticated client could
otherwise push gigabytes through one kept-alive connection after its 401 (uvicorn reads and drops the rest), or
hold it for ever by trickling a body. Straight into the ASGI endpoint, no adapter needed for a refusal."""
from __future__ import annotations

import asyncio

import pytest

from bot.telegram import routes
from bot.telegram.routes import TelegramWebhook

SECRET = "tg-secret"


def scope(headers: dict[str, str]) -> dict:
    return {"type": "http", "method": "POST", "path": "/telegram/webhook",
            "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()]}


def call(headers: dict[str, str], chunks: list[bytes], *, stall: bool = False) -> tuple[int, dict, int]:
    """(status, headers, chunks read); ``stall``: after ``chunks`` the client sends nothing more."""
    pending, read, sent = list(chunks), 0, []

    async def receive():
        nonlocal read
        if not pending:
            await asyncio.sleep(3600 if stall else 0)
            return {"type": "http.disconnect"}
        read += 1
        chunk = pending.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending) or stall}

    async def send(message):
        sent.append(message)

    asyncio.run(asyncio.wait_for(TelegramWebhook(adapter=None, secret=SECRET)(scope(headers), receive, send), 10))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, read


@pytest.mark.parametrize("secret, status", [(None, 401), ("wrong", 403)])
def test_a_refused_secret_closes_the_connection_of_an_announced_body_without_reading_it(secret, status):
    headers = {"content-length": "1000000000", **({"x-telegram-bot-api-secret-token": secret} if secret else {})}
    got, answer_headers, read = call(headers, [b"x" * 65536] * 3)
    assert (got, answer_headers.get("connection"), read) == (status, "close", 0)


def test_a_refusal_without_a_body_keeps_the_connection():
    got, answer_headers, _ = call({}, [])
    assert got == 401 and "connection" not in answer_headers


def test_a_body_past_the_cap_is_413_and_closes():
    got, answer_headers, read = call({"x-telegram-bot-api-secret-token": SECRET, "transfer-encoding": "chunked"},
                                     [b"x" * 65536] * 40)
    assert (got, answer_headers.get("connection")) == (413, "close") and read <= 17


def test_a_trickled_body_is_408_at_its_deadline_and_closes(monkeypatch):
    monkeypatch.setattr(routes, "BODY_SECONDS", 0.3)
    got, answer_headers, _ = call({"x-telegram-bot-api-secret-token": SECRET, "transfer-encoding": "chunked"},
                                  [b'{"update_id"'], stall=True)
    assert (got, answer_headers.get("connection")) == (408, "close")


def test_an_update_with_a_lone_surrogate_is_not_an_update():
    assert routes.parse_update(b'{"update_id": 1, "message": {"text": "a\\ud800b"}}') is None
    assert routes.parse_update(b'{"update_id": 1, "message": {"text": "a\\ud83d\\ude00b"}}')["message"]["text"] \
        == "a\U0001F600b"  # a proper pair is an emoji
