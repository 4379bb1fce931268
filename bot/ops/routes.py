"""Operations endpoints: GET /health/ready, GET /admin/stats (API key), GET /metrics (token or loopback)."""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Security
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.api.auth import API_KEY_HEADER, authenticate_stats
from bot.api.limits import rate_limit_of
from bot.health import check_broker
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
async def admin_stats(request: Request, presented: Annotated[str | None, Security(API_KEY_HEADER)]) -> dict:
    """Records by status per type, queue lengths, oldest pending age, outbox backlog, dead letters.

    A key in ADMIN_API_KEYS sees every record; any other API key the same document about its own records.
    """
    settings, sessions = request.app.state.settings, request.app.state.sessions
    key_id, is_admin = authenticate_stats(presented, settings.api_key_list, settings.admin_api_key_list)
    await rate_limit_of(request.app).check(key_id)  # 429 + Retry-After past API_REQUESTS_PER_MINUTE, as the API

    def gather() -> dict:
        lengths = queue_lengths(celery_app, QUEUES)
        with sessions() as session:
            return collect_stats(session, lengths, owner=None if is_admin else key_id)

    return await asyncio.to_thread(gather)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus text exposition of this process's registry (scrape-time gauges included).

    With METRICS_TOKEN set, only ``Authorization: Bearer <token>`` (401 otherwise); unset, only loopback
    clients (403 otherwise). Behind a reverse proxy on this host every client looks local unless uvicorn
    reads X-Forwarded-For from it: set METRICS_TOKEN there.
    """
    _allow_scrape(request)
    registry = request.app.state.metrics.registry
    return Response(await asyncio.to_thread(generate_latest, registry), media_type=CONTENT_TYPE_LATEST)


def _allow_scrape(request: Request) -> None:
    token = request.app.state.settings.metrics_token
    if token is not None and token.get_secret_value():
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        expected = token.get_secret_value().encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("latin-1"), expected):
            raise HTTPException(401, "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.",
                                headers={"WWW-Authenticate": "Bearer"})
        return
    if not _is_loopback(request.client.host if request.client else None):
        raise HTTPException(403, "Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere.")


def _is_loopback(host: str | None) -> bool:
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on a dual-stack socket
    return (mapped or address).is_loopback
