"""The web chat messenger's wake-up: readers cancelled mid-wait (a timeout, a browser going away) never leave
anything held, so a later write still wakes every other reader and ``send`` returns at once."""
from __future__ import annotations

import asyncio

from bot.core.ports import Message
from bot.web import messenger as web_messenger
from bot.web.messenger import WebMessenger, origin_of
from config import Settings
from storage.db import session_factory


def test_cancelled_waiters_never_block_a_write_or_the_other_readers(migrated_database_url, data_dir, monkeypatch):
    monkeypatch.setattr(web_messenger, "POLL_SECONDS", 0.05)  # many timeouts, each racing the cancellations below
    messenger = WebMessenger(Settings(_env_file=None), session_factory(migrated_database_url))

    async def scenario() -> None:
        staying = [asyncio.create_task(messenger.wait_for(f"s{n}", 0, 60)) for n in range(20)]
        writing = asyncio.create_task(_writes(messenger))  # wake-ups racing the timeouts and cancellations
        for round_ in range(30):
            # Readers that go away mid-wait, as dropped event streams do, at moments spread over their timeouts.
            leaving = [asyncio.create_task(messenger.wait_for(f"gone{n}", 10**6, 60)) for n in range(60)]
            await asyncio.sleep(0.02 + 0.003 * (round_ % 12))
            for reader in leaving:
                reader.cancel()
            await asyncio.wait_for(asyncio.gather(*leaving, return_exceptions=True), 5)
        writing.cancel()
        for n in range(20):
            await asyncio.wait_for(messenger.send(origin_of(f"s{n}"), Message(text="hello")), 5)
        woken = await asyncio.wait_for(asyncio.gather(*staying), 10)
        assert [events[-1]["text"] for events in woken] == ["hello"] * 20

    # Not asyncio.run: before the fix, tasks stuck on a lock nobody would release hung its final cancellation.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(asyncio.wait_for(scenario(), 60))
    finally:
        loop.close()


async def _writes(messenger: WebMessenger) -> None:
    """Another session's messages, one after another: each wakes every waiting reader."""
    while True:
        await messenger.send(origin_of("busy"), Message(text="busy"))
        await asyncio.sleep(0.01)
