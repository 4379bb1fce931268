"""Inbound chat events: storing them once (deduplication), marking them handled, finding ones a crash left behind."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import InboundEvent, utcnow

_UPSERT_DIALECTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record_inbound_events(session: Session, *, platform: str, events: list[tuple[str, dict]]) -> set[str]:
    """Store many events in one transaction; returns the ids that were new (the rest are duplicates).

    One commit for a burst of webhook deliveries instead of one each: the commit is what costs.
    """
    unique = dict(reversed(events))  # an id twice in one batch: the first one counts
    insert = _UPSERT_DIALECTS.get(session.get_bind().dialect.name)
    if insert is None:  # other databases: one at a time, duplicates caught by the unique constraint
        return {event_id for event_id, payload in unique.items()
                if _record_one(session, platform=platform, event_id=event_id, payload=payload)}
    now = utcnow()
    rows = [{"platform": platform, "event_id": event_id, "payload": payload, "received_at": now, "attempts": 0}
            for event_id, payload in unique.items()]
    statement = insert(InboundEvent).values(rows).on_conflict_do_nothing(
        index_elements=["platform", "event_id"]).returning(InboundEvent.event_id)
    fresh = set(session.scalars(statement))
    session.commit()
    return fresh


def _record_one(session: Session, *, platform: str, event_id: str, payload: dict) -> bool:
    """Store one event in its own transaction; False when it was seen before (a duplicate delivery)."""
    session.add(InboundEvent(platform=platform, event_id=event_id, payload=payload))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def mark_inbound_events_processed(session: Session, *, platform: str, event_ids: list[str]) -> None:
    """Mark a batch of handled events processed, dropping their payloads (they may hold personal data)."""
    session.execute(update(InboundEvent).where(
        InboundEvent.platform == platform, InboundEvent.event_id.in_(event_ids), InboundEvent.processed_at.is_(None),
    ).values(processed_at=utcnow(), payload={}))
    session.commit()


def claim_unprocessed_events(session: Session, *, platform: str, older_than_seconds: float, max_attempts: int,
                             limit: int = 50) -> list[tuple[str, dict]]:
    """Events stored but never handled, older than the grace period; each claim counts one attempt.

    Events that used up their attempts are closed (processed, payload dropped) so they stop coming back.
    """
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    stale = session.scalars(select(InboundEvent).where(
        InboundEvent.platform == platform, InboundEvent.processed_at.is_(None), InboundEvent.received_at < cutoff,
    ).order_by(InboundEvent.id).limit(limit)).all()
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
