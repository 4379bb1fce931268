"""POST /hooks/task-events: the signed completion webhook the workers call.

A recipient the platform says is gone for good (RecipientGone: blocked the bot, removed the app)
is answered 200 ``{"status": "gone"}``, so the outbox stops retrying, with the reason kept on the
notification (``chat_state`` "gone", ``last_error``); the alerts sending to that chat (to every chat
of a Slack workspace the app was removed from) are paused until the person writes again.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import RecipientGone
from delivery.signing import InvalidSignature, verify_signature
from services.alerts import pause_alerts_for_recipient
from storage.models import RECORD_MODELS, ChatOrigin, Notification, TrackedApplication

logger = logging.getLogger(__name__)
router = APIRouter()
MAX_EVENT_BYTES = 16 * 1024
CHAT_GONE = "gone"  # Notification.chat_state of one the recipient can never get
# Slack errors that mean the app lost the whole workspace, not one channel.
WORKSPACE_GONE = frozenset({"token_revoked", "account_inactive", "invalid_auth"})


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
    """Keep the notification from being claimed again, say why on it, and pause the alerts that
    would keep sending to the same place; one commit."""
    with sessions() as session:
        notification = session.get(Notification, notification_id)
        if notification is None:  # forgotten (/forget) while it was being sent
            return
        notification.chat_state = CHAT_GONE
        notification.last_error = f"recipient gone on {gone.platform}: {gone.reason}"[:1000]
        origin = _origin_of(session, notification)
        paused = 0
        if origin is not None:
            everywhere = gone.platform == "slack" and gone.reason in WORKSPACE_GONE
            paused = pause_alerts_for_recipient(
                session, platform=origin.platform, workspace_id=origin.workspace_id or "",
                chat_id=None if everywhere else origin.chat_id, reason=_paused_reason(gone, origin))
        session.commit()
    logger.warning("notification %s: the recipient is gone (%s: %s); not retried, %s alerts paused", notification_id,
                   gone.platform, gone.reason, paused)


def _origin_of(session: Session, notification: Notification) -> ChatOrigin | None:
    """The chat the notification was for: its record's origin (a follow-up reminder's: its tracker entry's)."""
    model = RECORD_MODELS.get(notification.record_type)
    if model is None and notification.record_type == "tracker":
        model = TrackedApplication
    record = session.get(model, notification.record_id) if model is not None else None
    return getattr(record, "origin", None)


def _paused_reason(gone: RecipientGone, origin: ChatOrigin) -> str:
    """"blocked" when a person shut the bot out of their private chat (Telegram private chat ids are
    positive); "removed" when the bot or app was taken out of a group, channel or workspace."""
    private = gone.platform == "telegram" and not origin.chat_id.startswith("-")
    return "blocked" if private else "removed"


def _is_gone(sessions: sessionmaker[Session], notification_id: int) -> bool:
    with sessions() as session:
        notification = session.get(Notification, notification_id)
        return notification is not None and notification.chat_state == CHAT_GONE


def _parse(body: bytes) -> dict:
    """The event, or HTTPException 400: a progress event's ``percent`` is a finite number, its names strings and
    its record type one the pipeline has; an outcome's ``notification_id`` is an integer that fits the database
    (63 bits). Anything else is malformed, never a 500."""
    try:
        event = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser's stack
        raise HTTPException(400, "malformed event") from None
    if not isinstance(event, dict):
        raise HTTPException(400, "malformed event")
    if event.get("type") == "progress":
        well_formed = (all(isinstance(event.get(key), str) for key in ("record_type", "record_id", "stage"))
                       and event["record_type"] in RECORD_MODELS and _is_number(event.get("percent")))
    else:
        well_formed = event.get("type") == "outcome" and _is_int(event.get("notification_id"), 1, MAX_ID)
    if not well_formed:
        raise HTTPException(400, "malformed event")
    return event


MAX_ID = 2**63 - 1


def _is_int(value, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _is_number(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value)
