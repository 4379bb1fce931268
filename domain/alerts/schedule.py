"""When an alert runs and when a message may go out: local clock times in IANA zones, DST included.

Pure functions over ``datetime`` values (always timezone-aware; results in UTC). A local time
that a DST change skips (02:30 on the spring-forward night in Berlin) is taken as the same
wall-clock reading before the change, which lands one hour later than usual on that one day;
a repeated one (the autumn night) is its first occurrence.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAILY, WEEKLY = "daily", "weekly"
FREQUENCIES = (DAILY, WEEKLY)
QUIET_OFF = ("off", "none", "no", "-", "aus", "non", "désactivé", "desactive", "ninguna", "nada")
_CLOCK = re.compile(r"\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|uhr|h)?\s*", re.IGNORECASE)


class AlertTiming(Protocol):
    """What ``next_run`` reads of an alert (storage.models.Alert has these)."""

    frequency: str  # "daily" | "weekly"
    send_at: str  # local "HH:MM"
    weekday: int | None  # weekly: 0 Monday … 6 Sunday
    timezone: str  # IANA name


def parse_clock(text: str) -> str:
    """A time of day as people type it ("7:30", "07.30", "7", "7am", "19 Uhr", "7h30") as "HH:MM".

    Raises ValueError for anything else (junk, 24:00, 7:75, "13pm")."""
    match = _CLOCK.fullmatch(text or "")
    if not match:
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute = int(match[1]), int(match[2] or 0)
    suffix = (match[3] or "").lower().replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise ValueError(f"not a time of day: {text!r}")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"not a time of day: {text!r}")
    return f"{hour:02d}:{minute:02d}"


def parse_quiet_hours(text: str | None) -> str | None:
    """Quiet hours as typed ("22:00-07:00", "22-7", "10pm – 7am") as "HH:MM-HH:MM"; None for none
    ("", "off" and its translations). Raises ValueError for junk or a window that starts when it ends."""
    text = (text or "").strip()
    if not text or text.casefold() in QUIET_OFF:
        return None
    parts = re.split(r"\s*(?:-|–|—|to|bis|à|a)\s*", text, maxsplit=1)
    if len(parts) != 2:
        raise ValueError(f"not quiet hours: {text!r}")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if start == end:
        raise ValueError(f"quiet hours that end when they start: {text!r}")
    return f"{start}-{end}"


def valid_zone(name: str) -> str:
    """The IANA zone name as zoneinfo spells it ("europe/berlin" → "Europe/Berlin"); raises ValueError
    for an unknown one."""
    cleaned = (name or "").strip().replace(" ", "_")
    spelled = _zone_names().get(cleaned.casefold())
    if spelled is None:
        raise ValueError(f"unknown time zone: {name!r}")
    return spelled


def next_run(alert: AlertTiming, after: datetime) -> datetime:
    """The first moment strictly after ``after`` (aware) at which ``alert`` runs, in UTC: its
    ``send_at`` local time in its zone, every day or (weekly) on its weekday (Monday when unset)."""
    zone = _zone(alert.timezone)
    clock = time.fromisoformat(parse_clock(alert.send_at))
    day = after.astimezone(zone).date()
    for offset in range(9):
        candidate_day = day + timedelta(days=offset)
        if alert.frequency == WEEKLY and candidate_day.weekday() != (alert.weekday or 0):
            continue
        candidate = _local(candidate_day, clock, zone)
        if candidate > after:
            return candidate
    raise AssertionError("a week always holds the weekday")  # pragma: no cover


def after_quiet_hours(moment: datetime, zone: str, quiet: str | None) -> datetime:
    """``moment`` (aware) in UTC when it falls outside the local ``quiet`` hours ("22:00-07:00") in
    ``zone``, else the end of that quiet period in UTC. ``quiet`` None or "": no quiet hours."""
    window = _window(quiet)
    moment = moment.astimezone(UTC)
    if window is None:
        return moment
    start, end = window
    tz = _zone(zone)
    local = moment.astimezone(tz)
    clock, today = local.time().replace(tzinfo=None), local.date()
    if start < end:
        return _local(today, end, tz) if start <= clock < end else moment
    if clock >= start:  # the evening part of a window that ends tomorrow morning
        return _local(today + timedelta(days=1), end, tz)
    if clock < end:
        return _local(today, end, tz)
    return moment


def in_quiet_hours(moment: datetime, zone: str, quiet: str | None) -> bool:
    """True when ``moment`` falls in the local quiet hours."""
    return after_quiet_hours(moment, zone, quiet) != moment.astimezone(UTC)


def _window(quiet: str | None) -> tuple[time, time] | None:
    normalised = parse_quiet_hours(quiet)
    if normalised is None:
        return None
    start, end = normalised.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def _local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """``clock`` on ``day`` in ``zone`` as UTC; a skipped time resolves as the module says."""
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(valid_zone(name))
    except ZoneInfoNotFoundError as exc:  # listed but not loadable: a broken tzdata
        raise ValueError(f"unknown time zone: {name!r}") from exc


# Names the zone database ships that are no place's time: "localtime" is the server's own zone,
# "Factory" a placeholder, "posixrules" a template (tzfile(5)).
NOT_PLACES = frozenset({"localtime", "factory", "posixrules"})


@cache
def _zone_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() if name.casefold() not in NOT_PLACES}
