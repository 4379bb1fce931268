"""The application tracker in the local chat, through the real server and a real worker on Redis: a letter
puts the job on the board as saved, /tracker shows it, it moves on to applied and to an interview with a
date, and /tracker export hands the terminal a CSV and an .ics file, which the terminal client saves into
./exports/ and which open with the csv module and icalendar; alerts made, listed and paused as typed."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select

from bot.local.client import ChatClient
from storage.models import Alert, TrackedApplication
from tests.support.local_chat import LocalChat
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import wait_for
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


def tracked(stack) -> list[TrackedApplication]:
    with stack.session() as session:
        return list(session.scalars(select(TrackedApplication)))


def test_a_letter_lands_on_the_board_moves_on_and_exports_as_csv_and_calendar(data_dir, redis_prefix, tmp_path):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir, chat="tracker")
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Your profile is ready")
        chat.say("/jobsearch python developer in Berlin")
        chat.wait_for_message("jobs for “python developer”", timeout=40)

        chat.say("/apply 1")
        chat.wait_for_message("Cover letter —", timeout=40)
        [entry] = tracked(stack)
        assert entry.stage == "saved"

        chat.say("/tracker")
        board = chat.wait_for_message("Your applications")
        assert "Saved (1)" in board and f"1. {entry.title}" in board
        assert "/tracker 1 applied]" in board  # the button, as the command a terminal types

        chat.say("/tracker 1 applied")
        chat.wait_for_message(f"✓ {entry.title} at {entry.company}: Applied")
        assert [e.stage for e in tracked(stack)] == ["applied"]

        day = (datetime.now(UTC) + timedelta(days=7)).date()
        chat.say(f"/tracker 1 interview {day.isoformat()} 14:00")
        chat.wait_for_message(f"✓ {entry.title} at {entry.company}: Interview")
        [moved] = tracked(stack)
        assert moved.stage == "interview" and moved.interview_at is not None

        chat.say("/tracker export")
        [update] = wait_for(lambda: [u for u in chat.updates() if u["kind"] == "documents"
                                     and "applications.csv" in [f["filename"] for f in u["files"]]],
                            timeout=20, message="the exported files")
        shown: list[str] = []
        client = ChatClient(stack.base_url, "token", chat.chat, output=shown.append,
                            letters_dir=tmp_path / "letters", exports_dir=tmp_path / "exports")
        client.show(update)
        exports = tmp_path / "exports"
        assert str(exports / "applications.csv") in shown[0] and str(exports / "interviews.ics") in shown[0]

        rows = list(csv.DictReader(io.StringIO((exports / "applications.csv").read_text(encoding="utf-8"))))
        assert [(row["title"], row["company"], row["stage"]) for row in rows] == [
            (entry.title, entry.company, "interview")]
        # The person's zone is ALERTS_DEFAULT_TIMEZONE (UTC) here, so 14:00 typed is 14:00 UTC.
        assert rows[0]["applied_at"] and rows[0]["interview_at"].startswith(f"{day.isoformat()}T14:00")

        calendar = icalendar.Calendar.from_ical((exports / "interviews.ics").read_bytes())
        [event] = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == f"Interview: {entry.title} at {entry.company}"
        assert event.decoded("DTSTART") == datetime(day.year, day.month, day.day, 14, 0, tzinfo=UTC)
        assert entry.id in str(event["UID"])


def test_alerts_are_made_listed_and_paused_as_typed_in_a_terminal(data_dir, redis_prefix):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir, chat="alerts")
        chat.say("/alert")  # no search yet: nothing to be alerted about
        chat.wait_for_message("What should I alert you about?")
        chat.say("/jobsearch data analyst in Hamburg")
        listing = chat.wait_for_message("jobs for “data analyst”", timeout=40)
        assert "[🔔 Alert me: /alert]" in listing  # the button, as the command a terminal types
        chat.say("/alert")
        chat.wait_for_message("🔔 Saved: new data analyst jobs in Hamburg")
        chat.say("/alert python developer in Berlin weekly")
        chat.wait_for_message("🔔 Saved: new python developer jobs in Berlin, every ")

        chat.say("/alerts")
        listed = chat.wait_for_message("Your alerts")
        assert "1. data analyst in Hamburg" in listed and "2. python developer in Berlin" in listed
        assert "/alerts pause 2]" in listed and "/alerts delete 1]" in listed
        chat.say("/alerts pause 2")
        chat.wait_for_message("⏸ Paused: python developer in Berlin")
        with stack.session() as session:
            alerts = session.scalars(select(Alert).order_by(Alert.created_at)).all()
            assert [(a.query, a.frequency, a.status) for a in alerts] == [
                ("data analyst", "daily", "active"), ("python developer", "weekly", "paused")]
