"""The shape every chat adapter has, so the app can host any number of them."""
from __future__ import annotations

from typing import Protocol

from fastapi import APIRouter

from bot.core.ports import ChatMessenger


class ChatAdapter(Protocol):
    platform: str
    messenger: ChatMessenger
    router: APIRouter | None

    async def start(self) -> None:
        """Connect (set webhooks, start polling or Socket Mode)."""

    async def stop(self) -> None:
        """Disconnect cleanly."""

    async def replay_unprocessed(self) -> None:
        """Handle inbound events that were stored but not handled (a crash after the ack)."""
