"""Idempotency-Key on the REST API's POSTs (draft-ietf-httpapi-idempotency-key-header): a retry gets the first answer.

A POST under /api/v1/ that carries an ``Idempotency-Key`` header is run at most once per API key
and key value: the first copy claims the key in the database (storage.idempotency) and its final
answer under 500 is stored; a later copy of the same request gets that answer again (status, body
and content type, plus ``Idempotent-Replayed: true``) and creates nothing. The same key with a
different request is 422; a copy arriving while the first still runs is 409; a 5xx, a 429 or a
request whose body was not read to its end releases the key, so a retry runs afresh. Keys are
kept ``ttl`` (24 hours). Without the header nothing changes.

The request is recognised by a fingerprint: a SHA-256 of the method, path, query, media type and
body, computed while the body streams on to the route. A multipart body is hashed part by part
(each part's headers and bytes) as it passes, never held, because a client that sends the same
files again picks a new random boundary; a JSON body (small, capped by the body limit) by its value,
so key order and spacing do not matter.
"""
from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from typing import Any

import anyio
from fastapi import FastAPI, HTTPException
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.auth import authenticate
from storage.idempotency import (
    DEFAULT_LEASE, MAX_KEY_CHARS, Claim, Outcome, StoredAnswer, claim_key, complete_key, release_key,
)

logger = logging.getLogger(__name__)

HEADER = b"idempotency-key"
DEFAULT_TTL = timedelta(hours=24)
# The creating POSTs answer a few hundred bytes; an answer past this is sent but not kept (the key is released).
MAX_STORED_BODY = 1024 * 1024
# Answers that said nothing about the request itself: a retry must run again, not be told the same.
NOT_KEPT = frozenset({408, 429})
REPLAYED_HEADER = (b"idempotent-replayed", b"true")
MAX_CANONICAL_JSON = 1024 * 1024  # the REST API's JSON bodies are capped far below this (bot.ops.body_limit)

OPENAPI_PARAMETER = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "Optional, 1-255 printable ASCII characters (a UUID is a good choice), bare or as a quoted "
                   "string. A retry with the same key and the same request gets the first answer again "
                   "(with `Idempotent-Replayed: true`) and creates nothing more; keys are per API key and kept "
                   "24 hours. Answers of 429 and 5xx are not kept: a retry runs again.",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_CHARS, "pattern": "^[ -~]+$"},
}
_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELD_ERRORS = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "array", "items": {
    "type": "object", "required": ["loc", "msg", "type"], "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"}, "type": {"type": "string"}}}}}}
OPENAPI_RESPONSES = {
    "400": ("a malformed Idempotency-Key (or, for uploads, a malformed body)", _DETAIL),
    "409": ("a request with this Idempotency-Key is still being handled (or the request conflicts)", _DETAIL),
    "422": ("invalid request, or the Idempotency-Key was used for a different request", _FIELD_ERRORS),
}


class KeyRefused(ValueError):
    """The Idempotency-Key header is not one value of 1-255 printable ASCII characters."""


def parse_key(values: list[bytes]) -> str:
    """The key carried by the header's ``values`` (one per header line), or raise ``KeyRefused``.

    The draft makes the value a Structured Field String (``"8e03…"``, RFC 8941 §3.3.3); a bare
    value (``8e03…``) is taken as it is too, since most clients send that. Either way the key is
    1-255 characters from space to tilde.
    """
    if len(values) != 1:
        raise KeyRefused("Send one Idempotency-Key header, not several.")
    text = values[0].decode("latin-1")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = _unquote(text[1:-1])
    if not 1 <= len(text) <= MAX_KEY_CHARS or not all(" " <= char <= "~" for char in text):
        raise KeyRefused(f"The Idempotency-Key must be 1 to {MAX_KEY_CHARS} printable ASCII characters "
                         "(a UUID is a good choice).")
    return text


def _unquote(inner: str) -> str:
    out, escaped = [], False
    for char in inner:
        if escaped:
            if char not in '"\\':
                raise KeyRefused('In a quoted Idempotency-Key only \\" and \\\\ may be escaped.')
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            raise KeyRefused('A quote inside a quoted Idempotency-Key must be escaped as \\".')
        else:
            out.append(char)
    if escaped:
        raise KeyRefused("A quoted Idempotency-Key cannot end with a backslash.")
    return "".join(out)


def _canonical_json(raw: bytes) -> bytes:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON we can read: the route refuses it; its bytes are what was sent
        return b"raw\x00" + raw
    return b"json\x00" + json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


class RequestFingerprint:
    """SHA-256 of what makes two requests the same one, fed the body chunk by chunk: a multipart body in constant
    memory, a JSON body (small: capped by the body limit) held until it ends and hashed by its value."""

    def __init__(self, scope: Scope):
        self._hash = hashlib.sha256()
        content_type = _header(scope, b"content-type") or b""
        media_type, options = parse_options_header(content_type)
        path = scope["path"].encode("utf-8", "surrogatepass")
        for part in (scope["method"].encode(), path, scope.get("query_string", b""), media_type):
            self._field(part)
        self._parser = self._multipart_parser(media_type, options.get(b"boundary"))
        # A JSON body is compared by its value (key order and spacing aside): held until it ends, small.
        self._json: bytearray | None = bytearray() if media_type == b"application/json" \
            or media_type.endswith(b"+json") else None
        self.complete = False  # the last body chunk was seen

    def update(self, chunk: bytes, *, more_body: bool) -> None:
        if self._json is not None:
            self._json += chunk
            if len(self._json) > MAX_CANONICAL_JSON:  # no longer small: compared byte for byte instead
                self._hash.update(self._json)
                self._json = None
            elif not more_body:
                self._hash.update(_canonical_json(bytes(self._json)))
                self._json = None
        elif chunk:
            if self._parser is not None:
                try:
                    self._parser.write(chunk)
                except FormParserError:  # malformed: the route refuses it; hash the rest as it comes
                    self._parser = None
                    self._field(b"malformed")
                    self._hash.update(chunk)
            else:
                self._hash.update(chunk)
        if not more_body:
            self.complete = True

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def _multipart_parser(self, media_type: bytes, boundary: bytes | None) -> MultipartParser | None:
        if media_type != b"multipart/form-data" or not boundary:
            return None
        try:
            return MultipartParser(boundary, self._callbacks())
        except FormParserError:  # an impossible boundary (over 256 bytes): the route refuses it; hash the bytes
            return None

    def _field(self, value: bytes) -> None:
        # Length-prefixed, so that no two different sequences of fields hash alike.
        self._hash.update(len(value).to_bytes(8, "big") + value)

    def _callbacks(self) -> dict[str, Any]:
        def piece(data: bytes, start: int, end: int) -> None:
            self._hash.update(memoryview(data)[start:end])

        def mark(name: bytes):
            return lambda: self._hash.update(b"\x00" + name + b"\x00")

        return {"on_part_begin": mark(b"part"), "on_header_field": piece, "on_header_value": piece,
                "on_header_end": mark(b"header"), "on_headers_finished": mark(b"headers"),
                "on_part_data": piece, "on_part_end": mark(b"end")}


def document_idempotency_key(app: FastAPI, prefix: str = "/api/v1/") -> None:
    """Name the optional ``Idempotency-Key`` header, and the 400/409/422 it may bring, on every POST under
    ``prefix`` in ``app``'s OpenAPI schema (wraps ``app.openapi``; after the routes are included; a second call
    adds nothing)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        first = app.openapi_schema is None
        schema = build()
        if first:
            for path, operations in schema.get("paths", {}).items():
                if path.startswith(prefix) and "post" in operations:
                    _document(operations["post"])
        return schema

    app.openapi = openapi


def _document(operation: dict[str, Any]) -> None:
    parameters = operation.setdefault("parameters", [])
    if any(parameter.get("name") == OPENAPI_PARAMETER["name"] for parameter in parameters):
        return  # documented already (called twice)
    parameters.append(OPENAPI_PARAMETER)
    responses = operation.setdefault("responses", {})
    for code, (description, schema) in OPENAPI_RESPONSES.items():
        responses.setdefault(code, {"description": description, "content": {"application/json": {"schema": schema}}})


class IdempotencyMiddleware:
    """Pure ASGI middleware for ``POST {prefix}*`` with an Idempotency-Key header; see the module docstring.

    Reads the app's ``state.settings`` (API_KEYS) and ``state.sessions`` at each request. Answers
    401/403 for a caller without a valid X-API-Key (keys belong to an owner), 400 for a malformed
    key, 409 while the key's first request runs, 422 for the key reused with another request.
    """

    def __init__(self, app: ASGIApp, *, ttl: timedelta = DEFAULT_TTL, lease: timedelta = DEFAULT_LEASE,
                 prefix: str = "/api/v1/"):
        self.app, self.ttl, self.lease, self.prefix = app, ttl, lease, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        values = [value for name, value in scope["headers"] if name == HEADER]
        if not values:
            return await self.app(scope, receive, send)
        state = scope["app"].state
        try:
            owner = authenticate((_header(scope, b"x-api-key") or b"").decode("latin-1"), state.settings.api_key_list)
        except HTTPException as exc:
            return await _answer(scope, send, exc.status_code, exc.detail, exc.headers)
        try:
            key = parse_key(values)
        except KeyRefused as exc:
            return await _answer(scope, send, 400, str(exc))
        claim = await _in_thread(state.sessions, claim_key, api_key_id=owner, key=key, path=scope["path"],
                                 ttl=self.ttl, lease=self.lease)
        if claim.outcome is Outcome.RUNNING:
            return await _answer(scope, send, 409, "A request with this Idempotency-Key is still being handled; "
                                            "try again in a moment to get its answer.", {"Retry-After": "1"})
        if claim.outcome is Outcome.DONE:
            return await self._replay(scope, receive, send, claim)
        await _Run(self.app, scope, receive, send, state.sessions, claim).run()

    async def _replay(self, scope: Scope, receive: Receive, send: Send, claim: Claim) -> None:
        fingerprint = RequestFingerprint(scope)
        while not fingerprint.complete:  # read only to compare it: never passed on, an upload never kept
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            fingerprint.update(message.get("body", b""), more_body=message.get("more_body", False))
        answer = claim.answer
        if fingerprint.hexdigest() != answer.fingerprint:
            return await _answer(scope, send, 422, [{
                "loc": ["header", "Idempotency-Key"], "type": "idempotency_key_reused",
                "msg": "This Idempotency-Key was already used for a different request (another body or path); "
                       "use a new key for a new request."}], body_read=True)
        headers = [(b"content-length", str(len(answer.body)).encode()), REPLAYED_HEADER]
        if answer.content_type:
            headers.append((b"content-type", answer.content_type.encode("latin-1")))
        await send({"type": "http.response.start", "status": answer.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})


class _Run:
    """One claimed request: passes the body on while hashing it, keeps the answer as it goes out, and
    stores it (or releases the key) before the answer's last chunk is sent, so a client that has the
    whole answer never meets its own request still running."""

    def __init__(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send, sessions, claim: Claim):
        self.app, self.scope, self._receive, self._send = app, scope, receive, send
        self.sessions, self.claim = sessions, claim
        self.fingerprint = RequestFingerprint(scope)
        self.status: int | None = None
        self.content_type: str | None = None
        self.body: list[bytes] = []
        self.body_size = 0
        self.settled = False

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        finally:
            if not self.settled:  # an exception, a cancellation, or no complete answer: a retry runs again
                with anyio.CancelScope(shield=True):
                    await self._settle(keep=False)

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.fingerprint.update(message.get("body", b""), more_body=message.get("more_body", False))
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            types = [value for name, value in message.get("headers", ()) if name.lower() == b"content-type"]
            self.content_type = types[0].decode("latin-1") if types else None
        elif message["type"] == "http.response.body" and not self.settled:
            chunk = message.get("body", b"")
            self.body_size += len(chunk)
            if self.body_size <= MAX_STORED_BODY:
                self.body.append(chunk)
            if not message.get("more_body", False):
                with anyio.CancelScope(shield=True):
                    await self._settle(keep=self._keepable())
        await self._send(message)

    def _keepable(self) -> bool:
        return (self.status is not None and self.status < 500 and self.status not in NOT_KEPT
                and self.fingerprint.complete and self.body_size <= MAX_STORED_BODY)

    async def _settle(self, *, keep: bool) -> None:
        self.settled = True
        try:
            if keep:
                answer = StoredAnswer(self.fingerprint.hexdigest(), self.status, self.content_type, b"".join(self.body))
                if await _in_thread(self.sessions, complete_key, self.claim, answer):
                    return
                logger.warning("an idempotency key was taken over while its request ran; its answer is not kept")
            else:
                await _in_thread(self.sessions, release_key, self.claim)
        except Exception:  # the answer still goes out; the key stays claimed until its lease ends
            logger.exception("could not store or release an idempotency key")


async def _in_thread(sessions, work, *args, **kwargs):
    def call():
        with sessions() as session:
            return work(session, *args, **kwargs)

    return await anyio.to_thread.run_sync(call)


def _announces_body(scope: Scope) -> bool:
    return any(name == b"transfer-encoding" or (name == b"content-length" and value.strip() not in (b"", b"0"))
               for name, value in scope["headers"])


def _header(scope: Scope, name: bytes) -> bytes | None:
    return next((value for key, value in scope["headers"] if key == name), None)


async def _answer(scope: Scope, send: Send, status: int, detail: str | list, headers: dict[str, str] | None = None,
                  *, body_read: bool = False) -> None:
    """A refusal in the API's usual shape, ``{"detail": …}`` (a 422's detail in FastAPI's list form). A body
    left unread closes the connection after the answer: the server would otherwise have to drain it."""
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if not body_read and _announces_body(scope):
        raw.append((b"connection", b"close"))
    raw += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
