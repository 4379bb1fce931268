"""A German Telegram user in plain words and buttons, end to end: the real `job-agent serve` and a real
worker on Redis and PostgreSQL, the real python-telegram-bot, the stand-in Bot API. The app's
language_code decides the bot's language; words and buttons go search → refine → more → not for me →
details → letter."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from services.results import job_key
from storage.models import Application, ChatUser, JobFeedback, JobSearch
from tests.bot.telegram.test_integration import in_chat, post, telegram_env
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.stack import running_stack
from tests.support.telegram_standin import TelegramStandIn, buttons_of, callback_update, private_chat, text_update, user

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def stack_and_api(tmp_path_factory):
    with TelegramStandIn() as api, fresh_postgres_database() as database_url, redis_key_prefix() as prefix:
        env = telegram_env(tmp_path_factory.mktemp("tg-talk"), api, database_url=database_url, redis_prefix=prefix)
        with running_stack(env) as stack:
            yield stack, api


def bot_message_with(api: TelegramStandIn, chat_id: int, prefix: str) -> dict:
    """The latest message the bot sent into the chat that has a button whose data starts with ``prefix``."""
    return next(m for m in reversed(list(api.messages.values())) if m["chat"]["id"] == chat_id
                and any(b.get("callback_data", "").startswith(prefix) for b in buttons_of(m)))


def latest_search(stack, telegram_id: int) -> JobSearch:
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(telegram_id)))
        return session.scalars(select(JobSearch).where(JobSearch.chat_user_id == owner.id)
                               .order_by(JobSearch.created_at.desc())).first()


def test_a_german_user_searches_refines_pages_passes_and_gets_a_letter_in_words_and_buttons(stack_and_api):
    stack, api = stack_and_api
    sender = user(7301, "Lena", language_code="de")
    chat = private_chat(sender["id"], "Lena")
    here = in_chat(chat["id"])

    def say(text: str) -> None:
        assert post(stack, text_update(api, text, sender=sender, chat=chat)).status_code == 200

    def press(prefix: str, data: str | None = None) -> None:
        message = bot_message_with(api, chat["id"], prefix)
        data = data or next(b["callback_data"] for b in buttons_of(message) if b["callback_data"].startswith(prefix))
        assert post(stack, callback_update(api, message, data, sender=sender)).status_code == 200

    def answer(needle: str, *, count: int = 1, timeout: float = 40) -> str:
        calls = api.wait_for_call("sendMessage", lambda c: here(c) and needle in c.params["text"], count=count,
                                  timeout=timeout)
        return calls[-1].params["text"]

    send_cv_and_wait_in_german(stack, api, sender, chat)

    say("Hallo! Ich suche Jobs als Python-Entwickler in Berlin")
    listing = answer("für „Python-Entwickler“")
    assert "Anschreiben" in str(api.calls_of("sendMessage")[-1].params.get("reply_markup"))

    say("keine Personalvermittler bitte")
    assert "Keine Agenturen" in answer("Alles klar")
    answer("für „Python-Entwickler“", count=2)
    refined = latest_search(stack, sender["id"])
    assert refined.preferences["preferences"]["no_agencies"] is True

    press("more:")
    page = answer("Stellen 11–")
    assert "<b>11. " in page

    third = refined.matches[2]["job"]
    third_key = job_key(third["job_id"])  # buttons name the job itself
    press("pass:", data=f"pass:{refined.id}:{third_key}")
    answer(f"„{third['title']}“")  # the question, with one button per reason
    reasons = [b["callback_data"] for b in buttons_of(bot_message_with(api, chat["id"], f"pass:{refined.id}:{third_key}:"))]
    assert reasons == [f"pass:{refined.id}:{third_key}:{r}"
                       for r in ("too_senior", "wrong_place", "agency", "not_my_field")]
    press("pass:", data=f"pass:{refined.id}:{third_key}:too_senior")
    answer("von deiner Liste entfernt")
    with stack.session() as session:
        assert session.scalars(select(JobFeedback.job_id)).all() == [third["job_id"]]

    second = latest_search(stack, sender["id"]).matches[1]["job"]
    press("details:", data=f"details:{refined.id}:2")
    assert second["title"] in answer(f"<b>2. ")

    say("schreib bitte ein Anschreiben für 2")
    letter = answer("<b>Anschreiben – ", timeout=60)
    assert second["title"] in letter
    with stack.session() as session:
        assert session.scalars(select(Application.job_id)).all() == [second["job_id"]]


def send_cv_and_wait_in_german(stack, api, sender, chat) -> None:
    from tests.support.telegram_standin import document_update  # noqa: PLC0415

    update = document_update(api, make_cv_pdf(PERSONAS["python_dev_berlin"]), sender=sender, chat=chat,
                             file_name="Lena CV.pdf")
    assert post(stack, update).status_code == 200
    api.wait_for_call("sendMessage", lambda c: in_chat(chat["id"])(c) and "Dein Profil ist fertig" in c.params["text"],
                      timeout=60)
