"""The tracker as files a person keeps: a spreadsheet (CSV) and a calendar of interviews (iCalendar)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from domain.jobs.boards.wire import link_of
from domain.tracker.stages import REJECTED, WITHDRAWN

if TYPE_CHECKING:
    from icalendar import Event

CSV_COLUMNS = ("id", "stage", "title", "company", "location", "apply_link", "job_id", "created_at",
               "stage_changed_at", "applied_at", "interview_at", "closed_at", "notes")
# A cell starting with one of these is a formula to a spreadsheet: a posting's title could run one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INTERVIEW_LENGTH = timedelta(hours=1)
UID_DOMAIN = "tracker.job-agent"
PRODID = "-//job-agent//application tracker//EN"
DEFAULT_SUMMARY = "Interview: {title} at {company}"


class Tracked(Protocol):
    """What the exports read of an entry (storage.models.TrackedApplication has these)."""

    id: str
    stage: str
    job_id: str
    title: str
    company: str
    location: str
    apply_link: str
    created_at: datetime
    updated_at: datetime
    stage_changed_at: datetime
    applied_at: datetime | None
    interview_at: datetime | None
    closed_at: datetime | None
    notes: list  # [{"at": ISO 8601, "text": str}]


def to_csv(entries: Iterable[Tracked]) -> bytes:
    """One row per entry under a header row (CSV_COLUMNS), UTF-8, times in ISO 8601 UTC, notes one a line."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow([_cell(value) for value in (
            entry.id, entry.stage, entry.title, entry.company, entry.location, entry.apply_link, entry.job_id,
            _iso(entry.created_at), _iso(entry.stage_changed_at), _iso(entry.applied_at), _iso(entry.interview_at),
            _iso(entry.closed_at), "\n".join(f"{note['at']}: {note['text']}" for note in entry.notes or []))])
    return buffer.getvalue().encode("utf-8")


def to_ics(entries: Iterable[Tracked], *, owner_name: str, summary: str = DEFAULT_SUMMARY) -> bytes:
    """A calendar with one event per entry that has an interview date, an hour long, in UTC; an
    application rejected or withdrawn has none (the CSV keeps its date).

    ``summary``: the event title with ``{title}`` and ``{company}`` (a translated sentence); the
    UID is the entry's id, so a calendar that imports the file again updates the event in place.
    """
    # Imported here: icalendar (~3 MB with dateutil) would otherwise stay resident in the bot process for a file
    # that few people ask for.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    owner_name = " ".join((owner_name or "").split())  # a property value is one line (RFC 5545 3.1)
    calendar.add("x-wr-calname", f"Interviews — {owner_name}" if owner_name else "Interviews")
    for entry in entries:
        if entry.interview_at is not None and entry.stage not in (REJECTED, WITHDRAWN):  # no longer to go to
            calendar.add_component(_event(entry, summary))
    return calendar.to_ical()


def _event(entry: Tracked, summary: str) -> Event:
    from icalendar import Event

    event = Event()
    start = _utc(entry.interview_at)
    event.add("uid", f"{entry.id}@{UID_DOMAIN}")
    event.add("dtstamp", _utc(entry.updated_at))
    event.add("dtstart", start)
    event.add("dtend", start + INTERVIEW_LENGTH)
    event.add("summary", summary.format(title=entry.title or "?", company=entry.company or "?"))
    if link_of(entry.apply_link):  # a URI value holds no line break or space (stored before links were checked)
        event.add("url", entry.apply_link)
    event.add("description", "\n".join(note["text"] for note in entry.notes or []))
    return event


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for values stored as UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _iso(moment: datetime | None) -> str:
    return _utc(moment).isoformat() if moment is not None else ""


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value
