"""Preferences in words, in the person's language: /prefs and the "Not in this list: …" note."""
from __future__ import annotations

import pytest

from domain.jobs.preferences import Preferences
from domain.jobs.preferences_text import describe, describe_left_out
from i18n import translator

EN = translator("en")


@pytest.mark.parametrize("prefs, lines", [
    (Preferences(), []),
    (Preferences(remote_only=True), ["Remote only"]),
    (Preferences(min_salary=60000, salary_currency="EUR"), ["At least €60,000 a year"]),
    (Preferences(min_salary=45000, salary_currency="GBP"), ["At least £45,000 a year"]),
    (Preferences(min_salary=60000), ["At least 60,000 a year, in the local currency"]),
    (Preferences(seniority="mid"), ["Up to mid level"]),
    (Preferences(places=("Paris", "Lyon")), ["Only in or near Paris or Lyon"]),
    (Preferences(excluded_places=("London",)), ["Not in London"]),
    (Preferences(no_agencies=True), ["No agencies"]),
    (Preferences(excluded_companies=("Amazon", "Meta", "Uber")), ["Not at Amazon, Meta, or Uber"]),
    (Preferences(job_types=("part_time",)), ["Part-time"]),
    (Preferences(job_types=("part_time", "contract")), ["Part-time or Contract"]),
    (Preferences(remote_only=True, no_agencies=True, seniority="senior"),
     ["Remote only", "Up to senior level", "No agencies"]),
])
def test_each_preference_is_one_line(prefs, lines):
    assert describe(prefs, EN) == lines


@pytest.mark.parametrize("language, line", [
    ("de", "60.000\xa0€"), ("fr", "60\u202f000\xa0€"), ("es", "60.000\xa0€"),
])
def test_amounts_are_written_the_readers_way(language, line):
    [said] = describe(Preferences(min_salary=60000, salary_currency="EUR"), translator(language))
    assert line in said


@pytest.mark.parametrize("left_out, sentence", [
    ({}, None),
    ({"no_agencies": 0}, None),
    ({"no_agencies": 3}, "Not in this list: 3 agency jobs."),
    ({"no_agencies": 1, "remote_only": 2}, "Not in this list: 2 jobs that are not remote and 1 agency job."),
    # a pass is the person's own word, not a preference: the sentence blames neither
    ({"passed": 1, "min_salary": 4}, "Not in this list: 1 job you passed on and 4 jobs paying less than your minimum."),
])
def test_what_was_left_out_is_said_in_one_sentence(left_out, sentence):
    assert describe_left_out(left_out, EN) == sentence


def test_values_stored_before_the_bounds_are_read_within_them():
    from domain.jobs.preferences import MAX_ITEMS, Preferences  # noqa: PLC0415

    stored = {"min_salary": 10 ** 30, "excluded_companies": [f"C{n}" for n in range(2000)], "remote_only": True}
    prefs = Preferences.from_dict(stored)
    assert prefs.min_salary is None and len(prefs.excluded_companies) == MAX_ITEMS and prefs.remote_only
    assert prefs.beyond_bounds() is None
    assert Preferences(min_salary=10 ** 8).beyond_bounds() == "min_salary"
