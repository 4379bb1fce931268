"""Messages sent as a group or a channel name nobody: Telegram puts the same placeholder in ``from``
(GroupAnonymousBot for every group's anonymous admins, Channel_Bot for everyone posting as any
channel), so such a sender gets no CV, search, letter or /forget, but a message saying why.

Real python-telegram-bot on Update JSON as the Bot API sends it, through the webhook, the in-process
app on SQLite with Redis as broker (no worker: a CV the bot takes is stored and queued).
"""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.telegram.handlers import NOBODYS_BUTTONS, WRITING_AS_CHANNEL, WRITING_AS_GROUP
from storage.db import session_factory
from storage.models import ChatUser, UserProfile
from tests.bot.telegram.conftest import in_process_settings, post_update, running_app, wait_call
from tests.support import cv_kinds
from tests.support.telegram_updates import (
    CHANNEL_BOT, GROUP_ANONYMOUS_BOT, automatic_forward_update, callback_update, channel_chat, document_update,
    document_update_as_chat, group_chat, text_update, text_update_as_chat, user,
)

pytestmark = pytest.mark.redis
GOT_IT = "Got your CV — reading it…"
GROUP_A, GROUP_B = group_chat(-1001000000001, "Berlin devs"), group_chat(-1001000000002, "Lisbon devs")
CHANNEL_X, CHANNEL_Y = channel_chat(-1002000000001, "X builds", "xbuilds"), channel_chat(-1002000000002, "Y", "ywrites")


@pytest.fixture
def settings(data_dir, standin, redis_prefix, monkeypatch):
    """As tests/bot/telegram/test_cv_files.py: the app's task queue sends to this test's Redis keys."""
    import bot.app
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    settings = in_process_settings(data_dir, standin, redis_prefix)
    monkeypatch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
    return settings


def stored(settings) -> tuple[set[str], int]:
    """The Telegram ids the bot keeps anything for, and how many CV profiles it holds."""
    with session_factory(settings.resolved_database_url)() as session:
        people = set(session.scalars(select(ChatUser.external_user_id)))
        return people, len(list(session.scalars(select(UserProfile))))


def texts_to(standin, chat: dict) -> list[str]:
    return [c.params["text"] for c in standin.calls_of("sendMessage") if c.params["chat_id"] == str(chat["id"])]


async def answers(standin, chat: dict, count: int) -> list[str]:
    await wait_call(standin, "sendMessage", lambda c: c.params["chat_id"] == str(chat["id"]), count=count)
    await asyncio.sleep(0.3)  # room for an answer too many
    return texts_to(standin, chat)


def placeholders() -> set[str]:
    return {str(GROUP_ANONYMOUS_BOT["id"]), str(CHANNEL_BOT["id"])}


async def test_anonymous_admins_of_two_groups_are_refused_and_nothing_is_kept_for_either(settings, standin):
    cv = document_update_as_chat(standin, cv_kinds.make_pdf(), chat=GROUP_A, caption="my CV")
    profile = text_update_as_chat(standin, "/profile", chat=GROUP_B)
    forget = text_update_as_chat(standin, "/forget", chat=GROUP_B)
    words = text_update_as_chat(standin, "@job_agent_test_bot python jobs in Berlin", chat=GROUP_A)
    async with running_app(settings) as (_app, client):
        for update in (cv, profile, forget, words):
            assert (await post_update(client, update)).status_code == 200
        assert await answers(standin, GROUP_A, 2) == [WRITING_AS_GROUP] * 2
        assert await answers(standin, GROUP_B, 2) == [WRITING_AS_GROUP] * 2
    assert standin.calls_of("getFile") == []  # the CV was never downloaded
    assert stored(settings) == (set(), 0)
    refusal = standin.calls_of("sendMessage")[0].params
    assert "reply_parameters" in refusal or "reply_to_message_id" in refusal  # in answer to the admin's message


async def test_people_posting_as_two_channels_are_refused_and_cannot_read_or_forget_anything(settings, standin):
    cv = document_update_as_chat(standin, cv_kinds.make_pdf(), chat=GROUP_A, sender_chat=CHANNEL_X,
                                 file_name="cv.pdf")
    status = text_update_as_chat(standin, "/status", chat=GROUP_A, sender_chat=CHANNEL_Y)
    forget = text_update_as_chat(standin, "/forget", chat=GROUP_B, sender_chat=CHANNEL_Y)
    async with running_app(settings) as (_app, client):
        for update in (cv, status, forget):
            await post_update(client, update)
        assert await answers(standin, GROUP_A, 2) == [WRITING_AS_CHANNEL] * 2
        assert await answers(standin, GROUP_B, 1) == [WRITING_AS_CHANNEL]
    assert standin.calls_of("getFile") == [] and stored(settings) == (set(), 0)
    assert all("reply_markup" not in c.params for c in standin.calls_of("sendMessage"))  # no /forget buttons


async def test_a_channels_post_copied_into_its_discussion_group_is_left_alone(settings, standin):
    post = automatic_forward_update(standin, cv_kinds.make_pdf(), group=GROUP_A, channel=CHANNEL_X)
    async with running_app(settings) as (_app, client):
        await post_update(client, post)
        await asyncio.sleep(1)
    assert standin.calls_of("sendMessage") == [] and standin.calls_of("getFile") == []
    assert stored(settings) == (set(), 0)


async def test_buttons_under_a_message_sent_as_the_group_belong_to_nobody(settings, standin):
    member = user(7101, "Mia")
    forget = text_update_as_chat(standin, "/forget", chat=GROUP_A)
    async with running_app(settings) as (_app, client):
        await post_update(client, forget)
        [refusal] = await wait_call(standin, "sendMessage")
        bot_message = next(m for m in standin.messages.values() if m.get("text") == refusal.params["text"])
        assert bot_message["reply_to_message"]["from"] == GROUP_ANONYMOUS_BOT
        await post_update(client, callback_update(standin, bot_message, "forget_confirm:", sender=member))
        [alert] = await wait_call(standin, "answerCallbackQuery")
        await asyncio.sleep(0.3)
    assert alert.params["show_alert"] == "true" and alert.params["text"] == NOBODYS_BUTTONS
    assert len(standin.calls_of("sendMessage")) == 1 and stored(settings)[1] == 0


async def test_a_person_in_the_same_group_is_answered_as_before(settings, standin):
    """Between the refused senders, a member writing as themselves keeps their own CV and /forget."""
    lena = user(7102, "Lena")
    anonymous = text_update_as_chat(standin, "/profile", chat=GROUP_A)
    cv = document_update(standin, cv_kinds.make_pdf(), sender=lena, chat=GROUP_A, caption="my CV")
    forget = text_update(standin, "/forget", sender=lena, chat=GROUP_A)
    async with running_app(settings) as (_app, client):
        await post_update(client, anonymous)
        await answers(standin, GROUP_A, 1)
        await post_update(client, cv)
        assert (await answers(standin, GROUP_A, 2))[1] == GOT_IT
        await post_update(client, forget)
        await answers(standin, GROUP_A, 3)
    assert len(standin.calls_of("getFile")) == 1
    people, profiles = stored(settings)
    assert people == {"7102"} and profiles == 1 and not people & placeholders()
    question = standin.calls_of("sendMessage")[2].params
    assert "forget_confirm" in str(question.get("reply_markup"))  # the person's own /forget asks, with buttons


async def test_an_album_sent_as_a_channel_is_refused_once(settings, standin):
    """An album is one update per item: the refusal is said once for all of them, as the CV would be."""
    items = [document_update_as_chat(standin, cv_kinds.make_pdf(), chat=GROUP_B, sender_chat=CHANNEL_X,
                                      file_name=f"page-{n}.pdf", media_group_id="album-x", caption="my CV" * (n == 0))
             for n in range(3)]
    async with running_app(settings) as (_app, client):
        await asyncio.gather(*(post_update(client, item) for item in items))
        assert await answers(standin, GROUP_B, 1) == [WRITING_AS_CHANNEL]
        await asyncio.sleep(0.5)
    assert texts_to(standin, GROUP_B) == [WRITING_AS_CHANNEL]
    assert standin.calls_of("getFile") == [] and stored(settings) == (set(), 0)


async def test_a_message_naming_no_sender_is_ignored_not_a_crash_and_nothing_is_kept(settings, standin, caplog):
    """Telegram always names ``from`` or ``sender_chat``; an update with neither (forged with the right secret)
    is ignored, where before it raised in the handler and was logged as a failed update."""
    nameless = text_update(standin, "/help")
    del nameless["message"]["from"]
    cv = document_update(standin, cv_kinds.make_pdf(), caption="my CV")
    del cv["message"]["from"]
    async with running_app(settings) as (_app, client):
        for update in (nameless, cv):
            assert (await post_update(client, update)).status_code == 200
        person = text_update(standin, "/help")
        assert (await post_update(client, person)).status_code == 200
        await wait_call(standin, "sendMessage", lambda c: True, count=1)
        await asyncio.sleep(0.3)
    assert len(standin.calls_of("sendMessage")) == 1  # only the person who is named got an answer
    assert standin.calls_of("getFile") == []
    assert stored(settings)[1] == 0
    assert not [r for r in caplog.records if "failed" in r.getMessage() and r.levelname == "ERROR"]
