"""X-API-Key authentication: keys from API_KEYS, records owned by a stable hash of the key."""
from __future__ import annotations

import hashlib
import hmac
import logging

from fastapi import HTTPException, status
from fastapi.security import APIKeyHeader

logger = logging.getLogger(__name__)

API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, scheme_name="ApiKey", description="one of the keys in API_KEYS"
)
MAX_KEY_CHARS = 512


def api_key_id(key: str) -> str:
    """The stable id a key's records are stored under; the key itself is never stored."""
    return hashlib.sha256(b"job-agent api key\x00" + key.encode()).hexdigest()


def authenticate(presented: str | None, configured: list[str]) -> str:
    """Return the caller's ``api_key_id`` or raise 401/403."""
    if not configured:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "The REST API is disabled: no API_KEYS are configured.")
    if not presented:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Send your API key in the X-API-Key header.",
                            headers={"WWW-Authenticate": "ApiKey"})
    if not is_one_of(presented, configured):
        logger.info("refused a request with an unknown API key")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "That API key is not valid.",
                            headers={"WWW-Authenticate": "ApiKey"})
    return api_key_id(presented)


def is_one_of(presented: str, keys: list[str]) -> bool:
    """True when ``presented`` equals one of ``keys``; the time taken does not tell which (no early exit)."""
    encoded = presented.encode()
    candidate = encoded[:MAX_KEY_CHARS]  # an absurdly long header costs no more than a long key
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(candidate, key.encode())
    return matched and len(encoded) <= MAX_KEY_CHARS


def authenticate_stats(presented: str | None, api_keys: list[str], admin_keys: list[str]) -> tuple[str, bool]:
    """``(api_key_id, is_admin)`` for GET /admin/stats: a key in ADMIN_API_KEYS is an admin (it need not be in
    API_KEYS); any other key must pass ``authenticate`` (401/403 as there)."""
    if presented and admin_keys and is_one_of(presented, admin_keys):
        return api_key_id(presented), True
    return authenticate(presented, api_keys), False
