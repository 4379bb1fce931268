"""Structured logs: every line carries the request's context (task id, record id) from a contextvar.

The context is bound at the edges — a Celery task run (``task_prerun``/``task_postrun``) or an
HTTP request — and a logging filter copies it onto each record, so the domain code just logs.
``LOG_FORMAT=json`` writes one JSON object a line; ``text`` writes a readable line ending in
``key=value`` pairs.

Every handler also carries a :class:`RedactionFilter`: each configured secret (tokens, signing
secrets, API keys, passwords in the database and broker URLs) and anything shaped like a Telegram
bot token becomes ``[redacted]`` in the message, its arguments, the traceback and string extras,
and no line grows past :data:`MAX_LINE_CHARS` however large what was logged.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from urllib.parse import quote, quote_plus, unquote, urlparse

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
        if record.exc_info or record.exc_text:  # exc_text: the traceback as the RedactionFilter left it
            entry["exc_info"] = record.exc_text or self.formatException(record.exc_info)
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


MAX_LINE_CHARS = 8192
"""The most characters of one message, and of one traceback, a log line keeps (a request body
logged whole by a library once wrote 209 million characters on one line)."""
MIN_SECRET_CHARS = 6  # a shorter "secret" would blank out ordinary words, and is guessable anyway
REDACTED = "[redacted]"
# A Telegram bot token is "<bot id>:<35 characters>"; Bot API URLs carry it as /bot<token>/method, and
# file URLs with the colon percent-encoded (/file/bot<id>%3A<...>/documents/file_1.pdf). The lookbehind
# keeps the search linear: without it a long run of digits is tried from every digit (seconds per line).
BOT_TOKEN = re.compile(r"(?<![0-9])[0-9]{5,}(?::|%3[Aa])[A-Za-z0-9_-]{30,}")
_STANDARD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "context", "redacted",
                                                                  *CONTEXT_KEYS}
_TRACEBACKS = logging.Formatter()


class RedactionFilter(logging.Filter):
    """Rewrites a record before any handler formats it: secrets become ``[redacted]``, long text is cut.

    ``secrets``: the literal values to hide (shorter than :data:`MIN_SECRET_CHARS` are ignored).
    The message is formatted here (``msg % args``) and stored back with ``args`` emptied, the
    traceback is rendered into ``exc_text``; string extras and the bound context are redacted too.
    Never raises: a record it cannot format is logged as its raw template.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        given = {value for value in secrets if value and len(value) >= MIN_SECRET_CHARS}
        # As written, and as a URL carries it (a query string, a path segment with its ':' encoded);
        # longest first, so a secret containing another is replaced whole.
        self._values = sorted(given | {quote(value, safe="") for value in given} | {quote_plus(value) for value in given},
                              key=len, reverse=True)
        # Text is cut to the limit plus this margin before the search, so a secret that straddles the
        # limit is still whole when searched, and a 200 MB message is not searched at all.
        self._margin = max([len(value) for value in self._values] + [100])

    def redact(self, text: str, *, keep_tail: bool = False) -> str:
        """``text`` with every secret replaced and cut to :data:`MAX_LINE_CHARS` (the head kept, or the tail)."""
        if len(text) <= MAX_LINE_CHARS:
            return self._replace(text)
        cut = len(text) - MAX_LINE_CHARS
        if keep_tail:  # a traceback says what happened at its end
            return f"[{cut} characters cut]…" + self._replace(text[-MAX_LINE_CHARS - self._margin:])[-MAX_LINE_CHARS:]
        return self._replace(text[:MAX_LINE_CHARS + self._margin])[:MAX_LINE_CHARS] + f"…[{cut} characters cut]"

    def _replace(self, text: str) -> str:
        # ``in`` then ``replace`` per value: several times faster than one regex of alternatives (every line
        # of a busy webhook passes here).
        for value in self._values:
            if value in text:
                text = text.replace(value, REDACTED)
        return BOT_TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "redacted", False):  # done by another handler's filter: cutting twice adds marks
            return True
        record.redacted = True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 — a bad format string must not take the caller down
            message = f"{record.msg!r} (its arguments did not fit)"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text, keep_tail=True)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info, keep_tail=True)
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_FIELDS:
                setattr(record, name, self._scrub(value))
        context = getattr(record, "context", None)
        if context:  # a copy: the bound dict itself belongs to the contextvar
            record.context = {key: self._scrub(value) for key, value in context.items()}
        return True

    def _scrub(self, value: object) -> object:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {key: self._scrub(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self._scrub(item) for item in value)
        return value


def url_password(url: str | None) -> list[str]:
    """The password in a database or broker URL (as written and decoded); [] when none or unreadable."""
    try:
        password = urlparse(url).password if url else None
    except ValueError:
        return []
    return [password, unquote(password)] if password else []


def configured_secrets(settings) -> list[str]:
    """Every secret value ``settings`` holds: tokens, signing secrets, API keys, URL passwords, the webhook key."""
    values: list[str] = []
    for name in ("telegram_bot_token", "telegram_webhook_secret", "slack_bot_token", "slack_signing_secret",
                 "slack_app_token", "webhook_secret", "api_webhook_secret", "serpapi_api_key", "adzuna_app_key",
                 "llm_api_key", "metrics_token"):
        secret = getattr(settings, name, None)
        if secret is not None:
            values.append(secret.get_secret_value())
    values += settings.api_key_list + settings.admin_api_key_list
    for url in (settings.database_url, settings.celery_broker_url, settings.celery_result_backend):
        values += url_password(url)
    try:  # the generated key in the data folder (created now if first: serve and worker need it anyway)
        values.append(settings.resolved_webhook_secret().decode())
    except OSError:
        pass
    return values


def make_handler(log_format: str, stream=None, secrets: Iterable[str] = ()) -> logging.Handler:
    """A stream handler (stderr by default) in ``log_format`` ("json" or "text") that hides ``secrets``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format.lower() == "json" else TextFormatter())
    handler.addFilter(ContextFilter())
    handler.addFilter(RedactionFilter(secrets))
    return handler


def install_redaction(redaction: RedactionFilter) -> None:
    """Put ``redaction`` on every handler any logger has now (a library's own handler too), replacing an older one."""
    loggers = [logging.getLogger()] + [item for item in logging.root.manager.loggerDict.values()
                                       if isinstance(item, logging.Logger)]
    for handler in {handler for logger in loggers for handler in logger.handlers}:
        for old in [f for f in handler.filters if isinstance(f, RedactionFilter)]:
            handler.removeFilter(old)
        handler.addFilter(redaction)


def configure_logging(level: str | int = "INFO", log_format: str = "text") -> None:
    """Route every logger (uvicorn's and Celery's too) through one context-aware root handler that hides
    every configured secret (see :class:`RedactionFilter`); HTTP clients' request lines only at DEBUG."""
    from config import get_settings

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(make_handler(log_format))
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    install_redaction(RedactionFilter(configured_secrets(get_settings())))
    # httpx logs every request URL at INFO: Adzuna's app_key and the Telegram bot token travel in URLs.
    # (Redacted anyway; at DEBUG an operator asked for them.)
    quiet = logging.NOTSET if root.getEffectiveLevel() <= logging.DEBUG else logging.WARNING
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(quiet)
    log_uncaught_exceptions()


def log_uncaught_exceptions() -> None:
    """An exception nobody caught, in the main thread or another, is logged (so redacted and cut) instead
    of printed raw to stderr by Python's default hooks."""
    uncaught = logging.getLogger("job_agent.uncaught")

    def main_thread(kind, value, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        uncaught.critical("uncaught exception", exc_info=(kind, value, traceback))

    def other_thread(args) -> None:
        if args.exc_type is SystemExit:
            return
        uncaught.error("uncaught exception in thread %s", getattr(args.thread, "name", "?"),
                       exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook, threading.excepthook = main_thread, other_thread
