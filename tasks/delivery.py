"""Delivers outbox rows as signed POSTs: to the bot's /hooks/task-events, or a caller's webhook."""
from __future__ import annotations

import json
import logging

import httpx
from sqlalchemy.orm import Session

from config import Settings
from storage.models import Notification, utcnow
from storage.outbox import BOT, due_notifications, mark_delivered, schedule_retry
from tasks.signing import signature_headers

logger = logging.getLogger(__name__)
DELIVERY_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
HOOK_PATH = "/hooks/task-events"


def event_body(notification: Notification) -> bytes:
    return json.dumps(
        {
            "type": "outcome",
            "notification_id": notification.id,
            "record_type": notification.record_type,
            "record_id": notification.record_id,
            "event": notification.event,
            "sent_at": utcnow().isoformat(),
        },
        separators=(",", ":"),
    ).encode()


def target_url(notification: Notification, settings: Settings) -> str:
    if notification.target == BOT:
        return settings.resolved_public_base_url + HOOK_PATH
    return notification.target_url


def post_signed(url: str, body: bytes, secret: bytes, client: httpx.Client | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json", **signature_headers(secret, body)}
    if client is not None:
        return client.post(url, content=body, headers=headers)
    with httpx.Client(timeout=DELIVERY_TIMEOUT, follow_redirects=False) as own_client:
        return own_client.post(url, content=body, headers=headers)


def deliver(session: Session, notification: Notification, settings: Settings) -> bool:
    """One delivery attempt; records the outcome on the row (the caller commits)."""
    url = target_url(notification, settings)
    try:
        response = post_signed(url, event_body(notification), settings.resolved_webhook_secret())
    except httpx.HTTPError as exc:
        schedule_retry(notification, f"{type(exc).__name__}: {exc}")
        logger.info("notification %s to %s not delivered: %s", notification.id, url, exc)
        return False
    if response.is_success:
        mark_delivered(notification)
        return True
    schedule_retry(notification, f"HTTP {response.status_code}: {response.text[:200]}")
    logger.warning("notification %s to %s answered %s", notification.id, url, response.status_code)
    return False


def deliver_all(session: Session, notifications: list[Notification], settings: Settings) -> int:
    delivered = 0
    for notification in notifications:
        delivered += deliver(session, notification, settings)
        session.commit()
    return delivered


def deliver_due(session: Session, settings: Settings, *, limit: int = 50) -> int:
    """Retry every undelivered row whose backoff has passed; returns how many went through."""
    return deliver_all(session, due_notifications(session, limit=limit), settings)
