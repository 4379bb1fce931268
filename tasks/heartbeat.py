"""A running task's sign of life: a timer that refreshes its record's ``heartbeat_at`` while the work runs.

The claim rules (``storage.records``) let another run take a ``processing`` record over only once its
heartbeat is older than ``silence_limit`` (STUCK_PROCESSING_SECONDS, 30 s by default); this timer keeps
a live run's heartbeat younger than that however long one step takes (an LLM letter, a slow board),
so a live run is never taken over, and a dead one is found within that time.
"""
from __future__ import annotations

import logging
import threading

from storage.db import session_factory
from storage.records import still_owned

logger = logging.getLogger(__name__)


def silence_limit(settings) -> float:
    """Seconds without a heartbeat after which a run counts as gone (its worker died)."""
    return float(settings.stuck_processing_seconds)


def beat_interval(settings) -> float:
    """Seconds between beats: six beats fit in ``silence_limit``, so a few missed ones (a beat waiting on
    SQLite's write lock while the work writes its result, a busy machine) never make a live run look
    dead; at most 5 s apart (one small UPDATE each), at least 0.5 s."""
    return min(5.0, max(0.5, silence_limit(settings) / 6))


class Heartbeat:
    """Context manager: beats every ``every`` seconds for (``record_type``, ``record_id``) under ``claim``
    until the block ends.

    ``lost`` becomes True when a beat finds the claim gone (taken over, or finished by another run);
    the run's outcome is refused anyway then (``storage.records.still_owned`` fences it).
    """

    def __init__(self, record_type: str, record_id: str, claim: str, every: float):
        self.record_type, self.record_id, self.claim, self.every = record_type, record_id, claim, every
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{record_id[:8]}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=1)  # a beat stuck on a lock ends by itself; it writes nothing once finished

    def _run(self) -> None:
        factory = session_factory()
        while not self._stop.wait(self.every):
            try:
                with factory() as session:
                    owned = still_owned(session, self.record_type, self.record_id, self.claim)
                    session.commit()
            except Exception as exc:  # a missed beat is retried at the next one; the margin covers a few
                logger.debug("heartbeat of %s %s missed: %s", self.record_type, self.record_id, exc)
                continue
            if not owned:
                self.lost = not self._stop.is_set()
                if self.lost:
                    logger.warning("%s %s is no longer ours (claim %s); its outcome will be refused",
                                   self.record_type, self.record_id, self.claim)
                return
