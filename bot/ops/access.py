"""X-API-Key check for the operations endpoints (same keys as the REST API: ``API_KEYS``)."""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request


def require_api_key(request: Request, x_api_key: Annotated[str | None, Header()] = None) -> str:
    """The presented key when it is one of ``API_KEYS``; 401 otherwise, 403 when none are configured."""
    keys = request.app.state.settings.api_key_list
    if not keys:
        raise HTTPException(403, "The operations API is disabled: no API_KEYS are configured.")
    presented = (x_api_key or "").encode()
    # Compare against every key, so the time taken does not reveal which one nearly matched.
    matched = [key for key in keys if hmac.compare_digest(presented, key.encode())]
    if not presented or not matched:
        raise HTTPException(401, "missing or invalid X-API-Key", headers={"WWW-Authenticate": "ApiKey"})
    return matched[0]


ApiKeyDep = Annotated[str, Depends(require_api_key)]
