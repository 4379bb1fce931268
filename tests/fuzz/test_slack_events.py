"""POST /slack/events under fuzzing (real slack-bolt in the app): requests without a valid signature are 401 and
store nothing; signed events, slash commands and button clicks with odd fields are answered below 500 and
handled without an unhandled exception."""
from __future__ import annotations

import itertools
import json
import time
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.listeners import BUTTON_ACTIONS
from bot.slack.translate import SLASH_COMMANDS
from tests.fuzz.conftest import shown
from tests.fuzz.strategies import (
    QUIET,
    any_body,
    content_types,
    fuzz,
    header_bytes,
    json_values,
    odd_text,
)
from tests.support.slack_payloads import SIGNING_SECRET
from tests.support.slack_standin import sign

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]
_ids = itertools.count(1)


def form(fields: dict) -> bytes:
    """Form encoding of any strings, lone surrogates included (as the invalid UTF-8 a broken client sends)."""
    return urlencode({key: value if isinstance(value, str) else json.dumps(value) for key, value in fields.items()},
                     errors="surrogatepass").encode()


def signed(body: bytes, content_type: str) -> dict:
    return {"Content-Type": content_type, **sign(SIGNING_SECRET, body)}


maybe_str = st.one_of(odd_text, st.sampled_from(["U0LENA", "D0LENA", "C0JOBS", "T0TEAM", "im", "channel"]),
                      json_values)
event = st.fixed_dictionaries(
    {"type": st.sampled_from(["message", "message", "app_mention", "file_shared", "reaction_added", "zzz"])},
    optional={"subtype": st.sampled_from(["file_share", "bot_message", "message_changed", "zzz"]),
              "channel_type": st.sampled_from(["im", "channel", "group", "mpim", "zzz"]), "user": maybe_str,
              "text": odd_text, "channel": maybe_str, "ts": maybe_str, "thread_ts": maybe_str, "bot_id": maybe_str,
              "files": st.lists(st.dictionaries(st.sampled_from(["id", "name", "mimetype", "filetype", "size",
                                                                 "url_private_download", "mode", "file_access"]),
                                                json_values, max_size=6), max_size=2),
              "blocks": json_values, "team": maybe_str})


@st.composite
def event_callbacks(draw) -> bytes:
    body = {"type": "event_callback", "team_id": draw(maybe_str), "api_app_id": "A0APP", "event": draw(event),
            "event_id": draw(st.one_of(st.builds(lambda n: f"Ev{n:010d}", st.just(0)).map(lambda _: f"Ev{next(_ids)}"),
                                       json_values)),
            "event_time": int(time.time())}
    if draw(st.booleans()):
        body["authorizations"] = draw(st.one_of(json_values, st.just([{"user_id": "U0BOT", "is_bot": True}])))
    for key in draw(st.lists(st.sampled_from(["team_id", "event_id", "event", "api_app_id"]), max_size=2)):
        body.pop(key, None)
    return json.dumps(body).encode()


@st.composite
def slash_commands(draw) -> bytes:
    fields = {"command": draw(st.one_of(st.sampled_from(SLASH_COMMANDS), odd_text)), "text": draw(odd_text),
              "user_id": draw(maybe_str), "channel_id": draw(maybe_str), "team_id": draw(maybe_str),
              "trigger_id": f"{next(_ids)}.1.fuzz", "response_url": draw(st.one_of(odd_text, st.just("http://127.0.0.1:9/r")))}
    for key in draw(st.lists(st.sampled_from(sorted(fields)), max_size=3)):
        fields.pop(key, None)
    return form(fields)


@st.composite
def button_clicks(draw) -> bytes:
    action = {"type": "button", "action_id": draw(st.one_of(
        st.sampled_from(BUTTON_ACTIONS).map(lambda a: a + draw(st.sampled_from(["", "#1", "#99999999999999"]))),
        odd_text)), "value": draw(st.one_of(odd_text, json_values)), "block_id": "b1"}
    payload = {"type": draw(st.sampled_from(["block_actions", "block_actions", "view_submission", "shortcut", "zzz"])),
               "trigger_id": f"{next(_ids)}.1.fuzz", "actions": [action],
               "user": draw(st.one_of(st.fixed_dictionaries({"id": maybe_str}, optional={"team_id": maybe_str}),
                                      json_values)),
               "team": draw(st.one_of(st.just({"id": "T0TEAM"}), json_values)),
               "channel": draw(st.one_of(st.fixed_dictionaries({"id": maybe_str}), json_values)),
               "container": draw(json_values), "message": draw(json_values), "response_url": draw(odd_text)}
    for key in draw(st.lists(st.sampled_from(sorted(payload)), max_size=3)):
        payload.pop(key, None)
    if draw(st.integers(0, 4)) == 0:
        return form({"payload": draw(json_values)})
    return form({"payload": payload})


@fuzz(80)
@given(body=st.one_of(any_body, event_callbacks(), slash_commands()), content_type=content_types,
       signature=st.one_of(st.none(), header_bytes, st.just(b"v0=" + b"0" * 64)),
       timestamp=st.one_of(st.none(), header_bytes, st.just(str(int(time.time())).encode())))
def test_requests_without_a_valid_signature_are_refused_and_nothing_is_stored(app, body, content_type, signature,
                                                                              timestamp):
    headers = {"Content-Type": content_type}
    if signature is not None:
        headers["X-Slack-Signature"] = signature
    if timestamp is not None:
        headers["X-Slack-Request-Timestamp"] = timestamp
    before = app.counts()
    response = app.request("POST", "/slack/events", content=body, headers=headers)
    assert response.status_code in (400, 401, 413), shown(response)
    assert app.counts() == before


@fuzz(100)
@given(body=event_callbacks())
def test_signed_events_with_odd_fields_are_answered_and_handled_without_an_error(app, body):
    response = app.request("POST", "/slack/events", content=body, headers=signed(body, "application/json"))
    assert response.status_code < 500, shown(response)


@fuzz(60)
@given(body=slash_commands())
def test_signed_slash_commands_with_odd_fields_are_answered_and_handled_without_an_error(app, body):
    response = app.request("POST", "/slack/events", content=body,
                           headers=signed(body, "application/x-www-form-urlencoded"))
    assert response.status_code < 500, shown(response)


@fuzz(60)
@given(body=button_clicks())
def test_signed_button_clicks_with_odd_fields_are_answered_and_handled_without_an_error(app, body):
    response = app.request("POST", "/slack/events", content=body,
                           headers=signed(body, "application/x-www-form-urlencoded"))
    assert response.status_code < 500, shown(response)


@fuzz(60)
@given(body=any_body, content_type=content_types)
def test_signed_bodies_that_are_not_slack_payloads_are_refused_and_nothing_is_stored(app, body, content_type):
    before = app.counts()
    response = app.request("POST", "/slack/events", content=body, headers=signed(body, content_type))
    assert response.status_code < 500, shown(response)
    assert app.counts() == before
