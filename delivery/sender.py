"""Delivers outbox rows as signed POSTs: to the bot's /hooks/task-events, or a caller's webhook."""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import httpx
from sqlalchemy.orm import Session

from config import Settings
from delivery.signing import signature_headers
from delivery.webhook_safety import UnsafeWebhook, check_webhook_url, post_to_target
from pipeline.steps import STEPS, result_path
from storage.models import Notification, utcnow
from storage.outbox import BOT, WEBHOOK, claim_for_sending, due_notifications, mark_delivered, schedule_retry

logger = logging.getLogger(__name__)
DELIVERY_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
HOOK_PATH = "/hooks/task-events"
# A caller's webhook is retried with the outbox backoff (about half an hour in all), then dropped.
MAX_WEBHOOK_ATTEMPTS = 10
# Longer than one attempt can take (DNS, connect and read timeouts, a few addresses).
WEBHOOK_LEASE_SECONDS = 60
# Longer than a post to the bot may take (DELIVERY_TIMEOUT); a sender that died frees its rows after it.
BOT_LEASE_SECONDS = 60
GAVE_UP = datetime(9999, 1, 1, tzinfo=timezone.utc)
# Rows posted at once: each post to the bot waits until its chat message went out, so the platforms'
# pacing, not this loop, should set the pace; 16 keep a bot busy at Telegram's 30 messages a second.
DELIVERY_THREADS = 16
SWEEP_BUDGET_SECONDS = 30  # one sweep delivers batch after batch for at most this long
_clients: dict[int, httpx.Client] = {}
_clients_lock = threading.Lock()


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


def bot_client() -> httpx.Client:
    """This process's keep-alive client for posts to the bot (thread-safe, shared by every sender in it).

    A client per post cost 28 ms of CPU (each loads a TLS trust store), more than the post itself.
    Kept per process id: a prefork child builds its own instead of using its parent's sockets.
    """
    pid = os.getpid()
    client = _clients.get(pid)
    if client is None:
        with _clients_lock:
            client = _clients.get(pid)
            if client is None:
                limits = httpx.Limits(max_connections=4 * DELIVERY_THREADS, max_keepalive_connections=DELIVERY_THREADS)
                client = _clients[pid] = httpx.Client(timeout=DELIVERY_TIMEOUT, follow_redirects=False, limits=limits)
    return client


def post_signed(url: str, body: bytes, secret: bytes, client: httpx.Client | None = None) -> httpx.Response:
    """POST a signed event to the bot (``client``: this process's ``bot_client()`` unless given)."""
    headers = {"Content-Type": "application/json", **signature_headers(secret, body)}
    return (client or bot_client()).post(url, content=body, headers=headers)


def webhook_body(notification: Notification, settings: Settings) -> bytes:
    """The event a REST caller's webhook receives: the outcome and where to fetch the result."""
    id_field = STEPS[notification.record_type].rest_id
    result_url = settings.resolved_public_base_url + result_path(notification.record_type, notification.record_id)
    return json.dumps(
        {
            "type": "outcome",
            "event": notification.event,
            "status": notification.event,
            "record_type": notification.record_type,
            "record_id": notification.record_id,
            id_field: notification.record_id,
            "status_url": result_url + "/status",
            "result_url": result_url,
            "notification_id": notification.id,
            "sent_at": utcnow().isoformat(),
        },
        separators=(",", ":"),
    ).encode()


def deliver_webhook(notification: Notification, settings: Settings) -> bool:
    """One attempt at a caller's webhook: re-vetted now, posted to the vetted address, no redirects."""
    if notification.attempts >= MAX_WEBHOOK_ATTEMPTS:
        return False
    try:
        target = check_webhook_url(notification.target_url or "", allow_http_hosts=settings.webhook_http_allowlist)
    except UnsafeWebhook as exc:
        return _give_up(notification, f"refused: {exc.reason}")
    body = webhook_body(notification, settings)
    headers = {"Content-Type": "application/json", **signature_headers(settings.resolved_api_webhook_secret(), body)}
    try:
        status = post_to_target(target, body, headers)
    except httpx.HTTPError as exc:
        return _retry_webhook(notification, f"{type(exc).__name__}: {exc}")
    if 200 <= status < 300:
        mark_delivered(notification)
        return True
    return _retry_webhook(notification, f"HTTP {status} (redirects are not followed)" if 300 <= status < 400
                          else f"HTTP {status}")


def _retry_webhook(notification: Notification, error: str) -> bool:
    schedule_retry(notification, error)
    logger.info("webhook notification %s not delivered (attempt %s): %s", notification.id, notification.attempts, error)
    if notification.attempts >= MAX_WEBHOOK_ATTEMPTS:
        return _give_up(notification, f"gave up after {notification.attempts} attempts: {error}")
    return False


def _give_up(notification: Notification, error: str) -> bool:
    """Park the row for good: an unsafe or dead receiver is not worth another try."""
    notification.last_error = error[:1000]
    notification.attempts = max(notification.attempts, MAX_WEBHOOK_ATTEMPTS)
    notification.next_attempt_at = GAVE_UP
    logger.warning("webhook notification %s dropped: %s", notification.id, error)
    return False


def deliver(session: Session, notification: Notification, settings: Settings) -> bool:
    """One delivery attempt of a due row; records the outcome on the row (the caller commits).

    The row is leased first (committed), so a worker and the sweeper never post it at the same
    time: for the bot, a second post of a digest still being sent only made the bot answer 503,
    and under load those duplicates were half of its work.
    """
    lease = WEBHOOK_LEASE_SECONDS if notification.target == WEBHOOK else BOT_LEASE_SECONDS
    if not claim_for_sending(session, notification.id, lease_seconds=lease):
        return False  # delivered meanwhile, or another process is sending it right now
    if notification.target == WEBHOOK:
        return deliver_webhook(notification, settings)
    url = target_url(notification, settings)
    try:
        response = post_signed(url, event_body(notification), settings.resolved_webhook_secret())
    except httpx.HTTPError as exc:
        schedule_retry(notification, f"{type(exc).__name__}: {exc}")
        logger.info("notification %s to %s not delivered: %s", notification.id, url, exc)
        return False
    if response.is_success:
        if _recipient_gone(response):
            notification.delivered_at = utcnow()  # done for good; the bot wrote why in last_error: keep it
        else:
            mark_delivered(notification)
        return True
    schedule_retry(notification, f"HTTP {response.status_code}: {response.text[:200]}")
    logger.warning("notification %s to %s answered %s", notification.id, url, response.status_code)
    return False


def _recipient_gone(response: httpx.Response) -> bool:
    """The bot's 200 ``{"status": "gone"}``: the chat can never get it (bot.hooks)."""
    try:
        return response.json().get("status") == "gone"
    except (ValueError, AttributeError):
        return False


def deliver_all(session: Session, notifications: list[Notification], settings: Settings) -> int:
    delivered = 0
    for notification in notifications:
        delivered += deliver(session, notification, settings)
        session.commit()
    return delivered


def deliver_each(session: Session, notification_ids: list[int], settings: Settings, *,
                 threads: int = DELIVERY_THREADS) -> int:
    """Deliver these rows, up to ``threads`` at once, each in a session of its own committed after its
    attempt; returns how many went through. One at a time on SQLite (a single writer) or for one row.
    A row delivered meanwhile (by another sender) is skipped."""
    bind = session.get_bind()
    if threads <= 1 or len(notification_ids) <= 1 or bind.dialect.name == "sqlite":
        rows = [row for row_id in notification_ids if (row := session.get(Notification, row_id)) is not None]
        return deliver_all(session, [row for row in rows if row.delivered_at is None], settings)

    def deliver_one(notification_id: int) -> int:
        try:
            with Session(bind, expire_on_commit=False) as own:
                notification = own.get(Notification, notification_id)
                if notification is None or notification.delivered_at is not None:
                    return 0
                return deliver_all(own, [notification], settings)
        except Exception:  # one row's trouble (a lost database connection) must not stop the others
            logger.exception("notification %s could not be delivered", notification_id)
            return 0

    with ThreadPoolExecutor(min(threads, len(notification_ids))) as pool:
        return sum(pool.map(deliver_one, notification_ids))


def deliver_due(session: Session, settings: Settings, *, limit: int = 50, threads: int = DELIVERY_THREADS,
                budget_seconds: float = SWEEP_BUDGET_SECONDS) -> int:
    """Deliver every undelivered row whose backoff has passed, ``limit`` at a time and ``threads`` of
    them at once, batch after batch for up to ``budget_seconds``; returns how many went through.

    Every attempt takes its row out of the due set (delivered, or its next try moved later), so the
    loop ends; the budget leaves time for the rest of the sweep. Digests held through the night's
    quiet hours all fall due together: one at a time and 50 a sweep, they went out at ~10 a second.
    """
    delivered, deadline = 0, time.monotonic() + budget_seconds
    while True:
        batch = [row.id for row in due_notifications(session, limit=limit)]
        session.rollback()  # end the read; each row is re-read and written in its own session
        delivered += deliver_each(session, batch, settings, threads=threads)
        if len(batch) < limit or time.monotonic() >= deadline:
            return delivered
