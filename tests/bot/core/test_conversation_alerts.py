"""Alerts in the conversation core: made by command, plain words and the 🔔 button; listed, paused, resumed,
deleted, timed; the time zone and quiet hours; every bad input answered by name; the welcome back after a
block — through the real Conversation and the real services on SQLite."""
from __future__ import annotations

from sqlalchemy import func, select

from bot.core import commands as c
from bot.core.parse import command_for_button, parse_text
from bot.core.ports import JobListMessage, Message, OriginRef, UserRef
from services.alerts import MAX_ALERTS, pause_alerts_for_recipient
from storage.models import Alert, ChatUser, UserProfile
from tests.bot.core.test_conversation_results import add_ranking
from tests.support.records import add_chat_record

ME = UserRef(platform="local", external_user_id="u1")
SOMEONE = UserRef(platform="local", external_user_id="u2")


def here() -> OriginRef:
    return OriginRef(platform="local", chat_id="c1")


async def say(conversation, text: str, user: UserRef = ME) -> None:
    await conversation.handle(parse_text(user, here(), text))


def alerts(sessions) -> list[Alert]:
    with sessions() as session:
        return list(session.scalars(select(Alert).order_by(Alert.created_at)))


async def test_alert_by_command_says_what_was_saved_and_when_it_runs(conversation, messenger, sessions):
    await say(conversation, "/alerts zone Europe/Berlin")
    assert messenger.last.text == "🌍 Your time zone is now Europe/Berlin; your alerts and reminders follow it."
    await say(conversation, "/alert python developer in Berlin")
    assert messenger.last.text == ("🔔 Saved: new python developer jobs in Berlin, every day at 08:00 "
                                   "(Europe/Berlin). /alerts to change it.")
    await say(conversation, "/alert nurse in Hamburg weekly")
    (first, second) = alerts(sessions)
    assert (first.query, first.location, first.frequency, first.origin.chat_id) == (
        "python developer", "Berlin", "daily", "c1")
    assert (second.query, second.location, second.frequency) == ("nurse", "Hamburg", "weekly")
    assert messenger.last.text.startswith("🔔 Saved: new nurse jobs in Hamburg, every ")


async def test_alert_alone_is_for_the_last_search_and_without_one_asks_what(conversation, messenger, sessions):
    await say(conversation, "/alert")
    assert messenger.last.text.startswith("What should I alert you about?")
    assert alerts(sessions) == []
    add_ranking(sessions, jobs=3)
    await say(conversation, "alert me about this search")
    assert [(a.query, a.location) for a in alerts(sessions)] == [("python developer", "Berlin")]


async def test_plain_words_make_alerts_in_four_languages(conversation, messenger, sessions):
    await say(conversation, "tell me every morning about new data jobs in Hamburg")
    await say(conversation, "alert me weekly about python jobs in Berlin")
    await say(conversation, "benachrichtige mich täglich über neue Buchhalter-Jobs in Köln")
    await say(conversation, "avísame cada semana de ofertas de enfermera en Sevilla")
    assert [(a.query, a.location, a.frequency) for a in alerts(sessions)] == [
        ("data", "Hamburg", "daily"), ("python", "Berlin", "weekly"), ("Buchhalter", "Köln", "daily"),
        ("enfermera", "Sevilla", "weekly")]


async def test_the_alert_me_button_under_a_list_saves_that_search_once(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=12)
    await conversation.handle(c.ShowMore(ME, here()))
    bell = [b for b in messenger.last.buttons if b.action == "alert"]
    assert [(b.label, b.value) for b in bell] == [("🔔 Alert me", ranking)]
    await conversation.handle(command_for_button(ME, here(), "alert", ranking))
    await conversation.handle(command_for_button(ME, here(), "alert", ranking))  # pressed twice: one alert
    assert [(a.query, a.location) for a in alerts(sessions)] == [("python developer", "Berlin")]
    assert messenger.last.text.startswith("🔔 Saved: new python developer jobs in Berlin, every day at 08:00")
    await conversation.handle(command_for_button(SOMEONE, here(), "alert", ranking))
    assert messenger.last.text == "That search is not yours or no longer exists."
    assert len(alerts(sessions)) == 1


async def test_the_list_numbers_statuses_and_buttons_and_the_buttons_work(conversation, messenger, sessions):
    await say(conversation, "/alert python in Berlin")
    await say(conversation, "/alert nurse in Hamburg")
    await say(conversation, "/alerts pause 2")
    assert messenger.last.text == "⏸ Paused: nurse in Hamburg. /alerts resume brings it back."
    await say(conversation, "my alerts")
    listing = messenger.last
    assert isinstance(listing, Message) and listing.title == "Your alerts" and listing.private_to.key == ME.key
    # No zone set: the place's (services.alerts), shown with every time.
    assert listing.items[0].startswith("1. python in Berlin — every day at 08:00 (Europe/Berlin) · next: ")
    assert listing.items[1] == "2. nurse in Hamburg — every day at 08:00 (Europe/Berlin) · paused"
    first, second = alerts(sessions)
    assert [(b.action, b.value, b.number) for b in listing.buttons] == [
        ("alert_pause", first.id, 1), ("alert_delete", first.id, 1),
        ("alert_resume", second.id, 2), ("alert_delete", second.id, 2)]
    await conversation.handle(command_for_button(ME, here(), "alert_resume", second.id))
    assert messenger.last.text.startswith("▶ On again: nurse in Hamburg, every day at 08:00 (Europe/Berlin).")
    await conversation.handle(command_for_button(ME, here(), "alert_delete", first.id))
    assert messenger.last.text == "🗑 Deleted: python in Berlin."
    assert [(a.query, a.status) for a in alerts(sessions)] == [("nurse", "active")]


async def test_time_zone_and_quiet_hours_are_set_and_said_back(conversation, messenger, sessions):
    await say(conversation, "/alert python in Berlin")
    await say(conversation, "/alerts time 1 7:30 weekly monday")
    assert messenger.last.text == "⏰ python in Berlin: every Monday at 07:30 (Europe/Berlin)."
    await say(conversation, "/alerts quiet 23:00-06:30")
    assert messenger.last.text.startswith("🌙 Quiet hours 23:00-06:30")
    (alert,) = alerts(sessions)
    assert (alert.send_at, alert.frequency, alert.weekday, alert.quiet_hours) == ("07:30", "weekly", 0, "23:00-06:30")
    await say(conversation, "/alerts quiet off")
    assert messenger.last.text == "🌙 Quiet hours off: alerts come at their time."
    await say(conversation, "/alerts")
    assert messenger.last.footer.startswith("Time zone: UTC · no quiet hours")
    with sessions() as session:
        assert session.scalar(select(ChatUser)).quiet_hours == "off"


async def test_every_bad_input_gets_its_own_answer(conversation, messenger, sessions):
    await say(conversation, "/alerts")
    assert messenger.last.text.startswith("No alerts yet.")
    await say(conversation, "/alert python in Berlin")
    await say(conversation, "/alerts pause 7")
    assert messenger.last.text == "You have no alert 7. /alerts lists yours."
    await say(conversation, "/alerts time 1 25:99")
    assert messenger.last.text == "25:99 is no time of day. Write it like 07:30."
    await say(conversation, "/alerts zone Mars/Olympus")
    assert messenger.last.text.startswith("I do not know the time zone Mars/Olympus.")
    await say(conversation, "/alerts quiet whenever")
    assert messenger.last.text.startswith("whenever are no quiet hours.")
    await say(conversation, "/alerts dance")
    assert messenger.last.text.startswith("I didn't understand that. /alerts takes:")
    await say(conversation, "/alerts pause 1", user=SOMEONE)
    assert messenger.last.text == "You have no alert 1. /alerts lists yours."
    await say(conversation, "/alerts time two 08:00")  # a word for the number: no talk of buttons
    assert messenger.last.text == "You have no alert two. /alerts lists yours."
    (alert,) = alerts(sessions)
    await conversation.handle(command_for_button(SOMEONE, here(), "alert_delete", alert.id))
    assert messenger.last.text.startswith("That button belongs to an alert that is not yours")
    assert [a.status for a in alerts(sessions)] == ["active"]


async def test_too_many_alerts_are_refused_by_name(conversation, messenger, sessions):
    for number in range(MAX_ALERTS):
        await say(conversation, f"/alert role{number} in Berlin")
    await say(conversation, "/alert one more in Berlin")
    assert messenger.last.text == f"You already have {MAX_ALERTS} alerts, the most one can keep. Delete one first."
    assert len(alerts(sessions)) == MAX_ALERTS


async def test_a_person_who_blocked_the_bot_is_welcomed_back_once(conversation, messenger, sessions):
    await say(conversation, "/alert python in Berlin")
    await say(conversation, "/alert nurse in Hamburg")
    await say(conversation, "/alerts pause 2")  # paused by the person: stays paused
    with sessions() as session:
        assert pause_alerts_for_recipient(session, platform="local", chat_id="c1", reason="blocked") == 1
    conversation._back_checked.clear()  # the minute between checks has passed
    await say(conversation, "hello")
    assert messenger.texts()[-2] == "Welcome back — your 1 alert is on again."
    await say(conversation, "hello")
    assert "Welcome back" not in messenger.texts()[-1]
    assert [a.status for a in alerts(sessions)] == ["active", "paused"]


async def test_a_digest_has_no_alert_me_button_but_a_search_list_does(conversation, messenger, sessions):
    add_ranking(sessions, jobs=12)
    await conversation.handle(c.ShowMore(ME, here()))
    assert isinstance(messenger.last, JobListMessage) and "alert" in [b.action for b in messenger.last.buttons]
    with sessions() as session:
        alert = Alert(query="python developer", location="Berlin")
        session.add(alert)
        session.commit()
        alert_id = alert.id
    digest = add_ranking(sessions, jobs=12, alert_id=alert_id)
    await conversation.handle(c.ShowMore(ME, here(), reference=f"{digest}:10"))
    assert [b.action for b in messenger.last.buttons] == []


async def test_an_alert_without_a_role_takes_the_cvs_and_one_with_a_refinement_stores_it(conversation, messenger,
                                                                                      sessions):
    with sessions() as session:
        add_chat_record(session, UserProfile(source_files=[], status="completed", completed_at=func.now(),
                                             profile={"name": "Lena", "title": "Data Engineer"}))
    await say(conversation, "alert me about jobs in Hamburg")
    assert messenger.last.text.startswith("🔔 Saved: new Data Engineer jobs in Hamburg, every day at 08:00")
    await say(conversation, "alert me about remote python jobs in Berlin")
    assert messenger.last.text.startswith("Got it: Remote only. 🔔 Saved: new python jobs in Berlin")
    python = alerts(sessions)[-1]
    assert python.preferences["preferences"]["remote_only"] is True  # the refinement, in the alert's snapshot


async def test_an_alert_made_from_a_list_of_sample_jobs_says_it_stays_quiet_until_a_board_answers(
        conversation, messenger, sessions):
    """No digest ever holds the bundled sample: a person offline who saves an alert under the sample list
    must hear why nothing will come, not wait for it."""
    from storage.models import JobSearch

    ranking = add_ranking(sessions, jobs=3)
    await conversation.handle(command_for_button(ME, here(), "alert", ranking))
    assert messenger.last.footer is None  # a list from the boards
    with sessions() as session:
        session.get(JobSearch, ranking).boards = [{"name": "arbeitnow", "label": "Arbeitnow", "error": "offline"}]
        session.commit()
    await conversation.handle(command_for_button(ME, here(), "alert", ranking))
    assert messenger.last.footer.startswith("The jobs of that list were the bundled sample")
    await say(conversation, "/alert")  # for the last search: the same
    assert messenger.last.footer.startswith("The jobs of that list were the bundled sample")
