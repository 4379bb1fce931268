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


def read_when(text: str, *, language: str, zone: str, now: datetime) -> datetime | None:
    """The moment ``text`` names, aware, read in ``language`` (then English) with the time zone ``zone``
    (IANA) and the clock ``now`` (aware) for "Friday" or "tomorrow"; a weekday means the next one.
    None when it names no date."""
    import dateparser  # imported here: see the module docstring

    cleaned = _BARE_HOUR.sub(lambda m: f"{m.group(1)} {m.group(2)}:00", _OPENERS.sub("", text.strip()))
    local_now = now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    found = dateparser.parse(cleaned, languages=list(dict.fromkeys([language, "en"])), settings={
        "TIMEZONE": zone, "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": local_now, "DATE_ORDER": "MDY" if language == "en" else "DMY"})
    return found.astimezone(UTC) if found is not None else None


def local_moment(moment: datetime, zone: str, t: Translator) -> str:
    """``moment`` (aware, or naive UTC as SQLite hands it back) as a weekday, date and time in ``zone`` the
    reader's way: "Fri, Dec 4, 14:00", "Fr., 4. Dez., 14:00"."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    where = ZoneInfo(zone)
    return t("{date}, {time}", date=format_skeleton("MMMEd", moment, tzinfo=where, locale=t.language),
             time=format_skeleton("Hm", moment, tzinfo=where, locale=t.language))
