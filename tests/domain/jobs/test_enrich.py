"""Board postings are not trusted: cleaned and bounded before any parser or chat sees them."""
import math
import time
from datetime import datetime, timezone

import pytest

from domain.jobs.enrich import enrich
from domain.jobs.types import JobPosting

NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


def posting(**fields):
    return JobPosting(job_id="b-1", title=fields.pop("title", "Nurse"), company_name=fields.pop("company_name", "Clinic"),
                      **fields)


def test_control_characters_and_terminal_escapes_leave_every_text_field():
    found = enrich(posting(title="Nurse\x1b[2J\x00", company_name="Clinic\x1b]0;pwned\x07", description="a\x1b[31mb"),
                   now=NOW)
    assert "\x1b" not in found.title + found.company_name + found.description and "\x00" not in found.title
    assert found.title.startswith("Nurse")


def test_overlong_fields_are_cut_before_the_parsers_run():
    started = time.monotonic()
    found = enrich(posting(title="N" * 50_000, location="," * 100_000, salary="1" * 100_000, posted_at="1:1 " * 25_000,
                           description="x" * 10_000_000), now=NOW)
    assert time.monotonic() - started < 2
    assert len(found.title) == 300 and len(found.description) == 20_000 and found.posted_date is None


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<script>", "file:///etc/passwd",
                                  "https://ok.example/\nSet-Cookie: x", "/relative/path"])
def test_links_that_are_not_absolute_web_links_are_dropped(link):
    found = enrich(posting(apply_link=link, apply_options=[{"title": "x", "link": link},
                                                           {"title": "Board", "link": "https://board.example/1"}]),
                   now=NOW)
    assert found.apply_link == "" and found.apply_options == [{"title": "Board", "link": "https://board.example/1"}]


@pytest.mark.parametrize("low, high", [(math.inf, math.inf), (math.nan, 50_000.0), (1e20, 2e20), (-5.0, 0.0)])
def test_salaries_that_cannot_be_real_are_forgotten(low, high):
    found = enrich(posting(salary_min=low, salary_max=high, salary_currency="GBP", salary_period="year"), now=NOW)
    kept = [v for v in (found.salary_min, found.salary_max) if v is not None]
    assert all(math.isfinite(v) and 0 < v <= 1e8 for v in kept)
    if not kept:
        assert found.salary_currency is None and found.salary_period is None


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-12-05", "not a date"])
def test_dates_from_another_century_or_the_future_are_forgotten(day):
    assert enrich(posting(posted_date=day), now=NOW).posted_date is None


def test_a_plausible_posting_keeps_everything():
    found = enrich(posting(location="München", salary="50.000 - 60.000 € pro Jahr", posted_at="vor 3 Tagen",
                           apply_link="https://board.example/1"), now=NOW)
    assert (found.city, found.country, found.salary_min, found.salary_max, found.salary_currency) == \
        ("Munich", "DE", 50_000, 60_000, "EUR")
    assert found.posted_date == "2026-11-27" and found.apply_link == "https://board.example/1"


def test_a_years_pay_in_won_or_rupiah_is_kept():
    found = enrich(posting(location="Jakarta", salary="IDR 240,000,000 - 360,000,000 per year"), now=NOW)
    assert (found.salary_min, found.salary_max, found.salary_currency) == (240_000_000, 360_000_000, "IDR")
    assert enrich(posting(salary_min=120_000_000.0, salary_currency="KRW", salary_period="year"),
                  now=NOW).salary_min == 120_000_000


def test_invisible_controls_and_direction_overrides_leave_text_and_links():
    found = enrich(posting(title="Nurse\u202e evil\u009b2J", apply_link="https://board.example/1\x1b]0;x\x07"), now=NOW)
    assert found.title == "Nurse evil2J" and found.apply_link == ""
