"""Readiness: the database is migrated to the newest revision and the broker answers."""
from __future__ import annotations

import logging

from storage.schema_version import current_revisions, head_revisions

logger = logging.getLogger(__name__)


def check_migrations(url: str) -> str:
    """"ok" when the database's revisions are exactly the migration heads."""
    try:
        heads, current = head_revisions(), current_revisions(url)
    except Exception as exc:
        logger.warning("migration check failed: %s", exc)
        return f"error: {type(exc).__name__}"
    if current == heads:
        return "ok"
    return f"not migrated: at {sorted(current) or 'nothing'}, head is {sorted(heads)}"
