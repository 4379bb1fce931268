"""Group commit: many coroutines' small writes go to the database as one batch per round trip."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)
Item = TypeVar("Item")
MAX_BATCH = 500


class GroupCommit(Generic[Item]):
    """``await submit(item)`` returns ``work(batch)``'s answer for that item.

    While one batch is being written, new items wait and go together in the next one, so an idle
    server writes each item at once and a busy one pays one commit per burst instead of one each.
    """

    def __init__(self, work: Callable[[list[Item]], object], answer: Callable[[object, Item], object]):
        self.work = work  # blocking; runs in a thread
        self.answer = answer  # (work's result, item) -> what submit() returns for that item
        self._pending: list[tuple[Item, asyncio.Future]] = []
        self._drainer: asyncio.Task | None = None

    async def submit(self, item: Item):
        future = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
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
