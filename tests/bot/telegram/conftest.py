"""The real app in-process (real PTB, real SQLite, real Redis as broker) against the stand-in Bot API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
import pytest

from tests.support.services import REDIS_URL
from tests.support.telegram_standin import TOKEN, TelegramStandIn

SECRET = "tg-webhook-secret-for-tests"


@pytest.fixture
def standin():
    with TelegramStandIn() as api:
        yield api


def in_process_settings(data_dir, api: TelegramStandIn, redis_prefix: str, **overrides):
    from config import Settings

    values = dict(job_agent_data_dir=data_dir, telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET,
                  telegram_api_base_url=api.root, public_base_url="http://127.0.0.1:9", telegram_mode="webhook",
                  celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL, celery_key_prefix=redis_prefix,
                  database_url=None, sweep_interval_seconds=0.2)
    values.update(overrides)
    return Settings(**values)


@asynccontextmanager
async def running_app(settings):
    """The whole ASGI app with its lifespan (adapters started), and a client speaking to it in-process."""
    from bot.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield app, client


async def wait_call(api: TelegramStandIn, method: str, predicate=lambda call: True, *, count=1, timeout=15):
    return await asyncio.to_thread(api.wait_for_call, method, predicate, count=count, timeout=timeout)


def post_update(client: httpx.AsyncClient, update: dict, secret: str | None = SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return client.post("/telegram/webhook", json=update, headers=headers)
