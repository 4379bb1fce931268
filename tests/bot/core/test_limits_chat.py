"""Per-person limits of the chat, through the local chat's HTTP routes into the real app (uvicorn in this
process, SQLite, Redis as broker and as the limits' store, no worker): a flood of messages or files is
answered once with why and not acted on; too many requests still running, or a full upload quota, is
refused with its own sentence and nothing stored; another person in the same moment is unaffected."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from config import get_settings
from storage.db import session_factory
from storage.models import JobSearch, UserProfile
from tests.support import cv_kinds
from tests.support.local_chat import LocalChat
from tests.support.processes import free_port
from tests.support.services import REDIS_URL

pytestmark = pytest.mark.redis
MESSAGES, FILES, OPEN = 5, 2, 2
CV = cv_kinds.make_pdf()
QUOTA_BYTES = int(len(CV) * 1.5)  # room for one CV, not two
HELP = "/help"


@pytest.fixture
def quota_bytes() -> int:
    """UPLOAD_QUOTA_MB in bytes: ample, but for the quota test (which parametrizes it)."""
    return 50 * 1048576


@pytest.fixture
def settings(data_dir, redis_prefix, monkeypatch, quota_bytes):
    import bot.app
    from config import Settings
    from tasks.celery_app import make_celery
    from tasks.dispatch import CeleryTaskQueue

    limits = {"USER_MESSAGES_PER_MINUTE": MESSAGES, "USER_FILES_PER_MINUTE": FILES,
              "MAX_OPEN_REQUESTS_PER_OWNER": OPEN, "UPLOAD_QUOTA_MB": quota_bytes / 1048576}
    for name, value in limits.items():  # the use cases read the process's settings (services.submit)
        monkeypatch.setenv(name, str(value))
    get_settings.cache_clear()
    settings = Settings(job_agent_data_dir=data_dir, celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL,
                        celery_key_prefix=redis_prefix, database_url=None, api_host="127.0.0.1",
                        api_port=free_port(), max_upload_mb=1)
    monkeypatch.setattr(bot.app, "task_queue", CeleryTaskQueue(make_celery(settings)))
    yield settings
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def base_url(settings):
    from bot.local.client import start_embedded_server

    server, thread = start_embedded_server(settings)
    yield f"http://{settings.api_host}:{settings.api_port}"
    server.should_exit = True
    thread.join(timeout=30)


def said(chat: LocalChat, count: int, timeout: float = 15) -> list[str]:
    """The bot's messages to ``chat`` once ``count`` arrived and a moment passed for any extra one."""
    deadline = time.monotonic() + timeout
    while len(chat.messages()) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    return chat.messages()


def count_of(settings, model) -> int:
    with session_factory(settings.resolved_database_url)() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_flood_of_messages_is_answered_once_and_not_acted_on_while_others_are_answered(settings, base_url):
    flooder, other = LocalChat(base_url, settings.job_agent_data_dir, "flooder"), \
        LocalChat(base_url, settings.job_agent_data_dir, "other")
    for _ in range(4 * MESSAGES):
        flooder.say(HELP)
    other.say(HELP)
    answers = said(flooder, MESSAGES + 1)
    slowed = [text for text in answers if "faster than I can answer" in text]
    assert len(answers) == MESSAGES + 1 and len(slowed) == 1, answers
    assert f"more than {MESSAGES} a minute" in slowed[0] and "seconds" in slowed[0]
    assert len(said(other, 1)) == 1 and "faster" not in other.messages()[0]


def test_a_flood_of_files_stores_only_the_files_within_the_limit(settings, base_url):
    flooder = LocalChat(base_url, settings.job_agent_data_dir, "filer")
    small = cv_kinds.make_jpeg()
    for _ in range(FILES + 3):
        flooder.send_cv(small, "page.jpg")
    answers = said(flooder, FILES + 1)
    slowed = [text for text in answers if f"more than {FILES} files in a minute" in text]
    assert len(slowed) == 1 and len(answers) == FILES + 1, answers
    stored = [path for path in settings.uploads_dir.iterdir()] if settings.uploads_dir.exists() else []
    assert len(stored) == FILES  # the files beyond the limit were never downloaded or saved


def test_too_many_open_requests_are_refused_with_the_limit_and_nothing_stored(settings, base_url):
    busy, other = LocalChat(base_url, settings.job_agent_data_dir, "busy"), \
        LocalChat(base_url, settings.job_agent_data_dir, "calm")
    for _ in range(OPEN):
        busy.say("/jobsearch python in Berlin")
    said(busy, OPEN)
    busy.say("/jobsearch golang in Hamburg")
    answers = said(busy, OPEN + 1)
    assert f"You have {OPEN} requests still running" in answers[-1], answers
    assert "I'll take new ones when they finish" in answers[-1]
    assert count_of(settings, JobSearch) == OPEN
    other.say("/jobsearch python in Berlin")
    assert said(other, 1)[0].startswith("Searching for")
    assert count_of(settings, JobSearch) == OPEN + 1


@pytest.mark.parametrize("quota_bytes", [QUOTA_BYTES])
def test_an_upload_beyond_the_quota_is_refused_with_the_limit_and_not_stored(settings, base_url):
    person, other = LocalChat(base_url, settings.job_agent_data_dir, "keeper"), \
        LocalChat(base_url, settings.job_agent_data_dir, "newcomer")
    person.send_cv(CV)
    said(person, 1)
    person.send_cv(CV)
    answers = said(person, 2)
    assert "Your stored CV files would take more than" in answers[-1], answers
    assert "/forget deletes all of yours now" in answers[-1]
    assert count_of(settings, UserProfile) == 1 and len(list(settings.uploads_dir.iterdir())) == 1
    other.send_cv(CV)
    assert said(other, 1)[0].startswith("Got your CV")
    assert count_of(settings, UserProfile) == 2
