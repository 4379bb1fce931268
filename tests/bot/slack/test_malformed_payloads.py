"""Signed Slack payloads that lack what every real one carries (found by tests/fuzz): answered 200 as Slack
expects, ignored — nothing stored, nothing posted, no error logged — instead of failing after the ack.

In-process app on SQLite with Redis as broker (no worker), real slack-bolt, the stand-in Web API."""
from __future__ import annotations

import asyncio
import json
import logging
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from storage.db import session_factory
from storage.models import InboundEvent
from tests.bot.slack.test_cv_files import settings, slack  # noqa: F401 - the same app settings and stand-in
from tests.bot.telegram.conftest import running_app
from tests.support.slack_payloads import SIGNING_SECRET, event_callback
from tests.support.slack_standin import sign

pytestmark = pytest.mark.redis
COMMAND = {"command": "/jobsearch", "text": "python", "user_id": "U0LENA", "channel_id": "D0LENA", "team_id": "T0",
           "response_url": "http://127.0.0.1:9/r"}  # no trigger_id
CLICK = {"type": "block_actions", "trigger_id": "1.2.x", "user": {"id": "U0LENA"}, "actions": [
    {"type": "button", "action_id": "more", "value": "r:1"}]}  # no channel anywhere
MENTION = {"type": "app_mention", "channel": "C0JOBS", "ts": "1.000001", "text": "<@U0BOT> help"}  # no user


def _stored(settings) -> int:
    with session_factory(settings.resolved_database_url)() as session:
        return session.scalar(select(func.count()).select_from(InboundEvent))


@pytest.mark.parametrize("body, content_type", [
    (urlencode(COMMAND).encode(), "application/x-www-form-urlencoded"),
    (urlencode({"payload": json.dumps(CLICK)}).encode(), "application/x-www-form-urlencoded"),
    (event_callback(MENTION), "application/json"),
    (event_callback(MENTION | {"type": "message", "subtype": "file_share", "channel_type": "im", "user": "U0LENA",
                               "files": ["F1"]}), "application/json"),
], ids=["command-without-trigger-id", "click-without-channel", "mention-without-user", "file-share-of-strings"])
async def test_a_signed_payload_missing_what_slack_always_sends_is_ignored(settings, slack, caplog, body,
                                                                          content_type):
    async with running_app(settings) as (_app, client):
        response = await client.post("/slack/events", content=body,
                                     headers={"Content-Type": content_type, **sign(SIGNING_SECRET, body)})
        assert response.status_code == 200
        await asyncio.sleep(0.5)  # what the ack started has run
    assert _stored(settings) == 0
    assert slack.calls_of("chat.postMessage") == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
