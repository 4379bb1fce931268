"""GET /health: liveness with database and broker checks."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from storage.db import session_factory
from tasks.celery_app import celery_app

logger = logging.getLogger(__name__)
router = APIRouter()


def check_database(url: str) -> str:
    try:
        with session_factory(url)() as session:
            session.execute(text("SELECT 1"))
        return "ok"
    except Exception as exc:
        logger.warning("database check failed: %s", exc)
        return f"error: {type(exc).__name__}"


def check_broker() -> str:
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        logger.warning("broker check failed: %s", exc)
        return f"error: {type(exc).__name__}"


@router.get("/health", tags=["operations"])
async def health(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    database, broker = await asyncio.gather(
        asyncio.to_thread(check_database, settings.resolved_database_url), asyncio.to_thread(check_broker)
    )
    healthy = database == "ok" and broker == "ok"
    body = {"status": "ok" if healthy else "degraded", "database": database, "broker": broker}
    return JSONResponse(body, status_code=200 if healthy else 503)
