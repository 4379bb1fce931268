"""Inbound chat events after deduplication: marking them handled, and finding ones a crash left behind."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import InboundEvent, utcnow


def mark_inbound_processed(session: Session, *, platform: str, event_id: str) -> None:
    """Record that an event was handled, and drop its payload: it may hold personal data."""
    session.execute(update(InboundEvent).where(
        InboundEvent.platform == platform, InboundEvent.event_id == event_id, InboundEvent.processed_at.is_(None),
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
        # Compare-and-set on attempts, so two server processes never replay the same event twice.
        won = session.execute(update(InboundEvent).where(
            InboundEvent.id == event.id, InboundEvent.attempts == event.attempts,
        ).values(attempts=event.attempts + 1)).rowcount
        if not won:
            continue
        if event.attempts + 1 > max_attempts:
            session.execute(update(InboundEvent).where(InboundEvent.id == event.id)
                            .values(processed_at=utcnow(), payload={}))
            continue
        claimed.append((event.event_id, dict(event.payload)))
    session.commit()
    return claimed
