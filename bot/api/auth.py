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
    candidate = presented.encode()[:MAX_KEY_CHARS]
    matched = False
    for key in configured:  # no early exit: the time taken does not tell which key matched
        matched |= hmac.compare_digest(candidate, key.encode())
    if not matched:
        logger.info("refused a request with an unknown API key")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "That API key is not valid.",
                            headers={"WWW-Authenticate": "ApiKey"})
    return api_key_id(presented)
