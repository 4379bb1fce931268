"""Telegram end to end: the real `job-agent serve` process and a real Celery worker on Redis and
PostgreSQL (and SQLite once, and the embedded default), the real python-telegram-bot, the stand-in Bot API."""
from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import select

from storage.models import Application, ChatUser, InboundEvent, JobSearch, Notification, UserProfile
from tests.bot.telegram.albums import AlbumTelegramStandIn, album_files
from tests.support.bad_pdfs import make_truncated_pdf
from tests.support.cv_kinds import make_legacy_doc
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env
from tests.support.telegram_standin import (
    TOKEN, TelegramStandIn, buttons_of, callback_update, document_update, forum_chat, private_chat, text_update, user,
)

pytestmark = pytest.mark.integration
SECRET = "integration-telegram-secret"
LENA = PERSONAS["python_dev_berlin"]


def telegram_env(data_dir, api: TelegramStandIn, *, database_url=None, redis_prefix=None, **overrides) -> dict:
    env = stack_env(data_dir, database_url=database_url, redis_prefix=redis_prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                    TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_API_BASE_URL=api.root, MAX_UPLOAD_MB="2", TELEGRAM_MODE="webhook",
                    **overrides)
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
    return env


def post(stack, update: dict, secret: str | None = SECRET) -> httpx.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return httpx.post(stack.base_url + "/telegram/webhook", json=update, headers=headers, timeout=10)


def in_chat(chat_id: int):
    return lambda call: call.params.get("chat_id") == str(chat_id)


def messages_to(api: TelegramStandIn, chat_id: int) -> list[str]:
    return [call.params["text"] for call in api.calls_of("sendMessage") if call.params["chat_id"] == str(chat_id)]


def send_cv_and_wait(stack, api, sender, chat, pdf: bytes, *, thread_id=None, timeout=60):
    def is_profile(call) -> bool:
        return in_chat(chat["id"])(call) and "Your profile is ready" in call.params["text"]

    posted_at = time.monotonic()
    update = document_update(api, pdf, sender=sender, chat=chat, thread_id=thread_id, file_name="Lena CV.pdf")
    assert post(stack, update).status_code == 200
    calls = api.wait_for_call("sendMessage", lambda c: is_profile(c) and c.at >= posted_at, timeout=timeout)
    return update, calls[-1]


def searched(stack, api, user_id: int, name: str, query: str):
    """A chat whose user sent Lena's CV and searched ``query``: (sender, chat, the job list message)."""
    sender = user(user_id, name)
    chat = private_chat(sender["id"], name)
    send_cv_and_wait(stack, api, sender, chat, make_cv_pdf(LENA))
    assert post(stack, text_update(api, f"/jobsearch {query}", sender=sender, chat=chat)).status_code == 200
    # A long list arrives as several messages (Telegram's 4,096 characters), each with its jobs' buttons:
    # the first one carries the title.
    [listing] = api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and c.params.get("reply_markup")
                                  and "jobs for “" in c.params["text"], timeout=60)
    return sender, chat, listing


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def pg_stack(tmp_path_factory):
    """One server + worker on PostgreSQL and Redis for the module; tests use distinct users and chats."""
    with AlbumTelegramStandIn() as api, fresh_postgres_database() as database_url, redis_key_prefix() as prefix:
        env = telegram_env(tmp_path_factory.mktemp("tg-pg"), api, database_url=database_url, redis_prefix=prefix)
        with running_stack(env) as stack:
            yield stack, api


@pytest.mark.redis
@pytest.mark.postgres
def test_a_cv_in_a_forum_topic_comes_back_as_a_profile_in_the_same_topic(pg_stack):
    stack, api = pg_stack
    sender, group = user(5101, "Lena"), forum_chat(-1005101)
    update, profile = send_cv_and_wait(stack, api, sender, group, make_cv_pdf(LENA), thread_id=42)
    text = profile.params["text"]
    assert "Lena Fischer" in text and "lena.fischer@example.com" in text
    for skill in ("Python", "FastAPI", "PostgreSQL", "Kubernetes"):
        assert skill in text
    assert profile.params["message_thread_id"] == "42"
    assert profile.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    file_id = update["message"]["document"]["file_id"]
    get_file = api.wait_for_call("getFile", lambda c: c.params["file_id"] == file_id)[0]
    download = api.wait_for_call("download", lambda c: c.at >= get_file.at)[0]
    assert get_file.at <= download.at <= profile.at
    status = api.wait_for_call("editMessageText", lambda c: in_chat(group["id"])(c) and "CV read" in c.params["text"])
    assert status


@pytest.mark.redis
@pytest.mark.postgres
def test_the_same_update_twice_gives_one_profile_and_one_message(pg_stack):
    stack, api = pg_stack
    sender = user(5202, "Twice")
    chat = private_chat(sender["id"], "Twice")
    update = document_update(api, make_cv_pdf(LENA, layout="two_column", producer="chrome"), sender=sender, chat=chat)
    assert post(stack, update).status_code == 200
    assert post(stack, update).status_code == 200
    api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and "Your profile is ready" in c.params["text"])
    time.sleep(2)  # room for a second (wrong) result to show up
    assert sum("Your profile is ready" in text for text in messages_to(api, chat["id"])) == 1
    assert len(api.calls_of("getFile")) == len({c.params["file_id"] for c in api.calls_of("getFile")})
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(sender["id"])))
        assert len(session.scalars(select(UserProfile).where(UserProfile.chat_user_id == owner.id)).all()) == 1


@pytest.mark.redis
@pytest.mark.postgres
def test_wrong_or_missing_secret_stores_and_sends_nothing(pg_stack):
    stack, api = pg_stack
    chat = private_chat(5303)
    update = text_update(api, "/help", sender=user(5303), chat=chat)
    assert post(stack, update, secret=None).status_code == 401
    assert post(stack, update, secret="not-the-secret").status_code == 403
    time.sleep(1)
    assert messages_to(api, chat["id"]) == []
    with stack.session() as session:
        assert session.scalar(select(InboundEvent).where(InboundEvent.event_id == str(update["update_id"]))) is None


@pytest.mark.redis
@pytest.mark.postgres
def test_an_oversized_file_is_refused_before_any_download(pg_stack):
    stack, api = pg_stack
    sender = user(5404)
    chat = private_chat(sender["id"])
    update = document_update(api, b"%PDF-1.7 big", file_size=3 * 1024 * 1024, sender=sender, chat=chat)
    assert post(stack, update).status_code == 200
    [call] = api.wait_for_call("sendMessage", in_chat(chat["id"]))
    assert "3.0 MB" in call.params["text"] and "up to 2 MB" in call.params["text"]
    file_id = update["message"]["document"]["file_id"]
    time.sleep(0.5)
    assert not [c for c in api.calls_of("getFile") if c.params["file_id"] == file_id]


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.parametrize("name, data, mime, expected", [
    ("letter.doc", make_legacy_doc(), "application/msword", "Word 97"),
    ("cv.pdf", b"GIF87 not a picture, not a pdf at all" * 20, "application/pdf", "can't read this kind of file"),
    ("cv.pdf", "corrupt", "application/pdf", "damaged or incomplete"),
])
def test_files_that_are_not_readable_cvs_get_one_clear_failure_message(pg_stack, name, data, mime, expected):
    stack, api = pg_stack
    data = {"corrupt": lambda: make_truncated_pdf(LENA)}.get(data, lambda: data)()
    sender = user(5500 + len(api.calls))
    chat = private_chat(sender["id"])
    assert post(stack, document_update(api, data, file_name=name, mime_type=mime, sender=sender, chat=chat)).status_code == 200
    api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and expected in c.params["text"], timeout=60)
    time.sleep(1.5)
    texts = [text for text in messages_to(api, chat["id"]) if not text.startswith("Got your CV")]
    assert len(texts) == 1 and expected in texts[0]


@pytest.mark.redis
@pytest.mark.postgres
def test_help_status_profile_and_forget_with_confirmation(pg_stack):
    stack, api = pg_stack
    sender = user(5606, "Forgetful")
    chat = private_chat(sender["id"], "Forgetful")

    def ask(text: str, needle: str) -> dict:
        before = len(messages_to(api, chat["id"]))
        assert post(stack, text_update(api, text, sender=sender, chat=chat)).status_code == 200
        api.wait_for_call("sendMessage", in_chat(chat["id"]), count=before + 1)
        answer = messages_to(api, chat["id"])[before]
        assert needle in answer, answer
        return api.calls_of("sendMessage")[-1]

    ask("/help", "/jobsearch")
    ask("/profile", "I don't have your profile yet")
    send_cv_and_wait(stack, api, sender, chat, make_cv_pdf(LENA, producer="latex"))
    ask("/status", "CV — completed")
    ask("/profile", "Lena Fischer")
    question = ask("/forget", "Delete everything?")
    bot_message = next(m for m in reversed(list(api.messages.values()))
                       if m["chat"]["id"] == chat["id"] and m.get("reply_markup"))
    assert bot_message["text"] == question.params["text"]
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(sender["id"])))
        uploads = [stack.data_dir / "uploads" / name for profile in
                   session.scalars(select(UserProfile).where(UserProfile.chat_user_id == owner.id)) for name in profile.source_files]
    assert uploads and all(path.exists() for path in uploads)
    confirm = next(b["callback_data"] for b in buttons_of(bot_message) if b["callback_data"].startswith("forget_confirm"))
    assert post(stack, callback_update(api, bot_message, confirm, sender=sender)).status_code == 200
    api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and c.params["text"].startswith("Done"))
    assert api.calls_of("answerCallbackQuery")
    [removed] = api.calls_of("editMessageReplyMarkup")  # the question cannot be answered twice
    assert int(removed.params["message_id"]) == bot_message["message_id"] and not removed.params.get("reply_markup")
    with stack.session() as session:
        assert session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(sender["id"]))) is None
        assert session.scalars(select(UserProfile).where(UserProfile.chat_user_id == owner.id)).all() == []
    assert not any(path.exists() for path in uploads)


@pytest.mark.redis
def test_a_cv_to_profile_on_sqlite(tmp_path, redis_prefix):
    with TelegramStandIn() as api:
        env = telegram_env(tmp_path / "data", api, redis_prefix=redis_prefix)
        with running_stack(env) as stack:
            sender = user(5707)
            _, profile = send_cv_and_wait(stack, api, sender, private_chat(sender["id"]), make_cv_pdf(LENA))
    assert "Lena Fischer" in profile.params["text"]


def test_the_embedded_default_turns_a_telegram_cv_into_a_profile(tmp_path):
    """No broker, no database: serve starts its own redis-server and worker. Prints the warm latency."""
    with TelegramStandIn() as api:
        env = telegram_env(tmp_path / "data", api)
        with running_stack(env, worker=False) as stack:
            sender = user(5808)
            chat = private_chat(sender["id"])
            started = time.monotonic()
            send_cv_and_wait(stack, api, sender, chat, make_cv_pdf(LENA), timeout=90)  # cold: worker boot, imports
            cold = time.monotonic() - started
            warm = []
            for producer in ("word", "chrome", "latex"):
                started = time.monotonic()
                _, profile = send_cv_and_wait(stack, api, sender, chat, make_cv_pdf(LENA, producer=producer))
                warm.append(time.monotonic() - started)
    assert "Lena Fischer" in profile.params["text"]
    print(f"\nembedded default, Telegram CV → profile message: cold {cold:.2f} s, "
          f"warm {', '.join(f'{s:.2f}' for s in warm)} s")
    assert max(warm) < 10


@pytest.mark.redis
@pytest.mark.postgres
def test_jobsearch_list_with_cover_letter_buttons_then_letter_and_pdf(pg_stack):
    stack, api = pg_stack
    sender, chat, listing = searched(stack, api, 5909, "Searcher", "python developer in Berlin")
    assert "jobs for “python developer”" in listing.params["text"] and "/100</b>" in listing.params["text"]
    buttons = listing.params["reply_markup"]["inline_keyboard"]
    data = [button["callback_data"] for row in buttons for button in row]
    assert all(len(d.encode()) <= 64 for d in data)
    # One row per job (Cover letter, Details, Not for me); More and 🔔 Alert me under the list's last message.
    rows = {tuple(b["callback_data"].split(":")[0] for b in row) for row in buttons}
    assert rows - {("more", "alert")} == {("letter", "details", "pass")}
    def with_more(call) -> bool:  # a long list's last message (it may come a moment after the first)
        markup = call.params.get("reply_markup") or {}
        return in_chat(chat["id"])(call) and any(b["callback_data"].startswith("more:")
                                                 for row in markup.get("inline_keyboard", []) for b in row)
    [last] = api.wait_for_call("sendMessage", with_more, timeout=10)
    assert [b["callback_data"].split(":")[0] for b in last.params["reply_markup"]["inline_keyboard"][-1]] == [
        "more", "alert"]
    data = [d for d in data if d.startswith("letter:")]
    bot_message = next(m for m in reversed(list(api.messages.values()))
                       if m["chat"]["id"] == chat["id"] and m.get("reply_markup") == listing.params["reply_markup"])
    assert post(stack, callback_update(api, bot_message, data[0], sender=sender)).status_code == 200
    # The letter as a message, then its four files as one album (not four messages flooding the chat).
    [album] = api.wait_for_call("sendMediaGroup", in_chat(chat["id"]), timeout=60)
    files = album_files(album)
    assert [name.rpartition(".")[2] for name, _, _ in files] == ["pdf", "docx", "pdf", "docx"]
    assert [name.split("-")[0] for name, _, _ in files] == ["application", "application", "cv", "cv"]
    assert all(data.startswith(b"%PDF-" if name.endswith(".pdf") else b"PK\x03\x04") for name, data, _ in files)
    assert [caption is not None for _, _, caption in files] == [False, False, False, True]
    letters = [c for c in api.calls_of("sendMessage") if in_chat(chat["id"])(c)
               and c.params["text"].startswith("<b>Cover letter")]
    assert len(letters) == 1 and "Lena Fischer" in letters[0].params["text"] and letters[0].at < album.at
    assert not [c for c in api.calls_of("sendDocument") if in_chat(chat["id"])(c)]


def ranked_jobs(stack, sender) -> list[dict]:
    """The jobs of the person's latest ranked search, in the order the chat showed them."""
    from domain.jobs.types import JobPosting
    from domain.letters.language import job_language

    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(sender["id"])))
        search = session.scalars(select(JobSearch).where(JobSearch.chat_user_id == owner.id)
                                 .order_by(JobSearch.created_at.desc())).first()
        return [dict(match["job"], language=job_language(JobPosting.from_dict(match["job"])))
                for match in search.matches[:10]]


@pytest.mark.redis
@pytest.mark.postgres
def test_apply_with_a_language_writes_an_english_posting_in_german_and_refuses_an_unknown_code(pg_stack):
    stack, api = pg_stack
    sender, chat, _ = searched(stack, api, 5910, "Sprachen", "python developer in London")
    number, job = next((n, job) for n, job in enumerate(ranked_jobs(stack, sender), 1) if job["language"] == "en")

    assert post(stack, text_update(api, f"/apply {number} xx", sender=sender, chat=chat)).status_code == 200
    [refusal] = api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and "is not one of them" in c.params["text"])
    assert "de (German)" in refusal.params["text"] and "pt (Portuguese)" in refusal.params["text"]

    assert post(stack, text_update(api, f"/apply {number} de", sender=sender, chat=chat)).status_code == 200
    [album] = api.wait_for_call("sendMediaGroup", in_chat(chat["id"]), timeout=60)
    [letter] = [c.params["text"] for c in api.calls_of("sendMessage") if in_chat(chat["id"])(c)
                and c.params["text"].startswith("<b>Cover letter")]
    assert job["title"] in letter and "Sehr geehrte" in letter and "Kurzprofil:" in letter
    [letter_docx] = [data for name, data, _ in album_files(album) if name.startswith("application-")
                     and name.endswith(".docx")]
    assert "Sehr geehrte" in _word_text(letter_docx)
    with stack.session() as session:
        [record] = session.scalars(select(Application).where(Application.job_id == job["job_id"],
                                                             Application.status == "completed")).all()
        assert record.language == "de" and len(record.file_names()) == 4
    time.sleep(1)
    assert len(api.calls_of("sendMediaGroup")) == len({c.params["chat_id"] for c in api.calls_of("sendMediaGroup")})


@pytest.mark.redis
@pytest.mark.postgres
def test_an_album_that_telegram_refuses_once_is_sent_again_and_the_letter_only_once(pg_stack):
    stack, api = pg_stack
    sender, chat, _ = searched(stack, api, 5911, "Retry", "python developer in Berlin")
    api.fail_next("sendMediaGroup", 502, "Bad Gateway")
    assert post(stack, text_update(api, "/apply 1", sender=sender, chat=chat)).status_code == 200
    api.wait_for_call("sendMediaGroup", in_chat(chat["id"]), timeout=60)
    failed, delivered = _redelivered_albums(stack, api, chat)
    assert len(album_files(failed)) == len(album_files(delivered)) == 4
    time.sleep(1.5)
    letters = [c for c in api.calls_of("sendMessage") if in_chat(chat["id"])(c)
               and c.params["text"].startswith("<b>Cover letter")]
    assert len(letters) == 1 and len([c for c in api.calls_of("sendMediaGroup") if in_chat(chat["id"])(c)]) == 2
    with stack.session() as session:
        notification = session.scalars(select(Notification).where(Notification.record_type == "application",
                                                                  Notification.target == "bot")
                                       .order_by(Notification.id.desc())).first()
        assert (notification.chat_state, notification.chat_parts_sent) == ("sent", 2) and notification.attempts >= 1


def _redelivered_albums(stack, api, chat, timeout: float = 90) -> list:
    """The failed album and its redelivery. The server's sweeper redelivers due notifications every
    half second; on a loaded machine it can fall behind, so the test also runs the sweeper's own
    redelivery step (``tasks.sweeper.redeliver_notifications``) now and then, as a second sweeper would."""
    from config import Settings
    from tasks.sweeper import redeliver_notifications

    settings = Settings(**{k.lower(): v for k, v in stack.env.items() if k.lower() in Settings.model_fields})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        albums = [c for c in api.calls_of("sendMediaGroup") if in_chat(chat["id"])(c)]
        if len(albums) >= 2:
            return albums[:2]
        time.sleep(3)
        redeliver_notifications(settings)
    raise AssertionError("the album refused once was not sent again")


def _word_text(docx: bytes) -> str:
    import io

    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(docx)).paragraphs)
