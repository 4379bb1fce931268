"""Posting dates in every form boards write them, read against a fixed 'now'."""
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from domain.jobs.posted import age_days, posting_date

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)

FORMS = [
    # ISO 8601 (Remotive, Jobicy, Adzuna, the Bundesagentur)
    ("2026-11-02T09:00:00Z", date(2026, 11, 2)),
    ("2026-11-02T09:00:00", date(2026, 11, 2)),
    ("2026-11-02T09:00:00.123456789Z", date(2026, 11, 2)),
    ("2026-11-02 09:00:00", date(2026, 11, 2)),
    ("2026-11-02", date(2026, 11, 2)),
    # A zone moves the UTC date
    ("2026-11-02T23:30:00-05:00", date(2026, 11, 3)),
    ("2026-11-02T00:30:00+02:00", date(2026, 11, 1)),
    ("20261102", date(2026, 11, 2)),
    # Epochs (Arbeitnow, RemoteOK): 1793610000 is 2026-11-02T09:00:00Z
    (1793610000, date(2026, 11, 2)),
    ("1793610000", date(2026, 11, 2)),
    (1793610000.5, date(2026, 11, 2)),
    (1793610000000, date(2026, 11, 2)),
    ("1793610000000", date(2026, 11, 2)),
    # RFC 2822 (RSS feeds)
    ("Mon, 02 Nov 2026 09:00:00 +0000", date(2026, 11, 2)),
    ("Mon, 02 Nov 2026 23:00:00 -0500", date(2026, 11, 3)),
    ("Tue, 03 Nov 2026 09:00:00 GMT", date(2026, 11, 3)),
    # Relative, English (SerpApi's Google Jobs, Indeed-style)
    ("3 days ago", date(2026, 11, 27)),
    ("Just posted", date(2026, 11, 30)),
    ("today", date(2026, 11, 30)),
    ("Today", date(2026, 11, 30)),
    ("yesterday", date(2026, 11, 29)),
    ("30+ days ago", date(2026, 10, 31)),
    ("Posted 30+ days ago", date(2026, 10, 31)),
    ("Posted 3 days ago", date(2026, 11, 27)),
    ("Employer active 5 days ago", date(2026, 11, 25)),
    ("1 week ago", date(2026, 11, 23)),
    ("2 weeks ago", date(2026, 11, 16)),
    ("2 months ago", date(2026, 9, 30)),
    ("an hour ago", date(2026, 11, 30)),
    ("12 hours ago", date(2026, 11, 30)),
    # German
    ("vor 3 Tagen", date(2026, 11, 27)),
    ("vor 30+ Tagen", date(2026, 11, 30) - timedelta(days=30)),
    ("vor mehr als 30 Tagen", date(2026, 10, 31)),
    ("heute", date(2026, 11, 30)),
    ("gestern", date(2026, 11, 29)),
    ("vor 2 Wochen", date(2026, 11, 16)),
    ("02.11.2026", date(2026, 11, 2)),
    ("2. November 2026", date(2026, 11, 2)),
    # French
    ("il y a 2 jours", date(2026, 11, 28)),
    ("Publié il y a 3 jours", date(2026, 11, 27)),
    ("il y a plus de 30 jours", date(2026, 10, 31)),
    ("aujourd'hui", date(2026, 11, 30)),
    ("hier", date(2026, 11, 29)),
    ("il y a 3 semaines", date(2026, 11, 9)),
    ("2 novembre 2026", date(2026, 11, 2)),
    # Spanish
    ("hace 5 días", date(2026, 11, 25)),
    ("Publicado hace 2 días", date(2026, 11, 28)),
    ("hace más de 30 días", date(2026, 10, 31)),
    ("hoy", date(2026, 11, 30)),
    ("ayer", date(2026, 11, 29)),
    ("hace un mes", date(2026, 10, 30)),
    ("2 de noviembre de 2026", date(2026, 11, 2)),
    # Written out, English
    ("2 November 2026", date(2026, 11, 2)),
    ("Nov 2, 2026", date(2026, 11, 2)),
    ("Nov 2", date(2026, 11, 2)),
    # Objects
    (date(2026, 11, 2), date(2026, 11, 2)),
    (datetime(2026, 11, 2, 23, 0, tzinfo=timezone(timedelta(hours=-3))), date(2026, 11, 3)),
    (datetime(2026, 11, 2, 23, 0), date(2026, 11, 2)),
]


@pytest.mark.parametrize("value, expected", FORMS, ids=[repr(v) for v, _ in FORMS])
def test_board_date_forms(value, expected):
    assert posting_date(value, now=NOW) == expected


def test_forms_cover_at_least_25():
    assert len(FORMS) >= 25


@pytest.mark.parametrize(
    "value",
    [
        None, "", "   ", True, False, 0, -5, float("nan"), "soon", "N/A", "Full-time",
        "abc 123", "2026-13-40", "99999999999999999999", ["2026-11-02"],
        # Implausible: more than a day after now
        "in 3 days", "2027-01-01", "2026-12-02", 1893456000,
        # Before job boards existed: a zero or garbage epoch
        "1970-01-01", 86400,
    ],
)
def test_no_date(value):
    assert posting_date(value, now=NOW) is None


def test_one_day_ahead_is_allowed_for_zones():
    assert posting_date("2026-12-01", now=NOW) == date(2026, 12, 1)
    assert posting_date("tomorrow", now=NOW) == date(2026, 12, 1)


def test_naive_now_is_utc_and_default_now_is_the_current_day():
    assert posting_date("yesterday", now=datetime(2026, 11, 30, 12, 0)) == date(2026, 11, 29)
    today = datetime.now(UTC).date()
    assert posting_date("today") == today
    assert posting_date("3 days ago") == today - timedelta(days=3)


def test_relative_phrases_count_from_now_given():
    later = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    assert posting_date("vor 3 Tagen", now=later) == date(2027, 2, 26)
    assert posting_date("hace 1 semana", now=later) == date(2027, 2, 22)


@pytest.mark.parametrize(
    "posted, today, days",
    [
        (date(2026, 11, 27), date(2026, 11, 30), 3),
        (date(2026, 11, 30), date(2026, 11, 30), 0),
        (date(2026, 12, 1), date(2026, 11, 30), 0),
        (date(2025, 11, 30), date(2026, 11, 30), 365),
        (datetime(2026, 11, 20, 23, 0), date(2026, 11, 30), 10),
        (None, date(2026, 11, 30), None),
    ],
)
def test_age_days(posted, today, days):
    assert age_days(posted, today) == days
