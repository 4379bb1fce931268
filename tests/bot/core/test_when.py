"""Interview dates as people type them, in the four chat languages, read in their time zone; and said back."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.when import local_moment, read_when
from i18n import translator

NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # a Monday evening
BERLIN = "Europe/Berlin"


@pytest.mark.parametrize("text, language, expected", [
    ("Friday at 10", "en", datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),  # 10:00 in Berlin (UTC+1)
    ("Freitag um 10", "de", datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),
    ("Freitag um 10", "en", datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),  # German words in an English chat
    ("vendredi à 10h", "fr", datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),
    ("viernes a las 10", "es", datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),
    ("am Montag um 9", "de", datetime(2026, 12, 7, 8, 0, tzinfo=UTC)),  # "am" is no a.m.
    ("2026-12-04 14:00", "en", datetime(2026, 12, 4, 13, 0, tzinfo=UTC)),
    ("4.12.2026 14:00", "de", datetime(2026, 12, 4, 13, 0, tzinfo=UTC)),  # day first for a German reader
    ("12/04/2026 2pm", "en", datetime(2026, 12, 4, 13, 0, tzinfo=UTC)),  # month first for an English one
    ("le 4 décembre à 14h30", "fr", datetime(2026, 12, 4, 13, 30, tzinfo=UTC)),
    ("el 4 de diciembre a las 14:30", "es", datetime(2026, 12, 4, 13, 30, tzinfo=UTC)),
    ("morgen um 9", "de", datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),
])
def test_dates_are_read_in_the_persons_language_and_zone(text, language, expected):
    assert read_when(text, language=language, zone=BERLIN, now=NOW) == expected


@pytest.mark.parametrize("text", ["purple monkey", "soon-ish", "", "1 " * 2000])
def test_words_that_name_no_date_give_none(text):
    assert read_when(text, language="en", zone=BERLIN, now=NOW) is None


@pytest.mark.parametrize("language, day", [("en", "Fri, Dec 4"), ("de", "Fr., 4. Dez.")])
def test_a_moment_is_said_in_the_zone_and_the_readers_way(language, day):
    said = local_moment(datetime(2026, 12, 4, 13, 0), BERLIN, translator(language))  # naive: UTC, as from SQLite
    assert said.startswith(day) and said.endswith("14:00")  # the catalogue may join the two its own way
