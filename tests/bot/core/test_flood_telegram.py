"""The chat flood limit on the Telegram path: the real app in-process (real PTB, SQLite, Redis as broker and
as the limits' store) against the stand-in Bot API. Every update of a flooding person is still stored and
acknowledged with 200 (Telegram would otherwise send it again); only the ones within the limit are acted
on, the person is told once, and another person is answered as usual."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from storage.db import session_factory
from storage.models import InboundEvent
from tests.bot.telegram.conftest import in_process_settings, post_update, running_app
from tests.support.telegram_standin import TelegramStandIn, text_update, user

pytestmark = pytest.mark.redis
LIMIT = 3
LENA, OMAR = user(4242, "Lena"), user(5151, "Omar")


@pytest.fixture
def standin():
    with TelegramStandIn() as api:
        yield api


def sent_to(api: TelegramStandIn, chat_id: int) -> list[str]:
    return [call.params.get("text", "") for call in api.messages_sent()
            if str(call.params.get("chat_id")) == str(chat_id)]


async def test_a_flooding_telegram_user_is_acknowledged_stored_and_told_once(data_dir, standin, redis_prefix):
    settings = in_process_settings(data_dir, standin, redis_prefix, user_messages_per_minute=LIMIT)
    async with running_app(settings) as (_, client):
        answers = [await post_update(client, text_update(standin, "/help", sender=LENA)) for _ in range(4 * LIMIT)]
        other = await post_update(client, text_update(standin, "/help", sender=OMAR))
        assert {answer.status_code for answer in answers} == {200} and other.status_code == 200
        await asyncio.to_thread(standin.wait_for_call, "sendMessage",
                                lambda call: str(call.params.get("chat_id")) == "4242", count=LIMIT + 1, timeout=20)
        await asyncio.to_thread(standin.wait_for_call, "sendMessage",
                                lambda call: str(call.params.get("chat_id")) == "5151", timeout=20)
        await asyncio.sleep(1)  # room for any extra answer that should not come
    lena = sent_to(standin, 4242)
    slowed = [text for text in lena if "faster than I can answer" in text]
    assert len(lena) == LIMIT + 1 and len(slowed) == 1, lena
    assert f"more than {LIMIT} a minute" in slowed[0]
    assert len(sent_to(standin, 5151)) == 1 and "faster" not in sent_to(standin, 5151)[0]
    with session_factory(settings.resolved_database_url)() as session:
        stored = session.scalars(select(InboundEvent).where(InboundEvent.platform == "telegram")).all()
    assert len(stored) == 4 * LIMIT + 1
