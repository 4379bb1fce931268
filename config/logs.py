"""Structured logs: every line carries the request's context (task id, record id) from a contextvar.

The context is bound at the edges — a Celery task run (``task_prerun``/``task_postrun``) or an
HTTP request — and a logging filter copies it onto each record, so the domain code just logs.
``LOG_FORMAT=json`` writes one JSON object a line; ``text`` writes a readable line ending in
``key=value`` pairs.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import sys
from collections.abc import Iterator
from datetime import datetime, timezone

CONTEXT_KEYS = ("request_id", "task_id", "task_name", "record_type", "record_id", "notification_id")
_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("job_agent_log_context", default={})


def bind(**values: object) -> contextvars.Token:
    """Add values to the current context; returns a token for :func:`reset`."""
    merged = {**_context.get(), **{key: str(value) for key, value in values.items() if value is not None}}
    return _context.set(merged)


def reset(token: contextvars.Token) -> None:
    _context.reset(token)


def clear() -> None:
    _context.set({})


def current() -> dict[str, str]:
    return dict(_context.get())


@contextlib.contextmanager
def bound(**values: object) -> Iterator[None]:
    token = bind(**values)
    try:
        yield
    finally:
        reset(token)


class ContextFilter(logging.Filter):
    """Copies the bound context onto every record (as attributes and as ``record.context``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get()
        record.context = context
        for key in CONTEXT_KEYS:
            if not hasattr(record, key):
                setattr(record, key, context.get(key))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, context, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        entry.update(getattr(record, "context", None) or {})
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message key=value ...`` for people reading a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = getattr(record, "context", None) or {}
        if not context:
            return line
        pairs = " ".join(f"{key}={value}" for key, value in context.items())
        head, newline, rest = line.partition("\n")  # keep tracebacks below the context
        return f"{head} {pairs}{newline}{rest}"


def make_handler(log_format: str, stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format.lower() == "json" else TextFormatter())
    handler.addFilter(ContextFilter())
    return handler


def configure_logging(level: str | int = "INFO", log_format: str = "text") -> None:
    """Route every logger (uvicorn's and Celery's too) through one context-aware root handler."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(make_handler(log_format))
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # httpx logs every request URL at INFO: Adzuna's app_key and the Telegram bot token travel in URLs.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
