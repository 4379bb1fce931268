"""What the tracker accepts from a person or a REST caller: typed text, links, delays and dates, or a
``TrackerInputError`` naming the field and saying what to send instead."""
from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from domain.jobs.boards.wire import link_of
from i18n import N_
from services.errors import Refused

MAX_NOTE_CHARS = 1000
MIN_FOLLOW_UP_DAYS, MAX_FOLLOW_UP_DAYS = 1, 90
FIRST_YEAR, LAST_YEAR = 2000, 2100


class TrackerInputError(Refused):
    """A value the caller typed is unusable; ``field`` names it (REST: a 422 on that field)."""

    def __init__(self, field: str, message: str, **kwargs):
        super().__init__(message, **kwargs)
        self.field = field


def checked_text(value: str | None, field: str, max_chars: int | None) -> str:
    """Typed text as stored, stripped: a lone surrogate (a JSON "\\ud800") refused rather than failing in
    the database, control characters but line breaks and tabs dropped; at most ``max_chars``."""
    text = (value or "").strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TrackerInputError(field, N_("The {field} contains characters that are not text (a lone surrogate)."),
                                params={"field": field}) from None
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if max_chars is not None and len(text) > max_chars:
        raise TrackerInputError(field, N_("The {field} can be at most {limit} characters."),
                                params={"field": field, "limit": max_chars})
    return text


def checked_link(value: str | None) -> str:
    """A web address ("" for none), by the rule a board's link passes (``domain.jobs.boards.wire.link_of``):
    anything else (javascript:, mailto:, a line break or space inside, which ends a link in chat markup and
    is no URI in a calendar) is refused."""
    link = checked_text(value, "apply_link", 1000)
    if link and not link_of(link):
        raise TrackerInputError("apply_link", N_("The apply_link must be a web address starting with https://."))
    return link


def checked_days(days: int) -> int:
    """A follow-up delay in whole days, MIN_FOLLOW_UP_DAYS to MAX_FOLLOW_UP_DAYS."""
    if not isinstance(days, int) or not MIN_FOLLOW_UP_DAYS <= days <= MAX_FOLLOW_UP_DAYS:
        raise TrackerInputError("follow_up_days", N_("Follow-up days must be a whole number from {low} to {high}."),
                                params={"low": MIN_FOLLOW_UP_DAYS, "high": MAX_FOLLOW_UP_DAYS})
    return days


def aware_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a time without a zone is refused (whose 14:00 would it be?), and so is one
    outside the years FIRST_YEAR to LAST_YEAR (no interview; year 1 or 9999 would not even convert)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TrackerInputError("interview_at", N_("Give the interview time with its time zone, "
                                                   "e.g. 2026-12-04T14:00:00+01:00."))
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise TrackerInputError("interview_at", N_("An interview date must lie between the years {first} and {last}."),
                                params={"first": str(FIRST_YEAR), "last": str(LAST_YEAR)})
    return moment.astimezone(UTC)
