"""POST /hooks/task-events: the signed completion webhook the workers call.

A recipient the platform says is gone for good (RecipientGone: blocked the bot, removed the app)
is answered 200 ``{"status": "gone"}``, so the outbox stops retrying, with the reason kept on the
notification (``chat_state`` "gone", ``last_error``).
"""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import RecipientGone
from delivery.signing import InvalidSignature, verify_signature
from storage.models import Notification

logger = logging.getLogger(__name__)
router = APIRouter()
MAX_EVENT_BYTES = 16 * 1024
CHAT_GONE = "gone"  # Notification.chat_state of one the recipient can never get


@router.post("/hooks/task-events", include_in_schema=False)
async def task_events(request: Request) -> JSONResponse:
    body = await request.body()
    if len(body) > MAX_EVENT_BYTES:
        raise HTTPException(413, "event too large")
    settings = request.app.state.settings
    try:
        verify_signature(settings.resolved_webhook_secret(), request.headers, body)
    except InvalidSignature as exc:
        logger.warning("refused a task event: %s", exc)
        raise HTTPException(401, "invalid signature") from None
    event = _parse(body)
    notifier = request.app.state.notifier
    if event["type"] == "progress":
        await notifier.on_progress(event["record_type"], event["record_id"], int(event["percent"]), event["stage"])
        return JSONResponse({"status": "ok"})
    notification_id = int(event["notification_id"])
    sessions = request.app.state.sessions
    try:
        outcome = await notifier.on_outcome(notification_id)
    except RecipientGone as gone:
        await asyncio.to_thread(_retire, sessions, notification_id, gone)
        return JSONResponse({"status": CHAT_GONE})
    except Exception:
        logger.exception("could not deliver notification %s to the chat", notification_id)
        return JSONResponse({"status": "retry"}, status_code=503)
    if outcome == "unknown":
        raise HTTPException(404, "unknown notification")
    if outcome == "busy":
        if await asyncio.to_thread(_is_gone, sessions, notification_id):  # our 200 "gone" was lost: say it again
            return JSONResponse({"status": CHAT_GONE})
        # A slower delivery of the same event is still sending: it may yet fail.
        return JSONResponse({"status": "in progress"}, status_code=503)
    return JSONResponse({"status": outcome})


def _retire(sessions: sessionmaker[Session], notification_id: int, gone: RecipientGone) -> None:
    """Keep the notification from being claimed again, and say why on it."""
    with sessions() as session:
        notification = session.get(Notification, notification_id)
        notification.chat_state = CHAT_GONE
        notification.last_error = f"recipient gone on {gone.platform}: {gone.reason}"[:1000]
        session.commit()
    logger.warning("notification %s: the recipient is gone (%s: %s); not retried", notification_id,
                   gone.platform, gone.reason)


def _is_gone(sessions: sessionmaker[Session], notification_id: int) -> bool:
    with sessions() as session:
        notification = session.get(Notification, notification_id)
        return notification is not None and notification.chat_state == CHAT_GONE


def _parse(body: bytes) -> dict:
    try:
        event = json.loads(body)
        if event.get("type") == "progress":
            assert all(key in event for key in ("record_type", "record_id", "percent", "stage"))
        else:
            assert event.get("type") == "outcome" and "notification_id" in event
        return event
    except (ValueError, AssertionError, AttributeError):
        raise HTTPException(400, "malformed event") from None
