"""/api/v1/tracker on the real server: each key sees only its own entries, every bad input is a 4xx that says
why, and the exports open in the standard library's csv module and the icalendar parser."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import httpx
import pytest
from icalendar import Calendar

from tests.support.polling import wait_finished

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
COMPANY = 'Müller, Söhne & "Partner" — 株式会社'


def add(client: httpx.Client, **body) -> dict:
    response = client.post("/api/v1/tracker", json={"title": "Data engineer", "company": COMPANY,
                                                    "apply_link": "https://jobs.example.com/1", **body})
    assert response.status_code == 201, response.text
    return response.json()


def detail(response: httpx.Response) -> str:
    body = response.json()["detail"]
    return body if isinstance(body, str) else " | ".join(error["msg"] for error in body)


def test_without_a_key_every_route_is_401(api_stack):
    for method, path in [("GET", ""), ("POST", ""), ("GET", "/x"), ("PATCH", "/x"), ("DELETE", "/x"),
                         ("GET", "/export.csv"), ("GET", "/interviews.ics")]:
        response = httpx.request(method, f"{api_stack.base_url}/api/v1/tracker{path}", json={"stage": "applied"})
        assert response.status_code == 401, (method, path, response.text)


def test_another_keys_entry_is_as_good_as_missing(client_a, client_b):
    entry = add(client_a)
    assert client_a.get(f"/api/v1/tracker/{entry['id']}").json()["company"] == COMPANY
    for response in (client_b.get(f"/api/v1/tracker/{entry['id']}"),
                     client_b.patch(f"/api/v1/tracker/{entry['id']}", json={"stage": "applied"}),
                     client_b.delete(f"/api/v1/tracker/{entry['id']}")):
        assert response.status_code == 404 and detail(response) == "No tracked application with that id."
    assert entry["id"] not in {e["id"] for e in client_b.get("/api/v1/tracker").json()["entries"]}
    assert entry["id"] not in client_b.get("/api/v1/tracker/export.csv").text
    assert client_a.get(f"/api/v1/tracker/{entry['id']}").json()["stage"] == "saved"  # untouched by B
    for odd in ("1", "%00", "x" * 37, "%ED%A0%80"):
        assert client_a.get(f"/api/v1/tracker/{odd}").status_code == 404


def test_an_entry_moves_gets_notes_and_an_interview_and_is_deleted(client_a):
    entry = add(client_a)
    assert entry["stage"] == "saved" and entry["next_stages"] == ["applied", "interview", "offer", "rejected",
                                                                  "withdrawn"]
    url = f"/api/v1/tracker/{entry['id']}"
    moved = client_a.patch(url, json={"stage": "applied", "note": "sent, via the portal", "follow_up_days": 5})
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert (body["stage"], body["follow_up_days"], [n["text"] for n in body["notes"]]) == (
        "applied", 5, ["sent, via the portal"])
    interview = client_a.patch(url, json={"interview_at": "2026-12-04T14:00:00+01:00"}).json()
    assert interview["stage"] == "interview"
    assert datetime.fromisoformat(interview["interview_at"]) == datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
    listed = client_a.get("/api/v1/tracker", params={"stage": "interview"}).json()["entries"]
    assert entry["id"] in {e["id"] for e in listed} and {e["stage"] for e in listed} == {"interview"}
    assert client_a.delete(url).status_code == 204
    assert client_a.get(url).status_code == 404


@pytest.mark.parametrize("body, status, says", [
    ({"stage": "hired"}, 422, "'saved', 'applied', 'interview', 'offer', 'rejected' or 'withdrawn'"),
    ({"interview_at": "2026-12-04T14:00:00"}, 422, "timezone"),
    ({"interview_at": "next friday"}, 422, "valid datetime"),
    ({"interview_at": "0001-01-01T00:00:00+14:00"}, 422, "between the years 2000 and 2100"),
    ({"note": "x" * 1001}, 422, "at most 1000 characters"),
    ({"note": "   "}, 422, "The note is empty"),
    ({"follow_up_days": 0}, 422, "greater than or equal to 1"),
    ({"colour": "red"}, 422, "Extra inputs are not permitted"),
])
def test_a_bad_change_is_refused_with_the_reason_and_changes_nothing(client_a, body, status, says):
    entry = add(client_a)
    response = client_a.patch(f"/api/v1/tracker/{entry['id']}", json={"stage": "applied", **body}
                              if "stage" not in body else body)
    assert response.status_code == status and says in detail(response), response.text
    assert client_a.get(f"/api/v1/tracker/{entry['id']}").json()["stage"] == "saved"


def test_an_impossible_move_is_409_naming_the_moves_there_are(client_a):
    entry = add(client_a)
    url = f"/api/v1/tracker/{entry['id']}"
    assert client_a.patch(url, json={"stage": "rejected"}).status_code == 200
    response = client_a.patch(url, json={"stage": "offer"})
    assert response.status_code == 409
    assert detail(response) == "“Data engineer” is rejected, so it cannot go to offer. From rejected it can go to saved."


def test_a_lone_surrogate_is_refused_not_a_server_error(client_a):
    entry = add(client_a)
    for url, method, raw in (("/api/v1/tracker", "POST", b'{"title": "Dev \\ud800"}'),
                             (f"/api/v1/tracker/{entry['id']}", "PATCH", b'{"note": "hi \\udfff"}')):
        response = client_a.request(method, url, content=raw, headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and "valid string" in detail(response), response.text


@pytest.mark.parametrize("body, says", [
    ({}, "give job_id"), ({"title": "  "}, "give job_id"), ({"job_id": "j", "title": "x"}, "not both"),
    ({"title": "Dev", "apply_link": "javascript:alert(1)"}, "web address"),
    ({"title": "Dev", "apply_link": "https://e.com/a\nb"}, "web address"),  # no URI: it broke the .ics export
    ({"title": "x" * 301}, "at most 300 characters"),
])
def test_a_bad_new_entry_is_422_with_the_reason(client_a, body, says):
    response = client_a.post("/api/v1/tracker", json=body)
    assert response.status_code == 422 and says in detail(response), response.text


def test_a_job_from_a_completed_search_is_tracked_once_and_only_for_its_key(client_a, client_b):
    search = client_a.post("/api/v1/discovery", json={"query": "python developer", "num_results": 5}).json()
    wait_finished(client_a, f"/api/v1/discovery/{search['job_search_id']}/status")
    tracked = {e["job_id"] for e in client_a.get("/api/v1/tracker").json()["entries"]}  # by other tests' letters
    job = next(job for job in client_a.get(f"/api/v1/discovery/{search['job_search_id']}").json()["jobs"]
               if job["job_id"] not in tracked)
    created = client_a.post("/api/v1/tracker", json={"job_id": job["job_id"]})
    assert created.status_code == 201 and created.json()["title"] == job["title"]
    again = client_a.post("/api/v1/tracker", json={"job_id": job["job_id"]})
    assert again.status_code == 409 and created.json()["id"] in detail(again)
    other = client_b.post("/api/v1/tracker", json={"job_id": job["job_id"]})
    assert other.status_code == 404 and "No job with that job_id" in detail(other)


def test_the_exports_open_in_a_csv_reader_and_a_calendar_parser(client_b):
    with_interview = add(client_b)
    client_b.patch(f"/api/v1/tracker/{with_interview['id']}", json={"interview_at": "2026-12-04T09:30:00-05:00"})
    plain = add(client_b, company="Zweite AG")
    response = client_b.get("/api/v1/tracker/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="applications.csv"'
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline=""))}
    assert rows[with_interview["id"]]["company"] == COMPANY and rows[plain["id"]]["company"] == "Zweite AG"
    response = client_b.get("/api/v1/tracker/interviews.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    event = events[f"{with_interview['id']}@tracker.job-agent"]
    assert f"{plain['id']}@tracker.job-agent" not in events
    assert event.decoded("dtstart") == datetime(2026, 12, 4, 14, 30, tzinfo=UTC)
    assert str(event["summary"]) == f"Interview: Data engineer at {COMPANY}"


def test_the_tracker_is_described_in_openapi(api_stack):
    schema = httpx.get(api_stack.base_url + "/openapi.json").json()
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/tracker"])
    assert {"get", "patch", "delete"} <= set(schema["paths"]["/api/v1/tracker/{tracked_id}"])
    assert "/api/v1/tracker/export.csv" in schema["paths"] and "/api/v1/tracker/interviews.ics" in schema["paths"]
    stage = schema["components"]["schemas"]["TrackedUpdate"]["properties"]["stage"]
    assert "withdrawn" in str(stage)
