"""HMAC-SHA256 signatures for completion webhooks: over "timestamp.body", with a replay window."""
from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-JobAgent-Timestamp"
SIGNATURE_HEADER = "X-JobAgent-Signature"
REPLAY_WINDOW_SECONDS = 300


class InvalidSignature(Exception):
    """The request is unsigned, badly signed, or outside the replay window."""


def compute_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def signature_headers(secret: bytes, body: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: compute_signature(secret, timestamp, body)}


def verify_signature(
    secret: bytes, headers, body: bytes, *, now: float | None = None, window: int = REPLAY_WINDOW_SECONDS
) -> None:
    """Raise InvalidSignature unless the headers sign ``body`` with ``secret`` within ``window``."""
    timestamp, signature = check_fresh(headers, now=now, window=window)
    if not hmac.compare_digest(compute_signature(secret, timestamp, body).encode(), signature.encode("latin-1")):
        raise InvalidSignature("signature mismatch")


def check_fresh(headers, *, now: float | None = None, window: int = REPLAY_WINDOW_SECONDS) -> tuple[str, str]:
    """The ``(timestamp, signature)`` header values, once both are present, ASCII, and the timestamp (Unix
    seconds) is within ``window`` seconds of ``now``; raise InvalidSignature otherwise.

    Needs no body: the HTTP edge calls it before reading one, so an unsigned or stale request costs nothing.
    ``headers`` is any mapping with ``.get`` (Starlette decodes header values as Latin-1).
    """
    timestamp, signature = headers.get(TIMESTAMP_HEADER), headers.get(SIGNATURE_HEADER)
    if not timestamp or not signature:
        raise InvalidSignature("missing signature headers")
    if not (timestamp.isascii() and signature.isascii()):
        raise InvalidSignature("malformed signature headers")
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        raise InvalidSignature("malformed timestamp") from None
    if age > window:
        raise InvalidSignature("timestamp outside the replay window")
    return timestamp, signature
