"""The web chat's session cookie, CSRF token and access code (bot.web.session): signed, bound, never forgeable."""
from __future__ import annotations

from pydantic import SecretStr

from bot.web.session import (
    COOKIE,
    WebSession,
    cookie_from_header,
    cookie_value,
    csrf_matches,
    csrf_token,
    new_session,
    read_cookie,
    refusal,
    set_cookie_header,
)
from config import Settings


def settings(**values) -> Settings:
    return Settings(_env_file=None, webhook_secret=SecretStr("k" * 32), **values)


def test_a_cookie_reads_back_only_as_signed():
    plain = settings()
    session = new_session(plain)
    assert len(session.id) == 22 and session.admitted  # 128 random bits; no code asked
    value = cookie_value(plain, session)
    assert read_cookie(plain, value) == session
    session_id, admitted, mac = value.split(".")
    assert admitted == "0"  # no code given (none asked for)
    for forged in (f"{session_id}x.{admitted}.{mac}", f"{session_id}.1.{mac}", f"{session_id}.{admitted}.{mac[:-1]}{'B' if mac.endswith('A') else 'A'}",
                   value + ".", "", "é" * 30, f"{'A' * 22}.1.{mac}"):
        assert read_cookie(plain, forged) is None, forged
    other_key = Settings(_env_file=None, webhook_secret=SecretStr("x" * 32))
    assert read_cookie(other_key, value) is None


def test_admission_is_bound_to_the_access_code():
    coded = settings(web_chat_access_code=SecretStr("open sesame"))
    fresh = new_session(coded)
    assert not fresh.admitted
    admitted = WebSession(fresh.id, admitted=True)
    assert read_cookie(coded, cookie_value(coded, admitted)) == admitted
    assert read_cookie(coded, cookie_value(coded, fresh)) == fresh
    changed = settings(web_chat_access_code=SecretStr("new code"))
    assert read_cookie(changed, cookie_value(coded, admitted)) is None  # a new code: admit again
    assert read_cookie(changed, cookie_value(coded, fresh)).admitted is False
    # A session from before any code keeps its id when a code is set: it is asked for the code, not replaced.
    before = new_session(settings())
    kept = read_cookie(coded, cookie_value(settings(), before))
    assert kept == WebSession(before.id, admitted=False)


def test_the_csrf_token_belongs_to_one_session():
    plain = settings()
    one, two = new_session(plain), new_session(plain)
    assert csrf_matches(plain, one.id, csrf_token(plain, one.id))
    assert not csrf_matches(plain, one.id, csrf_token(plain, two.id))
    assert not csrf_matches(plain, one.id, None) and not csrf_matches(plain, one.id, "\xff\xfe")


def test_cookie_flags_and_secure_behind_https():
    session = new_session(settings())
    header = set_cookie_header(settings(), session)
    assert header.startswith(f"{COOKIE}=") and "HttpOnly" in header and "SameSite=Lax" in header
    assert "Path=/" in header and "Secure" not in header
    assert "; Secure" in set_cookie_header(settings(public_base_url="https://jobs.example.org"), session)
    assert cookie_from_header(f"a=b; {COOKIE}={cookie_value(settings(), session)}") == cookie_value(settings(), session)
    assert cookie_from_header('bad="unterminated') is None and cookie_from_header(None) is None


def test_which_requests_are_refused_on_their_headers():
    plain = settings()
    session = new_session(plain)
    cookie = f"{COOKIE}={cookie_value(plain, session)}"
    token = csrf_token(plain, session.id)
    assert refusal(plain, "GET", "/chat", None, None) is None
    assert refusal(plain, "GET", "/chat/static/chat.js", None, None) is None
    assert refusal(plain, "GET", "/chat/events", None, None)[0] == 401
    assert refusal(plain, "GET", "/chat/events", cookie, None) is None
    assert refusal(plain, "POST", "/chat/messages", cookie, None)[0] == 403
    assert refusal(plain, "POST", "/chat/messages", cookie, token) is None
    assert refusal(plain, "POST", "/chat/access", cookie, None) is None  # its token is in its form
    coded = settings(web_chat_access_code=SecretStr("open sesame"))
    waiting = new_session(coded)
    waiting_cookie = f"{COOKIE}={cookie_value(coded, waiting)}"
    assert refusal(coded, "POST", "/chat/messages", waiting_cookie, csrf_token(coded, waiting.id))[0] == 403
    assert refusal(coded, "GET", "/chat/events", waiting_cookie, None)[0] == 403


def test_an_empty_web_chat_enabled_is_unset(monkeypatch):
    monkeypatch.setenv("WEB_CHAT_ENABLED", "")
    from_env = Settings(_env_file=None)
    assert from_env.web_chat_enabled is None and from_env.web_chat_on  # the embedded default: on
    assert settings(web_chat_enabled=" ").web_chat_enabled is None
    assert settings(web_chat_enabled="false").web_chat_on is False
