"""Alerts and the tracker on Telegram: their buttons, which name a tracked application or an alert by its
full id, fit Telegram's 64-byte callback data and come back as the action and value they were; and end to
end, a letter lands on the tracker, moves on by button and by command, and exports as a CSV and a calendar;
an alert made by its button is listed, and `job-agent alerts run-now` brings a digest whose buttons work."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select
from telegram import Bot

from bot.core.parse import COMMAND_NAMES
from bot.core.ports import Button, JobCard, JobListMessage, Message
from bot.telegram.menu import MENU, register_menu
from bot.telegram.render import MAX_CALLBACK_DATA, parse_callback_data, render_message
from storage.models import Alert, ChatUser, JobSearch, TrackedApplication
from tests.bot.telegram.albums import AlbumTelegramStandIn, album_files
from tests.bot.telegram.test_integration import in_chat, post, searched, telegram_env
from tests.support.boards.arbeitnow import ArbeitnowStandIn, job
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.stack import running_stack
from tests.support.telegram_standin import (
    TOKEN,
    TelegramStandIn,
    buttons_of,
    callback_update,
    group_chat,
    text_update,
    user,
)

STAGES = ("saved", "applied", "interview", "offer", "rejected", "withdrawn")


def keyboard_data(message) -> list[str]:
    return [button.callback_data for chunk in render_message(message) if chunk.keyboard
            for row in chunk.keyboard.inline_keyboard for button in row]


def test_stage_and_alert_buttons_with_full_ids_fit_telegrams_callback_data_and_read_back():
    tracked, alert = str(uuid.uuid4()), str(uuid.uuid4())
    buttons = [Button(stage.title(), "stage", f"{tracked}:{stage}", number=1) for stage in STAGES]
    buttons += [Button(label, action, alert, number=1)
                for label, action in (("Pause", "alert_pause"), ("Resume", "alert_resume"), ("Delete", "alert_delete"))]
    data = keyboard_data(Message(title="Your applications", text="1. Data analyst — Acme", buttons=buttons))
    assert len(data) == len(buttons)  # none dropped for being too long
    assert max(len(d.encode()) for d in data) <= MAX_CALLBACK_DATA
    assert [parse_callback_data(d) for d in data] == [(b.action, b.value) for b in buttons]


def test_a_board_has_a_keyboard_row_per_entry():
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    buttons = [Button("1 → Applied", "stage", f"{first}:applied", number=1),
               Button("2 → Interview", "stage", f"{second}:interview", number=2),
               Button("2 → Rejected", "stage", f"{second}:rejected", number=2)]
    [chunk] = render_message(Message(title="Your applications", text="Saved (1)\n…\n\nApplied (1)\n…", buttons=buttons))
    assert [[b.text for b in row] for row in chunk.keyboard.inline_keyboard] == [
        ["1 → Applied"], ["2 → Interview", "2 → Rejected"]]

def test_the_alert_me_button_under_a_job_list_keeps_its_search_id():
    search = str(uuid.uuid4())
    job = JobCard(1, "Data analyst", "Acme", "Hamburg", 80, [], [], "", None, "https://example.com/1")
    listing = JobListMessage("🔔 1 new job for your alert: data in Hamburg", [job],
                             buttons=[Button("🔔 Alert me", "alert", search)])
    assert keyboard_data(listing) == [f"alert:{search}"]




class MenuTelegramStandIn(TelegramStandIn):
    """The stand-in plus setMyCommands, kept per language as the Bot API keeps it."""

    def api_setMyCommands(self, params):
        commands = json.loads(params["commands"]) if isinstance(params["commands"], str) else params["commands"]
        self.menus[params.get("language_code") or ""] = commands
        return True


async def test_the_command_menu_offers_alerts_and_the_tracker_in_every_language():
    with MenuTelegramStandIn() as api:
        api.menus = {}
        async with Bot(TOKEN, base_url=f"{api.root}/bot") as bot:
            assert await register_menu(bot)
    assert set(api.menus) == {"", "de", "fr", "es"}  # "": the default, English
    for commands in api.menus.values():
        names = [command["command"] for command in commands]
        assert {"alert", "alerts", "tracker", "jobsearch", "apply"} <= set(names)
        assert set(names) <= set(COMMAND_NAMES)  # each one is routed to the core
    german = {command["command"]: command["description"] for command in api.menus["de"]}
    assert german["tracker"] != dict(MENU)["tracker"]  # said in German, not left in English


async def test_a_refused_menu_does_not_stop_the_bot():
    with TelegramStandIn() as api:  # no setMyCommands: Telegram's 404
        async with Bot(TOKEN, base_url=f"{api.root}/bot") as bot:
            assert await register_menu(bot) is False


# -- end to end: the real `job-agent serve`, a real worker on Redis and PostgreSQL, real PTB, the stand-in --
def python_jobs() -> list[dict]:
    """Arbeitnow postings for "python developer in Berlin": a real board, since an alert never sends the bundled
    sample as news."""
    created = int(time.time()) - 3600
    return [job(f"python-developer-berlin-{n}", title, company, "Berlin", created - n * 60,
                tags=["Python", "Django", "PostgreSQL"], description=f"<p>{title}: Python, FastAPI, PostgreSQL.</p>")
            for n, (title, company) in enumerate((("Python Developer (m/w/d)", "Spree Software GmbH"),
                                                  ("Backend Developer Python", "Havel Data AG"),
                                                  ("Senior Python Engineer", "Kreuzberg Labs")), start=1)]


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def pg_stack(tmp_path_factory):
    with AlbumTelegramStandIn() as api, ArbeitnowStandIn(jobs=python_jobs()) as board, \
            fresh_postgres_database() as database_url, redis_key_prefix() as prefix:
        env = telegram_env(tmp_path_factory.mktemp("tg-tracker"), api, database_url=database_url, redis_prefix=prefix,
                           JOB_SOURCES="arbeitnow", ARBEITNOW_BASE_URL=board.url)
        with running_stack(env) as stack:
            yield stack, api


def tracked_of(stack, telegram_id: int) -> list[TrackedApplication]:
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == str(telegram_id)))
        return list(session.scalars(select(TrackedApplication).where(TrackedApplication.chat_user_id == owner.id)))


class Chat:
    """One person's private chat with the bot: what they type and press, what the bot sent."""

    def __init__(self, stack, api, sender: dict, chat: dict):
        self.stack, self.api, self.sender, self.chat = stack, api, sender, chat
        self.here = in_chat(chat["id"])

    def say(self, text: str) -> None:
        assert post(self.stack, text_update(self.api, text, sender=self.sender, chat=self.chat)).status_code == 200

    def press(self, data: str) -> None:
        """Press the button with exactly this callback data on the latest bot message that has it."""
        message = next(m for m in reversed(list(self.api.messages.values())) if m["chat"]["id"] == self.chat["id"]
                       and data in [b.get("callback_data") for b in buttons_of(m)])
        assert post(self.stack, callback_update(self.api, message, data, sender=self.sender)).status_code == 200

    def answer(self, needle: str, *, timeout: float = 30) -> dict:
        calls = self.api.wait_for_call("sendMessage", lambda c: self.here(c) and needle in c.params["text"],
                                       timeout=timeout)
        return calls[-1].params

    def data_of(self, params: dict, prefix: str) -> list[str]:
        markup = params.get("reply_markup") or {}
        return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row
                if b["callback_data"].startswith(prefix)]


@pytest.mark.integration
@pytest.mark.redis
@pytest.mark.postgres
def test_a_letter_goes_on_the_tracker_moves_on_by_button_and_by_command_and_exports(pg_stack):
    stack, api = pg_stack
    sender, chat, listing = searched(stack, api, 8101, "Tracker", "python developer in Berlin")
    me = Chat(stack, api, sender, chat)
    me.press(me.data_of(listing.params, "letter:")[0])
    api.wait_for_call("sendMediaGroup", me.here, timeout=60)  # the letter's files
    [entry] = tracked_of(stack, sender["id"])
    assert entry.stage == "saved"

    me.say("/tracker")
    board = me.answer("Your applications")
    assert "Saved (1)" in board["text"] and entry.title in board["text"]
    assert me.data_of(board, "stage:") == [f"stage:{entry.id}:applied"]
    me.press(f"stage:{entry.id}:applied")
    moved = me.answer(": Applied")
    assert entry.title in moved["text"]
    assert [e.stage for e in tracked_of(stack, sender["id"])] == ["applied"]
    assert me.data_of(moved, "stage:") == [f"stage:{entry.id}:interview", f"stage:{entry.id}:rejected"]

    day = (datetime.now(UTC) + timedelta(days=5)).date()
    me.say(f"/tracker 1 interview {day.isoformat()} 14:00")
    me.answer(": Interview")
    [interview] = tracked_of(stack, sender["id"])
    assert interview.stage == "interview"
    assert interview.interview_at.replace(tzinfo=UTC) == datetime(day.year, day.month, day.day, 14, tzinfo=UTC)

    me.say("/tracker export")
    [album] = api.wait_for_call("sendMediaGroup", lambda c: me.here(c) and "applications.csv" in str(c.params),
                                timeout=30)
    files = {name: data for name, data, _ in album_files(album)}
    assert set(files) == {"applications.csv", "interviews.ics"}
    rows = list(csv.DictReader(io.StringIO(files["applications.csv"].decode("utf-8"))))
    assert [(row["id"], row["stage"], row["title"]) for row in rows] == [(entry.id, "interview", entry.title)]
    [event] = icalendar.Calendar.from_ical(files["interviews.ics"]).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(day.year, day.month, day.day, 14, tzinfo=UTC)
    assert str(event["SUMMARY"]) == f"Interview: {entry.title} at {entry.company}"


@pytest.mark.integration
@pytest.mark.redis
@pytest.mark.postgres
def test_an_alert_made_by_button_is_listed_and_run_now_brings_a_digest_whose_buttons_work(pg_stack):
    stack, api = pg_stack
    sender, chat, _ = searched(stack, api, 8202, "Alerts", "python developer in Berlin")
    me = Chat(stack, api, sender, chat)
    [alert_me] = api.wait_for_call("sendMessage", lambda c: me.here(c) and me.data_of(c.params, "alert:"))
    search_id = me.data_of(alert_me.params, "alert:")[0].partition(":")[2]
    me.press(f"alert:{search_id}")
    me.answer("🔔 Saved: new python developer jobs in Berlin")
    with stack.session() as session:
        [alert] = session.scalars(select(Alert).join(ChatUser, Alert.chat_user_id == ChatUser.id)
                                  .where(ChatUser.external_user_id == str(sender["id"]))).all()
        assert (alert.query, alert.location, alert.status) == ("python developer", "Berlin", "active")

    me.say("/alerts")
    listed = me.answer("Your alerts")
    assert "1. python developer in Berlin" in listed["text"]
    assert me.data_of(listed, "alert_") == [f"alert_pause:{alert.id}", f"alert_delete:{alert.id}"]

    me.say("/alerts quiet off")  # the digest comes at once whatever the hour of the test run
    me.answer("Quiet hours off")
    ran = subprocess.run([sys.executable, "-m", "bot.cli", "alerts", "run-now"], env=stack.env, capture_output=True,
                         text=True, timeout=120, check=True)
    assert "started" in ran.stdout
    digest = me.answer("new jobs for your alert: python developer in Berlin", timeout=90)
    details = me.data_of(digest, "details:")
    assert details and me.data_of(digest, "letter:") and not me.data_of(digest, "alert:")  # it is one already
    with stack.session() as session:
        [kept] = session.scalars(select(JobSearch).where(JobSearch.alert_id == alert.id)).all()
        first = kept.matches[0]["job"]["title"]
    me.press(details[0])
    assert first in me.answer("<b>1. ")["text"]


@pytest.mark.integration
@pytest.mark.redis
@pytest.mark.postgres
def test_a_tracker_export_asked_for_in_a_group_is_not_sent_there(pg_stack):
    stack, api = pg_stack
    sender, group = user(8303, "Group"), group_chat(-1008303)
    assert post(stack, text_update(api, "/tracker export", sender=sender, chat=group)).status_code == 200
    api.wait_for_call("sendMessage", lambda c: in_chat(group["id"])(c) and "in a private chat" in c.params["text"])
    sent_files = [c for c in api.calls_of("sendMediaGroup") + api.calls_of("sendDocument") if in_chat(group["id"])(c)]
    assert sent_files == []


@pytest.mark.integration
@pytest.mark.redis
@pytest.mark.postgres
def test_in_a_group_the_buttons_under_an_answer_to_a_button_are_still_the_persons(pg_stack):
    """Whose buttons they are is read from the message the bot's answer replies to; an answer to a button
    (the next page, the 🔔 confirmation) must reply to the person's own message, not the bot's."""
    stack, api = pg_stack
    sender, group = user(8404, "Grouper"), group_chat(-1008404)
    me = Chat(stack, api, sender, group)
    me.say("/jobsearch python developer in Berlin")
    listing = me.answer("jobs for “python developer”", timeout=60)
    asked = listing["reply_parameters"]["message_id"]
    [alert_me] = api.wait_for_call("sendMessage", lambda c: me.here(c) and me.data_of(c.params, "alert:"))
    me.press(me.data_of(alert_me.params, "alert:")[0])
    saved = me.answer("🔔 Saved:")
    assert saved["reply_parameters"]["message_id"] == asked  # the person's /jobsearch, not the bot's list
    me.press(me.data_of(alert_me.params, "details:")[-1])  # the last job's Details, on the list's last message
    details = api.wait_for_call("sendMessage", lambda c: me.here(c) and "<b>" in c.params["text"]
                                and c.params.get("reply_parameters", {}).get("message_id") == asked
                                and me.data_of(c.params, "letter:"))[-1]
    me.press(me.data_of(details.params, "letter:")[0])  # a button on an answer to a button: still theirs
    me.answer("I need your CV before I can write a letter")  # the core's answer: the press got through
    refused = [c for c in api.calls_of("answerCallbackQuery") if c.params.get("show_alert") in (True, "true", "True")]
    assert refused == []
