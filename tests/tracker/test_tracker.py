"""The tracker's use cases on SQLite and PostgreSQL: letters tracked in their own commit, moves, notes,
interview dates, follow-up reminders through the outbox, /forget and retention."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from config import Settings
from services.errors import NotFound, Refused
from services.ports import ApiRequester
from services.tracker import (
    add_note,
    board_of,
    due_follow_ups,
    find_tracked,
    move_to,
    queue_follow_up_reminders,
    set_follow_up_days,
    set_interview,
    update_tracked,
)
from services.tracker_input import TrackerInputError
from services.users import find_user, forget_user
from storage.models import Application, Notification, TrackedApplication
from storage.tracker import delete_closed_before
from tests.tracker.conftest import ANNA, BEN, chat, job

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # 12:00 UTC: outside the default quiet hours


def settings(**overrides) -> Settings:
    return Settings(_env_file=None, **{"follow_up_days": 7, "alerts_quiet_hours": "22:00-07:00", **overrides})


def test_every_letter_request_tracks_its_job_once_in_the_letters_commit(sessions, letter):
    first = letter(chat(ANNA), job("j-1"))
    second = letter(chat(ANNA), job("j-1"))  # a second letter for the same job
    letter(chat(ANNA), job("j-2", company="Zweite AG"))
    letter(chat(BEN), job("j-1"))
    with sessions() as session:
        anna = board_of(session=session, owner=ANNA)
        assert [(e.job_id, e.stage) for e in anna] == [("j-1", "saved"), ("j-2", "saved")]
        assert anna[0].application_id == second.id != first.id  # the entry follows the latest letter
        assert (anna[0].title, anna[0].company, anna[0].apply_link) == (
            "Data engineer", "Muster GmbH", "https://jobs.example.com/j-1")
        assert anna[0].origin_id == session.get(Application, second.id).origin_id is not None
        assert [e.job_id for e in board_of(session=session, owner=BEN)] == ["j-1"]
        assert session.scalar(select(TrackedApplication).where(TrackedApplication.api_key_id.is_not(None))) is None


def test_the_entry_is_stored_by_the_one_commit_that_stores_the_letter(sessions, queue, profile_id):
    from services.letters import LetterChoice, request_letter

    with sessions() as session:
        seen = []
        event.listen(session, "after_commit", lambda _: seen.append(1))
        record = request_letter(session=session, queue=queue, requester=ApiRequester("key-a"),
                                choice=LetterChoice(job=job("j-9"), profile_id=profile_id))
        assert len(seen) == 1 and queue.sent == [("application", record.id)]
    with sessions() as session:
        entry = session.scalar(select(TrackedApplication).where(TrackedApplication.job_id == "j-9"))
        assert (entry.api_key_id, entry.chat_user_id, entry.application_id) == ("key-a", None, record.id)
        assert [e.id for e in board_of(session=session, owner="key-a")] == [entry.id]
        assert board_of(session=session, owner="key-b") == []


def test_moves_follow_the_stages_and_a_refusal_names_the_allowed_ones(sessions, letter):
    letter(chat(ANNA), job("j-1"))
    with sessions() as session:
        entry = move_to(session=session, owner=ANNA, ref="1", stage="applied", now=NOW)
        assert (entry.stage, entry.applied_at, entry.stage_changed_at) == ("applied", NOW, NOW)
        with pytest.raises(TrackerInputError, match="“hired” is not a stage. The stages are saved, applied"):
            move_to(session=session, owner=ANNA, ref="1", stage="hired")
        move_to(session=session, owner=ANNA, ref="1", stage="Rejected", now=NOW)
        with pytest.raises(Refused, match="is rejected, so it cannot go to offer. From rejected it can go to "
                                          "applied.") as refused:
            move_to(session=session, owner=ANNA, ref="1", stage="offer")
        assert not isinstance(refused.value, NotFound)
        entry = move_to(session=session, owner=ANNA, ref=entry.id, stage="applied", now=NOW)  # reopened
        assert (entry.stage, entry.closed_at) == ("applied", None)
        with pytest.raises(NotFound):
            move_to(session=session, owner=BEN, ref=entry.id, stage="withdrawn")  # not Ben's
        with pytest.raises(NotFound, match="no application 2 on your tracker"):
            move_to(session=session, owner=ANNA, ref="2", stage="applied")
        for odd in ("²", "9" * 5000, "x" * 40, "\x00", "0"):
            with pytest.raises(NotFound):
                find_tracked(session=session, owner=ANNA, ref=odd)


def test_notes_are_dated_checked_and_kept_in_order(sessions, letter):
    letter(chat(ANNA), job("j-1"))
    with sessions() as session:
        add_note(session=session, owner=ANNA, ref="1", text="Called Ms Weber, «très» sympa 👍", now=NOW)
        entry = add_note(session=session, owner=ANNA, ref="1", text="  second\x07 one ", now=NOW + timedelta(1))
        assert [n["text"] for n in entry.notes] == ["Called Ms Weber, «très» sympa 👍", "second one"]
        assert entry.notes[0]["at"] == NOW.isoformat()
        for text, message in (("x" * 1001, "at most 1000 characters; this one has 1001"), ("  ", "empty"),
                              ("bad \ud800 text", "not text")):
            with pytest.raises(TrackerInputError, match=message):
                add_note(session=session, owner=ANNA, ref="1", text=text)
    with sessions() as session:
        assert len(find_tracked(session=session, owner=ANNA, ref="1").notes) == 2


def test_an_interview_date_needs_a_zone_is_stored_in_utc_and_moves_the_entry(sessions, letter):
    letter(chat(ANNA), job("j-1"))
    with sessions() as session:
        with pytest.raises(TrackerInputError, match="time zone"):
            set_interview(session=session, owner=ANNA, ref="1", when=datetime(2026, 12, 4, 14, 0))
        berlin = datetime(2026, 12, 4, 14, 0, tzinfo=timezone(timedelta(hours=1)))
        entry = set_interview(session=session, owner=ANNA, ref="1", when=berlin, now=NOW)
        assert entry.stage == "interview"
    with sessions() as session:
        stored = find_tracked(session=session, owner=ANNA, ref="1").interview_at
        assert stored.replace(tzinfo=UTC) == datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
        entry = update_tracked(session=session, owner=ANNA, ref="1", stage="offer", interview_at=berlin)
        assert entry.stage == "offer"  # the stage given with a date wins over the date's own move


def test_a_patch_that_fails_in_part_changes_nothing(sessions, letter):
    letter(chat(ANNA), job("j-1"))
    with sessions() as session, pytest.raises(TrackerInputError):
        update_tracked(session=session, owner=ANNA, ref="1", stage="applied", note="x" * 1001)
    with sessions() as session:
        entry = find_tracked(session=session, owner=ANNA, ref="1")
        assert (entry.stage, entry.notes) == ("saved", [])


def _applied(sessions, letter, user, job_id, when):
    letter(chat(user), job(job_id))
    with sessions() as session:
        entry = next(each for each in board_of(session=session, owner=user) if each.job_id == job_id)
        return move_to(session=session, owner=user, ref=entry.id, stage="applied", now=when).id


def _reminders(sessions):
    with sessions() as session:
        return session.execute(select(Notification.record_id, Notification.event, Notification.target,
                                      Notification.next_attempt_at)
                               .where(Notification.record_type == "tracker").order_by(Notification.id)).all()


def test_a_follow_up_is_queued_once_after_the_delay_and_not_before(sessions, letter):
    entry_id = _applied(sessions, letter, ANNA, "j-1", NOW - timedelta(days=7))
    with sessions() as session:
        assert queue_follow_up_reminders(session, settings(), NOW - timedelta(minutes=1)) == 0  # 6 days 23:59
        assert due_follow_ups(session, settings(), NOW)[0].id == entry_id
        assert queue_follow_up_reminders(session, settings(), NOW) == 1
        assert queue_follow_up_reminders(session, settings(), NOW + timedelta(days=3)) == 0  # not twice
    [(record_id, name, target, at)] = _reminders(sessions)
    assert (record_id, name, target) == (entry_id, "follow_up", "bot")
    assert at.replace(tzinfo=UTC) == NOW


def test_a_second_stay_in_applied_gets_its_own_reminder(sessions, letter):
    entry_id = _applied(sessions, letter, ANNA, "j-1", NOW - timedelta(days=30))
    with sessions() as session:
        queue_follow_up_reminders(session, settings(), NOW - timedelta(days=20))
        move_to(session=session, owner=ANNA, ref=entry_id, stage="interview", now=NOW - timedelta(days=15))
        move_to(session=session, owner=ANNA, ref=entry_id, stage="applied", now=NOW - timedelta(days=10))  # mis-tap
        assert queue_follow_up_reminders(session, settings(), NOW) == 1
        assert queue_follow_up_reminders(session, settings(), NOW) == 0
    assert [name for _, name, _, _ in _reminders(sessions)] == ["follow_up", "follow_up_2"]


def test_the_delay_is_the_entrys_else_the_persons_else_the_default(sessions, letter):
    _applied(sessions, letter, ANNA, "j-1", NOW - timedelta(days=3))
    with sessions() as session:
        assert due_follow_ups(session, settings(), NOW) == []
        set_follow_up_days(session=session, user=ANNA, days=3)
        assert len(due_follow_ups(session, settings(), NOW)) == 1
        update_tracked(session=session, owner=ANNA, ref="1", follow_up_days=4)
        assert due_follow_ups(session, settings(), NOW) == []
        assert len(due_follow_ups(session, settings(follow_up_days=2), NOW + timedelta(days=1))) == 1
        with pytest.raises(TrackerInputError, match="from 1 to 90"):
            set_follow_up_days(session=session, user=ANNA, days=0)


def test_a_reminder_waits_for_the_end_of_the_persons_quiet_hours(sessions, letter):
    _applied(sessions, letter, ANNA, "j-1", NOW - timedelta(days=10))
    late = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    with sessions() as session:
        find_user(session=session, user=ANNA).timezone = "Europe/Berlin"
        session.commit()
        queue_follow_up_reminders(session, settings(), late)
    [(_, _, _, at)] = _reminders(sessions)
    assert at.replace(tzinfo=UTC) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # 07:00 in Berlin


@pytest.mark.parametrize("quiet, zone", [("off", "Europe/Berlin"), ("22:00-07:00", "Mars/Olympus"),
                                         ("junk", "Europe/Berlin")])
def test_a_reminder_goes_at_once_without_quiet_hours_or_with_unreadable_ones(sessions, letter, quiet, zone):
    _applied(sessions, letter, ANNA, "j-1", NOW - timedelta(days=10))
    late = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
    with sessions() as session:
        user = find_user(session=session, user=ANNA)
        user.timezone, user.quiet_hours = zone, quiet
        session.commit()
        assert queue_follow_up_reminders(session, settings(), late) == 1
    [(_, _, _, at)] = _reminders(sessions)
    assert at.replace(tzinfo=UTC) == late


def test_no_reminder_for_an_entry_owned_through_the_rest_api(sessions, queue, profile_id):
    from services.letters import LetterChoice, request_letter

    with sessions() as session:
        request_letter(session=session, queue=queue, requester=ApiRequester("key-a"),
                       choice=LetterChoice(job=job("j-1"), profile_id=profile_id))
        entry = board_of(session=session, owner="key-a")[0]
        move_to(session=session, owner="key-a", ref=entry.id, stage="applied", now=NOW - timedelta(days=30))
        assert due_follow_ups(session, settings(), NOW) == []
        assert queue_follow_up_reminders(session, settings(), NOW) == 0


def test_forget_removes_the_persons_entries_and_nobody_elses(sessions, letter, data_dir):
    letter(chat(ANNA), job("j-1"))
    letter(chat(BEN), job("j-1"))
    with sessions() as session:
        assert forget_user(session=session, settings=Settings(_env_file=None, job_agent_data_dir=data_dir), user=ANNA)
    with sessions() as session:
        owners = session.scalars(select(TrackedApplication.chat_user_id)).all()
        assert owners == [find_user(session=session, user=BEN).id]


def test_retention_deletes_entries_closed_before_the_cutoff_only(sessions, letter):
    for job_id in ("j-1", "j-2", "j-3"):
        letter(chat(ANNA), job(job_id))
    with sessions() as session:
        ids = [e.id for e in board_of(session=session, owner=ANNA)]
        move_to(session=session, owner=ANNA, ref=ids[0], stage="rejected", now=NOW - timedelta(days=40))
        move_to(session=session, owner=ANNA, ref=ids[1], stage="withdrawn", now=NOW - timedelta(days=5))
        assert delete_closed_before(session, NOW - timedelta(days=30)) == 1
        session.commit()
    with sessions() as session:
        assert sorted(e.id for e in board_of(session=session, owner=ANNA)) == sorted(ids[1:])


def test_entries_waiting_for_a_longer_delay_do_not_hold_back_the_due_ones(sessions, letter, monkeypatch):
    monkeypatch.setattr("storage.tracker.DUE_BATCH", 2)
    monkeypatch.setattr("services.tracker.DUE_BATCH", 2)
    for number in range(3):  # waited longest, but each asked for 90 days
        entry_id = _applied(sessions, letter, ANNA, f"slow-{number}", NOW - timedelta(days=30 + number))
        with sessions() as session:
            update_tracked(session=session, owner=ANNA, ref=entry_id, follow_up_days=90)
    due = [_applied(sessions, letter, ANNA, f"due-{number}", NOW - timedelta(days=10)) for number in range(3)]
    with sessions() as session:
        assert queue_follow_up_reminders(session, settings(), NOW) == 2  # one batch a pass
        assert queue_follow_up_reminders(session, settings(), NOW) == 1
    assert sorted(record_id for record_id, *_ in _reminders(sessions)) == sorted(due)
