"""The web chat's HTTP edge through a real `job-agent serve` under uvicorn: the session cookie and its flags, CSRF on
every POST, 401 without a session, body caps, uploads judged by their bytes, two sessions that never see each
other's messages, the event stream's replay after Last-Event-ID, the access code, and the switch that turns it off.

No worker: what is checked here is answered by the server itself (/help, /status, refusals)."""
from __future__ import annotations

import json

import httpx
import pytest

from tests.bot.web.web_client import WebChat, answers, sse_events
from tests.support.cv_kinds import make_docx
from tests.support.services import needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


def _server(tmp_path_factory, name: str, **env: str):
    data_dir = tmp_path_factory.mktemp(name) / "data"
    data_dir.mkdir()
    with redis_key_prefix() as prefix, running_stack(
            stack_env(data_dir, database_url=None, redis_prefix=prefix, **env), worker=False) as stack:
        yield stack


@pytest.fixture(scope="module")
@needs("integration", "redis")
def web(tmp_path_factory):
    """A server with the web chat on (a named broker turns it off unless asked for) and a 1 MB upload limit."""
    yield from _server(tmp_path_factory, "web-on", WEB_CHAT_ENABLED="true", MAX_UPLOAD_MB="1")


def test_the_page_sets_a_signed_httponly_samesite_cookie_once_and_carries_the_csrf_token(web):
    chat = WebChat(web.base_url)
    page = chat.page
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("job_agent_web=")
    flags = [part.strip() for part in cookie.split(";")[1:]]
    assert {"HttpOnly", "SameSite=Lax", "Path=/"} <= set(flags)
    assert "Secure" not in flags  # PUBLIC_BASE_URL is not https here (bot.web.session: Secure when it is)
    assert chat.csrf and chat.csrf not in cookie
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    again = chat.http.get("/chat")
    assert "set-cookie" not in again.headers  # the session stays
    assert chat.csrf in again.text


def test_slash_redirects_to_the_chat(web):
    response = httpx.get(web.base_url + "/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/chat"


@pytest.mark.parametrize("method,path", [("GET", "/chat/events"), ("POST", "/chat/messages"), ("POST", "/chat/cv"),
                                         ("POST", "/chat/buttons"), ("GET", "/chat/files/abc"),
                                         ("POST", "/chat/access")])
def test_everything_but_the_page_needs_the_session_cookie(web, method, path):
    response = httpx.request(method, web.base_url + path, json={"text": "hi"})
    assert response.status_code == 401 and "session" in response.json()["detail"]
    forged = httpx.request(method, web.base_url + path, json={"text": "hi"},
                           cookies={"job_agent_web": "AAAAAAAAAAAAAAAAAAAAAA.1.forged"})
    assert forged.status_code == 401


def test_every_post_needs_the_sessions_own_csrf_token(web):
    chat, other = WebChat(web.base_url), WebChat(web.base_url)
    assert chat.csrf != other.csrf
    for token in (None, "", other.csrf, chat.csrf + "x", "ü"):
        headers = {} if token is None else {"X-CSRF-Token": token.encode("utf-8")}  # non-ASCII: a mismatch
        for path, body in (("/chat/messages", {"text": "/help"}), ("/chat/buttons", {"action": "more", "value": ""})):
            response = chat.http.post(path, json=body, headers=headers)
            assert response.status_code == 403, (token, path, response.text)
            assert "reload" in response.json()["detail"]
        upload = chat.http.post("/chat/cv", headers=headers, files={"file": ("cv.docx", make_docx(), "application/pdf")})
        assert upload.status_code == 403
    accepted = chat.post("/chat/messages", json={"text": "/help"})
    assert accepted.status_code == 202 and accepted.json() == {"status": "accepted"}


def test_bodies_are_capped_and_must_be_well_formed(web):
    chat = WebChat(web.base_url)
    too_long = chat.post("/chat/messages", content=b'{"text": "' + b"a" * 20_000 + b'"}',
                         headers={"Content-Type": "application/json", "X-CSRF-Token": chat.csrf})
    assert too_long.status_code == 413
    for body in (b"not json", b"[1, 2]", b'{"text": 5}', b'{"text": "   "}'):
        response = chat.post("/chat/messages", content=body)
        assert response.status_code == 400, body
    assert chat.post("/chat/buttons", json={"action": 3, "value": ""}).status_code == 400
    assert chat.post("/chat/buttons", json={"action": "more", "value": "x" * 300}).status_code == 400


def test_an_upload_is_judged_by_its_bytes_before_the_core_sees_it(web):
    chat = WebChat(web.base_url)
    text = chat.send_cv(b"just some words, not a CV file at all", "cv.pdf")
    assert text.status_code == 415 and text.json()["detail"]
    empty = chat.send_cv(b"", "cv.pdf")
    assert empty.status_code == 400 and empty.json()["detail"]
    big = chat.send_cv(b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10), "big.pdf")
    assert big.status_code == 413 and "1 MB" in big.json()["detail"]
    over_the_body_cap = chat.send_cv(b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024), "bigger.pdf")
    assert over_the_body_cap.status_code == 413
    assert chat.post("/chat/cv", data={"other": "field"}, files={"x": ("a", b"b")}).status_code == 400
    assert chat.post("/chat/cv", json={"file": "x"}).status_code == 415
    assert chat.send_cv(make_docx(), "cv.docx").status_code == 202  # a Word CV, named and typed as anything


def test_two_sessions_never_see_each_others_messages(web):
    alice, bob = WebChat(web.base_url), WebChat(web.base_url)
    alice.say("/help")
    bob.say("/status")
    alice.read(answers)
    bob.read(answers)
    assert "/jobsearch" in alice.answers()[0]["text"]
    assert all("/jobsearch python" not in text for text in bob.texts())
    assert {e["seq"] for e in alice.events}.isdisjoint(e["seq"] for e in bob.events)
    # Bob asking for the whole kept history from before Alice's first event still gets only his own.
    first = min(alice.events[0]["seq"], bob.events[0]["seq"])
    with bob.http.stream("GET", "/chat/events", params={"after": first - 1},
                         timeout=httpx.Timeout(10, read=20)) as response:
        assert next(sse_events(response.iter_lines())) == bob.events[0]


def test_the_stream_replays_everything_after_last_event_id(web):
    chat = WebChat(web.base_url)
    chat.say("/help")
    chat.read(lambda events: len(answers(events)) >= 1)
    chat.say("/status")
    chat.read(lambda events: len(answers(events)) >= 2)
    first, second = chat.answers()[:2]
    assert first["seq"] < second["seq"] and first["kind"] == second["kind"] == "message"
    assert first["html"].startswith(f'<article class="msg bot" id="m-{first["message_id"]}"')
    assert first["message_id"] == str(first["seq"])
    # After the first answer comes the person's own "/status", kept before it was answered.
    following = chat.events[chat.events.index(first) + 1]
    assert following["kind"] == "mine" and following["text"] == "/status" and following["seq"] < second["seq"]

    # EventSource reconnects to the URL it was opened with (?after=0) and says where it was in the header: it wins.
    with chat.http.stream("GET", "/chat/events", params={"after": 0}, headers={"Last-Event-ID": str(first["seq"])},
                          timeout=httpx.Timeout(10, read=20)) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        assert next(lines).startswith("retry:")
        assert next(sse_events(lines)) == following
    with chat.http.stream("GET", "/chat/events", params={"after": 0}, timeout=httpx.Timeout(10, read=20)) as response:
        assert next(sse_events(response.iter_lines())) == chat.events[0]  # ?after=0: the whole kept history
    assert chat.events[0]["kind"] == "mine" and chat.events[0]["text"] == "/help"


@pytest.fixture(scope="module")
@needs("integration", "redis")
def coded(tmp_path_factory):
    yield from _server(tmp_path_factory, "web-code", WEB_CHAT_ENABLED="true", WEB_CHAT_ACCESS_CODE="open sesame")


def test_the_access_code_admits_a_session_before_anything_else(coded):
    chat = WebChat(coded.base_url)
    form = chat.page.text
    assert 'action="/chat/access"' in form and 'name="code"' in form
    token = next(part.split('"')[0] for part in form.split('name="csrf_token" value="')[1:])
    chat.csrf = token
    refused = chat.post("/chat/messages", json={"text": "/help"})
    assert refused.status_code == 403 and "access code" in refused.json()["detail"]
    assert chat.http.get("/chat/events").status_code == 403

    no_token = chat.http.post("/chat/access", data={"code": "open sesame"}, follow_redirects=False)
    assert no_token.status_code == 403
    wrong = chat.http.post("/chat/access", data={"code": "guess", "csrf_token": token}, follow_redirects=False)
    assert wrong.status_code == 403 and 'name="code"' in wrong.text and "set-cookie" not in wrong.headers
    right = chat.http.post("/chat/access", data={"code": "open sesame", "csrf_token": token},
                           follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/chat"
    assert "HttpOnly" in right.headers["set-cookie"]
    page = chat.http.get("/chat")
    assert 'name="csrf-token"' in page.text and 'action="/chat/access"' not in page.text
    chat.csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]  # admission gave a new session
    assert chat.post("/chat/messages", json={"text": "/help"}).status_code == 202
    chat.read(answers)
    assert "/jobsearch" in chat.answers()[0]["text"]


def test_guessing_the_access_code_is_slowed(coded):
    chat = WebChat(coded.base_url)
    token = chat.page.text.split('name="csrf_token" value="')[1].split('"')[0]
    statuses = [chat.http.post("/chat/access", data={"code": f"guess {n}", "csrf_token": token}).status_code
                for n in range(12)]
    # Ten wrong codes a minute from one address (the test before may have spent one): then 429, whatever is sent.
    assert statuses[:9] == [403] * 9 and statuses[-2:] == [429, 429]
    assert statuses == sorted(statuses)
    assert chat.http.post("/chat/access", data={"code": "open sesame", "csrf_token": token}).status_code == 429


@pytest.fixture(scope="module")
@needs("integration", "redis")
def switched_off(tmp_path_factory):
    yield from _server(tmp_path_factory, "web-off", WEB_CHAT_ENABLED="false")


def test_switched_off_every_chat_route_is_404_and_slash_does_not_redirect(switched_off):
    base = switched_off.base_url
    for method, path in (("GET", "/chat"), ("GET", "/chat/events"), ("POST", "/chat/messages"),
                         ("GET", "/chat/static/chat.js"), ("GET", "/chat/files/x"), ("GET", "/")):
        response = httpx.request(method, base + path, content=json.dumps({"text": "hi"}), follow_redirects=False)
        assert response.status_code == 404, (method, path, response.status_code)


def test_a_sessions_messages_are_answered_in_the_order_sent(web):
    chat = WebChat(web.base_url)
    sent = ["/help", "/status", "/help", "/status", "/help"]
    for text in sent:
        chat.say(text)
    chat.read(lambda events: len(answers(events)) >= len(sent))
    assert ["/jobsearch" in event["text"] for event in chat.answers()] == [text == "/help" for text in sent]
    assert [e["text"] for e in chat.events if e["kind"] == "mine"] == sent  # each kept once, in the order sent


def test_the_static_files_need_no_session_and_may_be_cached(web):
    for name, kind in (("chat.js", "text/javascript"), ("chat.css", "text/css")):
        response = httpx.get(f"{web.base_url}/chat/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    for name in ("render.py", "..%2F__init__.py", "chat.html"):
        assert httpx.get(f"{web.base_url}/chat/static/{name}").status_code == 404


def test_refusals_speak_the_browsers_language(web):
    german = httpx.post(web.base_url + "/chat/messages", json={"text": "hi"},
                        headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert german.status_code == 401 and "Chat-Sitzung" in german.json()["detail"]
    chat = WebChat(web.base_url, locale="fr-FR")
    french = chat.http.post("/chat/messages", json={"text": "hi"}, headers={"X-CSRF-Token": "stale"})
    assert french.status_code == 403 and "rechargez" in french.json()["detail"]
