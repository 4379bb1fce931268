"""The one ASGI app of `job-agent serve`: chat adapters, completion webhook, health, API."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from bot import api, health, hooks
from bot.adapters import ChatAdapter
from bot.api.idempotency import IdempotencyMiddleware, document_idempotency_key
from bot.core.conversation import Conversation
from bot.embedded import EmbeddedServices
from bot.fast_path import FastPath
from bot.ops import routes as ops_routes
from bot.ops.auth_gate import AuthGateMiddleware
from bot.ops.body_limit import BodyLimitMiddleware, body_caps
from bot.ops.metrics import Metrics
from bot.ops.middleware import RequestContextMiddleware, bind_path_record
from bot.ops.notifier import CountingNotifier
from bot.ops.security_headers import SecurityHeadersMiddleware
from config import Settings, get_settings
from storage.db import session_factory
from storage.retention import purge_expired
from storage.schema_version import ensure_migrated
from tasks.celery_app import QUEUES, celery_app
from tasks.dispatch import task_queue
from tasks.sweeper import sweep_once

logger = logging.getLogger(__name__)


def build_adapters(settings: Settings, conversation: Conversation) -> list[ChatAdapter]:
    """Every adapter whose configuration is present; the local chat is always on, the web chat (``GET /chat``, and
    ``/`` redirecting there) when ``settings.web_chat_on``."""
    from bot.local.adapter import LocalAdapter

    adapters: list[ChatAdapter] = [LocalAdapter(settings, conversation)]
    if settings.telegram_bot_token:
        from bot.telegram.adapter import TelegramAdapter

        adapters.append(TelegramAdapter(settings, conversation))
    if settings.slack_bot_token and settings.slack_signing_secret:
        from bot.slack.adapter import SlackAdapter

        adapters.append(SlackAdapter(settings, conversation))
    if settings.web_chat_on:
        from bot.web.adapter import WebAdapter

        adapters.append(WebAdapter(settings, conversation))
    return adapters


async def sweep_forever(settings: Settings, adapters: list[ChatAdapter]) -> None:
    while True:
        try:
            await asyncio.to_thread(sweep_once, settings)
            for adapter in adapters:
                await adapter.replay_unprocessed()
        except Exception:
            logger.exception("sweep failed; trying again")
        await asyncio.sleep(settings.sweep_interval_seconds)


def purge_once(settings: Settings) -> None:
    with session_factory(settings.resolved_database_url)() as session:
        purge_expired(session, settings)


async def purge_forever(settings: Settings) -> None:
    """The embedded default has no Celery beat: the bot runs the retention pass itself."""
    while True:
        try:
            await asyncio.to_thread(purge_once, settings)
        except Exception:
            logger.exception("retention pass failed; trying again later")
        await asyncio.sleep(settings.retention_check_seconds)


def start_alerts_once(settings: Settings) -> int:
    """Start the runs of the alerts due now (what Celery beat's "run-due-alerts" does); returns how many."""
    from services.alert_runs import start_due_alerts

    with session_factory(settings.resolved_database_url)() as session:
        return len(start_due_alerts(session, settings, task_queue))


def remind_follow_ups_once(settings: Settings) -> int:
    """Queue the tracker's due follow-up reminders (what Celery beat's "remind-follow-ups" does)."""
    from services.tracker import queue_follow_up_reminders

    with session_factory(settings.resolved_database_url)() as session:
        return queue_follow_up_reminders(session, settings)


async def repeat_forever(work, settings: Settings, seconds: float, what: str) -> None:
    """The embedded default has no Celery beat: the bot runs ``work(settings)`` every ``seconds`` itself
    (a second bot process or a beat beside it starts nothing twice: the work claims what it does)."""
    while True:
        try:
            await asyncio.to_thread(work, settings)
        except Exception:
            logger.exception("%s failed; trying again later", what)
        await asyncio.sleep(seconds)


async def writable_validation_errors(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422, whose echo of a refused value cannot fail: a lone surrogate in it (a JSON "\\ud800")
    is written as U+FFFD instead of turning the answer into a 500."""
    return await request_validation_exception_handler(request, RequestValidationError(_writable(exc.errors())))


def _writable(value):
    """``value`` with every string writable as UTF-8 JSON: lone surrogates and undecodable bytes (a non-UTF-8
    body under a non-JSON content type is echoed as bytes) become U+FFFD, NaN and infinities their names."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {_writable(key): _writable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_writable(item) for item in value)
    return value


def create_app(settings: Settings | None = None, *, quiet_worker: bool = False) -> FastAPI:
    settings = settings or get_settings()
    sessions = session_factory(settings.resolved_database_url)
    messengers: dict = {}
    conversation = Conversation(settings=settings, sessions=sessions, messengers=messengers, queue=task_queue)
    adapters = build_adapters(settings, conversation)
    for adapter in adapters:
        messengers[adapter.platform] = adapter.messenger
    embedded = EmbeddedServices(settings, quiet=quiet_worker)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.ensure_dirs()
        if settings.resolved_api_webhook_secret() == settings.resolved_webhook_secret():
            logger.warning("API_WEBHOOK_SECRET equals WEBHOOK_SECRET: a REST caller could replay the events it "
                           "receives to /hooks/task-events; give the callers' webhooks their own key")
        await asyncio.to_thread(ensure_migrated, settings.resolved_database_url)
        await asyncio.to_thread(embedded.start)
        for adapter in adapters:
            await adapter.start()
        background = [asyncio.create_task(sweep_forever(settings, adapters))]
        if settings.embedded_broker and settings.retention_days > 0:
            background.append(asyncio.create_task(purge_forever(settings)))
        if settings.embedded_broker:
            background += [
                asyncio.create_task(repeat_forever(start_alerts_once, settings, settings.alerts_check_seconds,
                                                   "starting the due alerts")),
                asyncio.create_task(repeat_forever(remind_follow_ups_once, settings, settings.follow_up_check_seconds,
                                                   "queueing follow-up reminders")),
            ]
        try:
            yield
        finally:
            for task in background:
                task.cancel()
            for adapter in reversed(adapters):
                await adapter.stop()
            await asyncio.to_thread(embedded.stop)

    app = FastAPI(title="job-agent", version="0.1.0", lifespan=lifespan, dependencies=[Depends(bind_path_record)])
    app.add_exception_handler(RequestValidationError, writable_validation_errors)
    app.state.settings = settings
    app.state.sessions = sessions
    app.state.task_queue = task_queue
    app.state.conversation = conversation
    metrics = Metrics()
    metrics.watch_state(sessions, celery_app, QUEUES)
    app.state.metrics = metrics
    app.state.notifier = CountingNotifier(metrics=metrics, settings=settings, sessions=sessions, messengers=messengers)
    # The HTTP edge, outermost first (Starlette runs the last added first): the hot chat webhooks straight to
    # their endpoints (each checks its own secret and caps its own body), request id and timing, security
    # headers on every answer (refusals too), the body cap while it streams, the checks that refuse an
    # unauthenticated request before its body is read, then Idempotency-Key replays (inside the cap, after auth).
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(AuthGateMiddleware, settings=settings)
    app.add_middleware(BodyLimitMiddleware, cap=body_caps(settings))
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    app.state.adapters = adapters
    app.include_router(health.router)
    app.include_router(hooks.router)
    app.include_router(api.router)
    app.include_router(ops_routes.router)
    for adapter in adapters:
        if adapter.router is not None:
            app.include_router(adapter.router)
    document_idempotency_key(app)
    fast_routes = {path: endpoint for adapter in adapters for path, endpoint in getattr(adapter, "fast_routes", {}).items()}
    if fast_routes:  # added last, so it runs first: hot webhooks skip routing and the request middleware
        app.add_middleware(FastPath, routes=fast_routes)
    return app
