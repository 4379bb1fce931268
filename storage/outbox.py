"""The notification outbox: written with a record's outcome, delivered until the receiver answers."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from storage.models import Notification, utcnow

BOT, WEBHOOK = "bot", "webhook"
CHAT_PENDING, CHAT_SENDING, CHAT_SENT = "pending", "sending", "sent"
MAX_BACKOFF_SECONDS = 600


def add_notifications(session: Session, record, event: str) -> list[Notification]:
    """Queue the outcome for the chat it came from and for the caller's webhook, once each."""
    targets = []
    if record.origin_id is not None:
        targets.append((BOT, None))
    if record.webhook_url:
        targets.append((WEBHOOK, record.webhook_url))
    added = []
    for target, url in targets:
        if _exists(session, record, event, target):
            continue
        notification = Notification(
            record_type=record.record_type, record_id=record.id, event=event, target=target, target_url=url
        )
        session.add(notification)
        added.append(notification)
    return added


def _exists(session: Session, record, event: str, target: str) -> bool:
    return session.scalar(
        select(Notification.id).where(
            Notification.record_type == record.record_type,
            Notification.record_id == record.id,
            Notification.event == event,
            Notification.target == target,
        )
    ) is not None


def undelivered_for(session: Session, record_type: str, record_id: str) -> list[Notification]:
    return session.scalars(
        select(Notification).where(
            Notification.record_type == record_type,
            Notification.record_id == record_id,
            Notification.delivered_at.is_(None),
        )
    ).all()


def due_notifications(session: Session, *, limit: int = 50) -> list[Notification]:
    return session.scalars(
        select(Notification)
        .where(Notification.delivered_at.is_(None), Notification.next_attempt_at <= utcnow())
        .order_by(Notification.id)
        .limit(limit)
    ).all()


def mark_delivered(notification: Notification) -> None:
    notification.delivered_at = utcnow()
    notification.last_error = None


def schedule_retry(notification: Notification, error: str) -> None:
    """Exponential backoff with full jitter, capped, so a bot that is down is not hammered."""
    notification.attempts += 1
    notification.last_error = error[:1000]
    ceiling = min(MAX_BACKOFF_SECONDS, 2 ** min(notification.attempts, 10))
    notification.next_attempt_at = utcnow() + timedelta(seconds=random.uniform(ceiling / 2, ceiling))


def claim_for_sending(session: Session, notification_id: int, *, lease_seconds: float) -> bool:
    """Take one due row for one sender (worker or sweeper) for ``lease_seconds``; False if taken.

    Without it the worker finishing a task and the sweeper both post the same event to a
    caller's webhook, which, unlike the bot, cannot tell the two apart.
    """
    now = utcnow()
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.delivered_at.is_(None),
               Notification.next_attempt_at <= now)
        .values(next_attempt_at=now + timedelta(seconds=lease_seconds))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def claim_chat_delivery(session: Session, notification_id: int, *, stale_seconds: float = 60) -> bool:
    """Take the exclusive right to send this notification to the chat; False if sent or being sent."""
    stale = utcnow() - timedelta(seconds=stale_seconds)
    result = session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            or_(
                Notification.chat_state == CHAT_PENDING,
                (Notification.chat_state == CHAT_SENDING) & (Notification.chat_claimed_at < stale),
            ),
        )
        .values(chat_state=CHAT_SENDING, chat_claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def finish_chat_delivery(session: Session, notification_id: int, *, sent: bool) -> None:
    values = {"chat_state": CHAT_SENT, "chat_sent_at": utcnow()} if sent else {"chat_state": CHAT_PENDING}
    session.execute(
        update(Notification).where(Notification.id == notification_id).values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
