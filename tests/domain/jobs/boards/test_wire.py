"""Loosely typed board JSON: odd values become nothing, never an exception that costs a whole board."""
import pytest

from domain.jobs.boards.wire import iso_date, link_of, number_of, strings_of, text_of

HUGE = 10 ** 400  # Python's json reads a 400-digit integer; float() of it overflows


@pytest.mark.parametrize("value, text", [(" Nurse ", "Nurse"), (42, "42"), (4.0, "4"), (4.5, "4.5"), (True, ""),
                                         (None, ""), (HUGE, ""), (float("inf"), ""), (["x"], "")])
def test_text_of(value, text):
    assert text_of(value) == text


@pytest.mark.parametrize("value, number", [(52000, 52000.0), ("52,000", 52000.0), ("30000.5", 30000.5), (HUGE, None),
                                           ("1e999", None), (float("nan"), None), ("n/a", None), (False, None)])
def test_number_of(value, number):
    assert number_of(value) == number


@pytest.mark.parametrize("value, link", [
    ("https://board.example/1", "https://board.example/1"), ("javascript:alert(1)", ""), ("www.firma.de/job", ""),
    ("https://board.example/1\x1b[2J", ""), ("https://board.example/a b", ""), ("https://x.example/\u009b2J/a", ""),
    (HUGE, ""),
])
def test_link_of(value, link):
    assert link_of(value) == link


def test_strings_and_dates():
    assert strings_of(["a", 3, None, " ", HUGE]) == ["a", "3"] and strings_of("solo") == ["solo"]
    assert iso_date("2026-11-02T09:00:00Z") == "2026-11-02" and iso_date("yesterday") is None
