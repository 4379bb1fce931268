"""Dates and times in the person's own words and time zone: read ("Friday at 10", "Freitag um 10",
"2026-12-04 14:00") and said ("Fr., 4. Dez., 14:00").

The date reader (``dateparser``) is imported on first use: the bot process loads no date reader
at serve time (tests/bot/test_bot_process_imports.py).
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from i18n import Translator

# "at 10" / "um 10 Uhr" / "à 10h" / "a las 10": an hour alone, which the reader would take for a day.
_BARE_HOUR = re.compile(r"(?i)\b(at|um|à|a|las|vers|gegen|around)\s+(\d{1,2})\s*(?:h|uhr)?(?![\d:.h])")
# Words before a date that say nothing of it ("on Friday", "am Montag", "le 4", "el 4"): "am" reads as a.m.
_OPENERS = re.compile(r"(?i)^(?:on|am|le|el|the|for|für|pour|para)\s+")


# Longer than any date a person writes ("next Friday at 10:30 in the morning"); the reader's time grows
# with the text (about 1 s of CPU for 4,000 characters), so longer text is no date.
MAX_WHEN_CHARS = 100
LANGUAGES = ("en", "de", "fr", "es")  # the chat's; a date in another of them is still read (a German word in an
# English chat), after the person's own, so "4.12." is the 4th of December to a German reader


def read_when(text: str, *, language: str, zone: str, now: datetime) -> datetime | None:
    """The moment ``text`` names as UTC, read in ``language`` first (then English, German, French, Spanish,
    each with its own day/month order) in the time zone ``zone`` (IANA), with the clock ``now`` (aware) for
    "Friday" or "tomorrow"; a weekday means the next one. None when it names no date in any of them, or is
    longer than MAX_WHEN_CHARS."""
    if len(text) > MAX_WHEN_CHARS:
        return None
    import dateparser  # imported here: see the module docstring

    cleaned = _BARE_HOUR.sub(lambda m: f"{m.group(1)} {m.group(2)}:00", _OPENERS.sub("", text.strip()))
    local_now = now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    for each in dict.fromkeys([language, *LANGUAGES]):
        found = dateparser.parse(cleaned, languages=[each], settings={
            "TIMEZONE": zone, "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": local_now, "DATE_ORDER": "MDY" if each == "en" else "DMY"})
        if found is not None:
            return found.astimezone(UTC)
    return None


def local_moment(moment: datetime, zone: str, t: Translator) -> str:
    """``moment`` (aware, or naive UTC as SQLite hands it back) as a weekday, date and time in ``zone`` the
    reader's way: "Fri, Dec 4, 14:00", "Fr., 4. Dez., 14:00"."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    where = ZoneInfo(zone)
    return t("{date}, {time}", date=format_skeleton("MMMEd", moment, tzinfo=where, locale=t.language),
             time=format_skeleton("Hm", moment, tzinfo=where, locale=t.language))
