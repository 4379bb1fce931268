"""Alert use cases for the chat and REST: defaults (time, zone, quiet hours), no duplicates, a limit,
numbers as listed, time changes, and pausing for a recipient who is gone."""
from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from services.alerts import (
    MAX_ALERTS,
    alert_from_search,
    alerts_of,
    create_alert,
    delete_alert,
    find_alert,
    pause_alert,
    pause_alerts_for_recipient,
    resume_alert,
    resume_alerts_paused_for,
    set_alert_quiet_hours,
    set_alert_time,
    set_alert_zone,
    set_quiet_hours,
    set_timezone,
)
from services.errors import NotFound, Refused
from services.ports import ApiRequester
from storage.models import ChatOrigin, JobSearch
from tests.alerts.support import ANNA, BEN, chat, make_alert


def local(alert):
    moment = alert.next_run_at if alert.next_run_at.tzinfo else alert.next_run_at.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(alert.timezone))


def test_an_alert_runs_at_eight_in_the_places_zone_and_keeps_the_refinements(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings, location="Hamburg")
        assert alert.timezone == "Europe/Berlin" and alert.frequency == "daily"
        assert (local(alert).hour, local(alert).minute) == (8, 0)
        assert alert.preferences == {"preferences": alert.preferences["preferences"], "feedback": []}
        origin = session.get(ChatOrigin, alert.origin_id)
        # Digests are messages of their own: no edit of the request's status message, no reply to it.
        assert origin.chat_id == "501" and origin.status_message_id is None and origin.reply_to_message_id is None
        remote = make_alert(session, settings, query="python", location=None)
        assert remote.timezone == "UTC"


def test_a_digest_in_a_group_replies_to_the_request_so_its_buttons_are_the_persons(sessions, settings):
    """A group's buttons answer only the person the bot replied to: a digest replying to no one had
    buttons nobody could press."""
    from services.alerts import create_alert
    from services.ports import ChatRequester, OriginRef

    with sessions() as session:
        alert = create_alert(session=session, settings=settings, query="data engineer", location="Hamburg",
                             requester=ChatRequester(ANNA, OriginRef("telegram", "-100777", thread_id="12",
                                                                     reply_to_message_id="r9",
                                                                     status_message_id="s9")))
        origin = session.get(ChatOrigin, alert.origin_id)
        assert (origin.chat_id, origin.thread_id, origin.reply_to_message_id, origin.status_message_id) == (
            "-100777", "12", "r9", None)


def test_the_persons_zone_and_quiet_hours_win_and_apply_to_their_alerts(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings)
        assert set_timezone(session=session, user=ANNA, zone="america/new_york") == "America/New_York"
        assert set_quiet_hours(session=session, user=ANNA, quiet="23-6") == "23:00-06:00"
        session.refresh(alert)
        assert alert.timezone == "America/New_York" and local(alert).hour == 8 and alert.quiet_hours == "23:00-06:00"
        later = make_alert(session, settings, query="nurse", location="Hamburg")
        assert later.timezone == "America/New_York" and later.quiet_hours == "23:00-06:00"
        assert set_quiet_hours(session=session, user=ANNA, quiet="off") is None
        assert make_alert(session, settings, query="baker").quiet_hours is None
        with pytest.raises(Refused):
            set_timezone(session=session, user=ANNA, zone="Mars/Base")
        with pytest.raises(Refused):
            set_quiet_hours(session=session, user=ANNA, quiet="whenever")


def test_the_default_quiet_hours_come_from_the_settings(sessions, settings):
    settings.alerts_quiet_hours = "22:00-07:00"
    with sessions() as session:
        assert make_alert(session, settings).quiet_hours == "22:00-07:00"


def test_the_same_search_again_updates_the_alert_and_an_owner_has_at_most_twenty(sessions, settings):
    with sessions() as session:
        first = make_alert(session, settings, query="Data Engineer", location="Hamburg")
        pause_alert(session=session, owner=ANNA, ref="1")
        again = make_alert(session, settings, query="data engineer", location="hamburg", frequency="weekly",
                           send_at="7:30", weekday=4)
        assert again.id == first.id and again.status == "active" and again.weekday == 4 and again.send_at == "07:30"
        assert local(again).weekday() == 4
        for n in range(MAX_ALERTS - 1):
            make_alert(session, settings, query=f"job {n}")
        with pytest.raises(Refused):
            make_alert(session, settings, query="one too many")
        assert len(alerts_of(session=session, owner=ANNA)) == MAX_ALERTS
        assert alerts_of(session=session, owner=BEN) == []


@pytest.mark.parametrize("options", [{"frequency": "hourly"}, {"send_at": "25:00"}, {"timezone": "Nowhere/City"},
                                     {"frequency": "weekly", "weekday": 9}])
def test_bad_alert_settings_are_refused(sessions, settings, options):
    with sessions() as session, pytest.raises(Refused):
        make_alert(session, settings, **options)


def test_an_empty_query_is_refused_with_the_searchs_own_words(sessions, settings):
    with sessions() as session, pytest.raises(Refused) as refused:
        make_alert(session, settings, query="   ")
    assert "Tell me which job to look for" in refused.value.message


def test_alerts_are_found_by_number_or_id_only_by_their_owner(sessions, settings):
    with sessions() as session:
        first = make_alert(session, settings, query="nurse")
        second = make_alert(session, settings, query="welder")
        assert find_alert(session=session, owner=ANNA, ref="2").id == second.id
        assert find_alert(session=session, owner=ANNA, ref=first.id).id == first.id
        for owner, ref in ((BEN, first.id), (BEN, "1"), (ANNA, "3"), (ANNA, "0"), (ANNA, "x")):
            with pytest.raises(NotFound):
                find_alert(session=session, owner=owner, ref=ref)
        moved = set_alert_time(session=session, owner=ANNA, ref="1", send_at="18:45")
        assert (local(moved).hour, local(moved).minute) == (18, 45)
        assert pause_alert(session=session, owner=ANNA, ref="1").status == "paused"
        assert resume_alert(session=session, owner=ANNA, ref="1").status == "active"
        assert delete_alert(session=session, owner=ANNA, ref="1").query == "nurse"
        assert [alert.query for alert in alerts_of(session=session, owner=ANNA)] == ["welder"]


def test_a_rest_alert_belongs_to_its_key_and_sends_to_its_webhook(sessions, settings):
    with sessions() as session:
        alert = create_alert(session=session, settings=settings, query="python", location="Berlin",
                             requester=ApiRequester("key-1", "https://example.org/hook"))
        assert alert.api_key_id == "key-1" and alert.webhook_url == "https://example.org/hook"
        assert alert.chat_user_id is None and alert.quiet_hours is None
        assert [a.id for a in alerts_of(session=session, owner="key-1")] == [alert.id]
        assert alerts_of(session=session, owner="key-2") == []
        moved = set_alert_zone(session=session, owner="key-1", ref=alert.id, zone="asia/tokyo")
        assert moved.timezone == "Asia/Tokyo" and local(moved).hour == 8
        assert set_alert_quiet_hours(session=session, owner="key-1", ref=alert.id, quiet="22-7").quiet_hours == \
            "22:00-07:00"
        with pytest.raises(NotFound):
            set_alert_zone(session=session, owner="key-2", ref=alert.id, zone="UTC")
        quiet = create_alert(session=session, settings=settings, query="java", location=None, quiet_hours="off",
                             requester=ApiRequester("key-1"))
        assert quiet.quiet_hours is None


def test_the_bell_under_a_list_makes_an_alert_for_that_search_only_for_its_owner(sessions, settings, queue):
    from services.searches import request_search

    with sessions() as session:
        search = request_search(session=session, queue=queue, requester=chat(ANNA), query="baker", location="Kiel")
        alert = alert_from_search(session=session, settings=settings, requester=chat(ANNA), job_search_id=search.id)
        assert (alert.query, alert.location) == ("baker", "Kiel")
        with pytest.raises(NotFound):
            alert_from_search(session=session, settings=settings, requester=chat(BEN), job_search_id=search.id)
        digest = JobSearch(query="baker", location="Kiel", chat_user_id=alert.chat_user_id, alert_id=alert.id)
        session.add(digest)
        session.commit()
        assert alert_from_search(session=session, settings=settings, requester=chat(ANNA),
                                 job_search_id=digest.id).id == alert.id


def test_a_recipient_who_is_gone_has_alerts_paused_until_they_write_again(sessions, settings):
    with sessions() as session:
        blocked = make_alert(session, settings, query="nurse")
        by_hand = make_alert(session, settings, query="welder")
        pause_alert(session=session, owner=ANNA, ref=by_hand.id)
        bens = make_alert(session, settings, BEN, query="nurse")
        assert pause_alerts_for_recipient(session, platform="telegram", workspace_id="", chat_id="501",
                                          reason="blocked") == 1
        session.refresh(blocked)
        session.refresh(bens)
        assert (blocked.status, blocked.paused_reason) == ("paused", "blocked") and bens.status == "active"
        assert resume_alerts_paused_for(session, ANNA) == 1
        session.refresh(blocked)
        session.refresh(by_hand)
        assert blocked.status == "active" and (by_hand.status, by_hand.paused_reason) == ("paused", "user")
        assert resume_alerts_paused_for(session, ANNA) == 0


def _at_once(sessions, count, make):
    """``make(session, n)`` run by ``count`` threads released together, each on its own connection;
    returns what each returned or the Refused it raised."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from services.errors import Refused

    start = threading.Barrier(count)

    def one(n):
        with sessions() as session:
            start.wait()
            try:
                return make(session, n).id
            except Refused as refused:
                return refused

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_the_same_alert_sent_at_once_is_saved_once(sessions, settings):
    from services.alerts import alerts_of, create_alert
    from services.ports import ApiRequester

    outcomes = _at_once(sessions, 8, lambda session, _n: create_alert(
        session=session, settings=settings, requester=ApiRequester("key-1"), query="python developer",
        location="Berlin"))
    assert len(set(outcomes)) == 1  # every request got the one alert back
    with sessions() as session:
        assert len(alerts_of(session=session, owner="key-1")) == 1


def test_the_alert_limit_holds_when_many_are_saved_at_once(sessions, settings):
    from services.alerts import MAX_ALERTS, alerts_of
    from services.errors import Refused

    outcomes = _at_once(sessions, MAX_ALERTS + 6, lambda session, n: make_alert(
        session, settings, query=f"role {n} developer"))
    assert sum(isinstance(outcome, Refused) for outcome in outcomes) == 6
    with sessions() as session:
        assert len(alerts_of(session=session, owner=ANNA)) == MAX_ALERTS
