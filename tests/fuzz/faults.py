"""Faults the fuzzing found whose fix is not in yet. Until it is, the fuzz tests do not send the requests that would
only show that fault again (``open_fault`` names it, and the example is rejected, counted as held back); remove a
predicate when its fix lands, so the fuzzing covers that input again. Fixed ones keep their minimal example in
test_found_faults.py."""
from __future__ import annotations

import json


def _json(body: bytes):
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return ValueError


def open_fault(method: str, path: str, headers: dict, body: bytes) -> str | None:
    """The open fault this request would hit, or None. ``headers`` as sent (names in any case)."""
    named = {str(key).lower(): value for key, value in headers.items()}
    if path == "/telegram/webhook" and named.get("x-telegram-bot-api-secret-token"):
        return _telegram_fault(_json(body))
    return None


def _telegram_fault(update) -> str | None:
    if not isinstance(update, dict):
        return None
    if _has_lone_surrogate(update):
        return "an update with a lone surrogate, echoed to the Bot API (bot/telegram/routes.py)"
    return None


def _has_lone_surrogate(value) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
