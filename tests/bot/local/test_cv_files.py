"""`/cv PATH` in the local chat with every kind of CV: the real terminal client against the real app.

The app runs in this process under uvicorn (SQLite, Redis as broker, no worker); the client sends
the file's bytes as they are and the server decides what they are.
"""
from __future__ import annotations

import time

import pytest
import redis
from sqlalchemy import select

from bot.local.client import ChatClient, start_embedded_server
from config.settings import _stored_secret
from storage.db import session_factory
from storage.models import UserProfile
from tests.support import cv_kinds
from tests.support.processes import free_port
from tests.support.services import REDIS_URL

pytestmark = pytest.mark.redis
GOT_IT = "Got your CV — reading it…"


@pytest.fixture
def settings(data_dir, redis_prefix, monkeypatch):
    import bot.app
    from config import Settings
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    settings = Settings(job_agent_data_dir=data_dir, celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL,
                        celery_key_prefix=redis_prefix, database_url=None, api_host="127.0.0.1",
                        api_port=free_port(), max_upload_mb=1)
    monkeypatch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
    return settings


@pytest.fixture
def chat(settings):
    """The terminal client of `job-agent chat`, with what it prints collected in ``chat.lines``."""
    server, thread = start_embedded_server(settings)
    lines: list[str] = []
    token = _stored_secret(settings.job_agent_data_dir / "local-chat-token")
    client = ChatClient(f"http://{settings.api_host}:{settings.api_port}", token, chat="lena", output=lines.append,
                        max_upload_bytes=settings.max_upload_bytes)
    client.lines = lines
    try:
        yield client
    finally:
        client.http.close()
        server.should_exit = True
        thread.join(timeout=30)


def bot_says(client: ChatClient, count: int = 1, timeout: float = 15) -> list[str]:
    """What the bot answered, once ``count`` messages arrived and a moment passed for any extra one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.http.get("/local/updates", params={"chat": client.chat, "after": 0, "timeout": 1})
        texts = [u["text"] for u in response.json() if u["kind"] == "message"]
        if len(texts) >= count:
            time.sleep(0.4)
            response = client.http.get("/local/updates", params={"chat": client.chat, "after": 0, "timeout": 0})
            return [u["text"] for u in response.json() if u["kind"] == "message"]
    raise AssertionError(f"fewer than {count} bot messages within {timeout}s")


def profiles(settings) -> list[UserProfile]:
    with session_factory(settings.resolved_database_url)() as session:
        return list(session.scalars(select(UserProfile)))


@pytest.mark.parametrize("make, filename, suffix", [
    (cv_kinds.make_docx, "Lena CV.docx", "docx"),
    (cv_kinds.make_odt, "cv.odt", "odt"),
    (cv_kinds.make_jpeg, "IMG_0042.JPG", "jpeg"),
    (cv_kinds.make_pdf, "lebenslauf", "pdf"),
])
def test_cv_of_every_readable_kind_is_sent_as_is_and_queued(settings, chat, tmp_path, make, filename, suffix):
    data = make()
    path = tmp_path / filename
    path.write_bytes(data)
    chat.send(f"/cv {path}")
    assert bot_says(chat) == [GOT_IT]
    # "Got your CV" is said as the file is taken; its record commits just after, so give a loaded machine a moment.
    deadline = time.monotonic() + 10
    while not profiles(settings) and time.monotonic() < deadline:
        time.sleep(0.1)
    [record] = profiles(settings)
    assert record.source_files[0].endswith(f".{suffix}") and record.original_filename == filename
    assert (settings.uploads_dir / record.source_files[0]).read_bytes() == data
    assert redis.Redis.from_url(REDIS_URL).llen(f"{settings.celery_key_prefix}profiling") == 1


@pytest.mark.parametrize("kind, filename", [("legacy_doc", "cv.doc"), ("rtf", "cv.rtf"), ("pages", "cv.pages"),
                                            ("truncated_docx", "cv.docx"), ("empty", "cv.pdf")])
def test_a_refused_kind_is_answered_with_its_own_message(settings, chat, tmp_path, kind, filename):
    data, phrase = cv_kinds.REFUSED[kind]
    path = tmp_path / filename
    path.write_bytes(data)
    chat.send(f"/cv {path}")
    [answer] = bot_says(chat)
    assert phrase in answer and profiles(settings) == []


def test_a_missing_path_gets_usage_naming_the_kinds(chat, tmp_path):
    chat.send(f"/cv {tmp_path / 'nowhere.pdf'}")
    [line] = chat.lines
    assert "No file at" in line and "Word (.docx)" in line and "JPEG" in line


@pytest.mark.parametrize("typed", ["'{path}'", '"{path}"', "{escaped}", "{path}", "file://{url}"])
def test_a_path_dragged_into_the_terminal_is_found_however_it_is_quoted(settings, chat, tmp_path, typed):
    """GNOME Terminal quotes a dropped path, macOS escapes its spaces, some file managers give a URL."""
    from urllib.parse import quote

    path = tmp_path / "Mein Lebenslauf 2026.pdf"
    path.write_bytes(cv_kinds.make_pdf())
    chat.send("/cv " + typed.format(path=path, escaped=str(path).replace(" ", "\\ "), url=quote(str(path))))
    assert bot_says(chat) == [GOT_IT]
    assert profiles(settings)[0].original_filename == path.name


def test_cv_without_a_path_says_how_to_send_one(chat):
    chat.send("/cv")
    assert chat.lines == [chat.lines[0]] and chat.lines[0].startswith("bot> Usage: /cv PATH")


def test_an_oversized_file_is_refused_with_its_real_size(settings, chat, tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(cv_kinds.make_pdf() + b"%" * int(1.6 * settings.max_upload_bytes))
    chat.send(f"/cv {path}")
    [answer] = bot_says(chat)
    shown = f"{path.stat().st_size / 1048576:.1f} MB"
    assert shown in answer and f"up to {settings.max_upload_mb:g} MB" in answer and profiles(settings) == []
