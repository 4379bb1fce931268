"""Alerts and the tracker on Slack's edge: the /jobalert, /jobalerts and /jobtracker commands are declared
in the manifest and routed, the core's command names are spelled as Slack's, and a message with several
buttons of one action (a tracker board, the alerts list) stays valid Block Kit and every click comes back
to the core as the action it was; and end to end, a letter lands on the tracker, which is shown privately,
moves on by button and by command, and exports as a CSV and a calendar uploaded into the DM."""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import httpx
import icalendar
import pytest
import yaml
from sqlalchemy import select

from bot.core.parse import command_for_button
from bot.core.ports import Button, Message
from bot.slack import translate
from bot.slack.adapter import SlackAdapter
from bot.slack.blocks import action_of, render, slack_commands
from config import Settings
from storage.models import Alert, ChatUser, TrackedApplication
from tests.bot.slack.conftest import slack_stack
from tests.bot.slack.test_slack_flow import _texts
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.services import needs
from tests.support.slack_payloads import (
    SIGNING_SECRET,
    SlackSender,
    button_click,
    file_share,
    slash_command,
)
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn, sign

MANIFEST = Path(__file__).resolve().parents[3] / "slack-manifest.yaml"
TRACKED = "0b5f8f0e-6f5e-4c39-9d43-3c1b2d4e5f60"
ALERT = "5a0c7a34-1e2b-4c3d-8e9f-0a1b2c3d4e5f"


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_every_slash_command_the_app_listens_to_is_declared_and_the_new_ones_are_there():
    declared = {command["command"]: command for command in manifest()["features"]["slash_commands"]}
    assert set(declared) == set(translate.SLASH_COMMANDS)
    for name in ("/jobalert", "/jobalerts", "/jobtracker"):
        assert declared[name]["url"] == "https://YOUR-HOST/slack/events"
        assert 0 < len(declared[name]["description"]) <= 100  # Slack cuts longer ones in the picker


def test_the_manifest_asks_for_what_digests_reminders_and_exports_need():
    scopes = manifest()["oauth_config"]["scopes"]["bot"]
    assert {"commands", "chat:write", "files:write"} <= set(scopes)


def test_the_cores_command_names_are_spelled_as_slacks():
    assert slack_commands("/alert python in Berlin weekly") == "/jobalert python in Berlin weekly"
    assert slack_commands("Type /alerts pause 2, or /alerts time 2 07:30.") == (
        "Type /jobalerts pause 2, or /jobalerts time 2 07:30.")
    assert slack_commands("/tracker 1 applied; /tracker export") == "/jobtracker 1 applied; /jobtracker export"
    assert slack_commands("already /jobalerts and /jobtracker") == "already /jobalerts and /jobtracker"


def board() -> Message:
    stages = ("applied", "interview", "rejected")
    return Message(title="Your applications", text="Saved\n1. Data analyst — Acme",
                   buttons=[Button(stage.title(), "stage", f"{TRACKED}:{stage}", number=1) for stage in stages]
                   + [Button("Pause", "alert_pause", ALERT, number=1), Button("Delete", "alert_delete", ALERT, number=1)])


def test_several_buttons_of_one_action_get_distinct_action_ids_and_read_back_as_that_action():
    [actions] = [block for block in render(board())["blocks"] if block["type"] == "actions"]
    ids = [element["action_id"] for element in actions["elements"]]
    assert len(set(ids)) == len(ids)  # Slack answers invalid_blocks otherwise
    assert ids[:3] == ["stage", "stage#2", "stage#3"]
    assert actions["elements"][4]["style"] == "danger"
    for element, button in zip(actions["elements"], board().buttons, strict=True):
        command = translate.button_command(_click(element))
        same = command_for_button(command.user, command.origin, button.action, button.value)
        assert command == same  # the core gets the action itself, whatever number its id carries
        assert command.origin.thread_id == "1700000000.000100"


def test_a_full_board_keeps_every_button_an_actions_block_per_entry():
    entries = [str(uuid.uuid4()) for _ in range(25)]  # the most a board shows, two moves each
    buttons = [Button(f"{n} → {stage}", "stage", f"{tracked}:{stage}", number=n)
               for n, tracked in enumerate(entries, start=1) for stage in ("interview", "rejected")]
    lines = "\n".join(f"{n}. Data analyst — Acme · 3 days" for n in range(1, 26))
    blocks = render(Message(title="Your applications", text=lines, buttons=buttons, footer="/tracker …"))["blocks"]
    actions = [block for block in blocks if block["type"] == "actions"]
    assert len(blocks) <= 50 and len(actions) == 25
    assert [[e["value"] for e in block["elements"]] for block in actions] == [
        [f"{tracked}:interview", f"{tracked}:rejected"] for tracked in entries]
    assert blocks[-1]["type"] == "context"  # the footer stays last


def test_when_blocks_run_short_the_buttons_share_blocks_and_none_is_lost():
    buttons = [Button(f"⏸ Pause {n}", "alert_pause", str(n), number=n) for n in range(1, 21)]
    buttons += [Button(f"🗑 Delete {n}", "alert_delete", str(n), number=n) for n in range(1, 21)]
    long_text = "\n\n".join("x" * 2900 for _ in range(40))  # 40 sections of text before them
    blocks = render(Message(text=long_text, buttons=buttons))["blocks"]
    actions = [block for block in blocks if block["type"] == "actions"]
    assert len(blocks) <= 50 and sum(len(block["elements"]) for block in actions) == 40
    for block in actions:
        ids = [element["action_id"] for element in block["elements"]]
        assert len(ids) == len(set(ids)) <= 25

def _click(element: dict) -> dict:
    message = {"ts": "1700000000.000100", "text": "board", "blocks": []}
    body = button_click(element, user="U0TRACK", channel="D0TRACK", message=message, response_url="http://x/r")
    return json.loads(parse_qs(body.decode())["payload"][0])


async def test_the_listeners_take_new_commands_and_numbered_button_clicks(tmp_path):
    with SlackStandIn() as slack:  # Bolt asks auth.test who the app is before the first listener runs
        settings = Settings(job_agent_data_dir=tmp_path, slack_bot_token=BOT_TOKEN,
                            slack_signing_secret=SIGNING_SECRET, slack_api_base_url=slack.api_url)
        spawned = await _post_all(SlackAdapter(settings, conversation=None))
    assert [kind for kind, _ in spawned] == ["command"] * 3 + ["action"] * 5
    assert [body["command"] for _, body in spawned[:3]] == ["/jobalert", "/jobalerts", "/jobtracker"]
    assert [body["actions"][0]["value"] for _, body in spawned[3:6]] == [
        f"{TRACKED}:applied", f"{TRACKED}:interview", f"{TRACKED}:rejected"]


async def _post_all(adapter: SlackAdapter) -> list[tuple[str, dict]]:
    """Signed slash commands and clicks on every board button through the adapter's route; what it spawned."""
    spawned: list[tuple[str, dict]] = []
    adapter.inbound.spawn = lambda kind, body: spawned.append((kind, body))
    [actions] = [block for block in render(board())["blocks"] if block["type"] == "actions"]
    message = {"ts": "1700000000.000100", "text": "board", "blocks": [actions]}
    bodies = [slash_command(name, "", user="U0TRACK", channel="D0TRACK", response_url="http://x/r")
              for name in ("/jobalert", "/jobalerts", "/jobtracker")]
    bodies += [button_click(element, user="U0TRACK", channel="D0TRACK", message=message, response_url="http://x/r")
               for element in actions["elements"]]
    transport = httpx.ASGITransport(app=_app(adapter))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for body in bodies:
            response = await client.post("/slack/events", content=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", **sign(SIGNING_SECRET, body)})
            assert response.status_code == 200
    return spawned


def _app(adapter: SlackAdapter):
    from fastapi import FastAPI

    app = FastAPI()
    app.include_router(adapter.router)
    return app


# -- end to end: the real `job-agent serve` and worker on Redis and SQLite, slack-bolt, the stand-in Web API --
USER, DM = "U0TRACKER", "D0TRACKER"


@pytest.fixture(scope="module")
@needs("integration", "redis")
def sqlite_stack(tmp_path_factory):
    yield from slack_stack(tmp_path_factory, "sqlite")


def tracked_of(stack) -> list[TrackedApplication]:
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == USER))
        return list(session.scalars(select(TrackedApplication).where(TrackedApplication.chat_user_id == owner.id)))


def elements(post: dict, action: str) -> list[dict]:
    """The buttons of ``action`` in a posted message (a section's accessory or an actions block)."""
    found = [block["accessory"] for block in post.get("blocks") or [] if "accessory" in block]
    found += [e for block in post.get("blocks") or [] if block["type"] == "actions" for e in block["elements"]]
    return [e for e in found if action_of(e["action_id"]) == action]


def ephemeral_click(button: dict, blocks: list, *, user: str = USER, channel: str = DM) -> bytes:
    """A click in an ephemeral message as Slack sends it: the container says so, and no message comes along."""
    body = button_click(button, user=user, channel=channel, message={"ts": "0.0", "blocks": blocks},
                        response_url="http://x/r")
    payload = json.loads(parse_qs(body.decode())["payload"][0])
    del payload["message"]
    payload["container"] = {"type": "message", "message_ts": "1700000000.000200", "channel_id": channel,
                            "is_ephemeral": True}
    return urlencode({"payload": json.dumps(payload)}).encode()


def uploaded(slack, params: dict) -> dict[str, bytes]:
    files = json.loads(params["files"]) if isinstance(params["files"], str) else params["files"]
    return {f["title"]: slack.uploads[f["id"]] for f in files}


@pytest.mark.integration
@pytest.mark.redis
def test_a_letter_goes_on_the_tracker_moves_on_privately_and_exports_into_the_dm(sqlite_stack):
    stack, slack, sender = sqlite_stack, sqlite_stack.slack, SlackSender(sqlite_stack.base_url)

    def command(name: str, text: str = ""):
        assert sender.post(slash_command(name, text, user=USER, channel=DM,
                                         response_url=slack.base_url + "/respond/t")).status_code == 200

    def private(needle: str) -> dict:
        return slack.wait_for(lambda: [c.params for c in slack.calls_of("chat.postEphemeral")
                                       if needle in str(c.params)], message=needle)[-1]

    file = slack.add_file("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]))
    assert sender.event(file_share(file, user=USER, channel=DM)).status_code == 200
    slack.wait_for(lambda: any("Your profile is ready" in _texts(p) for p in slack.posts(DM)), message="the profile")
    command("/jobsearch", "python developer in Berlin")
    listing = slack.wait_for(lambda: [p for p in slack.posts(DM) if elements(p, "letter")], timeout=60,
                             message="the job list")[0]
    assert sender.post(button_click(elements(listing, "letter")[0], user=USER, channel=DM, message=listing,
                                    response_url=slack.base_url + "/respond/l")).status_code == 200
    slack.wait_for(lambda: [c for c in slack.calls_of("files.completeUploadExternal") if c.params.get("channel_id") == DM],
                   timeout=60, message="the letter's files")
    [entry] = tracked_of(stack)
    assert entry.stage == "saved"

    command("/jobtracker")
    board = private("Your applications")  # someone's job hunt is shown to them alone
    assert entry.title in _texts(board)
    [applied] = elements(board, "stage")
    assert applied["value"] == f"{entry.id}:applied"
    assert sender.post(ephemeral_click(applied, board["blocks"])).status_code == 200
    private(": Applied")  # the move said back to them alone, as the board
    assert [e.stage for e in tracked_of(stack)] == ["applied"]

    day = (datetime.now(UTC) + timedelta(days=3)).date()
    command("/jobtracker", f"1 interview {day.isoformat()} 09:30")
    private(": Interview")

    command("/jobtracker", "export")
    [export] = slack.wait_for(lambda: [c.params for c in slack.calls_of("files.completeUploadExternal")
                                       if "applications.csv" in str(c.params)], message="the export upload")
    assert export["channel_id"] == DM
    files = uploaded(slack, export)
    rows = list(csv.DictReader(io.StringIO(files["applications.csv"].decode("utf-8"))))
    assert [(row["id"], row["stage"]) for row in rows] == [(entry.id, "interview")]
    [event] = icalendar.Calendar.from_ical(files["interviews.ics"]).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


@pytest.mark.integration
@pytest.mark.redis
def test_an_alert_made_by_button_is_listed_privately_and_paused_by_button(sqlite_stack):
    stack, slack, sender = sqlite_stack, sqlite_stack.slack, SlackSender(sqlite_stack.base_url)
    user, dm = "U0ALERTS", "D0ALERTS"
    file = slack.add_file("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]))
    assert sender.event(file_share(file, user=user, channel=dm)).status_code == 200
    slack.wait_for(lambda: any("Your profile is ready" in _texts(p) for p in slack.posts(dm)), message="the profile")
    assert sender.post(slash_command("/jobsearch", "python developer in Berlin", user=user, channel=dm,
                                     response_url=slack.base_url + "/respond/a")).status_code == 200
    listing = slack.wait_for(lambda: [p for p in slack.posts(dm) if elements(p, "alert")], timeout=60,
                             message="the job list with its 🔔 button")[0]
    [alert_me] = elements(listing, "alert")
    assert sender.post(button_click(alert_me, user=user, channel=dm, message=listing,
                                    response_url=slack.base_url + "/respond/b")).status_code == 200
    slack.wait_for(lambda: [p for p in slack.posts(dm) if "Saved: new python developer jobs" in _texts(p)],
                   message="the alert said back")

    assert sender.post(slash_command("/jobalerts", "", user=user, channel=dm,
                                     response_url=slack.base_url + "/respond/c")).status_code == 200
    listed = slack.wait_for(lambda: [c.params for c in slack.calls_of("chat.postEphemeral")
                                     if c.params.get("user") == user and "Your alerts" in str(c.params)],
                            message="the alerts, privately")[-1]
    assert "python developer in Berlin" in _texts(listed) and "/jobalerts time N 07:30" in _texts(listed)
    with stack.session() as session:
        [alert] = session.scalars(select(Alert).join(ChatUser, Alert.chat_user_id == ChatUser.id)
                                  .where(ChatUser.external_user_id == user)).all()
    [pause] = elements(listed, "alert_pause")
    assert pause["value"] == alert.id and elements(listed, "alert_delete")[0]["style"] == "danger"
    assert sender.post(ephemeral_click(pause, listed["blocks"], user=user, channel=dm)).status_code == 200
    slack.wait_for(lambda: [c for c in slack.calls_of("chat.postEphemeral")  # private, as the list it came from
                            if "Paused: python developer in Berlin" in str(c.params)], message="the pause said back")
    with stack.session() as session:
        assert session.get(Alert, alert.id).status == "paused"


@pytest.mark.integration
@pytest.mark.redis
def test_a_tracker_export_asked_for_in_a_channel_is_answered_privately_and_not_uploaded(sqlite_stack):
    slack, sender = sqlite_stack.slack, SlackSender(sqlite_stack.base_url)
    assert sender.post(slash_command("/jobtracker", "export", user="U0TEAM", channel="C0TEAM",
                                     response_url=slack.base_url + "/respond/e")).status_code == 200
    [told] = slack.wait_for(lambda: [c.params for c in slack.calls_of("chat.postEphemeral")
                                     if c.params.get("channel") == "C0TEAM"], message="the private answer")
    assert told["user"] == "U0TEAM" and "send /jobtracker export to me in a private chat" in _texts(told)
    assert not [c for c in slack.calls_of("files.completeUploadExternal") if c.params.get("channel_id") == "C0TEAM"]
    assert not [p for p in slack.posts("C0TEAM")]
