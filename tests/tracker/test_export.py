"""The exports read back by the standard library's csv module and by the icalendar parser."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

from icalendar import Calendar

from domain.tracker.export import CSV_COLUMNS, to_csv, to_ics

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def entry(entry_id: str, *, company: str = "Muster GmbH", title: str = "Data engineer", interview_at=None,
          notes=(), stage: str = "applied") -> SimpleNamespace:
    return SimpleNamespace(
        id=entry_id, stage=stage, job_id="j-" + entry_id, title=title, company=company, location="Hamburg",
        apply_link=f"https://jobs.example.com/{entry_id}", created_at=CREATED, updated_at=CREATED,
        stage_changed_at=CREATED, applied_at=CREATED, interview_at=interview_at, closed_at=None, notes=list(notes))


def test_csv_keeps_commas_quotes_and_non_ascii_and_defuses_formulas():
    company = 'Müller, Söhne & "Partner" — 株式会社'
    notes = [{"at": "2026-11-02T10:00:00+00:00", "text": "called, \"nice\"\nsecond line"}]
    data = to_csv([entry("a", company=company, notes=notes), entry("b", title="=HYPERLINK(\"x\")")])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == 2
    assert rows[0]["company"] == company and rows[0]["created_at"] == "2026-11-01T09:00:00+00:00"
    assert rows[0]["notes"] == "2026-11-02T10:00:00+00:00: called, \"nice\"\nsecond line"
    assert rows[0]["interview_at"] == "" and rows[1]["title"] == "'=HYPERLINK(\"x\")"


def test_ics_has_one_event_per_interview_in_utc_with_a_stable_uid():
    berlin = timezone(timedelta(hours=1))
    naive_utc = datetime(2026, 12, 5, 9, 30)  # how SQLite hands a stored UTC time back
    entries = [entry("a", interview_at=datetime(2026, 12, 4, 14, 0, tzinfo=berlin), notes=[{"at": "", "text": "ask"}]),
               entry("b"), entry("c", company="Zweite AG", interview_at=naive_utc)]
    data = to_ics(entries, owner_name="Anna")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["a@tracker.job-agent", "c@tracker.job-agent"]
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [datetime(2026, 12, 4, 13, 0, tzinfo=UTC), datetime(2026, 12, 5, 9, 30, tzinfo=UTC)]
    assert all(start.utcoffset() == timedelta(0) for start in starts)
    assert [str(e["summary"]) for e in events] == ["Interview: Data engineer at Muster GmbH",
                                                    "Interview: Data engineer at Zweite AG"]
    assert str(events[0]["url"]) == "https://jobs.example.com/a" and str(events[0]["description"]) == "ask"
    assert to_ics(entries, owner_name="Anna") == data  # the same file again: same UIDs, same stamps
    translated = to_ics(entries[:1], owner_name="", summary="Vorstellungsgespräch: {title} bei {company}")
    assert str(Calendar.from_ical(translated).walk("VEVENT")[0]["summary"]).startswith("Vorstellungsgespräch")


def test_ics_stays_one_calendar_with_a_line_break_in_the_name_or_a_stored_link():
    """A person's name with a line break, and a link stored before links were checked, neither break
    the file: the name is one line, a link that is no URI is left out of its event."""
    broken = entry("a", interview_at=datetime(2026, 12, 4, 14, 0, tzinfo=UTC))
    broken.apply_link = "https://e.com/a\nb"
    calendar = Calendar.from_ical(to_ics([broken, entry("b", interview_at=CREATED)], owner_name="Anna\nB"))
    assert str(calendar["x-wr-calname"]) == "Interviews — Anna B"
    first, second = calendar.walk("VEVENT")
    assert "url" not in first and str(second["url"]) == "https://jobs.example.com/b"


def test_ics_leaves_out_the_interviews_of_applications_rejected_or_withdrawn():
    moment = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    entries = [entry(name, interview_at=moment, stage=stage)
               for name, stage in (("a", "interview"), ("b", "rejected"), ("c", "withdrawn"), ("d", "offer"))]
    assert [str(e["uid"]) for e in Calendar.from_ical(to_ics(entries, owner_name="")).walk("VEVENT")] == [
        "a@tracker.job-agent", "d@tracker.job-agent"]
