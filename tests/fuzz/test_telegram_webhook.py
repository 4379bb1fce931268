"""POST /telegram/webhook under fuzzing: refused requests store nothing; odd but well-formed updates are stored
at most once and handled without an unhandled exception; never a 500."""
from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import TELEGRAM_SECRET, shown
from tests.fuzz.strategies import (
    QUIET,
    any_body,
    content_types,
    dumps,
    fuzz,
    header_bytes,
    json_values,
    odd_numbers,
    odd_text,
    raw_bodies,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_update_ids = itertools.count(10_000)

COMMANDS = ["/start", "/help", "/jobsearch", "/profile", "/forget", "/alerts", "/tracker", "/letter", "/match",
            "/language", "/start@job_agent_test_bot", "/unknown", "/"]
text = st.one_of(odd_text, st.builds(lambda c, t: f"{c} {t}", st.sampled_from(COMMANDS), odd_text),
                 st.sampled_from(COMMANDS), st.just("x" * 10_000))
entity = st.fixed_dictionaries(
    {"type": st.sampled_from(["bot_command", "mention", "url", "text_link", "bold", "zzz"]),
     "offset": odd_numbers, "length": odd_numbers},
    optional={"url": odd_text, "user": json_values})
user_ids = st.one_of(st.sampled_from([4242, 777000, 1087968824, 136817688]), st.integers(1, 2**52))
sender = st.fixed_dictionaries(
    {"id": user_ids, "is_bot": st.booleans(), "first_name": odd_text},
    optional={"language_code": odd_text, "username": odd_text, "last_name": odd_text})
chat = st.fixed_dictionaries(
    {"id": st.one_of(user_ids, st.integers(-(2**52), -1)),
     "type": st.sampled_from(["private", "group", "supergroup", "channel", "sender", "zzz"])},
    optional={"title": odd_text, "is_forum": st.booleans(), "first_name": odd_text})
sender_chat = st.fixed_dictionaries({"id": st.integers(-(2**52), -1), "type": st.sampled_from(["channel", "supergroup"])},
                                    optional={"title": odd_text})


@st.composite
def messages(draw) -> dict:
    message = {"message_id": draw(st.integers(1, 2**31)), "date": draw(st.integers(0, 2**32)), "chat": draw(chat)}
    if draw(st.booleans()):
        message["from"] = draw(sender)
    if draw(st.booleans()):
        message["sender_chat"] = draw(sender_chat)
    if draw(st.integers(0, 3)):
        message["text"] = draw(text)
    if draw(st.booleans()):
        message["entities"] = draw(st.lists(entity, max_size=3))
    if draw(st.integers(0, 4)) == 0:
        message["caption"] = draw(odd_text)
    if draw(st.integers(0, 4)) == 0:
        message["message_thread_id"], message["is_topic_message"] = draw(odd_numbers), draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        message["document"] = {"file_id": draw(odd_text), "file_unique_id": draw(odd_text),
                               "file_name": draw(odd_text), "file_size": draw(odd_numbers),
                               "mime_type": draw(st.sampled_from(["application/pdf", "image/jpeg", "x/y", ""]))}
    if draw(st.integers(0, 6)) == 0:
        message["reply_to_message"] = {"message_id": 1, "date": 0, "chat": message["chat"], "text": draw(odd_text)}
    if draw(st.integers(0, 6)) == 0:
        message[draw(odd_text)] = draw(json_values)  # a field newer than the library
    return message


@st.composite
def updates(draw) -> dict:
    """A JSON object with an integer update_id and one of: an odd message, a callback query, an update kind the
    bot does not ask for, or an unknown kind."""
    update: dict = {"update_id": next(_update_ids)}
    kind = draw(st.sampled_from(["message", "message", "message", "edited_message", "channel_post",
                                 "callback_query", "my_chat_member", "message_reaction", "poll", "zzz", None]))
    if kind in ("message", "edited_message", "channel_post"):
        update[kind] = draw(messages())
    elif kind == "callback_query":
        query = {"id": draw(odd_text), "from": draw(sender), "chat_instance": "1", "data": draw(odd_text)}
        if draw(st.booleans()):
            query["message"] = draw(messages())
        update[kind] = query
    elif kind is not None:
        update[kind] = draw(json_values)
    return update


def _post(app, body: bytes, headers: dict):
    return app.request("POST", "/telegram/webhook", content=body, headers=headers)


@fuzz(100)
@given(secret=st.one_of(st.none(), header_bytes, st.just(TELEGRAM_SECRET.encode() + b"\xff"),
                        st.just(TELEGRAM_SECRET[:-1].encode())),
       body=st.one_of(any_body, updates().map(dumps)), content_type=content_types)
def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_stored(app, secret, body, content_type):
    headers = {"Content-Type": content_type} | ({} if secret is None else {SECRET_HEADER: secret})
    before = app.counts()
    response = _post(app, body, headers)
    assert response.status_code == (401 if secret is None else 403), shown(response)
    assert app.counts() == before


@fuzz(100)
@given(body=st.one_of(raw_bodies, json_values.filter(lambda v: not isinstance(v, dict)).map(dumps),
                      st.dictionaries(odd_text, json_values, max_size=4).map(dumps),
                      st.builds(lambda v: {"update_id": v}, st.one_of(odd_text, st.floats(), st.none(),
                                                                      st.lists(st.integers()))).map(dumps)),
       content_type=content_types)
def test_bodies_that_are_not_updates_are_400_and_nothing_is_stored(app, body, content_type):
    before = app.counts()
    response = _post(app, body, {SECRET_HEADER: TELEGRAM_SECRET, "Content-Type": content_type})
    assert response.status_code in (400, 413), shown(response)
    assert app.counts() == before


@fuzz(100)
@given(update=updates())
def test_odd_updates_are_stored_at_most_once_and_handled_without_an_error(app, update):
    """Status 200 (stored, then handled after the answer) or 400 (not an update PTB can read, nothing stored);
    the fixture's teardown waits for the handling and fails on any error it logged."""
    before = app.counts()
    response = _post(app, dumps(update), {SECRET_HEADER: TELEGRAM_SECRET})
    assert response.status_code in (200, 400), shown(response)
    stored = app.counts()["inbound_events"] - before["inbound_events"]
    assert stored == (1 if response.status_code == 200 else 0)
    again = _post(app, dumps(update), {SECRET_HEADER: TELEGRAM_SECRET})  # Telegram's resend: not stored twice
    assert again.status_code == response.status_code
    assert app.counts()["inbound_events"] - before["inbound_events"] == stored


def test_the_handled_updates_left_nothing_unprocessed(app):
    """A canary for the settle step: a plain /help is handled and answered within the wait."""
    update = {"update_id": next(_update_ids), "message": {"message_id": 1, "date": int(time.time()), "text": "/help",
              "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
              "chat": {"id": 4242, "type": "private"}, "from": {"id": 4242, "is_bot": False, "first_name": "L"}}}
    assert _post(app, dumps(update), {SECRET_HEADER: TELEGRAM_SECRET}).status_code == 200
    app.settle()
    assert app.telegram.calls_of("sendMessage")
