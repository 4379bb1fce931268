"""POST /telegram/webhook and the adapter's update path, in-process against the stand-in Bot API."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.telegram import adapter as telegram_adapter
from bot.telegram.handlers import NOT_YOURS
from storage.db import session_factory
from storage.models import ChatUser, InboundEvent, utcnow
from tests.bot.telegram.conftest import in_process_settings, post_update, running_app, wait_call
from tests.support.telegram_standin import (
    TelegramStandIn, buttons_of, callback_update, forum_chat, text_update, user,
)

pytestmark = pytest.mark.redis


def inbound_events(settings) -> list[InboundEvent]:
    with session_factory(settings.resolved_database_url)() as session:
        return list(session.scalars(select(InboundEvent).where(InboundEvent.platform == "telegram")))


@pytest.fixture
def settings(data_dir, standin, redis_prefix):
    return in_process_settings(data_dir, standin, redis_prefix)


async def test_missing_or_wrong_secret_is_refused_and_nothing_is_stored_or_sent(settings, standin):
    async with running_app(settings) as (app, client):
        update = text_update(standin, "/help")
        assert (await post_update(client, update, secret=None)).status_code == 401
        assert (await post_update(client, update, secret="wrong")).status_code == 403
        assert (await post_update(client, update, secret=settings.telegram_webhook_secret.get_secret_value()[:-1])
                ).status_code == 403
        await asyncio.sleep(0.5)
    assert inbound_events(settings) == []
    assert standin.calls_of("sendMessage") == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}',
                                  b'{"update_id": 5, "message": "text"}'])
async def test_bodies_that_are_not_updates_get_400(settings, standin, body):
    async with running_app(settings) as (app, client):
        response = await client.post("/telegram/webhook", content=body,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "tg-webhook-secret-for-tests"})
        assert response.status_code == 400
    assert inbound_events(settings) == []


async def test_start_sets_the_webhook_with_secret_and_allowed_updates(settings, standin):
    async with running_app(settings):
        pass
    assert standin.webhook == {"url": "http://127.0.0.1:9/telegram/webhook", "secret_token": "tg-webhook-secret-for-tests",
                               "allowed_updates": ["message", "callback_query"]}


def test_webhook_mode_without_a_secret_refuses_to_start(data_dir, standin, redis_prefix):
    from bot.app import create_app

    settings = in_process_settings(data_dir, standin, redis_prefix, telegram_webhook_secret=None, telegram_mode="webhook")
    with pytest.raises(telegram_adapter.TelegramConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        create_app(settings)


async def test_a_duplicate_update_is_handled_once_and_the_stored_payload_is_dropped(settings, standin):
    async with running_app(settings) as (app, client):
        update = text_update(standin, "/help")
        assert (await post_update(client, update)).status_code == 200
        assert (await post_update(client, update)).status_code == 200
        await wait_call(standin, "sendMessage")
        await asyncio.sleep(0.5)
    assert len(standin.calls_of("sendMessage")) == 1
    [event] = inbound_events(settings)
    assert event.event_id == str(update["update_id"]) and event.processed_at is not None and event.payload == {}


async def test_forum_topic_and_reply_are_kept(settings, standin):
    group = forum_chat()
    async with running_app(settings) as (app, client):
        update = text_update(standin, "/status@job_agent_test_bot", chat=group, thread_id=77)
        await post_update(client, update)
        [call] = await wait_call(standin, "sendMessage")
    assert call.params["chat_id"] == str(group["id"]) and call.params["message_thread_id"] == "77"
    assert call.params["reply_parameters"] == {"message_id": update["message"]["message_id"],
                                               "allow_sending_without_reply": True}


async def test_someone_elses_buttons_answer_with_an_alert_and_do_nothing(settings, standin):
    group, owner, stranger = forum_chat(), user(1001, "Owner"), user(2002, "Stranger")
    async with running_app(settings) as (app, client):
        await post_update(client, text_update(standin, "/forget", sender=owner, chat=group, thread_id=5))
        [question] = await wait_call(standin, "sendMessage")
        bot_message = standin.messages[(group["id"], int(_sent_id(standin, question)))]
        confirm = next(b["callback_data"] for b in buttons_of(bot_message) if b["callback_data"].startswith("forget_confirm"))
        await post_update(client, callback_update(standin, bot_message, confirm, sender=stranger))
        [alert] = await wait_call(standin, "answerCallbackQuery")
        cancel = next(b["callback_data"] for b in buttons_of(bot_message) if b["callback_data"].startswith("forget_cancel"))
        await post_update(client, callback_update(standin, bot_message, cancel, sender=owner))
        calls = await wait_call(standin, "sendMessage", count=2)
    assert alert.params["show_alert"] == "true" and alert.params["text"] == NOT_YOURS
    answer = standin.calls_of("answerCallbackQuery")[1]
    assert "show_alert" not in answer.params
    assert calls[1].params["text"] == "Nothing was deleted." and calls[1].params["message_thread_id"] == "5"
    assert len(standin.calls_of("sendMessage")) == 2  # the stranger's press sent nothing into the chat


def _sent_id(standin, call) -> int:
    """The message id the stand-in gave the bot's message for ``call``."""
    matches = [m for (chat, _), m in standin.messages.items()
               if str(chat) == call.params["chat_id"] and m.get("text") == call.params["text"]]
    return matches[-1]["message_id"]


async def test_rate_limit_answers_are_retried_by_the_rate_limiter(settings, standin):
    standin.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
    async with running_app(settings) as (app, client):
        await post_update(client, text_update(standin, "/help"))
        await wait_call(standin, "sendMessage", count=2)
        await asyncio.sleep(0.3)
    [event] = inbound_events(settings)
    assert event.processed_at is not None


async def test_an_update_that_failed_on_the_network_is_replayed(settings, standin, monkeypatch):
    monkeypatch.setattr(telegram_adapter, "REPLAY_AFTER_SECONDS", 0.5)
    standin.fail_next("sendMessage", 500, "Internal Server Error")
    async with running_app(settings) as (app, client):
        await post_update(client, text_update(standin, "/help"))
        await wait_call(standin, "sendMessage", count=2, timeout=20)
        await asyncio.sleep(0.5)
    [event] = inbound_events(settings)
    assert event.processed_at is not None and event.attempts == 1 and event.payload == {}


async def test_an_update_stored_before_a_crash_is_replayed_and_capped(settings, standin):
    stale = text_update(standin, "/help")
    async with running_app(settings) as (app, client):
        with session_factory(settings.resolved_database_url)() as session:
            old = utcnow() - timedelta(minutes=5)
            session.add(InboundEvent(platform="telegram", event_id=str(stale["update_id"]), payload=stale, received_at=old))
            session.add(InboundEvent(platform="telegram", event_id="1", payload={"update_id": 1}, received_at=old,
                                     attempts=telegram_adapter.MAX_REPLAYS))
            session.commit()
        await wait_call(standin, "sendMessage")
        await asyncio.sleep(1)
    assert len(standin.calls_of("sendMessage")) == 1
    assert all(event.processed_at is not None and event.payload == {} for event in inbound_events(settings))


async def test_polling_mode_without_public_url_feeds_the_same_path(data_dir, standin, redis_prefix):
    settings = in_process_settings(data_dir, standin, redis_prefix, public_base_url=None, telegram_mode="auto")
    async with running_app(settings) as (app, client):
        assert (await post_update(client, text_update(standin, "/help"))).status_code == 404  # no webhook route
        standin.queue_update(text_update(standin, "/help"))
        [call] = await wait_call(standin, "sendMessage")
        assert "job-agent" in call.params["text"]
    assert standin.calls_of("deleteWebhook") and not standin.calls_of("setWebhook")
    [event] = inbound_events(settings)
    assert event.processed_at is not None
    with session_factory(settings.resolved_database_url)() as session:
        assert session.scalars(select(ChatUser)).all() == []  # /help stores nothing about the user


async def test_a_burst_of_concurrent_deliveries_is_stored_in_batches_and_each_update_handled_once(settings, standin):
    updates = [text_update(standin, "/help", sender=user(3000 + n), chat=None) for n in range(30)]
    async with running_app(settings) as (app, client):
        responses = await asyncio.gather(*(post_update(client, u) for u in updates + updates))
        assert {r.status_code for r in responses} == {200}
        await wait_call(standin, "sendMessage", count=30, timeout=30)
        await asyncio.sleep(1)
    assert len(standin.calls_of("sendMessage")) == 30
    events = inbound_events(settings)
    assert len(events) == 30 and all(e.processed_at is not None and e.payload == {} for e in events)


async def test_telegram_unreachable_at_start_does_not_stop_the_bot_and_it_connects_later(data_dir, redis_prefix):
    from tests.support.processes import free_port

    builder = TelegramStandIn()  # only builds the update; never serves
    builder._server.server_close()
    port = free_port()  # nothing listens here yet: connections are refused, as when Telegram is unreachable
    settings = in_process_settings(data_dir, builder, redis_prefix, telegram_api_base_url=f"http://127.0.0.1:{port}")
    async with running_app(settings) as (_app, client):  # the app starts although Telegram is down
        accepted = await post_update(client, text_update(builder, "/help"))
        assert accepted.status_code == 200  # stored; handled once Telegram is reachable
        with TelegramStandIn(port=port) as api:
            [webhook] = await wait_call(api, "setWebhook", timeout=20)
            assert webhook.params["url"] == "http://127.0.0.1:9/telegram/webhook"
            [help_message] = await wait_call(api, "sendMessage", timeout=20)
            assert "/jobsearch" in help_message.params["text"]


@pytest.mark.parametrize("public_base_url, mode", [
    (None, "polling"), ("http://bot:8000", "polling"), ("https://jobs.example.com", "webhook"),
])
def test_auto_mode_uses_the_webhook_only_for_an_https_url_telegram_can_call(data_dir, standin, redis_prefix,
                                                                             public_base_url, mode):
    settings = in_process_settings(data_dir, standin, redis_prefix, public_base_url=public_base_url,
                                   telegram_mode="auto")
    assert telegram_adapter.telegram_mode(settings) == mode
