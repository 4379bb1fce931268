"""CVs of every kind through Slack: real slack-bolt and slack_sdk in the app, the stand-in Web API.

In-process app on SQLite with Redis as broker (no worker). Events are signed and posted the way
Slack posts them; file objects have Slack's shapes (hosted files, Google Docs, Slack Connect stubs).
Answers go into the file message's thread.
"""
from __future__ import annotations

import asyncio

import pytest
import redis
from sqlalchemy import select

from domain.cv.errors import ExternalDocumentError
from storage.db import session_factory
from storage.models import UserProfile
from tests.bot.telegram.conftest import running_app
from tests.support import cv_kinds
from tests.support.services import REDIS_URL
from tests.support.slack_payloads import SIGNING_SECRET, event_callback, file_share
from tests.support.slack_standin import BOT_TOKEN, BOT_USER_ID, SlackStandIn, sign

pytestmark = pytest.mark.redis
GOT_IT = "Got your CV — reading it…"
USER = "U0LENA"


@pytest.fixture
def slack():
    with SlackStandIn() as standin:
        yield standin


@pytest.fixture
def settings(data_dir, slack, redis_prefix, monkeypatch):
    """The app's settings; its task queue sends to this test's Redis keys."""
    import bot.app
    from config import Settings
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    settings = Settings(job_agent_data_dir=data_dir, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                        slack_api_base_url=slack.api_url, celery_broker_url=REDIS_URL,
                        celery_result_backend=REDIS_URL, celery_key_prefix=redis_prefix, database_url=None,
                        max_upload_mb=1, sweep_interval_seconds=0.2)
    monkeypatch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
    return settings


async def post_event(client, event: dict):
    body = event_callback(event)
    headers = {"Content-Type": "application/json", **sign(SIGNING_SECRET, body)}
    response = await client.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 200
    return event


def thread_texts(slack: SlackStandIn, event: dict) -> list[str]:
    return [p.get("text") or "" for p in slack.posts(event["channel"], event["ts"])]


async def answers(slack: SlackStandIn, event: dict, count: int = 1) -> list[str]:
    """The bot's messages in the file message's thread once ``count`` arrived (and a moment for extras)."""
    await asyncio.to_thread(slack.wait_for, lambda: len(thread_texts(slack, event)) >= count, 15,
                            "the bot's answer in the file's thread")
    await asyncio.sleep(0.4)
    return thread_texts(slack, event)


def profiles(settings) -> list[UserProfile]:
    with session_factory(settings.resolved_database_url)() as session:
        return list(session.scalars(select(UserProfile)))


def queued_profile_tasks(settings) -> int:
    return redis.Redis.from_url(REDIS_URL).llen(f"{settings.celery_key_prefix}profiling")


def downloads_of(slack: SlackStandIn, file: dict) -> list:
    return [c for c in slack.calls_of("download") if c.params["file_id"] == file["id"]]


@pytest.mark.parametrize("make, name, mimetype, filetype, suffix", [
    (cv_kinds.make_docx, "Lena CV.docx", cv_kinds.DOCX_MIME, "docx", "docx"),
    (cv_kinds.make_odt, "cv.odt", cv_kinds.ODT_MIME, "odt", "odt"),
    (cv_kinds.make_jpeg, "IMG_2231.jpg", "image/jpeg", "jpg", "jpeg"),
    (cv_kinds.make_pdf, "cv", "application/octet-stream", "binary", "pdf"),
])
async def test_every_readable_kind_shared_in_a_dm_is_downloaded_and_queued(settings, slack, make, name, mimetype,
                                                                           filetype, suffix):
    data = make()
    file = slack.add_file(name, data, mimetype=mimetype, filetype=filetype)
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(file, user=USER, channel="D0LENA"))
        assert await answers(slack, event) == [GOT_IT]
    [record] = profiles(settings)
    assert record.source_files[0].endswith(f".{suffix}")
    assert (settings.uploads_dir / record.source_files[0]).read_bytes() == data
    assert queued_profile_tasks(settings) == 1


@pytest.mark.parametrize("kind", ["legacy_doc", "rtf", "pages", "encrypted_docx", "truncated_docx", "unknown"])
async def test_each_refused_kind_gets_its_own_message_in_the_thread(settings, slack, kind):
    data, phrase = cv_kinds.REFUSED[kind]
    file = slack.add_file(f"cv-{kind}", data, mimetype="application/octet-stream", filetype="binary")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(file, user=USER, channel="D0LENA"))
        [answer] = await answers(slack, event)
    assert phrase in answer
    assert profiles(settings) == [] and queued_profile_tasks(settings) == 0


async def test_a_google_doc_gets_the_export_advice_without_any_download(settings, slack):
    gdoc = slack.add_external_file("Lena Fischer — CV")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(gdoc, user=USER, channel="D0LENA"))
        [answer] = await answers(slack, event)
    assert answer == ExternalDocumentError().user_message and "PDF" in answer
    assert downloads_of(slack, gdoc) == [] and profiles(settings) == []


async def test_a_dropbox_link_named_like_a_pdf_in_a_channel_with_cv_text_is_explained(settings, slack):
    linked = slack.add_external_file("cv.pdf", filetype="pdf", external_type="dropbox", mimetype="application/pdf")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(linked, user=USER, channel="C0JOBS", channel_type="channel",
                                                    text="my CV for the backend role"))
        [answer] = await answers(slack, event)
    assert answer == ExternalDocumentError().user_message


async def test_a_slack_connect_stub_in_a_channel_is_looked_up_then_read(settings, slack):
    data = cv_kinds.make_pdf()
    file = slack.add_file("Lena CV.pdf", data)
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(slack.connect_stub(file), user=USER, channel="C0SHARED",
                                                    channel_type="channel"))
        assert await answers(slack, event) == [GOT_IT]
    [info] = slack.calls_of("files.info")
    assert info.params["file"] == file["id"]
    assert len(downloads_of(slack, file)) == 1 and info.at < downloads_of(slack, file)[0].at
    assert len(profiles(settings)) == 1 and queued_profile_tasks(settings) == 1


async def test_a_slack_connect_stub_of_a_holiday_photo_in_a_channel_stays_unanswered(settings, slack):
    photo = slack.add_file("beach.jpg", cv_kinds.make_jpeg(), mimetype="image/jpeg", filetype="jpg")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(slack.connect_stub(photo), user=USER, channel="C0SHARED",
                                                    channel_type="channel", text="weekend!"))
        await asyncio.to_thread(slack.wait_for, lambda: slack.calls_of("files.info"), 15, "files.info")
        await asyncio.sleep(0.8)
    assert thread_texts(slack, event) == [] and downloads_of(slack, photo) == []


@pytest.mark.parametrize("channel, channel_type, text", [
    ("D0LENA", "im", ""),
    ("C0SHARED", "channel", "Here is my CV"),
    ("C0SHARED", "channel", f"<@{BOT_USER_ID}> please read this"),
])
async def test_files_info_refusing_a_stub_is_told_in_the_thread(settings, slack, channel, channel_type, text):
    file = slack.add_file("cv.pdf", cv_kinds.make_pdf())
    slack.refuse_file_info(file["id"], "file_not_found")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(slack.connect_stub(file), user=USER, channel=channel,
                                                    channel_type=channel_type, text=text))
        [answer] = await answers(slack, event)
    assert "file_not_found" in answer and "upload the CV here directly" in answer
    assert downloads_of(slack, file) == [] and profiles(settings) == []


async def test_files_info_refusing_a_stub_nobody_called_a_cv_in_a_channel_stays_quiet(settings, slack):
    file = slack.add_file("notes.pdf", cv_kinds.make_pdf())
    slack.refuse_file_info(file["id"], "access_denied")
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(slack.connect_stub(file), user=USER, channel="C0SHARED",
                                                    channel_type="channel"))
        await asyncio.to_thread(slack.wait_for, lambda: slack.calls_of("files.info"), 15, "files.info")
        await asyncio.sleep(0.8)
    assert thread_texts(slack, event) == []


@pytest.mark.parametrize("status, says", [(404, "answered 404"), (500, "answered 500")])
async def test_a_failed_download_is_told_in_the_thread(settings, slack, status, says):
    file = slack.add_file("cv.pdf", cv_kinds.make_pdf())
    slack.fail_download(file["id"], status)
    async with running_app(settings) as (_app, client):
        event = await post_event(client, file_share(file, user=USER, channel="D0LENA"))
        [answer] = await answers(slack, event)
    assert says in answer and GOT_IT not in answer
    assert profiles(settings) == [] and queued_profile_tasks(settings) == 0


async def test_in_a_channel_cv_formats_are_taken_images_only_when_the_message_says_cv(settings, slack):
    docx = slack.add_file("Lena CV.docx", cv_kinds.make_docx(), mimetype=cv_kinds.DOCX_MIME, filetype="docx")
    legacy = slack.add_file("old-cv.doc", cv_kinds.make_legacy_doc(), mimetype="application/msword", filetype="doc")
    cat = slack.add_file("cat.png", cv_kinds.make_png(), mimetype="image/png", filetype="png")
    scan = slack.add_file("scan.png", cv_kinds.make_png(), mimetype="image/png", filetype="png")
    async with running_app(settings) as (_app, client):
        channel = {"channel": "C0JOBS", "channel_type": "channel", "user": USER}
        shared_docx = await post_event(client, file_share(docx, **channel))
        shared_legacy = await post_event(client, file_share(legacy, **channel))
        shared_cat = await post_event(client, file_share(cat, **channel, text="look at him"))
        shared_scan = await post_event(client, file_share(scan, **channel, text="my résumé, scanned"))
        assert await answers(slack, shared_docx) == [GOT_IT]
        [legacy_answer] = await answers(slack, shared_legacy)
        assert await answers(slack, shared_scan) == [GOT_IT]
    assert "Word 97" in legacy_answer
    assert thread_texts(slack, shared_cat) == [] and downloads_of(slack, cat) == []
    assert len(profiles(settings)) == 2 and queued_profile_tasks(settings) == 2


async def test_a_file_shared_with_a_mention_is_answered_once_as_a_cv(settings, slack):
    """Slack sends both an app_mention and the file_share message; only the file is answered."""
    file = slack.add_file("cv.pdf", cv_kinds.make_pdf())
    share = file_share(file, user=USER, channel="C0JOBS", channel_type="channel", text=f"<@{BOT_USER_ID}> my CV")
    mention = {"type": "app_mention", "user": USER, "text": share["text"], "ts": share["ts"], "channel": "C0JOBS",
               "event_ts": share["ts"], "files": [file]}
    async with running_app(settings) as (_app, client):
        await post_event(client, mention)
        await post_event(client, share)
        assert await answers(slack, share) == [GOT_IT]
        await asyncio.sleep(0.5)
    assert thread_texts(slack, share) == [GOT_IT]


def file_shared(file: dict, share: dict) -> dict:
    """The file_shared event Slack sends next to the file_share message, one per file."""
    return {"type": "file_shared", "file_id": file["id"], "user_id": share["user"], "file": {"id": file["id"]},
            "channel_id": share["channel"], "event_ts": share["ts"]}


async def test_pages_shared_in_one_dm_message_are_one_cv_read_once(settings, slack):
    """Two phone photos of a CV's pages dropped into one message: Slack lists both in ``files``
    and sends a file_shared event for each besides; the CV is read once, both pages together."""
    pages = [cv_kinds.make_jpeg(), cv_kinds.make_png()]
    files = [slack.add_file("IMG_2231.jpg", pages[0], mimetype="image/jpeg", filetype="jpg"),
             slack.add_file("IMG_2232.png", pages[1], mimetype="image/png", filetype="png")]
    share = dict(file_share(files[0], user=USER, channel="D0LENA"), files=files)
    async with running_app(settings) as (_app, client):
        for event in (file_shared(files[0], share), file_shared(files[1], share), share):
            await post_event(client, event)
        assert await answers(slack, share) == ["Got your CV — reading its 2 pages together…"]
        await asyncio.sleep(0.5)
    [record] = profiles(settings)
    assert [(settings.uploads_dir / name).read_bytes() for name in record.source_files] == pages
    assert queued_profile_tasks(settings) == 1 and [len(downloads_of(slack, f)) for f in files] == [1, 1]
    assert thread_texts(slack, share) == ["Got your CV — reading its 2 pages together…"]


async def test_a_cv_and_a_cover_letter_in_a_thread_reply_are_read_together_and_answered_there(settings, slack):
    """In a channel thread: the CV, a Word cover letter and a Google Doc, shared in one reply.
    The hosted files are read together; the Google Doc is named with the export advice."""
    cv, letter = cv_kinds.make_pdf(), cv_kinds.make_docx()
    files = [slack.add_file("Lena CV.pdf", cv),
             slack.add_file("Anschreiben.docx", letter, mimetype=cv_kinds.DOCX_MIME, filetype="docx"),
             slack.add_external_file("References")]
    parent = "1700000000.000100"
    share = dict(file_share(files[0], user=USER, channel="C0JOBS", channel_type="channel", text="my CV and letter"),
                 files=files, thread_ts=parent, parent_user_id="U0OTHER")
    async with running_app(settings) as (_app, client):
        await post_event(client, share)
        await asyncio.to_thread(slack.wait_for, lambda: len(slack.posts("C0JOBS", parent)) >= 2, 15,
                                "two answers in the thread")
        await asyncio.sleep(0.4)
    export, got_it = [post.get("text") for post in slack.posts("C0JOBS", parent)]
    assert export == "“References”: " + ExternalDocumentError().user_message
    assert got_it == "Got your CV — reading its 2 files together…"
    assert slack.posts("C0JOBS", share["ts"]) == []  # not a thread of its own under the reply
    [record] = profiles(settings)
    assert [(settings.uploads_dir / name).read_bytes() for name in record.source_files] == [cv, letter]
