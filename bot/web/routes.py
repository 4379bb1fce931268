"""The web chat's HTTP routes (the wire contract of bot/web):

- ``GET /`` → 307 to /chat; ``GET /chat`` → the page (or the access-code form), setting the session cookie.
- ``POST /chat/access`` (form ``code``, ``csrf_token``) → 303 to /chat; a wrong code → the form again, 403.
- ``GET /chat/events`` → server-sent events: every kept event after ``Last-Event-ID`` (or ``?after=N``),
  then new ones as they come; a keep-alive comment every 15 s; the stream ends after 5 minutes.
- ``POST /chat/messages`` ``{"text", "client_id"?}``, ``POST /chat/buttons`` ``{"action", "value", "number"}``,
  ``POST /chat/cv?client_id=...`` (multipart, field ``file``) → 202 ``{"status": "accepted"}``; refusals
  ``{"detail"}``. An accepted text or CV is kept as the person's own message ("mine", "📎 name" for a CV) before
  the core handles it, and streamed with the page's ``client_id`` (optional; at most 40 of [A-Za-z0-9_-], else
  400), so the page that drew it at once can tell its own copy from a new one.
- ``GET /chat/files/{id}`` → a document, only for the session that owns it (404 otherwise).
- ``GET /chat/static/{name}`` → chat.js, chat.css.

The session cookie, CSRF token and admission are checked at the HTTP edge before a body is read
(bot.ops.auth_gate with bot.web.session.refusal); ``_session`` checks them again here as the second line.
"""
from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Callable
from urllib.parse import quote

from babel.numbers import format_decimal
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers

from bot.core.commands import BuildProfile
from bot.core.parse import command_for_button, parse_text
from bot.local.upload import read_cv_form
from bot.ops.refusal import route_path
from bot.web import render as web_render
from bot.web.messenger import origin_of, user_of
from bot.web.session import (
    BAD_CSRF,
    CSRF_FIELD,
    NO_SESSION,
    WebSession,
    access_code_matches,
    browser_locale,
    cookie_from_header,
    csrf_matches,
    csrf_token,
    new_session,
    read_cookie,
    refusal,
    set_cookie_header,
)
from domain.cv.errors import (
    CorruptDocumentError,
    CvReadError,
    EmptyFileError,
    EncryptedDocumentError,
)
from domain.cv.intake import accept_upload
from i18n import N_, translator, user_language
from services.users import find_user
from storage.web_chat import events_after, file_of

KEEP_ALIVE_SECONDS = 15
STREAM_SECONDS = 300  # then the browser's EventSource reconnects with Last-Event-ID
RECONNECT_MS = 3000
MAX_TEXT = 2000  # characters of one message, as the local chat
MAX_BUTTON_FIELD = 256
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")  # the page's id for its own message: safe in HTML, selectors, logs
BAD_CLIENT_ID = "client_id is at most 40 characters of A-Z, a-z, 0-9, _ and -"
STATIC_FILES = {"chat.js": "text/javascript; charset=utf-8", "chat.css": "text/css; charset=utf-8"}
STATIC_CACHE = "public, max-age=31536000, immutable"  # the page links them with ?v=<hash of the file>
# The page has no inline script or style (bot/web/templates), so nothing else needs to be allowed.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
ACCESS_TRIES = RateLimitItemPerMinute(10)  # wrong access codes a minute from one address
# Where a stream resumes is a seq (a BIGINT): at most this, so a huge number never reaches the database.
MAX_SEQ = 2**63 - 1
SEQ = re.compile(r"[0-9]{1,4000}")  # ASCII digits only (str.isdigit also takes "²"); int() is not asked for more
STREAMS_PER_SESSION = N_("This browser has too many chat windows open: close one, then reload this page.")
STREAMS_BUSY = "too many open event streams; try again shortly"
TOO_MANY_CODES = N_("That was too many wrong codes: wait a minute, then try again.")
NO_FILE = N_("This file is not here: it was deleted, or it belongs to another browser.")
UNREADABLE = (EmptyFileError, CorruptDocumentError, EncryptedDocumentError)  # a kind we read, but broken: 400
TOO_BIG = N_("This file is {size} MB; I accept CVs up to {limit} MB. "
             "Send a smaller file (a PDF without large images, or a compressed photo).")  # the core's own sentence


def web_router(adapter) -> APIRouter:
    settings, messenger = adapter.settings, adapter.messenger
    router = APIRouter(include_in_schema=False)
    access_limiter = MovingWindowRateLimiter(MemoryStorage())
    # Wrong codes in all: the client's address may be any a proxy header names (uvicorn trusts
    # X-Forwarded-For from FORWARDED_ALLOW_IPS), so the per-address limit alone does not bound guessing.
    all_wrong_codes = RateLimitItemPerMinute(settings.web_chat_wrong_codes_per_minute)
    streams = _Streams(settings.web_chat_streams_per_session, settings.web_chat_streams_total)

    def _session(request: Request) -> WebSession:
        refused = refusal(settings, request.method, route_path(request.scope), request.headers.get("cookie"),
                          request.headers.get("x-csrf-token"), request.headers.get("accept-language"))
        if refused:
            raise HTTPException(*refused)
        session = read_cookie(settings, cookie_from_header(request.headers.get("cookie")))
        if session is None:  # refusal() said the path needs none: only the page itself
            raise HTTPException(401, translator(None)(NO_SESSION))
        return session

    async def _language(request: Request, session_id: str | None) -> str:
        """The person's /language choice, else their browser's first language, else English."""
        chosen = await asyncio.to_thread(_chosen_language, adapter.conversation.sessions, session_id)
        return user_language(chosen, _browser_locale(request.headers))

    @router.get("/")
    async def root() -> RedirectResponse:
        return RedirectResponse("/chat", status_code=307)

    @router.get("/chat")
    async def page(request: Request) -> HTMLResponse:
        session = read_cookie(settings, cookie_from_header(request.headers.get("cookie")))
        fresh = session is None
        session = session or new_session(settings)
        language = await _language(request, None if fresh else session.id)
        token = csrf_token(settings, session.id)
        if session.admitted:
            body = web_render.chat_page(csrf_token=token, language=language, max_upload_bytes=settings.max_upload_bytes)
        else:
            body = web_render.access_page(csrf_token=token, language=language)
        response = HTMLResponse(body, headers={"Content-Security-Policy": PAGE_CSP})
        if fresh:
            response.headers["Set-Cookie"] = set_cookie_header(settings, session)
        return response

    @router.post("/chat/access")
    async def access(request: Request) -> Response:
        session = _session(request)
        form = await request.form(max_files=0, max_fields=4)
        presented = request.headers.get("x-csrf-token") or str(form.get(CSRF_FIELD) or "")
        language = await _language(request, session.id)
        t = translator(language)
        if not csrf_matches(settings, session.id, presented):
            raise HTTPException(403, t(BAD_CSRF))
        client = request.client.host if request.client else "?"
        if (not access_limiter.test(ACCESS_TRIES, "web-access", client)
                or not access_limiter.test(all_wrong_codes, "web-access-all")):
            raise HTTPException(429, t(TOO_MANY_CODES), headers={"Retry-After": "60"})
        if not access_code_matches(settings, str(form.get("code") or "")):
            access_limiter.hit(ACCESS_TRIES, "web-access", client)
            access_limiter.hit(all_wrong_codes, "web-access-all")
            body = web_render.access_page(csrf_token=csrf_token(settings, session.id), language=language, error=True)
            return HTMLResponse(body, status_code=403, headers={"Content-Security-Policy": PAGE_CSP})
        # A new session id on admission, so a cookie planted by someone else (cookies ignore ports: any service
        # on this host can set one) never becomes the admitted session they can read. A session that already
        # owns records (made before a code was set, as bot.web.session keeps it) keeps its id and its records.
        owns = await asyncio.to_thread(_owns_records, adapter.conversation.sessions, session.id)
        admitted = WebSession(session.id if owns else new_session(settings).id, admitted=True)
        response = RedirectResponse("/chat", status_code=303)
        response.headers["Set-Cookie"] = set_cookie_header(settings, admitted)
        return response

    @router.get("/chat/events")
    async def events(request: Request, after: str = "0") -> StreamingResponse:
        session = _session(request)
        last = _last_event_id(request.headers.get("last-event-id"), after)
        refused = streams.refusal(session.id)
        if refused == 429:
            raise HTTPException(429, translator(await _language(request, session.id))(STREAMS_PER_SESSION))
        if refused == 503:
            raise HTTPException(503, STREAMS_BUSY, headers={"Retry-After": "5"})
        streams.open(session.id)

        async def stream():
            nonlocal last
            yield f"retry: {RECONNECT_MS}\n\n"
            loop = asyncio.get_running_loop()
            ends = loop.time() + STREAM_SECONDS
            while (left := ends - loop.time()) > 0:
                batch = await messenger.wait_for(session.id, last, min(KEEP_ALIVE_SECONDS, left))
                for event in batch:
                    last = event["seq"]
                    data = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
                    yield f"id: {last}\nevent: message\ndata: {data}\n\n"
                if not batch:
                    yield ": keep-alive\n\n"

        return _CountedStream(stream(), functools.partial(streams.close, session.id), media_type="text/event-stream",
                              headers={"X-Accel-Buffering": "no"})  # a proxy in front must not hold events

    @router.post("/chat/messages", status_code=202)
    async def post_message(request: Request) -> dict:
        session = _session(request)
        body = await _json_object(request, '{"text": "..."}')
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            raise HTTPException(400, 'send {"text": "..."} with some words in it')
        client_id = _client_id(body.get("client_id"))
        text = text[:MAX_TEXT]
        # Kept before the core handles it: the person's words come before the answer in every replay.
        await messenger.record_mine(session.id, text, client_id=client_id,
                                    language=await _language(request, session.id))
        user = user_of(session.id, _browser_locale(request.headers))
        adapter.run(parse_text(user, origin_of(session.id), text))
        return {"status": "accepted"}

    @router.post("/chat/buttons", status_code=202)
    async def post_button(request: Request) -> dict:
        session = _session(request)
        body = await _json_object(request, '{"action": "...", "value": "...", "number": null}')
        action, value = body.get("action"), body.get("value", "")
        if (not isinstance(action, str) or not isinstance(value, str) or not action
                or len(action) > MAX_BUTTON_FIELD or len(value) > MAX_BUTTON_FIELD):
            raise HTTPException(400, "a button is {\"action\": str, \"value\": str, \"number\": int or null}")
        user = user_of(session.id, _browser_locale(request.headers))
        # ``number`` is for the page's own use: the value names the job as the other platforms' buttons do.
        adapter.run(command_for_button(user, origin_of(session.id), action, value))
        return {"status": "accepted"}

    @router.post("/chat/cv", status_code=202)
    async def post_cv(request: Request) -> dict:
        """One CV file (field ``file``), read into memory as it streams (at most MAX_UPLOAD_MB + 1 bytes kept,
        the body capped at the edge), its kind decided from its bytes as the REST API's uploads are: a file
        we cannot read is refused here, in the person's language, before the core sees it."""
        session = _session(request)
        client_id = _client_id(request.query_params.get("client_id"))  # before the body is read
        limit = settings.max_upload_bytes
        form = await read_cv_form(request, limit)
        if form.data is None:
            raise HTTPException(400, "attach the CV in the form field file")
        locale = _browser_locale(request.headers)
        t = translator(await _language(request, session.id))
        if form.size > limit:
            raise HTTPException(413, t(TOO_BIG, size=format_decimal(form.size / 1048576, "0.0", locale=t.language),
                                       limit=t.number(settings.max_upload_mb)))
        data = bytes(form.data)
        try:
            await asyncio.to_thread(accept_upload, data, max_bytes=limit)
        except CvReadError as refused:
            raise HTTPException(400 if isinstance(refused, UNREADABLE) else 415, t(refused.user_message)) from None

        async def fetch() -> bytes:
            return data

        filename = form.filename or "cv"
        await messenger.record_mine(session.id, filename, client_id=client_id, upload=True, language=t.language)
        adapter.run(BuildProfile(user_of(session.id, locale), origin_of(session.id),
                                 filename=filename, size=form.size, fetch=fetch))
        return {"status": "accepted"}

    @router.get("/chat/files/{file_id}")
    async def download(file_id: str, request: Request) -> Response:
        session = _session(request)
        found = await asyncio.to_thread(_file, adapter.conversation.sessions, session.id, file_id)
        if found is None:
            raise HTTPException(404, translator(await _language(request, session.id))(NO_FILE))
        filename, mime_type, data = found
        return Response(data, media_type=mime_type, headers={
            "Content-Disposition": _attachment(filename), "Cache-Control": "no-store"})

    @router.get("/chat/static/{name}")
    async def static(name: str) -> FileResponse:
        directory = web_render.STATIC_DIR
        if name not in STATIC_FILES or not (directory / name).is_file():
            raise HTTPException(404, "No such file.")
        return FileResponse(directory / name, media_type=STATIC_FILES[name], headers={"Cache-Control": STATIC_CACHE})

    return router


class _Streams:
    """The event streams open in this process, per session and in all; ``open`` after ``refusal`` said None
    (no await between them: one event loop), ``close`` when the response ends however it ends."""

    def __init__(self, per_session: int, total: int):
        self.per_session, self.total = per_session, total
        self.by_session: dict[str, int] = {}
        self.count = 0

    def refusal(self, session_id: str) -> int | None:
        """429 when this session has its fill (refused rather than closing its oldest: two tabs past the cap
        would otherwise close each other's stream in turn for ever), 503 when the process has; else None."""
        if self.by_session.get(session_id, 0) >= self.per_session:
            return 429
        if self.count >= self.total:
            return 503
        return None

    def open(self, session_id: str) -> None:
        self.by_session[session_id] = self.by_session.get(session_id, 0) + 1
        self.count += 1

    def close(self, session_id: str) -> None:
        self.count -= 1
        left = self.by_session.pop(session_id, 1) - 1
        if left > 0:
            self.by_session[session_id] = left


class _CountedStream(StreamingResponse):
    """A StreamingResponse that calls ``release`` once it is over: sent, failed, or the client gone (the body's
    own generator would not run its ``finally`` if cancelled before it started)."""

    def __init__(self, content, release: Callable[[], None], **kwargs):
        super().__init__(content, **kwargs)
        self.release = release

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.release()


def _seq(value: str | None) -> int | None:
    """A seq from a header or query value: ASCII digits only, clamped to MAX_SEQ; None for anything else."""
    value = (value or "").strip()
    if not SEQ.fullmatch(value):
        return None
    digits = value.lstrip("0") or "0"
    return MAX_SEQ if len(digits) > len(str(MAX_SEQ)) else min(int(digits), MAX_SEQ)


def _last_event_id(header: str | None, after: str | None) -> int:
    """Where a stream resumes: the Last-Event-ID header when it is a number (EventSource's reconnect),
    else ``?after=N`` (the first connection; 0: the whole kept history). A value that is not ASCII digits
    ("²", "-1", "abc", over 4000 digits) counts as absent, so 0 at worst: the session's own whole history,
    never an error; a number past 2**63-1 is 2**63-1 (nothing newer)."""
    resumed = _seq(header)
    if resumed is not None:
        return resumed
    return _seq(after) or 0


def _owns_records(sessions, session_id: str) -> bool:
    """Whether the session has kept messages or a chat user (its profile, searches...) here."""
    from sqlalchemy import select

    from storage.models import ChatUser

    with sessions() as session:
        return bool(events_after(session, session_id, 0, limit=1)) or session.scalar(select(ChatUser.id).where(
            ChatUser.platform == "web", ChatUser.workspace_id == "", ChatUser.external_user_id == session_id)) is not None


def _client_id(value: object) -> str:
    """The page's id for the person's own message: "" when absent; 400 unless 1–40 of [A-Za-z0-9_-] (it goes
    back into the page's HTML and is matched there)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not CLIENT_ID.fullmatch(value):
        raise HTTPException(400, BAD_CLIENT_ID)
    return value


async def _json_object(request: Request, shape: str) -> dict:
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser's stack
        raise HTTPException(400, f"send a JSON object: {shape}") from None
    if not isinstance(body, dict):
        raise HTTPException(400, f"send a JSON object: {shape}")
    return body


def _browser_locale(headers: Headers) -> str | None:
    return browser_locale(headers.get("accept-language"))


def _chosen_language(sessions, session_id: str | None) -> str | None:
    """The /language choice of the session's person, if they made one."""
    if session_id is None:
        return None
    with sessions() as session:
        person = find_user(session=session, user=user_of(session_id, None))
        return person.language if person is not None else None


def _file(sessions, session_id: str, file_id: str) -> tuple[str, str, bytes] | None:
    with sessions() as session:
        row = file_of(session, session_id, file_id)
        return (row.filename, row.mime_type, row.data) if row is not None else None


def _attachment(filename: str) -> str:
    """Content-Disposition for a download under ``filename``: an ASCII fallback and the UTF-8 name (RFC 6266)."""
    fallback = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename)
    return f"attachment; filename=\"{fallback or 'file'}\"; filename*=UTF-8''{quote(filename, safe='')}"

