"""The web chat end to end over HTTP, through a real `job-agent serve` and a real Celery worker on Redis: a CV to a
profile (progress edited in place), a search, the Cover letter button, the letter's four files downloadable by
their session alone; the completion webhook delivering each outcome exactly once (a repeated event adds nothing);
the kept stream surviving a restart of the server; and /forget taking the history and the files with it."""
from __future__ import annotations

import signal
import time

import httpx
import pytest
from sqlalchemy import func, select

from delivery.signing import signature_headers
from storage.models import Notification, WebChatFile, WebChatMessage
from tests.bot.web.web_client import WebChat, buttons, sse_events
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.stack import WEBHOOK_SECRET, running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def replay(chat: WebChat, until_seq: int) -> list[dict]:
    """The whole kept history from the start (``?after=0``), up to the event ``until_seq``."""
    events: list[dict] = []
    with chat.http.stream("GET", "/chat/events", params={"after": 0}, timeout=httpx.Timeout(10, read=20)) as response:
        for event in sse_events(response.iter_lines()):
            events.append(event)
            if event["seq"] >= until_seq:
                break
    return events


def kept_rows(stack, session_id: str) -> int:
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(WebChatMessage).where(
            WebChatMessage.session_id == session_id))


def test_cv_search_letter_files_once_a_restart_and_forget(data_dir, redis_prefix):
    env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix, WEB_CHAT_ENABLED="true")
    with running_stack(env) as stack:
        alice, bob = WebChat(stack.base_url), WebChat(stack.base_url)
        assert alice.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]), "Lebenslauf.pdf").status_code == 202
        alice.wait_for_text("Your profile is ready", timeout=60)
        [status] = [e for e in alice.events if e["kind"] == "message"][:1]
        assert any(e["kind"] == "edit" and e["message_id"] == status["message_id"] for e in alice.events), \
            "the progress message is edited in place"

        alice.say("/jobsearch python developer in Berlin")
        jobs = alice.read(lambda events: next((e for e in events if 'class="jobs"' in e["html"]), None), timeout=60)
        assert jobs["html"].count('class="job-card"') >= 1
        letter = next(button for button in buttons(jobs) if button["action"] == "letter")
        alice.press(letter)
        documents = alice.read(lambda events: next((e for e in events if e["kind"] == "documents"), None),
                               timeout=90)
        assert sorted(f["mime_type"] for f in documents["files"]) == sorted(["application/pdf"] * 2 + [DOCX] * 2)
        for file in documents["files"]:
            assert f'href="{file["url"]}"' in documents["html"]
            got = alice.http.get(file["url"])
            assert got.status_code == 200 and got.headers["cache-control"] == "no-store"
            assert got.headers["content-disposition"].startswith("attachment; filename=")
            assert got.headers["content-type"].startswith(file["mime_type"]) and len(got.content) == file["size"]
            assert got.content[:4] in (b"%PDF", b"PK\x03\x04")
            assert bob.http.get(file["url"]).status_code == 404  # another session: as if it never was
        assert alice.http.get("/chat/files/not-a-file").status_code == 404
        assert len([e for e in alice.events if e["kind"] == "documents"]) == 1
        # Alice's button pressed from Bob's session: the core refuses it; nothing of Alice's reaches Bob.
        bob.press(letter)
        [refusal] = bob.read(lambda events: events)
        assert "Cover letter" not in refusal["text"] and refusal["kind"] == "message"

        # The completion webhook again for every outcome (a worker's retry, the sweeper): nothing is sent twice.
        before = kept_rows(stack, alice.session_id)
        with stack.session() as session:
            notifications = list(session.scalars(select(Notification.id).where(Notification.target == "bot")))
        assert len(notifications) >= 3  # profile, search, letter
        for notification_id in notifications:
            body = f'{{"type": "outcome", "notification_id": {notification_id}}}'.encode()
            answer = httpx.post(stack.base_url + "/hooks/task-events", content=body,
                                headers={**signature_headers(WEBHOOK_SECRET.encode(), body),
                                         "Content-Type": "application/json"})
            assert answer.json() == {"status": "duplicate"}, answer.text
        assert kept_rows(stack, alice.session_id) == before

        # A restart of the server: the kept stream replays as it was, and new messages follow it.
        history = replay(alice, alice.last)
        assert [e["seq"] for e in history] == sorted(e["seq"] for e in history)
        # With a tab's stream open, serve still stops at once (the page reconnects and replays what it missed).
        with alice.http.stream("GET", "/chat/events", params={"after": alice.last}) as open_tab:
            assert open_tab.status_code == 200
            started = time.monotonic()
            stack.stop_server()
            assert time.monotonic() - started < 15 and stack.server.process.returncode != -signal.SIGKILL
        stack.start_server()
        assert replay(alice, alice.last) == history
        alice.say("/status")  # answered while no tab is open: read on the next connection
        alice.wait_for_text("Your recent requests")

        # /forget: the question, its button, and the history and files gone with the rest.
        alice.say("/forget")
        question = alice.read(lambda events: next((e for e in events if any(
            b["action"] == "forget_confirm" for b in buttons(e))), None))
        alice.press(next(b for b in buttons(question) if b["action"] == "forget_confirm"))
        done = alice.wait_for_text("Done — I deleted")
        for file in documents["files"]:
            assert alice.http.get(file["url"]).status_code == 404
        # What a page reads from the start now: the "reset" that clears an open page, then the answer.
        history = replay(alice, done["seq"])
        assert [e["kind"] for e in history] == ["reset", "message"] and history[-1] == done
        with stack.session() as session:
            assert not session.scalar(select(func.count()).select_from(WebChatFile).where(
                WebChatFile.session_id == alice.session_id))
