"""Typed dependencies of the REST routes: settings, a per-request session, the task queue, the caller's key id."""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from sqlalchemy.orm import Session

from bot.api.auth import API_KEY_HEADER, authenticate
from bot.api.limits import rate_limit_of
from config import Settings
from services.errors import OverLimit
from services.ports import TaskQueue


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_task_queue(request: Request) -> TaskQueue:
    return request.app.state.task_queue


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
QueueDep = Annotated[TaskQueue, Depends(get_task_queue)]


async def get_api_key_id(request: Request, settings: SettingsDep,
                         presented: Annotated[str | None, Security(API_KEY_HEADER)]) -> AsyncIterator[str]:
    """The caller's key id, for every /api/v1 route and /admin/stats: 401/403 without a valid key, 429 with
    ``Retry-After`` beyond API_REQUESTS_PER_MINUTE (bot.api.limits); a use case's ``OverLimit`` raised
    in the route (too many open requests, upload quota) is answered here, 429/413 with its detail."""
    key_id = authenticate(presented, settings.api_key_list)
    await rate_limit_of(request.app).check(key_id)
    try:
        yield key_id
    except OverLimit as over:
        headers = {"Retry-After": str(over.retry_after)} if over.retry_after else None
        raise HTTPException(over.status_code, over.message, headers=headers) from None


ApiKeyDep = Annotated[str, Depends(get_api_key_id)]
