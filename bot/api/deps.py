"""Typed dependencies of the REST routes: settings, a per-request session, the task queue, the caller's key id."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from sqlalchemy.orm import Session

from bot.api.auth import API_KEY_HEADER, authenticate
from config import Settings
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


def get_api_key_id(settings: SettingsDep, presented: Annotated[str | None, Security(API_KEY_HEADER)]) -> str:
    return authenticate(presented, settings.api_key_list)


ApiKeyDep = Annotated[str, Depends(get_api_key_id)]
