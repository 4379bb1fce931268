"""POST /telegram/webhook: check the secret, store and deduplicate the update, answer at once."""
from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, Request, Response

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024  # updates are small JSON; anything this big is not from Telegram


def parse_update(body: bytes) -> dict | None:
    """The update as a dict, or None when the body is not a JSON Telegram update."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    return data


def webhook_router(adapter, secret: str) -> APIRouter:
    """``adapter.accept(data)`` persists and queues an update; it is all the route does besides checks."""
    router = APIRouter()
    expected = secret.encode()

    @router.post("/telegram/webhook", include_in_schema=False)
    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return Response(status_code=401)
        if not hmac.compare_digest(given.encode(), expected):
            logger.warning("refused a Telegram update with a wrong secret token")
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_UPDATE_BYTES:
            return Response(status_code=413)
        data = parse_update(body)
        if data is None:
            return Response(status_code=400)
        try:
            await adapter.accept(data)  # False for a duplicate: still 200, so Telegram stops resending
        except ValueError:
            return Response(status_code=400)
        return Response(status_code=200)

    return router
