"""The inbound-event log every chat adapter shares: store each event once, mark it handled, replay what a crash left.

An adapter answers the platform only after ``record`` returned, so a delivery the platform
considers done is always in the database; ``claim_stale`` later finds the ones whose handling
never finished (the process died between the ack and ``mark_processed``).
"""
from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session, sessionmaker

from bot.group_commit import GroupCommit
from storage.inbound import claim_unprocessed_events, mark_inbound_events_processed, record_inbound_events


def _first_copy(fresh: set[str], event: tuple[str, dict]) -> bool:
    """True for the first copy of a new event in a batch; a second copy in the same batch is a duplicate.

    Answers are given in submission order, so removing the id on the first answer makes later copies False.
    """
    if event[0] in fresh:
        fresh.discard(event[0])
        return True
    return False


class InboundLog:
    """One platform's inbound events in the ``inbound_events`` table.

    ``platform`` names the rows (event ids are unique per platform); ``sessions`` opens database
    sessions; an event unhandled ``replay_after_seconds`` after it was stored is handed out again
    by ``claim_stale``, at most ``max_replays`` times, after which it is closed unhandled.
    """

    def __init__(self, platform: str, sessions: sessionmaker[Session], *,
                 replay_after_seconds: float, max_replays: int) -> None:
        self.platform = platform
        self.sessions = sessions
        self.replay_after_seconds = replay_after_seconds
        self.max_replays = max_replays
        # Group commit: a burst of deliveries costs one commit, not one each, yet each caller
        # still waits for its own event to be committed.
        self._records = GroupCommit(self._record_batch, _first_copy)
        self._marks = GroupCommit(self._mark_batch, lambda _result, _event_id: None)

    async def record(self, event_id: str, payload: dict) -> bool:
        """Store an event (committed when this returns); True the first time its id is seen, False for a duplicate.

        ``payload`` must be JSON-serialisable; it is what ``claim_stale`` hands back. Database errors
        propagate, so the caller can refuse the delivery and let the platform retry it.
        """
        return await self._records.submit((event_id, payload))

    async def mark_processed(self, event_id: str) -> None:
        """Mark an event handled and drop its stored payload (it may hold personal data); unknown ids are ignored."""
        await self._marks.submit(event_id)

    async def claim_stale(self) -> list[tuple[str, dict]]:
        """``(event_id, payload)`` of events stored but not handled for longer than the grace period, oldest first.

        Each claim counts one attempt (so two processes never claim the same event at once); an event
        already claimed ``max_replays`` times is closed instead of returned. At most 50 per call.
        """
        return await asyncio.to_thread(self._claim_batch)

    def _record_batch(self, events: list[tuple[str, dict]]) -> set[str]:
        with self.sessions() as session:
            return record_inbound_events(session, platform=self.platform, events=events)

    def _mark_batch(self, event_ids: list[str]) -> None:
        with self.sessions() as session:
            mark_inbound_events_processed(session, platform=self.platform, event_ids=event_ids)

    def _claim_batch(self) -> list[tuple[str, dict]]:
        with self.sessions() as session:
            return claim_unprocessed_events(session, platform=self.platform,
                                            older_than_seconds=self.replay_after_seconds, max_attempts=self.max_replays)
