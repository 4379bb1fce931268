"""What the notifier sends for issue 14: an alert's digest (a result list titled for its alert, reposts
marked), a follow-up reminder from the tracker (nothing once the entry is gone or moved on), and the
"Applied ✓" button under a delivered letter — on a migrated SQLite database, a recording messenger."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.core.notifications import Notifier
from bot.core.ports import JobListMessage
from config import Settings
from services.tracker import queue_follow_up_reminders, track_letter
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import (
    Alert,
    Application,
    JobSearch,
    Notification,
    TrackedApplication,
)
from storage.outbox import add_notifications
from storage.records import mark_completed
from tests.bot.core.test_notifier import RecordingMessenger, letter_notification
from tests.support.records import add_chat_record


@pytest.fixture
def env(tmp_path):
    """(settings, sessions, messenger, notifier) on a migrated database, as test_notifier's."""
    settings = Settings(job_agent_data_dir=tmp_path)
    settings.ensure_dirs()
    upgrade_database(settings.resolved_database_url)
    sessions = session_factory(settings.resolved_database_url)
    messenger = RecordingMessenger()
    return settings, sessions, messenger, Notifier(settings=settings, sessions=sessions, messengers={"local": messenger})

def posting(n: int, **fields) -> dict:
    return {"job_id": f"job-{n}", "title": f"Data Engineer {n}", "company_name": f"Firm {n}", "location": "Hamburg",
            "apply_link": f"https://jobs.example/{n}", **fields}


def digest_notification(env, matches: list[dict]) -> tuple[int, str]:
    """A completed digest of an alert, and its chat notification: (notification id, digest id)."""
    _, sessions, _, _ = env
    with sessions() as session:
        alert = Alert(query="data", location="Hamburg")
        session.add(alert)
        session.flush()
        digest = add_chat_record(session, JobSearch(query="data", location="Hamburg", matches=matches,
                                                    rank_after_search=True, alert_id=alert.id))
        alert.chat_user_id, alert.origin_id = digest.chat_user_id, digest.origin_id
        mark_completed(digest)
        [notification] = add_notifications(session, digest, "completed")
        session.commit()
        return notification.id, digest.id


async def test_a_digest_is_one_result_list_titled_for_its_alert_with_the_same_buttons(env):
    _, _, messenger, notifier = env
    matches = [{"job": posting(n), "score": 90 - n, "matched_skills": [], "missing_skills": [], "reason": "Fits."}
               for n in range(1, 4)]
    notification_id, digest_id = digest_notification(env, matches)
    assert await notifier.on_outcome(notification_id) == "sent"
    [listing] = messenger.sent
    assert isinstance(listing, JobListMessage)
    assert listing.title == "🔔 3 new jobs for your alert: data in Hamburg"
    assert [card.title for card in listing.jobs] == ["Data Engineer 1", "Data Engineer 2", "Data Engineer 3"]
    card = listing.jobs[0]
    assert card.button.label == "Cover letter" and card.button.value.startswith(f"{digest_id}:")
    assert [b.label for b in card.actions] == ["Details", "Not for me"]
    assert listing.buttons == []  # three jobs: no More; an alert's own list: no 🔔
    assert not any("reposted" in c.source_line for c in listing.jobs)


async def test_a_repost_with_other_pay_is_marked_on_its_card_and_more_pages_on(env):
    _, _, messenger, notifier = env
    matches = [{"job": posting(n), "score": 90 - n, "matched_skills": [], "missing_skills": [], "reason": "Fits."}
               for n in range(1, 13)]
    matches[1]["repost"] = {"salary_before": "50000 EUR a year", "salary_now": "60000 EUR a year"}
    notification_id, digest_id = digest_notification(env, matches)
    await notifier.on_outcome(notification_id)
    [listing] = messenger.sent
    assert listing.title == "🔔 12 new jobs for your alert: data in Hamburg" and len(listing.jobs) == 10
    assert listing.jobs[1].source_line.endswith("reposted — pay changed from 50000 EUR a year to 60000 EUR a year")
    assert "reposted" not in listing.jobs[0].source_line
    assert [(b.action, b.value) for b in listing.buttons] == [("more", f"{digest_id}:10")]


def tracked_letter(env, job_id: str = "j1") -> str:
    """A letter request's tracker entry, "saved", as services.letters makes it in the request's commit."""
    _, sessions, _, _ = env
    with sessions() as session:
        application = add_chat_record(session, Application(
            job_id=job_id, job={"job_id": job_id, "title": "Backend Developer", "company_name": "Acme GmbH"}))
        entry = track_letter(session, application)
        session.commit()
        return entry.id


def apply_days_ago(env, entry_id: str, days: int) -> None:
    _, sessions, _, _ = env
    with sessions() as session:
        entry = session.get(TrackedApplication, entry_id)
        moment = datetime.now(UTC) - timedelta(days=days)
        entry.stage, entry.stage_changed_at, entry.applied_at = "applied", moment, moment
        session.commit()


def queued_reminders(env) -> list[int]:
    settings, sessions, _, _ = env
    with sessions() as session:
        queue_follow_up_reminders(session, settings, now=datetime.now(UTC) + timedelta(days=1))
        return list(session.scalars(select(Notification.id).where(Notification.record_type == "tracker")))


async def test_a_follow_up_reminder_names_the_job_and_the_days_with_stage_buttons(env):
    _, _, messenger, notifier = env
    entry_id = tracked_letter(env)
    apply_days_ago(env, entry_id, 9)
    [reminder] = queued_reminders(env)
    assert await notifier.on_outcome(reminder) == "sent"
    [message] = messenger.sent
    assert message.text == ("⏰ It's been 9 days since you applied to Backend Developer at Acme GmbH. "
                            "Time to follow up?")
    assert [(b.label, b.action, b.value) for b in message.buttons] == [
        ("Interview", "stage", f"{entry_id}:interview"), ("Rejected", "stage", f"{entry_id}:rejected"),
        ("Withdrawn", "stage", f"{entry_id}:withdrawn")]
    assert await notifier.on_outcome(reminder) == "duplicate"


async def test_a_reminder_for_an_entry_gone_or_moved_on_sends_nothing(env):
    _, sessions, messenger, notifier = env
    gone, moved = tracked_letter(env, "j1"), tracked_letter(env, "j2")
    for entry_id in (gone, moved):
        apply_days_ago(env, entry_id, 9)
    reminders = queued_reminders(env)
    assert len(reminders) == 2
    with sessions() as session:
        session.delete(session.get(TrackedApplication, gone))
        session.get(TrackedApplication, moved).stage = "interview"
        session.commit()
    assert [await notifier.on_outcome(reminder) for reminder in reminders] == ["sent", "sent"]
    assert messenger.sent == []


async def test_a_delivered_letter_offers_applied_while_its_job_is_only_saved(env):
    _, sessions, messenger, notifier = env
    notification_id = letter_notification(env)
    with sessions() as session:
        application = session.scalar(select(Application))
        entry_id = track_letter(session, application).id
        session.commit()
    await notifier.on_outcome(notification_id)
    letter = messenger.sent[0]
    assert [(b.label, b.action, b.value) for b in letter.buttons] == [("Applied ✓", "stage", f"{entry_id}:applied")]
