"""Group commit: many coroutines' small writes go to the database as one batch per round trip."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)
Item = TypeVar("Item")
MAX_BATCH = 500
# Batches written at once. With one, a commit's flush to disk (~10 ms on a busy machine) bounded the
# whole server to one batch per flush, and a lone request arriving just after a batch started
# made the next burst wait a full flush behind it; PostgreSQL flushes concurrent commits together.
MAX_IN_FLIGHT = 4


class GroupCommit(Generic[Item]):
    """``await submit(item)`` returns ``work(batch)``'s answer for that item.

    While batches are being written, new items wait and go together in the next one, so an idle
    server writes each item at once and a busy one pays one commit per burst instead of one each.
    Up to ``max_in_flight`` batches are written at the same time (``work`` must be safe for that:
    it runs in threads, each with its own database session).
    """

    def __init__(self, work: Callable[[list[Item]], object], answer: Callable[[object, Item], object], *,
                 max_in_flight: int = MAX_IN_FLIGHT):
        self.work = work  # blocking; runs in a thread
        self.answer = answer  # (work's result, item) -> what submit() returns for that item
        self.max_in_flight = max_in_flight
        self._pending: list[tuple[Item, asyncio.Future]] = []
        self._drainers: set[asyncio.Task] = set()

    async def submit(self, item: Item):
        future = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if len(self._drainers) < self.max_in_flight:
            drainer = asyncio.create_task(self._drain())
            self._drainers.add(drainer)
            drainer.add_done_callback(self._drainers.discard)
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                result = await asyncio.to_thread(self.work, [item for item, _ in batch])
            except Exception as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for item, future in batch:
                if not future.done():
                    future.set_result(self.answer(result, item))
