"""The person's own messages in the web chat, through a real `job-agent serve` under uvicorn: an accepted text or
CV is kept ("mine"; a CV as "📎 name") before the core answers it, so a replay from the start (``?after=0``) or
after a Last-Event-ID shows both sides once and in order; each carries back the page's ``client_id`` (a bad one is
refused with 400 and nothing is kept); another session never sees them; the person's markup stays text.

No worker: the answers checked here come from the server itself (/help, /status, the CV's first progress line)."""
from __future__ import annotations

import httpx
import pytest

from tests.bot.web.web_client import WebChat, answers, sse_events
from tests.support.cv_kinds import DOCX_MIME, make_docx
from tests.support.services import needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


@pytest.fixture(scope="module")
@needs("integration", "redis")
def web(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("web-own") / "data"
    data_dir.mkdir()
    with redis_key_prefix() as prefix, running_stack(
            stack_env(data_dir, database_url=None, redis_prefix=prefix, WEB_CHAT_ENABLED="true", MAX_UPLOAD_MB="1"),
            worker=False) as stack:
        yield stack


def mine(events: list[dict]) -> list[dict]:
    return [event for event in events if event["kind"] == "mine"]


def replay(chat: WebChat, until_seq: int, *, last_event_id: int | None = None) -> list[dict]:
    """A new connection's events, as a reloaded page (``?after=0``) or a reconnecting EventSource
    (``Last-Event-ID``) reads them, up to the event ``until_seq``."""
    headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
    events: list[dict] = []
    with chat.http.stream("GET", "/chat/events", params={"after": 0}, headers=headers,
                          timeout=httpx.Timeout(10, read=20)) as response:
        assert response.status_code == 200
        for event in sse_events(response.iter_lines()):
            events.append(event)
            if event["seq"] >= until_seq:
                break
    return events


def answered_after(seq: int):
    """``until`` for WebChat.read: the first answer of the bot after the event ``seq``."""
    return lambda events: next((e for e in answers(events) if e["seq"] > seq), None)


def test_a_text_and_a_cv_come_back_once_in_order_after_a_reload_and_a_reconnect(web):
    alice, bob = WebChat(web.base_url), WebChat(web.base_url)
    alice.say("/help", client_id="t-1")
    [help_mine] = alice.read(lambda events: mine(events) or None)
    help_answer = alice.read(answered_after(help_mine["seq"]))
    assert "/jobsearch" in help_answer["text"]

    upload = alice.send_cv(make_docx(), "Lebenslauf Müller.docx", DOCX_MIME, client_id="c_2")
    assert upload.status_code == 202, upload.text
    cv_mine = alice.read(lambda events: next((e for e in mine(events) if e["client_id"] == "c_2"), None))
    cv_answer = alice.read(answered_after(cv_mine["seq"]))  # the CV's progress line, from the server itself

    alice.say("/status", client_id="T3" * 20)  # 40 characters: the longest id taken
    status_mine = alice.read(lambda events: next((e for e in mine(events) if e["text"] == "/status"), None))
    status_answer = alice.read(answered_after(status_mine["seq"]))

    # A reloaded page asks for the whole kept history; both sides come back, each own message once, in order.
    history = replay(alice, status_answer["seq"])
    assert [e["seq"] for e in history] == sorted({e["seq"] for e in history})
    own = mine(history)
    assert [(e["text"], e["client_id"]) for e in own] == [
        ("/help", "t-1"), ("📎 Lebenslauf Müller.docx", "c_2"), ("/status", "T3" * 20)]
    order = [e["seq"] for e in history]
    for asked, answer in ((help_mine, help_answer), (cv_mine, cv_answer), (status_mine, status_answer)):
        assert asked in history and order.index(asked["seq"]) < order.index(answer["seq"])
    assert order.index(help_answer["seq"]) < order.index(cv_mine["seq"])
    assert order.index(cv_answer["seq"]) <= order.index(status_mine["seq"])
    for event in own:
        assert event["message_id"] == str(event["seq"]) and event["files"] == []
        assert event["html"].startswith('<article class="msg me')
        assert f'id="m-{event["message_id"]}"' in event["html"]
        assert f'data-client-id="{event["client_id"]}"' in event["html"]
        assert 'class="msg bot"' not in event["html"]
    assert 'class="msg me upload"' in cv_mine["html"] and "📎 Lebenslauf Müller.docx" in cv_mine["html"]
    assert all(e["client_id"] == "" for e in answers(history))  # the bot's events carry none

    # A reconnecting EventSource (Last-Event-ID: the help answer) gets the CV's own message next, not a twin.
    resumed = replay(alice, status_answer["seq"], last_event_id=help_answer["seq"])
    assert resumed[0] == cv_mine and resumed == history[history.index(help_answer) + 1:]

    # Another session: its own history holds only its own words, whatever it asks for.
    bob.say("/help", client_id="t-1")  # the same client_id means nothing across sessions
    bob.read(answers)
    bob_history = replay(bob, bob.last)
    assert [(e["text"], e["client_id"]) for e in mine(bob_history)] == [("/help", "t-1")]
    assert {e["seq"] for e in bob_history}.isdisjoint(e["seq"] for e in history)
    assert all("Lebenslauf" not in e["html"] for e in bob_history)


def test_a_bad_client_id_is_refused_and_nothing_is_kept(web):
    chat = WebChat(web.base_url)
    bad = ["x" * 41, "a b", "<b>", "", "ü", "a/b", 'a"b', 5, ["a"], {"a": 1}]
    for number, client_id in enumerate(bad):
        response = chat.post("/chat/messages", json={"text": f"refused {number}", "client_id": client_id})
        assert response.status_code == 400 and "client_id" in response.json()["detail"], client_id
        if isinstance(client_id, str):
            upload = chat.send_cv(make_docx(), f"refused-{number}.docx", DOCX_MIME, client_id=client_id)
            assert upload.status_code == 400 and "client_id" in upload.json()["detail"], client_id
    # Without one (a script of its own, an older page): taken, kept with client_id "".
    assert chat.post("/chat/messages", json={"text": "/help", "client_id": None}).status_code == 202
    chat.say("/status")
    chat.read(lambda events: len(answers(events)) >= 2)
    history = replay(chat, chat.last)
    assert [(e["text"], e["client_id"]) for e in mine(history)] == [("/help", ""), ("/status", "")]
    assert all("refused" not in e["text"] for e in history)
    assert all("data-client-id" not in e["html"] for e in mine(history))


def test_the_persons_markup_stays_text(web):
    chat = WebChat(web.base_url)
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & \'quotes\''
    chat.say(hostile, client_id="x1")
    upload = chat.send_cv(make_docx(), "<svg onload=alert(3)>.docx", DOCX_MIME, client_id="x2")
    assert upload.status_code == 202, upload.text
    said, sent = chat.read(lambda events: mine(events) if len(mine(events)) >= 2 else None)
    assert said["text"] == hostile  # the event's plain text is the words as typed
    for event in (said, sent):
        html = event["html"]
        assert "<script" not in html and "<img" not in html and "<svg" not in html and "onerror=\"" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in said["html"]
    assert "📎 &lt;svg onload=alert(3)&gt;.docx" in sent["html"]
