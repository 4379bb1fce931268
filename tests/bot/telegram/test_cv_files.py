"""CVs of every kind through Telegram: real python-telegram-bot, real Update JSON, the stand-in Bot API.

In-process app on SQLite with Redis as broker (no worker): a CV the bot accepts is downloaded,
stored and queued as a profile task; a refused one gets its own message and queues nothing.
"""
from __future__ import annotations

import asyncio

import pytest
import redis
from sqlalchemy import select

from storage.db import session_factory
from storage.models import UserProfile
from tests.bot.telegram.conftest import in_process_settings, post_update, running_app, wait_call
from tests.support import cv_kinds
from tests.support.services import REDIS_URL
from tests.support.telegram_standin import (
    document_update, forum_chat, group_chat, photo_update, private_chat, text_update, user,
)

pytestmark = pytest.mark.redis
GOT_IT = "Got your CV — reading it…"


@pytest.fixture
def settings(data_dir, standin, redis_prefix, monkeypatch):
    """Settings for the app, whose task queue sends to this test's Redis keys (the process-wide
    Celery app was configured from the environment when first imported)."""
    import bot.app
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    settings = in_process_settings(data_dir, standin, redis_prefix, max_upload_mb=2)
    monkeypatch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
    return settings


def profiles(settings) -> list[UserProfile]:
    with session_factory(settings.resolved_database_url)() as session:
        return list(session.scalars(select(UserProfile)))


def queued_profile_tasks(settings) -> int:
    return redis.Redis.from_url(REDIS_URL).llen(f"{settings.celery_key_prefix}profiling")


def texts_to(standin, chat: dict) -> list[str]:
    return [c.params["text"] for c in standin.calls_of("sendMessage") if c.params["chat_id"] == str(chat["id"])]


async def settle(standin, chat: dict, count: int = 1) -> list[str]:
    """The bot's messages into ``chat`` once ``count`` arrived and a moment passed for any extra one."""
    await wait_call(standin, "sendMessage", lambda c: c.params["chat_id"] == str(chat["id"]), count=count)
    await asyncio.sleep(0.4)
    return texts_to(standin, chat)


def assert_stored_and_queued(settings, data: bytes, suffix: str) -> None:
    [record] = profiles(settings)
    [name] = record.source_files
    assert name.endswith(f".{suffix}") and (settings.uploads_dir / name).read_bytes() == data
    assert record.celery_task_id and queued_profile_tasks(settings) == 1


async def test_a_photo_with_caption_in_a_private_chat_is_read_from_its_largest_size(settings, standin):
    photo = cv_kinds.make_jpeg()
    update = photo_update(standin, photo, caption="my CV")
    async with running_app(settings) as (_app, client):
        assert (await post_update(client, update)).status_code == 200
        assert await settle(standin, private_chat()) == [GOT_IT]
    largest = update["message"]["photo"][-1]["file_id"]
    assert [c.params["file_id"] for c in standin.calls_of("getFile")] == [largest]
    assert_stored_and_queued(settings, photo, "jpeg")


async def test_a_pdf_without_extension_sent_as_octet_stream_is_downloaded_and_accepted(settings, standin):
    pdf = cv_kinds.make_pdf()
    update = document_update(standin, pdf, file_name="Lebenslauf", mime_type="application/octet-stream")
    async with running_app(settings) as (_app, client):
        await post_update(client, update)
        assert await settle(standin, private_chat()) == [GOT_IT]
    assert standin.calls_of("download")
    assert_stored_and_queued(settings, pdf, "pdf")


@pytest.mark.parametrize("make, name, mime, suffix", [
    (cv_kinds.make_docx, "cv.docx", cv_kinds.DOCX_MIME, "docx"),
    (cv_kinds.make_odt, "cv.odt", cv_kinds.ODT_MIME, "odt"),
    (cv_kinds.make_png, "scan.png", "image/png", "png"),
    (cv_kinds.make_docx, "cv.pdf", "application/pdf", "docx"),  # the name says PDF, the bytes say Word
])
async def test_documents_of_every_readable_kind_are_accepted(settings, standin, make, name, mime, suffix):
    data = make()
    async with running_app(settings) as (_app, client):
        await post_update(client, document_update(standin, data, file_name=name, mime_type=mime))
        assert await settle(standin, private_chat()) == [GOT_IT]
    assert_stored_and_queued(settings, data, suffix)


@pytest.mark.parametrize("kind, name, mime", [
    ("empty", "cv.pdf", "application/pdf"),
    ("unknown", "cv.txt", "text/plain"),
    ("legacy_doc", "cv.doc", "application/msword"),
    ("rtf", "cv.rtf", "application/rtf"),
    ("pages", "cv.pages", "application/x-iwork-pages-sffpages"),
    ("encrypted_docx", "cv.docx", cv_kinds.DOCX_MIME),
    ("truncated_docx", "cv.docx", cv_kinds.DOCX_MIME),
    ("xlsx", "cv.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
async def test_each_refused_kind_gets_its_own_message_and_nothing_is_queued(settings, standin, kind, name, mime):
    data, phrase = cv_kinds.REFUSED[kind]
    async with running_app(settings) as (_app, client):
        await post_update(client, document_update(standin, data, file_name=name, mime_type=mime))
        [answer] = await settle(standin, private_chat())
    assert phrase in answer and GOT_IT not in answer
    assert profiles(settings) == [] and queued_profile_tasks(settings) == 0


async def test_a_photo_over_the_limit_is_refused_before_any_download(settings, standin):
    update = photo_update(standin, cv_kinds.make_jpeg(), caption="CV", file_size=3 * 1024 * 1024)
    async with running_app(settings) as (_app, client):
        await post_update(client, update)
        [answer] = await settle(standin, private_chat())
    assert "3.0 MB" in answer and "up to 2 MB" in answer
    assert standin.calls_of("getFile") == [] and profiles(settings) == []


async def test_in_a_group_only_files_meant_as_a_cv_are_taken(settings, standin):
    """Groups: CV formats, images and unnamed files as documents; photos only when the caption says CV."""
    group, lena = group_chat(), user(7001, "Lena")
    holiday = photo_update(standin, cv_kinds.make_jpeg(), caption="Sunset in Lisbon", sender=lena, chat=group)
    sheet = document_update(standin, cv_kinds.make_xlsx(), file_name="budget.xlsx", sender=lena, chat=group,
                            mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cv_photo = photo_update(standin, cv_kinds.make_jpeg(), caption="Mein Lebenslauf, Feedback willkommen",
                            sender=lena, chat=group)
    async with running_app(settings) as (_app, client):
        for update in (holiday, sheet):
            await post_update(client, update)
        await asyncio.sleep(1)
        assert texts_to(standin, group) == [] and standin.calls_of("getFile") == []
        await post_update(client, cv_photo)
        assert await settle(standin, group) == [GOT_IT]
        docx = document_update(standin, cv_kinds.make_docx(), file_name="cv.docx", mime_type=cv_kinds.DOCX_MIME,
                               sender=lena, chat=forum_chat(), thread_id=9)
        await post_update(client, docx)
        assert await settle(standin, forum_chat()) == [GOT_IT]
    assert len(profiles(settings)) == 2 and queued_profile_tasks(settings) == 2


async def test_a_photo_in_a_group_that_mentions_the_bot_is_taken(settings, standin):
    group = group_chat(-1007002)
    update = photo_update(standin, cv_kinds.make_jpeg(), caption="@job_agent_test_bot here you go", chat=group)
    async with running_app(settings) as (_app, client):
        await post_update(client, update)
        assert await settle(standin, group) == [GOT_IT]


async def test_help_names_every_kind_of_cv(settings, standin):
    async with running_app(settings) as (_app, client):
        await post_update(client, text_update(standin, "/help"))
        [help_text] = await settle(standin, private_chat())
    for kind in ("PDF", "Word", "OpenDocument", "photo"):
        assert kind in help_text


def album(standin, pages: list[bytes], *, caption: str | None = None, chat: dict | None = None) -> list[dict]:
    """A CV photographed page by page and sent as one album: one update per photo, the same
    media_group_id on each, the caption (as clients send it) on the first item only."""
    group_id = str(13578899876543210 + standin.next_update_id())
    return [photo_update(standin, page, caption=caption if index == 0 else None, chat=chat, media_group_id=group_id)
            for index, page in enumerate(pages)]


async def test_an_album_of_pages_sent_at_once_is_one_cv_in_page_order(settings, standin):
    pages = [cv_kinds.make_jpeg(), cv_kinds.make_png(), cv_kinds.make_jpeg({**cv_kinds.PERSONA, "name": "Ana Page"})]
    updates = album(standin, pages)
    async with running_app(settings) as (_app, client):
        answers = await asyncio.gather(*(post_update(client, update) for update in updates))
        assert [answer.status_code for answer in answers] == [200, 200, 200]
        assert await settle(standin, private_chat()) == ["Got your CV — reading its 3 pages together…"]
    [record] = profiles(settings)
    assert [(settings.uploads_dir / name).read_bytes() for name in record.source_files] == pages
    assert queued_profile_tasks(settings) == 1
    [status] = standin.calls_of("sendMessage")
    assert status.params["reply_parameters"]["message_id"] == updates[0]["message"]["message_id"]


async def test_in_a_group_an_albums_cv_caption_counts_for_every_page(settings, standin):
    group = group_chat(-1007003)
    cv_pages = album(standin, [cv_kinds.make_jpeg(), cv_kinds.make_png()], caption="my CV, 2 pages", chat=group)
    holiday = album(standin, [cv_kinds.make_jpeg(), cv_kinds.make_png()], chat=group)
    async with running_app(settings) as (_app, client):
        await asyncio.gather(*(post_update(client, update) for update in holiday + cv_pages))
        assert await settle(standin, group) == ["Got your CV — reading its 2 pages together…"]
    [record] = profiles(settings)
    assert len(record.source_files) == 2


async def test_a_forwarded_photo_sent_as_a_file_in_a_forum_topic_is_answered_in_that_topic(settings, standin):
    """A phone photo sent 'as a file' (a document, image/jpeg, uncompressed, with a thumbnail),
    forwarded from another chat, into a forum topic: the answer goes to that topic, replying to it."""
    forum, topic = forum_chat(), 9
    topic_start = {"message_id": 8, "date": 1700000000, "chat": forum, "from": user(7001, "Lena"),
                   "message_thread_id": topic, "forum_topic_created": {"name": "CVs", "icon_color": 7322096}}
    photo = cv_kinds.make_jpeg()
    thumb_id, thumb_unique = standin.add_file(b"\xff\xd8\xff thumb", suffix="jpg")
    update = document_update(
        standin, photo, file_name="IMG_20240301_101500.jpg", mime_type="image/jpeg", chat=forum, thread_id=topic,
        caption="Lebenslauf von meiner Schwester", reply_to_message=topic_start,
        forward_origin={"type": "user", "sender_user": user(7002, "Marta"), "date": 1700000100},
        forward_date=1700000100)
    update["message"]["document"]["thumbnail"] = {"file_id": thumb_id, "file_unique_id": thumb_unique,
                                                  "width": 240, "height": 320, "file_size": 13}
    async with running_app(settings) as (_app, client):
        await post_update(client, update)
        assert await settle(standin, forum) == [GOT_IT]
    [status] = standin.calls_of("sendMessage")
    assert status.params["message_thread_id"] == str(topic)
    assert status.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert [c.params["file_id"] for c in standin.calls_of("getFile")] == [update["message"]["document"]["file_id"]]
    assert_stored_and_queued(settings, photo, "jpeg")
