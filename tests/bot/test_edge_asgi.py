"""The HTTP edge on the real app in-process (no server): unauthenticated requests refused before their body is
read, bodies capped as they stream, security headers and no-store on every answer, /metrics and /admin/stats
access, and the completion webhook's key kept apart from the callers' (issue 15)."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field

import pytest

from bot.api.auth import api_key_id
from bot.app import create_app
from config import Settings
from delivery.signing import signature_headers
from storage.db import session_factory
from storage.migrate import upgrade_database
from tests.support.records import add_record
from tests.support.slack_standin import sign

KEY, OTHER, ADMIN = "edge-key-0123456789", "edge-other-9876543210", "edge-admin-5555555555"
SLACK_SECRET = "edge-slack-signing-secret"
CHUNK = b"x" * 16384
FILE_PART = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n\r\n%PDF-1.7\n'


# --- one request straight into the ASGI app, counting the body chunks it asks for ------------------------------

@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    chunks_read: int = 0  # body chunks the app asked for
    bytes_read: int = 0
    header_list: list[tuple[str, str]] = field(default_factory=list)


def call(app, method: str, path: str, *, headers: dict[str, str] | list[tuple[bytes, bytes]] | None = None,
         chunks: list[bytes] = (), client: tuple[str, int] = ("127.0.0.1", 50000), query: bytes = b"",
         root_path: str = "") -> Answer:
    """One HTTP request straight into ``app``; ``headers`` as str pairs (encoded Latin-1) or raw byte pairs."""
    if isinstance(headers, dict) or headers is None:
        raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()]
    else:
        raw = list(headers)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": root_path + path, "raw_path": (root_path + path).encode(), "query_string": query, "root_path": root_path,
             "headers": raw,
             "client": client, "server": ("127.0.0.1", 8000), "state": {}}
    answer = Answer(0, {}, b"")
    pending = list(chunks)

    async def receive():
        if not pending:
            if answer.chunks_read == 0 and not chunks:
                answer.chunks_read += 1
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.sleep(3600)  # the client sends nothing more: only a disconnect would follow
        chunk = pending.pop(0)
        answer.chunks_read += 1
        answer.bytes_read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message):
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.header_list = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
            answer.headers = {k.lower(): v for k, v in answer.header_list}
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")

    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    return answer


@pytest.fixture
def settings(tmp_path):
    return Settings(job_agent_data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'edge.sqlite3'}",
                    api_keys=f"{KEY},{OTHER}", admin_api_keys=ADMIN, max_upload_mb=1, webhook_secret="bot-hook-key",
                    slack_signing_secret=SLACK_SECRET)


@pytest.fixture
def app(settings):
    return create_app(settings)


def json_post(app, path, body=b'{"query": "python"}', **headers):
    return call(app, "POST", path, headers={"content-type": "application/json",
                                            "content-length": str(len(body)), **headers}, chunks=[body])


# --- refused before the body is read -------------------------------------------------------------------------

@pytest.mark.parametrize("headers, status", [({}, 401), ({"x-api-key": "not-a-key"}, 401),
                                             ({"x-api-key": "schlüssel"}, 401)])
def test_the_rest_api_refuses_a_missing_or_wrong_key_without_reading_the_body(app, headers, status):
    answer = call(app, "POST", "/api/v1/discovery", headers={"transfer-encoding": "chunked", **headers},
                  chunks=[CHUNK] * 64)
    assert answer.status == status and answer.chunks_read == 0
    assert answer.headers["www-authenticate"] == "ApiKey" and answer.headers["connection"] == "close"
    assert json.loads(answer.body)["detail"]


def test_a_root_path_prefix_does_not_walk_around_the_gate(app):
    answer = call(app, "POST", "/api/v1/discovery", root_path="/behind-proxy", chunks=[CHUNK],
                  headers={"transfer-encoding": "chunked"})
    assert answer.status == 401 and answer.chunks_read == 0


def test_the_rest_api_is_403_before_the_body_when_no_keys_are_configured(tmp_path):
    app = create_app(Settings(job_agent_data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}"))
    answer = json_post(app, "/api/v1/discovery", **{"x-api-key": KEY})
    assert answer.status == 403 and answer.chunks_read == 0


@pytest.mark.parametrize("token", [None, b"wrong", "jeton-étrange".encode(), b"\xff\xfe"])
def test_the_local_chat_refuses_a_missing_wrong_or_non_ascii_token_before_the_body(app, token):
    headers = [(b"content-type", b"multipart/form-data; boundary=xyz"), (b"transfer-encoding", b"chunked")]
    if token is not None:
        headers.append((b"x-local-token", token))
    answer = call(app, "POST", "/local/cv", headers=headers, chunks=[CHUNK] * 64)
    assert answer.status == 401 and answer.chunks_read == 0


def test_a_non_ascii_token_on_a_local_get_is_401_not_500(app):
    answer = call(app, "GET", "/local/updates", headers=[(b"x-local-token", "é".encode())], query=b"chat=a&timeout=0")
    assert answer.status == 401


def test_the_local_chat_with_its_token_is_served(app, settings):
    from bot.local.token import local_token

    answer = call(app, "GET", "/local/updates", headers={"x-local-token": local_token(settings)},
                  query=b"chat=a&timeout=0")
    assert answer.status == 200 and json.loads(answer.body) == []


@pytest.mark.parametrize("headers", [
    {},
    {"X-JobAgent-Signature": "v1=00"},
    {"X-JobAgent-Timestamp": str(int(time.time()))},
    {"X-JobAgent-Timestamp": str(int(time.time()) - 301), "X-JobAgent-Signature": "v1=00"},
    {"X-JobAgent-Timestamp": "soon", "X-JobAgent-Signature": "v1=00"},
])
def test_the_completion_webhook_refuses_unsigned_or_stale_events_before_the_body(app, headers):
    answer = call(app, "POST", "/hooks/task-events", headers={"transfer-encoding": "chunked", **headers},
                  chunks=[CHUNK] * 64)
    assert answer.status == 401 and answer.chunks_read == 0


def test_an_event_signed_for_a_callers_webhook_is_refused_by_the_bots_hook(app, settings):
    """A REST caller receives events signed with the callers' key; replayed to the bot's hook, they are 401."""
    assert settings.resolved_api_webhook_secret() != settings.resolved_webhook_secret()
    body = json.dumps({"type": "outcome", "notification_id": 1}).encode()
    replayed = json_post(app, "/hooks/task-events", body, **signature_headers(settings.resolved_api_webhook_secret(), body))
    assert replayed.status == 401


def test_the_callers_key_is_generated_apart_and_kept(tmp_path):
    settings = Settings(job_agent_data_dir=tmp_path)
    callers = settings.resolved_api_webhook_secret()
    assert callers != settings.resolved_webhook_secret() and len(callers) >= 40
    assert (tmp_path / "api-webhook-secret").read_text().strip().encode() == callers
    assert Settings(job_agent_data_dir=tmp_path).resolved_api_webhook_secret() == callers
    assert (tmp_path / "api-webhook-secret").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("headers", [
    {},
    {"x-slack-signature": "v0=00"},
    {"x-slack-request-timestamp": str(int(time.time()))},
    {"x-slack-request-timestamp": str(int(time.time()) - 301), "x-slack-signature": "v0=00"},
    {"x-slack-request-timestamp": "now", "x-slack-signature": "v0=00"},
])
def test_slack_events_without_fresh_signature_headers_are_refused_before_the_body(app, headers):
    answer = call(app, "POST", "/slack/events", headers={"transfer-encoding": "chunked", **headers},
                  chunks=[CHUNK] * 64)
    assert answer.status == 401 and answer.chunks_read == 0


def test_a_wrongly_signed_slack_body_is_refused_and_never_logged(app, caplog):
    body = b"token=x&command=%2Fjobsearch&text=" + b"SECRET-BODY-" * 100
    headers = sign("not-the-secret", body)
    with caplog.at_level(logging.DEBUG):
        answer = call(app, "POST", "/slack/events", headers={"content-length": str(len(body)), **headers},
                      chunks=[body])
    assert answer.status == 401
    assert "SECRET-BODY" not in caplog.text and "signature" in caplog.text


@pytest.mark.parametrize("content_type, body", [
    ("application/json", b"\x80"), ("application/json", b"{"), ("application/json", b"[1]"),
    ("application/x-www-form-urlencoded", b"payload=null"),
    ("application/json", b'{"type": "event_callback", "authorizations": false, "event": {"type": "message"}}'),
])
def test_a_signed_slack_body_bolt_cannot_read_is_400_not_500(app, content_type, body):
    answer = call(app, "POST", "/slack/events", chunks=[body], headers={
        "content-type": content_type, "content-length": str(len(body)), **sign(SLACK_SECRET, body)})
    assert answer.status == 400


def test_a_slack_timestamp_that_is_not_plain_digits_is_401(app):
    for timestamp in ("+" + str(int(time.time())), str(int(time.time())) + ".5", "1_7", " 17", ""):
        answer = call(app, "POST", "/slack/events", chunks=[b"{}"], headers={
            "x-slack-request-timestamp": timestamp, "x-slack-signature": "v0=00", "content-length": "2"})
        assert answer.status == 401 and answer.chunks_read == 0, timestamp


def test_a_slack_body_over_its_256_kb_cap_is_413_even_when_signed(app):
    headers = sign(SLACK_SECRET, b"")  # fresh headers; the body never gets as far as the signature check
    answer = call(app, "POST", "/slack/events", headers={"transfer-encoding": "chunked", **headers},
                  chunks=[CHUNK] * 200)
    assert answer.status == 413 and answer.bytes_read <= 256 * 1024 + len(CHUNK)
    assert answer.headers["connection"] == "close"


# --- capped while it streams -----------------------------------------------------------------------------------

def test_an_authenticated_chunked_json_body_is_413_once_past_64_kb(app):
    answer = call(app, "POST", "/api/v1/discovery",
                  headers={"x-api-key": KEY, "content-type": "application/json", "transfer-encoding": "chunked"},
                  chunks=[CHUNK] * 640)
    assert answer.status == 413 and answer.bytes_read <= 64 * 1024 + len(CHUNK)
    assert answer.headers["connection"] == "close" and "65536 bytes" in json.loads(answer.body)["detail"]


def test_a_declared_length_over_the_cap_is_413_before_reading(app):
    answer = call(app, "POST", "/api/v1/discovery",
                  headers={"x-api-key": KEY, "content-type": "application/json", "content-length": "70000"},
                  chunks=[CHUNK] * 5)
    assert answer.status == 413 and answer.chunks_read == 0 and answer.headers["connection"] == "close"


def test_a_signed_completion_event_over_16_kb_is_413(app, settings):
    headers = signature_headers(settings.resolved_webhook_secret(), b"")
    answer = call(app, "POST", "/hooks/task-events", headers={"transfer-encoding": "chunked", **headers},
                  chunks=[CHUNK] * 8)
    assert answer.status == 413 and answer.bytes_read <= 2 * len(CHUNK)


def test_the_local_cv_route_is_capped_near_one_file(app, settings):
    from bot.local.token import local_token

    answer = call(app, "POST", "/local/cv", headers={
        "x-local-token": local_token(settings), "content-type": "multipart/form-data; boundary=xyz",
        "transfer-encoding": "chunked"}, chunks=[FILE_PART] + [CHUNK] * 100)
    assert answer.status == 413
    assert settings.max_upload_bytes < answer.bytes_read <= settings.max_upload_bytes + 64 * 1024 + 2 * len(CHUNK)


def test_a_small_body_within_its_cap_reaches_the_route(app):
    answer = json_post(app, "/api/v1/discovery", b'{"query": ""}', **{"x-api-key": KEY})
    assert answer.status == 422  # validated by the route: the edge let it through


# --- headers ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, headers", [
    ("GET", "/api/v1/discovery/nope/status", {}),  # refused by the gate
    ("GET", "/api/v1/discovery/nope/status", {"x-api-key": KEY}),  # answered by the route (404)
    ("GET", "/nowhere", {}),
    ("POST", "/hooks/task-events", {}),
])
def test_every_answer_carries_the_security_headers_and_no_store(app, settings, method, path, headers):
    upgrade_database(settings.resolved_database_url)
    answer = call(app, method, path, headers=headers)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert answer.headers["cache-control"] == "no-store"
    assert [name for name, _ in answer.header_list].count("cache-control") == 1


def test_the_api_docs_may_be_cached(app):
    answer = call(app, "GET", "/openapi.json")
    assert answer.status == 200 and "cache-control" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"


# --- /metrics and /admin/stats ------------------------------------------------------------------------------------

def test_metrics_without_a_token_are_for_loopback_clients_only(app):
    assert call(app, "GET", "/metrics").status == 200
    assert call(app, "GET", "/metrics", client=("::1", 5)).status == 200
    assert call(app, "GET", "/metrics", client=("::ffff:127.0.0.1", 5)).status == 200
    assert call(app, "GET", "/metrics", client=("203.0.113.9", 5)).status == 403
    assert call(app, "GET", "/metrics", client=("10.0.0.2", 5)).status == 403


def test_metrics_with_a_token_need_it_as_a_bearer_token_from_anywhere(tmp_path):
    app = create_app(Settings(job_agent_data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'm.sqlite3'}",
                              metrics_token="scrape-me"))
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": "Basic scrape-me"},
                    {"authorization": "scrape-me"}, {"authorization": "Bearer scrape-mé"}):
        answer = call(app, "GET", "/metrics", headers=headers)
        assert answer.status == 401 and answer.headers["www-authenticate"] == "Bearer", headers
    good = call(app, "GET", "/metrics", headers={"authorization": "Bearer scrape-me"}, client=("203.0.113.9", 5))
    assert good.status == 200 and b"job_agent_http_request_duration_seconds" in good.body


def test_admin_stats_show_an_admin_every_record_and_a_key_its_own(app, settings):
    upgrade_database(settings.resolved_database_url)
    with session_factory(settings.resolved_database_url)() as session:
        add_record(session, "profile", "pending", api_key_id=api_key_id(KEY))
        add_record(session, "profile", "completed", api_key_id=api_key_id(KEY))
        add_record(session, "job_search", "failed", api_key_id=api_key_id(OTHER), error_code="timeout")
        add_record(session, "application", "completed")  # a chat user's

    def stats(key):
        answer = call(app, "GET", "/admin/stats", headers={"x-api-key": key})
        assert answer.status == 200, answer.body
        return json.loads(answer.body)

    admin, own, other = stats(ADMIN), stats(KEY), stats(OTHER)
    assert admin["profiles"]["total"] == 2 and admin["job_searches"]["failed"] == 1
    assert admin["applications"]["completed"] == 1 and len(admin["dead_letters"]) == 1
    assert own["profiles"] == {"pending": 1, "processing": 0, "completed": 1, "failed": 0, "total": 2}
    assert own["job_searches"]["total"] == 0 and own["applications"]["total"] == 0 and own["dead_letters"] == []
    assert other["profiles"]["total"] == 0 and other["job_searches"]["failed"] == 1
    assert [letter["type"] for letter in other["dead_letters"]] == ["job_search"]
    assert set(own) == set(admin)  # the same document, about fewer records
    assert call(app, "GET", "/admin/stats", headers={"x-api-key": "nobody"}).status == 401
    assert call(app, "GET", "/admin/stats").status == 401


# --- never a 500 (found by the inbound fuzzing) -----------------------------------------------------------------

def test_a_content_length_that_is_not_a_number_is_400(app):
    answer = call(app, "POST", "/api/v1/discovery", headers={"x-api-key": KEY, "content-length": "1.5"}, chunks=[b"{}"])
    assert answer.status == 400 and answer.chunks_read == 0


@pytest.mark.parametrize("content_type, body", [("text/plain", b"\xff"), ("application/x-www-form-urlencoded", b"\xff"),
                                                ("application/json", b"NaN"),
                                                ("application/json", b'{"query": "x", "num_results": Infinity}'),
                                                ("application/json", b'{"query": {"a\\ud800b": null}}')])
def test_the_422_echo_of_bytes_or_non_finite_numbers_is_written(app, content_type, body):
    answer = json_post(app, "/api/v1/discovery", body, **{"x-api-key": KEY, "content-type": content_type})
    assert answer.status == 422 and json.loads(answer.body)["detail"]


@pytest.mark.parametrize("body", [b"", b"{", b"[1]", b'"x"', b"1", b"[" * 30000 + b"]" * 30000])
def test_a_local_message_that_is_not_a_json_object_is_400(app, settings, body):
    from bot.local.token import local_token

    answer = json_post(app, "/local/messages", body, **{"x-local-token": local_token(settings)})
    assert answer.status == 400


@pytest.mark.parametrize("event", [
    {"type": "outcome", "notification_id": "x"}, {"type": "outcome", "notification_id": 10**30},
    {"type": "outcome", "notification_id": True}, {"type": "outcome"}, {"type": "other"}, [1], "x",
    {"type": "progress", "record_type": "profile", "record_id": 1, "percent": 5, "stage": "s"},
    {"type": "progress", "record_type": "profile", "record_id": "r", "percent": "x", "stage": "s"},
    {"type": "progress", "record_type": "profile", "record_id": "r", "percent": None, "stage": "s"},
    {"type": "progress", "record_type": "", "record_id": "", "percent": 0, "stage": ""},
])
def test_a_signed_but_malformed_completion_event_is_400(app, settings, event):
    body = json.dumps(event).encode()
    answer = json_post(app, "/hooks/task-events", body, **signature_headers(settings.resolved_webhook_secret(), body))
    assert answer.status == 400


def test_a_signed_event_nested_past_the_parsers_stack_is_400(app, settings):
    body = b"[" * 8000 + b"]" * 8000
    answer = json_post(app, "/hooks/task-events", body, **signature_headers(settings.resolved_webhook_secret(), body))
    assert answer.status == 400


def test_idempotency_keys_are_checked_inside_the_edge(app):
    """The Idempotency-Key middleware runs after the auth gate: no key is 401 from the gate, a malformed key 400."""
    assert json_post(app, "/api/v1/discovery", **{"idempotency-key": "k"}).status == 401
    answer = json_post(app, "/api/v1/discovery", **{"x-api-key": KEY, "idempotency-key": "\t"})
    assert answer.status == 400 and answer.headers["x-content-type-options"] == "nosniff"


def test_a_local_cv_announced_by_a_size_within_the_limit_must_send_the_file(app, settings):
    from bot.local.token import local_token

    body = f"chat=lena&size={settings.max_upload_bytes}&filename=cv.pdf".encode()
    answer = json_post(app, "/local/cv", body, **{"x-local-token": local_token(settings),
                                                  "content-type": "application/x-www-form-urlencoded"})
    assert answer.status == 422 and "file" in json.loads(answer.body)["detail"]


def test_a_letter_pdf_is_served_no_store_and_not_framable(app, settings):
    """Issue 15: letter PDFs were served cacheable (ETag, no Cache-Control) behind a custom auth header."""
    from storage.files import save_document

    upgrade_database(settings.resolved_database_url)
    settings.ensure_dirs()
    name = save_document(settings, b"%PDF-1.7 a letter", "pdf")
    with session_factory(settings.resolved_database_url)() as session:
        letter = add_record(session, "application", "completed", api_key_id=api_key_id(KEY), document_file=name)
    answer = call(app, "GET", f"/api/v1/jobs/{letter.id}/document", headers={"x-api-key": KEY})
    assert answer.status == 200 and answer.body == b"%PDF-1.7 a letter"
    assert answer.headers["cache-control"] == "no-store" and answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert call(app, "GET", f"/api/v1/jobs/{letter.id}/document", headers={"x-api-key": OTHER}).status == 404


def test_a_body_trickled_slower_than_its_deadline_is_408_and_the_connection_closed(app, monkeypatch):
    """A Slack body must be read to its end before its signature can be checked: a client sending a byte every
    few seconds with fresh (forged) headers held a connection for ever. Past the body's deadline: 408."""
    import bot.ops.body_limit

    monkeypatch.setattr(bot.ops.body_limit, "body_deadline", lambda cap: 0.3)
    headers = sign(SLACK_SECRET, b"")
    raw = [(name.lower().encode(), value.encode()) for name, value in
           {"transfer-encoding": "chunked", **headers}.items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/slack/events", "raw_path": b"/slack/events", "query_string": b"", "root_path": "",
             "headers": raw, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}}
    sent: list[dict] = []
    trickled = 0

    async def receive():
        nonlocal trickled
        trickled += 1
        await asyncio.sleep(0.1)  # one byte every 0.1 s, never the end
        return {"type": "http.request", "body": b"x", "more_body": True}

    async def send(message):
        sent.append(message)

    started = time.monotonic()
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 10))
    start = next(message for message in sent if message["type"] == "http.response.start")
    assert start["status"] == 408
    assert (b"connection", b"close") in [(k.lower(), v) for k, v in start["headers"]]
    assert time.monotonic() - started < 5 and trickled < 20


def test_slack_bodies_held_before_their_signature_is_checked_are_bounded_the_next_is_503(app):
    """Forged Slack headers cost nothing and each body must be held whole before its signature can be
    checked: past UNVERIFIED_SLACK_BODIES at once, the next is refused (Slack retries a 503)."""
    from bot.ops.auth_gate import UNVERIFIED_SLACK_BODIES

    headers = [(name.lower().encode(), value.encode()) for name, value in
               {"transfer-encoding": "chunked", **sign(SLACK_SECRET, b"")}.items()]

    def scope():
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                "scheme": "http", "path": "/slack/events", "raw_path": b"/slack/events", "query_string": b"",
                "root_path": "", "headers": headers, "client": ("127.0.0.1", 50000),
                "server": ("127.0.0.1", 8000), "state": {}}

    async def scenario():
        release = asyncio.Event()
        statuses: list[int] = []

        async def trickle():
            await release.wait()
            return {"type": "http.disconnect"}

        async def record(message):
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        held = [asyncio.create_task(app(scope(), trickle, record)) for _ in range(UNVERIFIED_SLACK_BODIES)]
        await asyncio.sleep(0.2)
        await app(scope(), trickle, record)  # one more while all are held
        busy = list(statuses)
        release.set()
        await asyncio.gather(*held)
        return busy

    busy = asyncio.run(asyncio.wait_for(scenario(), 20))
    assert busy == [503]


@pytest.mark.parametrize("path, kept", [("/chat/static/chat.js", True), ("/chat/static/chat.css", True),
                                        ("/chat/files/abc", False), ("/chat/staticfile", False), ("/chat", False)])
def test_only_the_web_chats_static_files_keep_their_own_cache_control(path, kept):
    from bot.ops.security_headers import SecurityHeadersMiddleware

    async def route(scope, receive, send):  # any route that asks to be cached for a year
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"cache-control", b"public, max-age=31536000, immutable")]})
        await send({"type": "http.response.body", "body": b"x"})

    answer = call(SecurityHeadersMiddleware(route), "GET", path)
    assert answer.headers["cache-control"] == ("public, max-age=31536000, immutable" if kept else "no-store")
    assert answer.headers["x-content-type-options"] == "nosniff"
