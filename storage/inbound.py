"""Inbound chat events: storing them once (deduplication), marking them handled, finding ones a crash left behind."""
from __future__ import annotations

import functools
import json
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import InboundEvent, utcnow

_UPSERT_DIALECTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record_inbound_events(session: Session, *, platform: str, events: list[tuple[str, dict]],
                          commit: bool = True) -> set[str]:
    """Store many events in one transaction; returns the ids that were new (the rest are duplicates).

    One commit for a burst of webhook deliveries instead of one each: the commit is what costs. The
    rows go as one executemany of a single ``INSERT … ON CONFLICT DO NOTHING RETURNING``, which
    SQLAlchemy sends as multi-row INSERTs (up to 1,000 rows a statement) and compiles once whatever
    the batch size, where ``insert().values(rows)`` was compiled anew for every new batch size.
    """
    if not events:
        return set()
    unique = dict(reversed(events))  # an id twice in one batch: the first one counts
    dialect = session.get_bind().dialect.name
    if dialect not in _UPSERT_DIALECTS:  # other databases: one at a time, duplicates caught by the unique constraint
        return {event_id for event_id, payload in unique.items()
                if _record_one(session, platform=platform, event_id=event_id, payload=payload)}
    now = utcnow()
    rows = [{"platform": platform, "event_id": event_id, "payload": payload, "received_at": now, "attempts": 0}
            for event_id, payload in unique.items()]
    fresh = set(session.connection().execute(_upsert_statement(dialect), rows).scalars())
    if commit:
        session.commit()
    return fresh


@functools.cache
def _upsert_statement(dialect: str):
    # The table, not the ORM entity: the ORM's bulk-insert path cost more CPU than the rows' round trip.
    table = InboundEvent.__table__
    return (_UPSERT_DIALECTS[dialect](table).on_conflict_do_nothing(index_elements=["platform", "event_id"])
            .returning(table.c.event_id))


# PostgreSQL: a batch's handled marks and new events in one statement, sent on an autocommit connection, so a
# batch costs one round trip and one commit (through the ORM: check-out ping, BEGIN, INSERT, UPDATE, COMMIT)
# and no per-row work in Python beyond the JSON. The UPDATE in the CTE runs whether or not it is referenced.
_POSTGRES_WRITE = """
WITH handled AS (
    UPDATE inbound_events SET processed_at = %(now)s, payload = '{}'::json
    WHERE platform = %(platform)s AND event_id = ANY(%(handled)s::varchar[]) AND processed_at IS NULL
)
INSERT INTO inbound_events (platform, event_id, payload, received_at, attempts)
SELECT %(platform)s, event.id, event.payload::json, %(now)s, 0
FROM unnest(%(ids)s::varchar[], %(payloads)s::text[]) WITH ORDINALITY AS event(id, payload, position)
ORDER BY event.position
ON CONFLICT (platform, event_id) DO NOTHING
RETURNING event_id
"""


def write_inbound_batch_postgres(connection, *, platform: str, events: list[tuple[str, dict]],
                                 handled: list[str]) -> set[str]:
    """Record ``events`` and mark ``handled`` ids processed in one statement on a psycopg ``connection`` in
    autocommit mode (committed when this returns); returns the recorded ids that were new.

    ``events`` as for ``record_inbound_events`` (an id twice: the first copy counts). A mark of an event that
    is not stored yet marks nothing. Database errors propagate (psycopg.Error).
    """
    unique = dict(reversed(events))
    cursor = connection.execute(_POSTGRES_WRITE, {
        "now": utcnow(), "platform": platform, "handled": handled, "ids": list(unique),
        "payloads": [json.dumps(payload) for payload in unique.values()]})
    return {event_id for (event_id,) in cursor}


def _record_one(session: Session, *, platform: str, event_id: str, payload: dict) -> bool:
    """Store one event in its own transaction; False when it was seen before (a duplicate delivery)."""
    session.add(InboundEvent(platform=platform, event_id=event_id, payload=payload))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def mark_inbound_events_processed(session: Session, *, platform: str, event_ids: list[str],
                                  commit: bool = True) -> None:
    """Mark a batch of handled events processed, dropping their payloads (they may hold personal data).

    ``commit=False`` leaves the commit to the caller (one transaction with the records of the same batch).
    """
    if event_ids:
        table = InboundEvent.__table__  # a Core UPDATE: no ORM synchronisation of loaded objects needed here
        session.connection().execute(update(table).where(
            table.c.platform == platform, table.c.event_id.in_(event_ids), table.c.processed_at.is_(None),
        ).values(processed_at=utcnow(), payload={}))
    if commit:
        session.commit()


def unprocessed_payloads(session: Session, *, platform: str, event_ids: list[str]) -> dict[str, dict]:
    """``{event_id: payload}`` of those of ``event_ids`` still unhandled (handled or unknown ones are left out)."""
    if not event_ids:
        return {}
    return dict(session.execute(select(InboundEvent.event_id, InboundEvent.payload).where(
        InboundEvent.platform == platform, InboundEvent.event_id.in_(event_ids), InboundEvent.processed_at.is_(None),
    )).all())


def claim_unprocessed_events(session: Session, *, platform: str, older_than_seconds: float, max_attempts: int,
                             limit: int = 50, exclude: list[str] = ()) -> list[tuple[str, dict]]:
    """Events stored but never handled, older than the grace period; each claim counts one attempt.

    Events that used up their attempts are closed (processed, payload dropped) so they stop coming back.
    ``exclude``: ids the caller is handling right now (a slow handler is no crash: claiming those would
    spend their attempts and finally close them unhandled).
    """
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    query = select(InboundEvent).where(
        InboundEvent.platform == platform, InboundEvent.processed_at.is_(None), InboundEvent.received_at < cutoff)
    if exclude:
        query = query.where(InboundEvent.event_id.not_in(list(exclude)))
    stale = session.scalars(query.order_by(InboundEvent.id).limit(limit)).all()
    claimed = []
    for event in stale:
        # Read before the update: the ORM update also sets event.attempts, which would count this claim twice.
        attempt = event.attempts + 1
        # Compare-and-set on attempts, so two server processes never replay the same event twice.
        won = session.execute(update(InboundEvent).where(
            InboundEvent.id == event.id, InboundEvent.attempts == event.attempts,
        ).values(attempts=attempt)).rowcount
        if not won:
            continue
        if attempt > max_attempts:
            session.execute(update(InboundEvent).where(InboundEvent.id == event.id)
                            .values(processed_at=utcnow(), payload={}))
            continue
        claimed.append((event.event_id, dict(event.payload)))
    session.commit()
    return claimed
