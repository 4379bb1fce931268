"""Request latency by route template, and the log context of each HTTP request."""
from __future__ import annotations

import time
import uuid

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.logs import bind, bound
from bot.ops.metrics import Metrics

UNMATCHED = "<unmatched>"  # one label for every unknown path: scanners must not explode cardinality


def route_template(scope: Scope) -> str:
    """The template (``/api/v1/jobs/{application_id}``) the router matched; set once routing ran."""
    route = scope.get("route")
    return getattr(route, "path", None) or UNMATCHED


class RequestContextMiddleware:
    """Times every HTTP request and binds a ``request_id`` for every log line written while serving it."""

    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        status = 500
        started = time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        with bound(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_status)
            finally:
                self.metrics.request_latency.labels(scope["method"], route_template(scope), str(status)).observe(
                    time.perf_counter() - started)


async def bind_path_record(request: Request) -> None:
    """App-wide dependency: a record id in the path (``/api/v1/jobs/{application_id}``) joins the log context.

    Async on purpose: it runs in the request's own task, so the binding holds for the endpoint.
    """
    record_id = next((str(value) for name, value in request.path_params.items() if name.endswith("id")), None)
    if record_id:
        bind(record_id=record_id)
