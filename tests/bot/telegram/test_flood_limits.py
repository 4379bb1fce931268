"""Telegram's flood limits and refusals: the stand-in answers 429 and 403 as the Bot API does; the
messenger, paced per chat and behind PTB's AIORateLimiter, stays inside the limits and turns a 403
into RecipientGone."""
from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram.ext import AIORateLimiter, ExtBot

from bot.core.pacing import ChannelPacer
from bot.core.ports import Document, Message, OriginRef, RecipientGone
from bot.telegram.messenger import TelegramMessenger
from tests.support.telegram_standin import (
    BLOCKED, DEACTIVATED, KICKED, TOKEN, FloodLimits, TelegramStandIn,
)


def post(api: TelegramStandIn, chat_id: int, text: str = "hello") -> httpx.Response:
    return httpx.post(f"{api.root}/bot{TOKEN}/sendMessage", json={"chat_id": chat_id, "text": text})


def test_a_fourth_message_to_one_chat_within_a_second_is_refused_with_retry_after():
    with TelegramStandIn(limits=FloodLimits()) as api:
        answers = [post(api, 42) for _ in range(4)]
        other_chat = post(api, 43)
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[3].json()
    assert refused == {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after "
                       f"{refused['parameters']['retry_after']}", "parameters": {"retry_after": 1}}
    assert other_chat.status_code == 200  # chats do not share their budget
    assert api.too_many_requests == 1 and len(api.messages_sent()) == 4


def test_more_than_the_overall_burst_across_chats_is_refused():
    with TelegramStandIn(limits=FloodLimits(overall_per_second=1, overall_burst=5)) as api:
        statuses = [post(api, chat).status_code for chat in range(1, 8)]
    assert statuses == [200] * 5 + [429, 429]


def test_a_blocked_chat_answers_403_and_costs_no_message():
    with TelegramStandIn(limits=FloodLimits()) as api:
        api.block(42)
        answer = post(api, 42)
    assert answer.status_code == 403
    assert answer.json() == {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
    assert api.messages_sent() == [] and api.too_many_requests == 0


def test_without_limits_the_stand_in_takes_any_burst():
    with TelegramStandIn() as api:
        assert {post(api, 42).status_code for _ in range(6)} == {200}


@pytest.fixture
async def limited_bot():
    with TelegramStandIn(limits=FloodLimits()) as api:
        bot = ExtBot(TOKEN, base_url=f"{api.root}/bot", base_file_url=f"{api.root}/file/bot",
                     rate_limiter=AIORateLimiter(max_retries=3))
        async with bot:
            yield api, bot


async def test_several_digests_to_one_chat_are_paced_and_never_meet_a_429(limited_bot):
    api, bot = limited_bot
    messenger = TelegramMessenger(bot)
    chat = OriginRef("telegram", "4242")
    await asyncio.gather(*(messenger.send(chat, Message(text=f"digest {n}")) for n in range(5)))
    assert sorted(call.params["text"] for call in api.messages_sent()) == [f"digest {n}" for n in range(5)]
    assert api.too_many_requests == 0


async def test_an_unpaced_burst_to_one_chat_meets_the_limit(limited_bot):
    """The counter-test: the stand-in's limit is real, so the pacing above is what kept it quiet."""
    api, bot = limited_bot
    messenger = TelegramMessenger(bot, pacer=ChannelPacer(burst=100))
    chat = OriginRef("telegram", "4243")
    await asyncio.gather(*(messenger.send(chat, Message(text=f"digest {n}")) for n in range(5)))
    assert api.too_many_requests >= 1
    assert len(api.messages_sent()) == 5  # PTB's limiter waited retry_after and sent them after all


async def test_many_chats_at_once_stay_inside_thirty_a_second(limited_bot):
    api, bot = limited_bot
    messenger = TelegramMessenger(bot)
    await asyncio.gather(*(messenger.send(OriginRef("telegram", str(5000 + n)), Message(text="new jobs"))
                           for n in range(45)))
    assert len(api.messages_sent()) == 45 and api.too_many_requests == 0


@pytest.mark.parametrize("description", [BLOCKED, KICKED, DEACTIVATED])
async def test_a_chat_that_refuses_the_bot_is_recipient_gone(limited_bot, description):
    api, bot = limited_bot
    api.block(777, description)
    with pytest.raises(RecipientGone) as gone:
        await TelegramMessenger(bot).send(OriginRef("telegram", "777"), Message(text="new jobs"))
    assert (gone.value.platform, gone.value.reason) == ("telegram", description)
    with pytest.raises(RecipientGone):
        await TelegramMessenger(bot).send_documents(OriginRef("telegram", "777"), [Document("a.pdf", b"%PDF")])
