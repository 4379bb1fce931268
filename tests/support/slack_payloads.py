"""Slack's inbound payloads as Slack sends them: slash command forms, block_actions, event callbacks."""
from __future__ import annotations

import itertools
import json
import time
import uuid
from urllib.parse import urlencode

import httpx

from tests.support.slack_standin import BOT_ID, TEAM_ID, sign

SIGNING_SECRET = "test-signing-secret"
_seq = itertools.count(1)


def trigger_id() -> str:
    return f"{next(_seq)}.{int(time.time())}.{uuid.uuid4().hex[:16]}"


def slash_command(command: str, text: str, *, user: str, channel: str, response_url: str) -> bytes:
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "test",
        "channel_id": channel, "channel_name": "jobs", "user_id": user, "user_name": user.lower(),
        "command": command, "text": text, "api_app_id": "A0APP", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": trigger_id(),
    }).encode()


def button_click(button: dict, *, user: str, channel: str, message: dict, response_url: str) -> bytes:
    """A click on ``button`` (a Block Kit element) in ``message`` (as posted by the bot)."""
    thread_ts = message.get("thread_ts")
    payload = {
        "type": "block_actions", "api_app_id": "A0APP", "token": "legacy-verification-token",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "team": {"id": TEAM_ID, "domain": "test"}, "channel": {"id": channel, "name": "jobs"},
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel,
                      "is_ephemeral": False, "thread_ts": thread_ts},
        "message": {"type": "message", "ts": message["ts"], "thread_ts": thread_ts, "bot_id": BOT_ID,
                    "text": message.get("text"), "blocks": message.get("blocks")},
        "trigger_id": trigger_id(), "response_url": response_url,
        "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b1",
                     "value": button.get("value"), "text": button["text"], "action_ts": f"{time.time():.6f}"}],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


def event_callback(event: dict, *, event_id: str | None = None) -> bytes:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": "A0APP", "event": event,
        "type": "event_callback", "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": "U0BOT", "is_bot": True}],
    }).encode()


def file_share(file: dict, *, user: str, channel: str, channel_type: str = "im", ts: str | None = None,
               text: str = "") -> dict:
    ts = ts or f"{time.time():.6f}"
    return {"type": "message", "subtype": "file_share", "text": text, "files": [file], "user": user, "upload": False,
            "ts": ts, "event_ts": ts, "channel": channel, "channel_type": channel_type}


class SlackSender:
    """Posts signed requests to job-agent's /slack/events, the way Slack's servers do."""

    def __init__(self, base_url: str, secret: str = SIGNING_SECRET):
        self.url = base_url + "/slack/events"
        self.secret = secret
        self.http = httpx.Client(timeout=10)

    def post(self, body: bytes, *, form: bool = True, timestamp: int | None = None, secret: str | None = None,
             headers: dict | None = None) -> httpx.Response:
        content_type = "application/x-www-form-urlencoded" if form else "application/json"
        signed = sign(secret or self.secret, body, timestamp)
        return self.http.post(self.url, content=body, headers={"Content-Type": content_type, **signed, **(headers or {})})

    def event(self, event: dict, *, event_id: str | None = None, **options) -> httpx.Response:
        return self.post(event_callback(event, event_id=event_id), form=False, **options)
