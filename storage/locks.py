"""A lock held until the transaction ends, for a check-then-insert that two requests may run at once
(the owner's alert for one search, the tracker's entry for one job, the 20-alert limit)."""
from __future__ import annotations

from sqlalchemy import false, text, update
from sqlalchemy.orm import Session

from storage.models import Alert


def hold_lock(session: Session, name: str) -> None:
    """Hold ``name`` until the session's transaction commits or rolls back.

    PostgreSQL: a transaction-level advisory lock on the name's hash (``pg_advisory_xact_lock``), so
    other names go on. SQLite: its single write lock, taken now instead of at the first write — reads
    made after this see every earlier writer's commit, and a second writer waits here.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})
    elif dialect == "sqlite":
        # An UPDATE that matches nothing still opens SQLite's write transaction (RESERVED lock).
        session.execute(update(Alert).where(false()).values(runs=Alert.runs))
