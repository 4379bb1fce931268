"""Alert times: local clock times in IANA zones, weekly weekdays, DST changes and quiet hours."""
from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from domain.alerts.schedule import (
    after_quiet_hours,
    in_quiet_hours,
    next_run,
    parse_clock,
    parse_quiet_hours,
    valid_zone,
)


def alert(send_at="08:00", zone="Europe/Berlin", frequency="daily", weekday=None):
    return SimpleNamespace(send_at=send_at, timezone=zone, frequency=frequency, weekday=weekday)


@pytest.mark.parametrize("typed,clock", [("7:30", "07:30"), ("07.30", "07:30"), ("7", "07:00"), ("7am", "07:00"),
                                         ("7pm", "19:00"), ("12am", "00:00"), ("19 Uhr", "19:00"), ("7h30", "07:30"),
                                         (" 23:59 ", "23:59")])
def test_clock_times_are_read_as_people_type_them(typed, clock):
    assert parse_clock(typed) == clock


@pytest.mark.parametrize("junk", ["", "24:00", "7:75", "13pm", "noon", "7:3", "0am"])
def test_junk_is_no_clock_time(junk):
    with pytest.raises(ValueError):
        parse_clock(junk)


def test_quiet_hours_are_normalised_and_off_means_none():
    assert parse_quiet_hours("22-7") == "22:00-07:00"
    assert parse_quiet_hours("10pm – 7am") == "22:00-07:00"
    assert parse_quiet_hours("off") is None and parse_quiet_hours("") is None
    for junk in ("22:00", "7-7", "late"):
        with pytest.raises(ValueError):
            parse_quiet_hours(junk)


def test_zone_names_are_spelled_as_zoneinfo_does():
    assert valid_zone("europe/berlin") == "Europe/Berlin"
    assert valid_zone("America/New York") == "America/New_York"
    with pytest.raises(ValueError):
        valid_zone("Mars/Olympus")


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "../../etc/passwd", "Europe/Berlin\x00"])
def test_names_that_are_no_places_time_are_refused(name):
    """"localtime" would follow the server's own zone; the others are no zone at all."""
    with pytest.raises(ValueError):
        valid_zone(name)


def test_a_daily_alert_runs_next_at_its_local_time_today_or_tomorrow():
    assert next_run(alert(), datetime(2026, 11, 30, 6, 0, tzinfo=UTC)) == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert next_run(alert(), datetime(2026, 11, 30, 7, 0, tzinfo=UTC)) == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


def test_a_weekly_alert_waits_for_its_weekday():
    # 2026-11-30 is a Monday; Friday 08:00 in New York is 13:00 UTC in December.
    weekly = alert(zone="America/New_York", frequency="weekly", weekday=4)
    assert next_run(weekly, datetime(2026, 11, 30, 12, 0, tzinfo=UTC)) == datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
    assert next_run(weekly, datetime(2026, 12, 4, 13, 0, tzinfo=UTC)) == datetime(2026, 12, 11, 13, 0, tzinfo=UTC)


def test_local_time_holds_across_a_dst_change():
    # Berlin moves to summer time on 2027-03-28: 08:00 local is 07:00 UTC before and 06:00 UTC after.
    assert next_run(alert(), datetime(2027, 3, 27, 7, 0, tzinfo=UTC)) == datetime(2027, 3, 28, 6, 0, tzinfo=UTC)
    assert next_run(alert(), datetime(2027, 3, 28, 6, 0, tzinfo=UTC)) == datetime(2027, 3, 29, 6, 0, tzinfo=UTC)
    # 02:30 does not exist that night: the alert runs once, an hour later by the clock (03:30 CEST = 01:30 UTC).
    skipped = alert(send_at="02:30")
    assert next_run(skipped, datetime(2027, 3, 27, 12, 0, tzinfo=UTC)) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_quiet_hours_hold_a_moment_until_they_end():
    quiet = "22:00-07:00"
    evening = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert after_quiet_hours(evening, "Europe/Berlin", quiet) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    early = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)  # 05:00 in Berlin
    assert after_quiet_hours(early, "Europe/Berlin", quiet) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    noon = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    assert after_quiet_hours(noon, "Europe/Berlin", quiet) == noon
    assert after_quiet_hours(evening, "Europe/Berlin", None) == evening
    assert in_quiet_hours(evening, "Europe/Berlin", quiet) and not in_quiet_hours(noon, "Europe/Berlin", quiet)
    # A daytime window (a night-shift worker) ends the same day.
    assert after_quiet_hours(noon, "UTC", "09:00-17:00") == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
