"""Alert queries: claiming the due ones exactly once, and each alert's memory of postings sent."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, lazyload

from storage.locks import hold_lock
from storage.models import Alert, AlertSeen

ACTIVE = "active"
CLAIM_BATCH = 5000  # alerts one claim takes at most; the next beat takes the rest


def claim_due_alerts(session: Session, now: datetime, next_run_of: Callable[[Alert], datetime], *,
                     all_active: bool = False, limit: int | None = None) -> list[Alert]:
    """Take the active alerts due at ``now`` (with ``all_active``: every active one not claimed at ``now``
    already, at most ``limit`` a call) for one caller,
    moving each one's ``next_run_at`` to ``next_run_of(alert)`` and counting the run; the caller
    commits (with the runs it creates, so a crash loses neither).

    Exactly once even when two beats or two processes claim at the same moment: the rows read stay
    locked until the caller commits — on PostgreSQL row locks (``SKIP LOCKED``: a second claimer takes
    the other due alerts, not these), on SQLite its one write lock, taken before reading. The moves
    are one UPDATE per distinct next run time (most alerts share a few), not one per alert.
    """
    if session.get_bind().dialect.name == "sqlite":
        hold_lock(session, "claim alerts")  # SQLite's write lock, before reading
    query = select(Alert).options(lazyload(Alert.origin)).where(Alert.status == ACTIVE)  # lock alerts only
    if not all_active:
        query = query.where(Alert.next_run_at <= now)
    else:  # a claim stamps last_run_at = now: a second call with the same ``now`` takes the next batch
        query = query.where(or_(Alert.last_run_at.is_(None), Alert.last_run_at < now))
    query = query.order_by(Alert.next_run_at).limit(limit or CLAIM_BATCH).with_for_update(skip_locked=True)
    alerts = session.scalars(query).all()
    moves: dict[datetime, list[str]] = {}
    for alert in alerts:
        moves.setdefault(next_run_of(alert), []).append(alert.id)
    for moment, ids in moves.items():
        for start in range(0, len(ids), 500):
            session.execute(update(Alert).where(Alert.id.in_(ids[start:start + 500]))
                            .values(next_run_at=moment, last_run_at=now, runs=Alert.runs + 1)
                            .execution_options(synchronize_session=False))
    return list(alerts)


def alerts_by_id(session: Session, ids: Iterable[str]) -> list[Alert]:
    """The alerts with these ids that still exist and are active, in the order of ``ids``."""
    ids = list(ids)
    found = {alert.id: alert for alert in session.scalars(
        select(Alert).where(Alert.id.in_(ids), Alert.status == ACTIVE))} if ids else {}
    return [found[alert_id] for alert_id in ids if alert_id in found]


def seen_of(session: Session, alert_id: str, keys: Iterable[str]) -> dict[str, AlertSeen]:
    """The alert's memory rows for these hashed keys, by key."""
    keys = list(dict.fromkeys(keys))
    rows: dict[str, AlertSeen] = {}
    for start in range(0, len(keys), 500):  # bounded IN lists
        rows.update((row.key, row) for row in session.scalars(
            select(AlertSeen).where(AlertSeen.alert_id == alert_id, AlertSeen.key.in_(keys[start:start + 500]))))
    return rows


def remember(session: Session, alert_id: str, known: dict[str, AlertSeen], entries: Iterable[tuple[str, str, str | None, bool]],
             now: datetime) -> None:
    """Update the alert's memory for the postings of one run: ``entries`` are (key, job id, pay, sent).
    Every key found is marked seen now (a posting still listed is not forgotten), in one UPDATE; a key
    sent stores the pay sent with it; a new key is added. ``known``: ``seen_of`` for these keys
    (updated in place)."""
    still_listed: list[int] = []
    for key, job_id, pay, sent in entries:
        row = known.get(key)
        if row is None:
            row = AlertSeen(alert_id=alert_id, key=key, job_id=job_id[:512], salary=pay, first_seen_at=now,
                            last_seen_at=now)
            session.add(row)
            known[key] = row
        elif sent:
            row.salary, row.job_id, row.last_seen_at = pay, job_id[:512], now
        elif row.id is not None:
            still_listed.append(row.id)
    for start in range(0, len(still_listed), 500):
        session.execute(update(AlertSeen).where(AlertSeen.id.in_(still_listed[start:start + 500]))
                        .values(last_seen_at=now).execution_options(synchronize_session=False))
