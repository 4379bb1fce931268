"""When a posting went up, from whatever a board writes, as a calendar date.

Forms read by ``posting_date``:

- ``date`` and ``datetime`` objects;
- ISO 8601 timestamps with or without a zone ("2026-11-02T09:00:00Z",
  "2026-11-02T09:00:00.123456789+01:00", "2026-11-02 09:00:00") and ISO dates ("2026-11-02");
  a compact "20261102" too;
- Unix epoch seconds or milliseconds, as numbers or numeric strings (1793610000,
  "1793610000000"); milliseconds are told apart by size (above 10^11, i.e. after the year 5138
  in seconds);
- RFC 2822 dates of RSS feeds ("Mon, 02 Nov 2026 09:00:00 +0000",
  https://www.rfc-editor.org/rfc/rfc2822#section-3.3);
- day-first dotted dates of German-language boards ("02.11.2026");
- relative and written-out dates in English, German, French and Spanish ("3 days ago",
  "Just posted", "today", "yesterday", "30+ days ago", "vor 3 Tagen", "il y a 2 jours",
  "hace 5 días", "Posted 1 week ago", "2 November 2026", "2. November 2026"), read by dateparser
  (https://dateparser.readthedocs.io/en/latest/settings.html) with only those four languages,
  so it never runs language detection over its 200 locales, ``RELATIVE_BASE`` set to ``now``
  and ``PREFER_DATES_FROM="past"`` so "Nov 2" means the last one.

Timestamps with a zone give their UTC date. A "30+ days ago" reads as 30 days ago (the board
only knows it is at least that old). A date more than one day after ``now`` is implausible for
a posting (a bad clock or a misread format) and gives None; one day ahead is allowed for zones.
"""
from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

import dateparser

from domain.jobs.types import age_days  # noqa: F401 (its home is the posting; kept importable here)

LANGUAGES = ("en", "de", "fr", "es")
FUTURE_TOLERANCE = timedelta(days=1)

# Epoch values above this are milliseconds (10^11 seconds is the year 5138).
_MILLISECONDS_FROM = 10**11
_EARLIEST = date(1995, 1, 1)  # before job boards: a zero or garbage epoch, not a posting date

_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$")
_DOTTED = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
_NUMERIC = re.compile(r"^\d+(?:\.\d+)?$")

_JUST_NOW = re.compile(
    r"^(?:just\s+(?:posted|now)|new|today|posted\s+today|active\s+today|gerade\s+(?:eben|erst)"
    r"|soeben|neu|heute\s+(?:veröffentlicht|geschaltet)|à\s+l['’]instant|nouveau|nouvelle"
    r"|publiée?\s+aujourd['’]hui|ahora(?:\s+mismo)?|recién\s+publicad[oa]|nuevo|nueva"
    r"|publicad[oa]\s+hoy)[.!]?$",
    re.IGNORECASE,
)
# Words boards put before the date itself: "Posted 3 days ago", "Publié il y a 2 jours".
_LEAD_WORDS = re.compile(
    r"^(?:(?:employer\s+)?active|posted|reposted|published|updated|date\s+posted|"
    r"veröffentlicht|erschienen|online\s+seit|eingestellt|aktualisiert|"
    r"publiée?|mise?\s+en\s+ligne|mis\s+à\s+jour|"
    r"publicad[oa]|actualizad[oa])\s*(?:on|am|le|el|:)?\s*",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    r"\b(?:more\s+than|over|mehr\s+als|über|plus\s+de|más\s+de)\s+(?=\d)", re.IGNORECASE
)


def _utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _from_epoch(number: float) -> date | None:
    if number <= 0:
        return None
    seconds = number / 1000 if number >= _MILLISECONDS_FROM else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(match: re.Match) -> date | None:
    try:
        day = date.fromisoformat(match.group("date"))
    except ValueError:
        return None
    zone = match.group("zone")
    if not match.group("h") or not zone or zone.upper() == "Z":
        return day
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    try:
        local = datetime.combine(
            day, datetime.min.time().replace(hour=int(match.group("h")), minute=int(match.group("m")))
        )
    except ValueError:
        return None
    return (local - sign * offset).date()


def _from_text(text: str, base: datetime) -> date | None:
    match = _ISO.match(text)
    if match:
        return _from_iso(match)
    if _NUMERIC.match(text):
        compact = _COMPACT.match(text)
        if compact:
            try:
                return date(int(compact["y"]), int(compact["m"]), int(compact["d"]))
            except ValueError:
                pass
        return _from_epoch(float(text))
    match = _DOTTED.match(text)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
    if "," in text and re.search(r"\d{1,2}:\d{2}", text):
        try:
            return _utc_naive(parsedate_to_datetime(text)).date()
        except (TypeError, ValueError, IndexError):
            pass
    if _JUST_NOW.match(text):
        return base.date()
    text = _LEAD_WORDS.sub("", text)
    text = _AT_LEAST.sub("", text.replace("+", ""))
    if _JUST_NOW.match(text):
        return base.date()
    parsed = dateparser.parse(
        text,
        languages=list(LANGUAGES),
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "TIMEZONE": "UTC",
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": False,
            # Epochs and digit runs are read above; these two parsers are the ones for words.
            "PARSERS": ["relative-time", "absolute-time"],
        },
    )
    return parsed.date() if parsed else None


MAX_DATE_CHARS = 80


def posting_date(value, *, now: datetime | None = None) -> date | None:
    """The calendar date a posting went up, from a board's date in any of the forms in the
    module docstring (``str``, ``int``/``float`` epoch, ``date``, ``datetime``).

    ``now`` is the moment relative phrases count back from (default: the current UTC time; a
    naive ``now`` is taken as UTC). Returns None for None, "", booleans, text that is no date,
    dates before 1995 and dates more than one day after ``now``. Never raises."""
    base = _utc_naive(now) if now is not None else _utc_naive(datetime.now(UTC))
    if value is None or isinstance(value, bool):
        return None
    found: date | None
    if isinstance(value, datetime):
        found = _utc_naive(value).date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, (int, float)):
        found = None if math.isnan(value) else _from_epoch(float(value))
    elif isinstance(value, str):
        text = " ".join(value[:200].split())[:MAX_DATE_CHARS]  # a date is short; dateparser is slow on long text
        if not text:
            return None
        try:
            found = _from_text(text, base)
        except (ValueError, OverflowError, TypeError):
            found = None
    else:
        return None
    if found is None or found < _EARLIEST or found > base.date() + FUTURE_TOLERANCE:
        return None
    return found

