"""Security headers on every response, and ``Cache-Control: no-store`` on everything that is not the API docs.

Every answer of this server is either personal (records, profiles, letters, CVs, exports, chat updates) or
operational (health, metrics, stats); none gains from a shared or browser cache, and a letter PDF behind an
API key must not be kept by one. The OpenAPI documents (/docs, /redoc, /openapi.json) and the web chat's static
files (/chat/static/) may be cached.
"""
from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.ops.refusal import route_path

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
)
NO_STORE = (b"cache-control", b"no-store")
CACHEABLE_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
# The web chat's script and stylesheet: the same for everyone, linked with their hash (?v=), so a browser may keep
# them as the route says.
CACHEABLE_PREFIXES = ("/chat/static/",)


class SecurityHeadersMiddleware:
    """Adds ``SECURITY_HEADERS`` to every HTTP response (a header the route set itself is kept), and
    ``Cache-Control: no-store`` (replacing any other) outside ``CACHEABLE_PATHS`` and ``CACHEABLE_PREFIXES``."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        no_store = path not in CACHEABLE_PATHS and not path.startswith(CACHEABLE_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                if no_store:
                    headers = [(name, value) for name, value in headers if name.lower() != b"cache-control"]
                    headers.append(NO_STORE)
                headers += [header for header in SECURITY_HEADERS if header[0] not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
