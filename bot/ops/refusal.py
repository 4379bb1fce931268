"""The one way the HTTP edge refuses a request from ASGI middleware: FastAPI's ``{"detail": ...}`` JSON, and
``Connection: close`` whenever a request body may still be on its way, so the server never reads (or drains)
the rest of a body nobody will use."""
from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send


def route_path(scope: Scope) -> str:
    """The path as the router matches it: without the ``root_path`` a server may have been given, so a check
    keyed on ``/api/v1/`` cannot be walked around by a prefix the router strips."""
    path, root = scope["path"], scope.get("root_path", "")
    if root and (path == root or path.startswith(root.rstrip("/") + "/")):
        return path[len(root.rstrip("/")):] or "/"
    return path


def announces_body(scope: Scope) -> bool:
    """True when the request's headers say a body follows (a Content-Length above 0, or any Transfer-Encoding)."""
    for name, value in scope.get("headers", ()):
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() not in (b"", b"0")):
            return True
    return False


async def refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str, *,
                 headers: dict[str, str] | None = None, body_pending: bool = True) -> None:
    """Answer ``status`` with ``{"detail": detail}``; ``body_pending``: the body was not read to its end, so the
    connection is closed after the answer (uvicorn drops a keep-alive connection's unread body only by reading it)."""
    headers = dict(headers or {})
    if body_pending and announces_body(scope):
        headers["Connection"] = "close"
    await JSONResponse({"detail": detail}, status_code=status, headers=headers)(scope, receive, send)
