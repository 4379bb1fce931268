"""Readiness: the database is migrated to the newest revision and the broker answers."""
from __future__ import annotations

import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.db import session_factory
from storage.migrate import alembic_config

logger = logging.getLogger(__name__)


def check_migrations(url: str) -> str:
    """"ok" when the database's revisions are exactly the migration heads."""
    try:
        heads = set(ScriptDirectory.from_config(alembic_config(url)).get_heads())
        engine = session_factory(url).kw["bind"]
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except Exception as exc:
        logger.warning("migration check failed: %s", exc)
        return f"error: {type(exc).__name__}"
    if current == heads:
        return "ok"
    return f"not migrated: at {sorted(current) or 'nothing'}, head is {sorted(heads)}"
