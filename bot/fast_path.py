"""Hot webhook endpoints ahead of the app's routing and middleware.

A chat platform's webhook takes thousands of small requests a second, each checked by its own
secret and answered with an empty body. Walking the app's routes and its request middleware
(context, limits, auth gate, security headers) cost about half the server's time per update at
saturation; these endpoints need none of it (they cap their own bodies and check their own secret
before reading them).
"""
from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class FastPath:
    """ASGI middleware: a POST to one of ``routes`` (exact path → ASGI endpoint) goes straight to its endpoint.

    Add it last (``app.add_middleware(FastPath, routes=...)``) so it runs before the other middleware;
    every other request, and any other method on those paths, goes on to ``app`` unchanged.
    """

    def __init__(self, app: ASGIApp, routes: dict[str, ASGIApp]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            endpoint = self.routes.get(scope["path"])
            if endpoint is not None:
                return await endpoint(scope, receive, send)
        await self.app(scope, receive, send)
