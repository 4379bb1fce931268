"""The web chat's anonymous session: a signed cookie naming a random session id, its CSRF token, the access code.

Cookie ``job_agent_web`` = ``<session id>.<admitted>.<mac>``: the session id is 128 random bits (urlsafe
base64, 22 characters) and is the chat's user id and chat id; ``admitted`` is "1" once the person gave
WEB_CHAT_ACCESS_CODE ("0" otherwise); ``mac`` is an HMAC-SHA256 over both (and over a digest of the access
code when admitted, so changing the code turns every admitted cookie invalid). The key is derived from the
webhook secret, which every ``serve`` process of a deployment shares, so any of them reads any cookie.

The CSRF token is an HMAC of the session id under the same key (a separate purpose label): it needs no
storage, and a token taken from one session is worthless in another.

``refusal`` holds the checks that need only headers, so the HTTP edge (bot.ops.auth_gate) refuses before a
body is read; the routes ask it again as their second line.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

from config import Settings
from i18n import N_, language_of, translator

COOKIE = "job_agent_web"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
COOKIE_MAX_AGE = 365 * 24 * 3600  # the session is the person's identity here: losing it loses their records
NO_SESSION = N_("Your chat session is missing: reload the page (this browser must accept cookies from this site).")
BAD_CSRF = N_("This page is out of date: reload it and send again.")
NOT_ADMITTED = N_("Enter the access code first: reload the page.")
_PURPOSE_SESSION, _PURPOSE_CSRF = b"job-agent web chat session", b"job-agent web chat csrf"


@dataclass(frozen=True)
class WebSession:
    """A verified session: its id, and whether it gave the access code (always True when none is set)."""

    id: str
    admitted: bool


def _key(settings: Settings, purpose: bytes) -> bytes:
    return hmac.new(settings.resolved_webhook_secret(), purpose, hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _code_digest(settings: Settings) -> str:
    code = settings.web_chat_access_code
    return hashlib.sha256(code.get_secret_value().encode()).hexdigest() if needs_code(settings) else ""


def needs_code(settings: Settings) -> bool:
    """Whether WEB_CHAT_ACCESS_CODE is set (an empty value is no code)."""
    code = settings.web_chat_access_code
    return bool(code and code.get_secret_value())


def _mac(settings: Settings, session_id: str, admitted: bool) -> str:
    message = f"{session_id}.{int(admitted)}.{_code_digest(settings) if admitted else ''}".encode()
    return _b64(hmac.new(_key(settings, _PURPOSE_SESSION), message, hashlib.sha256).digest())


def new_session(settings: Settings) -> WebSession:
    """A fresh session; admitted only when no access code is asked for."""
    return WebSession(id=secrets.token_urlsafe(16), admitted=not needs_code(settings))


def cookie_value(settings: Settings, session: WebSession) -> str:
    """The signed value; "1" only for a session that gave the access code (without one, "0": a code set later
    then asks this session for it, and it keeps its records)."""
    gave_code = session.admitted and needs_code(settings)
    return f"{session.id}.{int(gave_code)}.{_mac(settings, session.id, gave_code)}"


def read_cookie(settings: Settings, value: str | None) -> WebSession | None:
    """The session a cookie value names, or None when it is missing, malformed or not signed by us.

    A session made before an access code was set stays valid but is not admitted (its "0" never covered a code);
    one admitted under another code is invalid (a new session starts).
    """
    if not value or not value.isascii() or value.count(".") != 2:
        return None
    session_id, admitted, mac = value.split(".")
    if admitted not in ("0", "1") or not 16 <= len(session_id) <= 64:
        return None
    if not hmac.compare_digest(mac.encode(), _mac(settings, session_id, admitted == "1").encode()):
        return None
    return WebSession(id=session_id, admitted=admitted == "1" or not needs_code(settings))


def cookie_from_header(header: str | None) -> str | None:
    """The ``job_agent_web`` value of a Cookie header (None without one, or for a header we cannot read)."""
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:  # a header http.cookies cannot read: no cookie then
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


def set_cookie_header(settings: Settings, session: WebSession) -> str:
    """The Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when PUBLIC_BASE_URL is https."""
    secure = "; Secure" if (settings.public_base_url or "").lower().startswith("https://") else ""
    return (f"{COOKIE}={cookie_value(settings, session)}; Max-Age={COOKIE_MAX_AGE}; Path=/; HttpOnly; "
            f"SameSite=Lax{secure}")


def csrf_token(settings: Settings, session_id: str) -> str:
    return _b64(hmac.new(_key(settings, _PURPOSE_CSRF), session_id.encode(), hashlib.sha256).digest())


def csrf_matches(settings: Settings, session_id: str, presented: str | None) -> bool:
    """Constant-time; any header value (non-ASCII included, as Starlette's Latin-1) is a mismatch, never an error."""
    if not presented:
        return False
    return hmac.compare_digest(presented.encode("latin-1", "replace"), csrf_token(settings, session_id).encode())


def access_code_matches(settings: Settings, presented: str) -> bool:
    if not needs_code(settings):
        return True
    expected = settings.web_chat_access_code.get_secret_value().encode()
    return hmac.compare_digest(presented.encode("utf-8", "replace"), expected)


def is_public(method: str, path: str) -> bool:
    """The page itself and its static files need no session (the page makes one)."""
    return (method in ("GET", "HEAD") and path in ("/chat", "/chat/")) or path.startswith("/chat/static/")


def browser_locale(accept_language: str | None) -> str | None:
    """The first language of an Accept-Language header ("de-DE,de;q=0.9" → "de-DE") when it is one we speak."""
    first = (accept_language or "").split(",")[0].split(";")[0].strip()[:16]
    return first if language_of(first) else None


def refusal(settings: Settings, method: str, path: str, cookie_header: str | None, csrf_header: str | None,
            accept_language: str | None = None) -> tuple[int, str] | None:
    """(status, detail) when a request to ``path`` under /chat must be refused on its headers alone, else None;
    the detail in the browser's language (the page shows it).

    - 401: no valid session cookie (everything but ``is_public``).
    - 403: a POST without the session's CSRF token in ``X-CSRF-Token`` (``POST /chat/access`` carries it in
      its form, checked by the route); or a session not yet admitted past the access code (only
      ``POST /chat/access`` is open to it).
    """
    if is_public(method, path):
        return None
    t = translator(language_of(browser_locale(accept_language)))
    session = read_cookie(settings, cookie_from_header(cookie_header))
    if session is None:
        return 401, t(NO_SESSION)
    if path == "/chat/access":
        return None
    if method not in ("GET", "HEAD") and not csrf_matches(settings, session.id, csrf_header):
        return 403, t(BAD_CSRF)
    if not session.admitted:
        return 403, t(NOT_ADMITTED)
    return None
