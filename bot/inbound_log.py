"""The inbound-event log every chat adapter shares: store each event once, mark it handled, replay what a crash left.

An adapter answers the platform only after ``record`` returned, so a delivery the platform
considers done is always in the database; ``claim_stale`` later finds the ones whose handling
never finished (the process died between the ack and ``mark_processed``).
"""
from __future__ import annotations

import asyncio
import threading

from sqlalchemy.orm import Session, sessionmaker

from bot.group_commit import GroupCommit
from storage.inbound import (
    claim_unprocessed_events,
    mark_inbound_events_processed,
    record_inbound_events,
    unprocessed_payloads,
    write_inbound_batch_postgres,
)


def _first_copy(fresh: set[str], item: tuple[str, dict | None]) -> bool | None:
    """For a record: True for the first copy of a new event in a batch; a second copy in the same batch is a
    duplicate. For a mark (payload None): None.

    Answers are given in submission order, so removing the id on the first answer makes later copies False.
    """
    if item[1] is None:
        return None
    if item[0] in fresh:
        fresh.discard(item[0])
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
        # Group commit: a burst of deliveries and of handled marks costs one transaction, not one each
        # (nor one for each kind: a transaction's round trips cost more than its rows), yet each caller
        # still waits for its own write to be committed.
        self._writes = GroupCommit(self._write_batch, _first_copy)
        engine = sessions.kw.get("bind")
        # On PostgreSQL a batch is one statement on a connection of the log's own, outside the pool
        # (no check-out ping, no BEGIN): at saturation the round trips were most of a batch's time.
        self._direct_engine = engine if engine is not None and engine.dialect.name == "postgresql" else None
        self._idle_connections: list = []  # one per batch in flight at most (GroupCommit's max_in_flight)
        self._connections_lock = threading.Lock()

    async def record(self, event_id: str, payload: dict) -> bool:
        """Store an event (committed when this returns); True the first time its id is seen, False for a duplicate.

        ``payload`` must be JSON-serialisable; it is what ``claim_stale`` hands back. Database errors
        propagate, so the caller can refuse the delivery and let the platform retry it.
        """
        return await self._writes.submit((event_id, payload))

    async def mark_processed(self, event_id: str) -> None:
        """Mark an event handled and drop its stored payload (it may hold personal data); unknown ids are ignored."""
        await self._writes.submit((event_id, None))

    async def claim_stale(self, *, limit: int = 50, exclude: list[str] = ()) -> list[tuple[str, dict]]:
        """``(event_id, payload)`` of events stored but not handled for longer than the grace period, oldest first.

        Each claim counts one attempt (so two processes never claim the same event at once); an event
        already claimed ``max_replays`` times is closed instead of returned. At most ``limit`` per call;
        ``exclude`` lists ids the caller is handling right now (never claimed, no attempt spent).
        """
        return await asyncio.to_thread(self._claim_batch, limit, list(exclude))

    async def unhandled(self, event_ids: list[str]) -> dict[str, dict]:
        """``{event_id: payload}`` of those events still unhandled: what a process that recorded them but held
        back their payloads (its memory bound) loads when it has room. No attempt is counted."""
        return await asyncio.to_thread(self._load_unhandled, event_ids)

    def close(self) -> None:
        """Close the log's own database connections (PostgreSQL); a later write opens new ones."""
        with self._connections_lock:
            connections, self._idle_connections = self._idle_connections, []
        for connection in connections:
            connection.close()

    def _write_batch(self, items: list[tuple[str, dict | None]]) -> set[str]:
        """Records (payload) and marks (None) in one transaction; returns the recorded ids that were new.

        A mark of an event recorded in the same batch applies after the record (both in one commit).
        """
        events = [(event_id, payload) for event_id, payload in items if payload is not None]
        handled = [event_id for event_id, payload in items if payload is None]
        if self._direct_engine is not None:
            return self._write_direct(events, handled)
        with self.sessions() as session:
            fresh = record_inbound_events(session, platform=self.platform, events=events, commit=False)
            mark_inbound_events_processed(session, platform=self.platform, event_ids=handled, commit=False)
            session.commit()
        return fresh

    def _write_direct(self, events: list[tuple[str, dict]], handled: list[str]) -> set[str]:
        with self._connections_lock:
            connection = self._idle_connections.pop() if self._idle_connections else None
        if connection is None:
            dialect = self._direct_engine.dialect
            connect_args, connect_params = dialect.create_connect_args(self._direct_engine.url)
            connection = dialect.connect(*connect_args, **connect_params)
            connection.autocommit = True
        try:
            fresh = write_inbound_batch_postgres(connection, platform=self.platform, events=events, handled=handled)
        except Exception:
            connection.close()  # maybe broken (a restarted server): the next batch opens a new one
            raise
        with self._connections_lock:
            self._idle_connections.append(connection)
        return fresh

    def _claim_batch(self, limit: int, exclude: list[str]) -> list[tuple[str, dict]]:
        with self.sessions() as session:
            return claim_unprocessed_events(session, platform=self.platform, limit=limit, exclude=exclude,
                                            older_than_seconds=self.replay_after_seconds, max_attempts=self.max_replays)

    def _load_unhandled(self, event_ids: list[str]) -> dict[str, dict]:
        with self.sessions() as session:
            return unprocessed_payloads(session, platform=self.platform, event_ids=event_ids)
