"""The application tracker in the conversation core: the board, moves by button, command and plain words,
interview dates in the person's language and time zone, notes, follow-up days and the export — through the
real Conversation and the real services on SQLite (a letter request puts its job on the board)."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import func, select

from bot.core import commands as c
from bot.core.parse import command_for_button, parse_text
from bot.core.ports import Message, OriginRef, UserRef
from bot.core.tracker_texts import MAX_BOARD_ENTRIES, board_message
from i18n import translator
from storage.models import ChatUser, TrackedApplication, UserProfile
from tests.bot.core.test_conversation_results import add_ranking
from tests.support.records import add_chat_record

ME = UserRef(platform="local", external_user_id="u1", display_name="Lena")
SOMEONE = UserRef(platform="local", external_user_id="u2")


def here() -> OriginRef:
    return OriginRef(platform="local", chat_id="c1")


async def tracked(conversation, sessions, count: int = 3) -> list[TrackedApplication]:
    """Letters for jobs 1..count of a ranking: each puts its job on the board as "Saved"."""
    with sessions() as session:
        add_chat_record(session, UserProfile(source_files=[], status="completed", completed_at=func.now(),
                                             profile={"name": "Lena", "skills": ["Python"]}))
    add_ranking(sessions, jobs=10)
    for number in range(1, count + 1):
        await conversation.handle(c.WriteLetter(ME, here(), reference=str(number)))
    with sessions() as session:
        return list(session.scalars(select(TrackedApplication).order_by(TrackedApplication.created_at)))


async def say(conversation, text: str, user: UserRef = ME) -> None:
    await conversation.handle(parse_text(user, here(), text))


async def test_the_board_groups_by_stage_with_numbers_days_and_buttons_to_move_on(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 3)
    await say(conversation, "/tracker 2 applied")
    await say(conversation, "/tracker")
    board = messenger.last
    assert isinstance(board, Message) and board.title == "Your applications" and board.private_to == ME
    sections = board.text.split("\n\n")
    assert [section.splitlines()[0] for section in sections] == ["Saved (2)", "Applied (1)"]  # empty stages left out
    assert sections[0].splitlines()[1].startswith("1. Python Developer 1 — Company 1 · 0 days")
    assert sections[0].splitlines()[2].startswith("3. Python Developer 3 — Company 3")
    assert sections[1].splitlines()[1].startswith("2. Python Developer 2 — Company 2")  # its number moved with it
    assert [(b.label, b.action, b.value, b.number) for b in board.buttons] == [
        ("1 → Applied", "stage", f"{entries[0].id}:applied", 1),
        ("3 → Applied", "stage", f"{entries[2].id}:applied", 3),
        ("2 → Interview", "stage", f"{entries[1].id}:interview", 2),
        ("2 → Rejected", "stage", f"{entries[1].id}:rejected", 2)]


async def test_an_entrys_number_stays_its_own_when_it_moves(conversation, messenger, sessions):
    """Numbers by board position changed with every move: "/tracker 1 applied" after moving entry 1
    on reached another application."""
    entries = await tracked(conversation, sessions, 2)
    await say(conversation, "/tracker 1 interview")
    await say(conversation, "/tracker 1 offer")  # still the first: now in "interview", listed after entry 2
    await say(conversation, "/tracker 2 applied")
    with sessions() as session:
        assert session.get(TrackedApplication, entries[0].id).stage == "offer"
        assert session.get(TrackedApplication, entries[1].id).stage == "applied"


async def test_a_button_moves_an_entry_and_says_it_back_with_the_next_moves(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 1)
    await conversation.handle(command_for_button(ME, here(), "stage", f"{entries[0].id}:applied"))
    said = messenger.last
    assert said.text == "✓ Python Developer 1 at Company 1: Applied. I'll remind you to follow up if you hear nothing."
    assert [(b.action, b.value) for b in said.buttons] == [("stage", f"{entries[0].id}:interview"),
                                                          ("stage", f"{entries[0].id}:rejected")]
    with sessions() as session:
        entry = session.get(TrackedApplication, entries[0].id)
        assert entry.stage == "applied" and entry.applied_at is not None


async def test_someone_elses_button_moves_nothing(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 1)
    await conversation.handle(command_for_button(SOMEONE, here(), "stage", f"{entries[0].id}:rejected"))
    assert messenger.last.text.startswith("That button belongs to an application that is not on your tracker")
    assert messenger.last.private_to == SOMEONE
    with sessions() as session:
        assert session.get(TrackedApplication, entries[0].id).stage == "saved"


async def test_plain_words_move_entries_in_four_languages(conversation, messenger, sessions):
    """Each entry keeps its number (the order it was tracked) whatever stage it moves to."""
    await tracked(conversation, sessions, 3)
    await say(conversation, "I applied to 1")
    await say(conversation, "ich habe mich auf 2 beworben")
    await say(conversation, "got an offer from 1")  # applied -> offer skips the interview, allowed
    await say(conversation, "me rechazaron en el 2")
    with sessions() as session:
        stages = {entry.title: entry.stage for entry in session.scalars(select(TrackedApplication))}
    assert stages == {"Python Developer 1": "offer", "Python Developer 2": "rejected", "Python Developer 3": "saved"}


async def test_an_interview_date_is_read_in_the_persons_language_and_time_zone(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 2)
    with sessions() as session:
        session.scalar(select(ChatUser)).timezone = "Europe/Berlin"
        session.commit()
    await say(conversation, "/tracker 1 interview 2031-12-04 14:00")
    assert messenger.last.text == "✓ Python Developer 1 at Company 1: Interview, Thu, Dec 4, 14:00"
    await say(conversation, "/language de")
    await say(conversation, "Vorstellungsgespräch für 2 am Freitag um 10")
    with sessions() as session:
        first, second = (session.get(TrackedApplication, entry.id) for entry in entries)
        assert first.interview_at.replace(tzinfo=UTC) == datetime(2031, 12, 4, 13, 0, tzinfo=UTC)
        local = second.interview_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.weekday(), local.hour, local.minute) == (4, 10, 0)
    assert datetime.now(UTC) < local < datetime.now(UTC) + timedelta(days=8)


async def test_a_date_in_the_past_or_unreadable_gets_its_own_answer(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 1)
    await say(conversation, "/tracker 1 interview 2020-01-06 09:00")
    assert messenger.last.text.startswith("Mon, Jan 6, 09:00 has already passed.")
    await say(conversation, "/tracker 1 interview purple monkey")
    assert messenger.last.text.startswith("I couldn't read “purple monkey” as a date and time.")
    with sessions() as session:
        assert session.get(TrackedApplication, entries[0].id).stage == "saved"


async def test_bad_numbers_and_moves_are_refused_by_name(conversation, messenger, sessions):
    await tracked(conversation, sessions, 1)
    await say(conversation, "/tracker 7 applied")
    assert "There is no application 7 on your tracker" in messenger.last.text
    await say(conversation, "/tracker 1 offer")
    await say(conversation, "/tracker 1 saved")  # offer -> saved makes no sense
    assert "cannot go to" in messenger.last.text
    await say(conversation, "/language de")
    await say(conversation, "/tracker 1 saved")
    said = messenger.last.text  # the stage words in German too, not "offer" and "saved" inside German
    assert "„Angebot“" in said and "„Gemerkt“" in said and " offer" not in said, said
    await say(conversation, "/language en")
    await say(conversation, "/tracker 1 dance")
    assert messenger.last.text.startswith("I didn't understand that. /tracker takes:")
    await say(conversation, "/tracker followup soon")
    assert messenger.last.text == "Tell me after how many days to remind you, e.g. /tracker followup 7."
    await say(conversation, "/tracker followup 400")
    assert "from 1 to 90" in messenger.last.text


async def test_notes_and_follow_up_days_are_kept(conversation, messenger, sessions):
    await tracked(conversation, sessions, 1)
    await say(conversation, "/tracker 1 note Called Anna, she sends the contract Friday")
    assert messenger.last.text == "📝 Noted on “Python Developer 1”."
    await say(conversation, "/tracker followup 10")
    assert "10 days" in messenger.last.text
    await say(conversation, "/tracker")
    assert "“Called Anna, she sends the contract Friday”" in messenger.last.text
    with sessions() as session:
        assert session.scalar(select(ChatUser)).follow_up_days == 10


async def test_export_sends_a_spreadsheet_and_a_calendar_that_open(conversation, messenger, sessions):
    entries = await tracked(conversation, sessions, 2)
    await say(conversation, "/tracker 2 interview 2031-12-04 14:00")
    await say(conversation, "/tracker export")
    csv_file, ics_file = messenger.documents
    assert (csv_file.filename, csv_file.mime_type) == ("applications.csv", "text/csv")
    assert (ics_file.filename, ics_file.mime_type) == ("interviews.ics", "text/calendar")
    rows = list(csv.DictReader(io.StringIO(csv_file.data.decode("utf-8"))))
    assert [(row["title"], row["stage"]) for row in rows] == [("Python Developer 1", "saved"),
                                                               ("Python Developer 2", "interview")]
    events = icalendar.Calendar.from_ical(ics_file.data).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Interview: Python Developer 2 at Company 2"
    assert events[0].decoded("DTSTART") == datetime(2031, 12, 4, 14, 0, tzinfo=UTC)  # no zone set: UTC
    assert str(events[0]["UID"]).startswith(entries[1].id)


async def test_an_empty_board_says_how_entries_get_there(conversation, messenger):
    await say(conversation, "my applications")
    assert messenger.last.text.startswith("No applications yet.")
    await say(conversation, "/tracker export")
    assert messenger.documents == [] and messenger.last.text.startswith("No applications yet.")


def test_a_long_board_shows_its_first_entries_and_says_how_many_more():
    now = datetime.now(UTC)
    entries = [SimpleNamespace(id=f"id{n}", title=f"Job {n}", company="Acme", job_id=f"j{n}", stage="saved",
                               stage_changed_at=now, created_at=now, interview_at=None, notes=[]) for n in range(MAX_BOARD_ENTRIES + 3)]
    board = board_message(entries, zone="UTC", now=now, t=translator("en"))
    assert board.text.count("\n") == MAX_BOARD_ENTRIES  # a heading and the entries shown
    assert len(board.buttons) == MAX_BOARD_ENTRIES
    assert board.footer.startswith("3 more not shown — /tracker export has them all.")


async def test_an_interview_moved_to_another_day_keeps_its_stage_and_shows_on_the_board(conversation, messenger,
                                                                                       sessions):
    entries = await tracked(conversation, sessions, 1)
    await say(conversation, "I have an interview for 1 on Friday at 10")
    await say(conversation, "/tracker 1 interview 2031-12-05 09:30")  # rescheduled
    with sessions() as session:
        entry = session.get(TrackedApplication, entries[0].id)
        assert (entry.stage, entry.interview_at) == ("interview", datetime(2031, 12, 5, 9, 30))  # UTC: no zone set
    await say(conversation, "/tracker")
    assert "interview Fri, Dec 5, 09:30" in messenger.last.text
