"""The REST API (/api/v1/*) and the operations routes under fuzzing: a wrong or undecodable X-API-Key is
401/403 and stores nothing; with the key, JSON bodies of every odd shape, near-valid bodies with odd values,
odd multipart uploads, odd record ids and odd Idempotency-Key headers are answered below 500, and a refused
request stores nothing."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import API_KEY, shown
from tests.fuzz.strategies import (
    QUIET,
    any_body,
    content_types,
    dumps,
    fuzz,
    header_bytes,
    json_values,
    odd_numbers,
    odd_text,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]
JSON_POSTS = ["/api/v1/discovery", "/api/v1/matching", "/api/v1/jobs", "/api/v1/alerts", "/api/v1/tracker"]
PATCHES = ["/api/v1/alerts/{id}", "/api/v1/tracker/{id}"]
GETS = ["/api/v1/discovery/{id}", "/api/v1/discovery/{id}/status", "/api/v1/matching/{id}",
        "/api/v1/matching/{id}/status", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/status", "/api/v1/profiling/{id}",
        "/api/v1/profiling/{id}/status", "/api/v1/alerts/{id}", "/api/v1/alerts/{id}/digests",
        "/api/v1/tracker/{id}", "/api/v1/alerts", "/api/v1/tracker", "/api/v1/tracker/export.csv",
        "/api/v1/tracker/interviews.ics", "/admin/stats"]
FIELDS = ["query", "location", "num_results", "max_age_days", "webhook_url", "profile_id", "job_search_id", "job_id",
          "language", "title", "company", "apply_link", "stage", "note", "interview_at", "follow_up_days", "every",
          "send_at", "weekday", "timezone", "quiet_hours", "active", "refinement", "min_score", "results"]
field_values = st.one_of(odd_text, odd_numbers, json_values,
                         st.sampled_from(["python", "Berlin", "http://127.0.0.1:9/hook", "https://example.com/x",
                                          "http://[::1]:99999/", "file:///etc/passwd", "de", "applied", "daily",
                                          "07:30", "25:99", "Europe/Berlin", "Mars/Olympus", "22:00-07:00",
                                          "2026-13-40T99:00:00", "2026-12-01T10:00:00+02:00", "0", "-1"]))
near_valid = st.dictionaries(st.sampled_from(FIELDS), field_values, min_size=1, max_size=6)
ids = st.one_of(st.sampled_from(["0", "-1", "1", "99999999999999999999999", "1e9", "nan", "%00", "%ff", "%ed%a0%80",
                                 "..", "%2e%2e", "a" * 600, "None", "export.csv"]),
                st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=20))


def keyed(**headers) -> dict:
    return {"X-API-Key": API_KEY, **headers}


def _refused_stores_nothing(app, before, response) -> None:
    assert response.status_code < 500, shown(response)
    if response.status_code >= 400:
        assert app.counts() == before, shown(response)


@fuzz(80)
@given(key=st.one_of(st.none(), header_bytes, st.just(API_KEY.encode() + b"\xff"), st.just(API_KEY[:-1].encode())),
       path=st.sampled_from(JSON_POSTS + ["/api/v1/profiling"]), body=st.one_of(any_body, near_valid.map(dumps)),
       content_type=content_types)
def test_a_wrong_or_missing_key_is_refused_and_nothing_is_stored(app, key, path, body, content_type):
    headers = {"Content-Type": content_type} | ({} if key is None else {"X-API-Key": key})
    before = app.counts()
    response = app.request("POST", path, content=body, headers=headers)
    assert response.status_code in (401, 403, 413), shown(response)
    assert app.counts() == before


@fuzz(40)
@given(key=st.one_of(st.none(), header_bytes), path=st.sampled_from(GETS), record_id=ids)
def test_reads_with_a_wrong_or_missing_key_are_refused(app, key, path, record_id):
    headers = {} if key is None else {"X-API-Key": key}
    response = app.request("GET", path.replace("{id}", record_id), headers=headers)
    assert response.status_code in (401, 403, 404), shown(response)


@fuzz(120)
@given(path=st.sampled_from(JSON_POSTS), body=st.one_of(near_valid.map(dumps), json_values.map(dumps), any_body),
       content_type=st.one_of(st.just(b"application/json"), content_types))
def test_odd_json_bodies_with_the_key_are_answered_below_500_and_refusals_store_nothing(app, path, body,
                                                                                        content_type):
    before = app.counts()
    response = app.request("POST", path, content=body, headers=keyed(**{"Content-Type": content_type}))
    _refused_stores_nothing(app, before, response)


@fuzz(60)
@given(path=st.sampled_from(PATCHES), record_id=ids, body=st.one_of(near_valid.map(dumps), any_body))
def test_odd_patches_with_the_key_are_answered_below_500_and_store_nothing(app, path, record_id, body):
    before = app.counts()
    response = app.request("PATCH", path.replace("{id}", record_id), content=body,
                           headers=keyed(**{"Content-Type": "application/json"}))
    _refused_stores_nothing(app, before, response)


@fuzz(50)
@given(path=st.sampled_from(GETS), record_id=ids, method=st.sampled_from(["GET", "GET", "DELETE"]),
       query=st.dictionaries(st.sampled_from(["stage", "format", "limit", "after", "zzz"]), odd_text, max_size=2))
def test_odd_record_ids_and_queries_with_the_key_are_answered_below_500(app, path, record_id, method, query):
    before = app.counts()
    params = {key: value.encode("utf-8", "surrogatepass") for key, value in query.items()}
    response = app.request(method, path.replace("{id}", record_id), params=params, headers=keyed())
    _refused_stores_nothing(app, before, response)


@st.composite
def uploads(draw) -> dict:
    """Multipart bodies with odd parts: names, file names, content types, sizes, extra fields, none at all."""
    count = draw(st.integers(0, 3))
    files = [(draw(st.sampled_from(["pdf_files", "pdf_files", "file", "pdf_files[]", ""])),
              (draw(odd_text).encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
               draw(st.one_of(st.binary(max_size=64), st.sampled_from([b"%PDF-1.4\n%%EOF", b"%PDF-", b""]))),
               draw(st.sampled_from(["application/pdf", "text/plain", "", "application/octet-stream"]))))
             for _ in range(count)]
    data = draw(st.dictionaries(st.sampled_from(["webhook_url", "language", "zzz"]), odd_text, max_size=2))
    return {"files": files, "data": {key: value.encode("utf-8", "surrogatepass") for key, value in data.items()}}


@fuzz(40)
@given(upload=uploads())
def test_odd_uploads_with_the_key_are_answered_below_500_and_refusals_store_nothing(app, upload):
    before = app.counts()
    response = app.request("POST", "/api/v1/profiling", headers=keyed(), files=upload["files"] or None,
                           data=upload["data"] or None)
    _refused_stores_nothing(app, before, response)


@fuzz(40)
@given(body=st.one_of(any_body, json_values.map(dumps)), content_type=content_types)
def test_bodies_that_are_not_multipart_to_profiling_are_refused_and_store_nothing(app, body, content_type):
    before = app.counts()
    response = app.request("POST", "/api/v1/profiling", content=body, headers=keyed(**{"Content-Type": content_type}))
    assert 400 <= response.status_code < 500, shown(response)
    assert app.counts() == before


@fuzz(50)
@given(idempotency_key=header_bytes, body=st.sampled_from([{"query": "python"}, {"query": ""}, {"title": "Data"}]),
       path=st.sampled_from(["/api/v1/discovery", "/api/v1/tracker"]))
def test_odd_idempotency_keys_are_answered_below_500(app, idempotency_key, body, path):
    """A well-formed key keeps its first answer, a refusal included (bot.api.idempotency, by design): that row is
    the only one a refused request may leave; the same request again gets the same status."""
    before = app.counts()
    headers = keyed(**{"Content-Type": "application/json", "Idempotency-Key": idempotency_key})
    first = app.request("POST", path, content=dumps(body), headers=headers)
    assert first.status_code < 500, shown(first)
    if first.status_code >= 400:
        after = app.counts()
        assert {**after, "idempotency_keys": 0} == {**before, "idempotency_keys": 0}, shown(first)
    again = app.request("POST", path, content=dumps(body), headers=headers)
    assert again.status_code == first.status_code, shown(again)


ROUTES = [("POST", "/api/v1/discovery", "X-API-Key", API_KEY), ("POST", "/api/v1/profiling", "X-API-Key", API_KEY),
          ("POST", "/telegram/webhook", "X-Telegram-Bot-Api-Secret-Token", "fuzz-telegram-secret"),
          ("POST", "/slack/events", "X-Slack-Signature", "v0=00"), ("POST", "/hooks/task-events", "X-Other", ""),
          ("POST", "/local/messages", "X-Local-Token", None)]
content_lengths = st.one_of(st.sampled_from([b"0", b"1", b"-1", b"1.5", b"abc", b"", b" 3", b"99999999999999999999",
                                             b"0x10", b"1,1", b"\xff"]), st.integers(0, 10**7).map(lambda n: b"%d" % n))


@fuzz(80)
@given(route=st.sampled_from(ROUTES), content_length=content_lengths, body=st.sampled_from([b"", b"{}", b'{"query": "x"}']))
def test_a_content_length_that_is_not_the_bodys_is_answered_below_500(app, route, content_length, body):
    """A declared length that is wrong, negative, huge or not a number (an in-process client can send one that a
    server's HTTP parser would refuse): never a 500, and nothing stored."""
    method, path, header, value = route
    headers = {"Content-Length": content_length, "Content-Type": "application/json",
               header: app.local_token if value is None else value}
    before = app.counts()
    response = app.request(method, path, content=body, headers=headers)
    assert response.status_code < 500, shown(response)
    if response.status_code >= 400:
        assert app.counts() == before, shown(response)


@fuzz(60)
@given(path=st.sampled_from(["/metrics", "/admin/stats"]),
       authorization=st.one_of(st.none(), header_bytes, st.just(b"Bearer "), st.just(b"Bearer \xff")),
       key=st.one_of(st.none(), header_bytes))
def test_the_metrics_and_stats_routes_answer_odd_credentials_below_500(app, path, authorization, key):
    headers = ({} if authorization is None else {"Authorization": authorization}) | ({} if key is None else
                                                                                      {"X-API-Key": key})
    response = app.request("GET", path, headers=headers)
    assert response.status_code < 500, shown(response)
