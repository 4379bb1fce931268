"""/api/v1/alerts on the real `job-agent serve` (PostgreSQL, Redis): create, list, change, delete, the
digests and their jobs; per-key isolation; every bad input a 4xx naming the field."""
from __future__ import annotations

import httpx
import pytest

from bot.api.auth import api_key_id
from storage.models import JobSearch, utcnow
from tests.bot.api.conftest import HOOK_PORT, KEY_A

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
ALERT_FIELDS = {"alert_id", "status", "paused_reason", "query", "location", "frequency", "send_at", "weekday",
                "timezone", "quiet_hours", "webhook_url", "next_run_at", "last_run_at", "created_at", "digests_url"}


def created(client: httpx.Client, **body) -> dict:
    response = client.post("/api/v1/alerts", json={"query": "data engineer", **body})
    assert response.status_code == 201, response.text
    return response.json()


def test_an_alert_is_created_with_its_schedule_and_listed_for_its_key_only(client_a, client_b):
    alert = created(client_a, query="data engineer", location="Hamburg", send_at="7:30", timezone="europe/berlin",
                    quiet_hours="22-7", webhook_url=f"http://127.0.0.1:{HOOK_PORT}/digests")
    assert ALERT_FIELDS == alert.keys()
    assert (alert["query"], alert["location"], alert["frequency"], alert["send_at"], alert["timezone"],
            alert["quiet_hours"], alert["status"]) == ("data engineer", "Hamburg", "daily", "07:30", "Europe/Berlin",
                                                       "22:00-07:00", "active")
    assert alert["webhook_url"] == f"http://127.0.0.1:{HOOK_PORT}/digests"
    assert alert["digests_url"] == f"/api/v1/alerts/{alert['alert_id']}/digests"
    other = created(client_b, query="nurse", location="Köln", frequency="weekly", weekday=4)
    assert (other["frequency"], other["weekday"], other["send_at"]) == ("weekly", 4, "08:00")
    ids_a = [a["alert_id"] for a in client_a.get("/api/v1/alerts").json()["alerts"]]
    assert alert["alert_id"] in ids_a and other["alert_id"] not in ids_a
    assert client_a.get(f"/api/v1/alerts/{alert['alert_id']}").json() == alert


def test_the_same_search_again_updates_the_alert_instead_of_adding_one(client_a):
    first = created(client_a, query="Rust developer", location="Leipzig")
    again = created(client_a, query="rust developer", location="leipzig", send_at="09:15")
    assert again["alert_id"] == first["alert_id"] and again["send_at"] == "09:15"


def test_another_keys_alert_is_missing_and_no_key_is_401(client_a, client_b, api_stack):
    alert_id = created(client_a, query="welder")["alert_id"]
    for method, path in [("GET", ""), ("PATCH", ""), ("DELETE", ""), ("GET", "/digests")]:
        kwargs = {"json": {"status": "paused"}} if method == "PATCH" else {}
        assert client_b.request(method, f"/api/v1/alerts/{alert_id}{path}", **kwargs).status_code == 404
        assert httpx.request(method, f"{api_stack.base_url}/api/v1/alerts/{alert_id}{path}",
                             **kwargs).status_code == 401
    assert client_a.get(f"/api/v1/alerts/{alert_id}").json()["status"] == "active"  # B's tries changed nothing
    assert client_b.get("/api/v1/alerts/" + "x" * 300).status_code == 404


def test_an_alert_is_paused_resumed_rescheduled_and_deleted(client_a):
    alert_id = created(client_a, query="electrician", location="Bremen")["alert_id"]
    path = f"/api/v1/alerts/{alert_id}"
    paused = client_a.patch(path, json={"status": "paused"}).json()
    assert (paused["status"], paused["paused_reason"]) == ("paused", "user")
    moved = client_a.patch(path, json={"status": "active", "frequency": "weekly", "weekday": 0, "send_at": "18:45",
                                       "timezone": "America/New_York", "quiet_hours": "off"}).json()
    assert (moved["status"], moved["paused_reason"], moved["frequency"], moved["weekday"], moved["send_at"],
            moved["timezone"], moved["quiet_hours"]) == ("active", None, "weekly", 0, "18:45", "America/New_York",
                                                         None)
    assert moved["next_run_at"] != paused["next_run_at"]
    assert client_a.delete(path).status_code == 204
    assert client_a.get(path).status_code == 404
    assert client_a.delete(path).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"query": ""}, "query"),
    ({"query": "   "}, "query"),
    ({"query": "x" * 151}, "query"),
    ({"query": "data", "location": "y" * 81}, "location"),
    ({"query": "data", "frequency": "hourly"}, "frequency"),
    ({"query": "data", "send_at": "25:00"}, "send_at"),
    ({"query": "data", "send_at": "soon"}, "send_at"),
    ({"query": "data", "timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"query": "data", "quiet_hours": "22:00-22:00"}, "quiet_hours"),
    ({"query": "data", "frequency": "weekly", "weekday": 7}, "weekday"),
    ({"query": "data", "weekday": True}, "weekday"),
    ({"query": "data", "colour": "blue"}, "colour"),
    ({"query": "data", "webhook_url": "http://10.0.0.7/hook"}, "webhook_url"),
    ({"query": "data", "webhook_url": "file:///etc/passwd"}, "webhook_url"),
])
def test_every_bad_field_is_a_422_that_names_it(client_a, body, field):
    response = client_a.post("/api/v1/alerts", json=body)
    assert response.status_code == 422, response.text
    assert field in [str(part) for error in response.json()["detail"] for part in error["loc"]]


@pytest.mark.parametrize("raw", [
    b'{"query": "data \\ud800 engineer"}',
    b'{"query": "data", "location": "\\udfff"}',
    b'{"query": "data", "timezone": "Europe/\\ud83d"}',
    b'{"query": "data\\u0000"}',
])
def test_lone_surrogates_and_nul_are_refused_not_a_500(client_a, raw):
    response = client_a.post("/api/v1/alerts", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text


def test_bad_changes_change_nothing(client_a):
    alert = created(client_a, query="baker", send_at="06:00")
    path = f"/api/v1/alerts/{alert['alert_id']}"
    for body in ({"send_at": "6:00", "timezone": "Nowhere/Land"}, {"status": "sleeping"}, {"frequency": "monthly"},
                 {"quiet_hours": "later"}, {"query": "other"}):
        assert client_a.patch(path, json=body).status_code == 422, body
    assert client_a.get(path).json() == alert


def test_the_digests_of_an_alert_are_listed_and_served_by_discovery_to_its_key_only(client_a, client_b, api_stack):
    alert_id = created(client_a, query="data analyst", location="Hamburg")["alert_id"]
    job = {"job": {"job_id": "j1", "title": "Data Analyst"}, "score": 80}
    with api_stack.session() as session:
        digests = [JobSearch(query="data analyst", location="Hamburg", status="completed", completed_at=utcnow(),
                             matches=[job] * count, api_key_id=api_key_id(KEY_A), alert_id=alert_id)
                   for count in (3, 1)]
        session.add_all(digests)
        session.commit()
        digest_ids = [digest.id for digest in digests]
    listed = client_a.get(f"/api/v1/alerts/{alert_id}/digests").json()
    assert listed["alert_id"] == alert_id
    assert sorted((d["job_search_id"], d["job_count"]) for d in listed["digests"]) == sorted(
        zip(digest_ids, (3, 1), strict=True))
    for digest in listed["digests"]:
        assert digest["result_url"] == f"/api/v1/discovery/{digest['job_search_id']}"
        served = client_a.get(digest["result_url"])
        assert served.status_code == 200 and served.json()["job_search_id"] == digest["job_search_id"]
        assert client_b.get(digest["result_url"]).status_code == 404
    assert client_a.get(f"/api/v1/alerts/{alert_id}/digests", params={"limit": 1}).json()["digests"][0][
        "job_search_id"] in digest_ids
    assert client_a.get(f"/api/v1/alerts/{alert_id}/digests", params={"limit": 0}).status_code == 422


def test_the_openapi_schema_names_the_alert_models(client_a):
    spec = client_a.get("/openapi.json").json()
    assert {"AlertCreate", "AlertChange", "Alert", "AlertList", "DigestList"} <= spec["components"]["schemas"].keys()
    post = spec["paths"]["/api/v1/alerts"]["post"]
    assert "201" in post["responses"] and "409" in post["responses"]


def test_stored_times_are_written_with_their_zone_on_every_answer(client_a):
    """SQLite hands stored times back without their zone: a POST answered "…Z" and the GET after it
    did not, for the same field."""
    created = client_a.post("/api/v1/alerts", json={"query": "zone check", "location": "Hamburg"}).json()
    again = client_a.get(f"/api/v1/alerts/{created['alert_id']}").json()
    patched = client_a.patch(f"/api/v1/alerts/{created['alert_id']}", json={"send_at": "09:15"}).json()
    for answer in (created, again, patched):
        for field in ("next_run_at", "created_at"):
            assert answer[field].endswith(("Z", "+00:00")), (field, answer[field])
    tracked = client_a.post("/api/v1/tracker", json={"title": "Zone check"}).json()
    listed = client_a.get(f"/api/v1/tracker/{tracked['id']}").json()
    assert all(listed[field].endswith(("Z", "+00:00")) for field in ("created_at", "stage_changed_at"))
