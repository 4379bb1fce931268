"""A running task's sign of life: a timer that refreshes its record's ``heartbeat_at`` while the work runs.

The claim rules (``storage.records``) let another run take a ``processing`` record over only once its
heartbeat is older than ``OWNER_SILENT_SECONDS``; this timer keeps a live run's heartbeat younger
than that however long one step takes (an LLM letter, a slow board), so a live run is never
taken over, and a dead one is within about half a minute.
"""
from __future__ import annotations

import logging
import threading

from storage.db import session_factory
from storage.records import still_owned

logger = logging.getLogger(__name__)

# A beat every 5 s; an owner silent for 30 s (six beats missed) is gone. The margin absorbs a beat
# that waits on the database (SQLite's write lock is held while the work writes its result) and
# keeps a worker's death found within about a minute, as the crash tests expect.
HEARTBEAT_SECONDS = 5.0
OWNER_SILENT_SECONDS = 30.0


class Heartbeat:
    """Context manager: beats for (``record_type``, ``record_id``) under ``claim`` until the block ends.

    ``lost`` becomes True when a beat finds the claim gone (taken over, or finished by another run);
    the run's outcome is refused anyway then (``storage.records.still_owned`` fences it).
    """

    def __init__(self, record_type: str, record_id: str, claim: str, every: float | None = None):
        self.record_type, self.record_id, self.claim = record_type, record_id, claim
        self.every = every or HEARTBEAT_SECONDS
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{record_id[:8]}", daemon=True)

    def __enter__(self) -> "Heartbeat":
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
