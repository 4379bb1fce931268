"""The bot's Notifier with counters and log context around each delivery to a chat."""
from __future__ import annotations

import asyncio

from bot.core.notifications import Notifier
from config.logs import bound
from bot.ops.metrics import Metrics
from storage.models import Notification


class CountingNotifier(Notifier):
    """Counts outcomes sent to and failed on the chat, and logs them with the record id."""

    def __init__(self, *, metrics: Metrics, **kwargs):
        super().__init__(**kwargs)
        self.metrics = metrics

    async def on_outcome(self, notification_id: int) -> str:
        record_type, record_id = await asyncio.to_thread(self._record_of, notification_id)
        with bound(notification_id=notification_id, record_type=record_type, record_id=record_id):
            try:
                outcome = await super().on_outcome(notification_id)
            except Exception:
                self.metrics.notifications_failed.inc()
                raise
        if outcome == "sent":
            self.metrics.notifications_sent.inc()
        return outcome

    async def on_progress(self, record_type: str, record_id: str, percent: int, stage: str) -> None:
        with bound(record_type=record_type, record_id=record_id):
            await super().on_progress(record_type, record_id, percent, stage)

    def _record_of(self, notification_id: int) -> tuple[str | None, str | None]:
        with self.sessions() as session:
            notification = session.get(Notification, notification_id)
            return (notification.record_type, notification.record_id) if notification else (None, None)
