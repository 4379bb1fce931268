"""Alerts and the tracker on Slack's edge: the /jobalert, /jobalerts and /jobtracker commands are declared
in the manifest and routed, the core's command names are spelled as Slack's, and a message with several
buttons of one action (a tracker board, the alerts list) stays valid Block Kit and every click comes back
to the core as the action it was."""
from __future__ import annotations

from pathlib import Path

import httpx
import yaml

from bot.core.parse import command_for_button
from bot.core.ports import Button, Message
from bot.slack import translate
from bot.slack.adapter import SlackAdapter
from bot.slack.blocks import render, slack_commands
from config import Settings
from tests.support.slack_payloads import SIGNING_SECRET, button_click, slash_command
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


def _click(element: dict) -> dict:
    import json
    from urllib.parse import parse_qs

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
