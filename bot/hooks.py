"""POST /hooks/task-events: the signed completion webhook the workers call."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from delivery.signing import InvalidSignature, verify_signature

logger = logging.getLogger(__name__)
router = APIRouter()
MAX_EVENT_BYTES = 16 * 1024


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
    try:
        outcome = await notifier.on_outcome(int(event["notification_id"]))
    except Exception:
        logger.exception("could not deliver notification %s to the chat", event["notification_id"])
        return JSONResponse({"status": "retry"}, status_code=503)
    if outcome == "unknown":
        raise HTTPException(404, "unknown notification")
    if outcome == "busy":  # a slower delivery of the same event is still sending: it may yet fail
        return JSONResponse({"status": "in progress"}, status_code=503)
    return JSONResponse({"status": outcome})


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
