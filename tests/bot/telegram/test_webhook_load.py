"""The webhook under load: updates past the in-memory bound wait in the database and are each handled once,
the endpoint refuses what is not an update before storing it, and the fast path reaches it ahead of the app."""
from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from bot.fast_path import FastPath
from storage.db import session_factory
from storage.models import InboundEvent
from tests.bot.telegram.conftest import (
    SECRET,
    in_process_settings,
    post_update,
    running_app,
    wait_call,
)
from tests.support.telegram_standin import forum_chat, text_update, user

pytestmark = pytest.mark.redis


@pytest.fixture
def settings(data_dir, standin, redis_prefix):
    return in_process_settings(data_dir, standin, redis_prefix)


def stored(settings) -> list[InboundEvent]:
    with session_factory(settings.resolved_database_url)() as session:
        return list(session.scalars(select(InboundEvent).where(InboundEvent.platform == "telegram")))


def telegram_adapter(app):
    [adapter] = [a for a in app.state.adapters if a.platform == "telegram"]
    return adapter


async def test_a_backlog_past_the_memory_bound_waits_in_the_database_and_each_update_is_handled_once(
        settings, standin):
    helps = [text_update(standin, "/help", sender=user(5000 + n)) for n in range(12)]
    chatter = [text_update(standin, f"hello #{n}", sender=user(6000 + n), chat=forum_chat(-1005)) for n in range(12)]
    async with running_app(settings) as (app, client):
        adapter = telegram_adapter(app)
        adapter.max_held = 3
        answers = await asyncio.gather(*(post_update(client, u) for u in helps + chatter + helps))
        assert {a.status_code for a in answers} == {200}
        assert len(adapter._spilled) > 0 and len(adapter._in_flight) <= 3  # held back, not parsed into memory
        await wait_call(standin, "sendMessage", count=12, timeout=30)
        for _ in range(100):
            if not adapter._spilled and not adapter._in_flight:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
    assert sorted(c.params["chat_id"] for c in standin.calls_of("sendMessage")) == sorted(
        str(5000 + n) for n in range(12))
    events = stored(settings)
    assert len(events) == 24 and all(e.processed_at is not None and e.payload == {} and e.attempts == 0
                                     for e in events)


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"update_id": 5, "message": {"text": "x"}}',
                                  b'{"update_id": 5, "callback_query": []}'])
async def test_bodies_that_only_look_like_updates_get_400_and_nothing_is_stored(settings, standin, body):
    async with running_app(settings) as (_app, client):
        response = await client.post("/telegram/webhook", content=body,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert response.status_code == 400
    assert stored(settings) == []


async def test_a_body_past_the_cap_is_refused_while_it_streams(settings, standin):
    async def chunks():
        for _ in range(64):  # 2 MB in 32 KB chunks, no Content-Length
            yield b" " * 32768

    async with running_app(settings) as (_app, client):
        response = await client.post("/telegram/webhook", content=chunks(),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert response.status_code == 413
    assert stored(settings) == []


async def test_the_fast_path_serves_the_webhook_ahead_of_the_app_and_passes_everything_else_on(settings, standin):
    update = text_update(standin, "/help")
    async with running_app(settings) as (app, _client):
        fast = FastPath(app, routes=telegram_adapter(app).fast_routes)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=fast), base_url="http://testserver") as client:
            assert (await post_update(client, update)).status_code == 200
            assert (await post_update(client, update)).status_code == 200  # a duplicate: still 200
            assert (await post_update(client, update, secret="wrong")).status_code == 403
            assert (await client.post("/nowhere")).status_code == 404  # passed on to the app
            assert (await client.get("/telegram/webhook")).status_code == 405  # the app's own answer
        await wait_call(standin, "sendMessage")
        await asyncio.sleep(0.5)
    assert len(standin.calls_of("sendMessage")) == 1
    [event] = stored(settings)
    assert event.processed_at is not None
