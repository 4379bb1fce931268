"""Operations endpoints: GET /health/ready, GET /admin/stats (API key), GET /metrics."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.health import check_broker
from bot.api.deps import ApiKeyDep  # the one X-API-Key check, shared with the REST API
from bot.ops.queues import queue_lengths
from bot.ops.readiness import check_migrations
from bot.ops.stats import collect_stats
from tasks.celery_app import QUEUES, celery_app

router = APIRouter(tags=["operations"])


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """Readiness: 200 once the database is at the newest migration and the broker answers."""
    settings = request.app.state.settings
    migrations, broker = await asyncio.gather(
        asyncio.to_thread(check_migrations, settings.resolved_database_url), asyncio.to_thread(check_broker))
    is_ready = migrations == "ok" and broker == "ok"
    body = {"status": "ready" if is_ready else "not_ready", "database": migrations, "broker": broker}
    return JSONResponse(body, status_code=200 if is_ready else 503)


@router.get("/admin/stats")
async def admin_stats(request: Request, _key: ApiKeyDep) -> dict:
    """Records by status per type, queue lengths, oldest pending age, outbox backlog, dead letters."""
    sessions = request.app.state.sessions

    def gather() -> dict:
        lengths = queue_lengths(celery_app, QUEUES)
        with sessions() as session:
            return collect_stats(session, lengths)

    return await asyncio.to_thread(gather)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus text exposition of this process's registry (scrape-time gauges included)."""
    registry = request.app.state.metrics.registry
    return Response(await asyncio.to_thread(generate_latest, registry), media_type=CONTENT_TYPE_LATEST)
