"""The numbers behind GET /admin/stats and the database-derived Prometheus gauges.

Every function takes ``owner``: None counts every record (an admin key, the metrics); an ``api_key_id``
(bot.api.auth) counts only the records that key created.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pipeline.steps import STEPS
from storage.models import COMPLETED, FAILED, PENDING, PROCESSING, RECORD_MODELS, Notification, utcnow

STATUSES = (PENDING, PROCESSING, COMPLETED, FAILED)
# error_code values that mean "we tried and gave up", as opposed to bad input from the user.
EXHAUSTED_CODES = ("unavailable", "crashed", "timeout", "internal")


def _owned(query, model, owner: str | None):
    return query if owner is None else query.where(model.api_key_id == owner)


def counts_by_status(session: Session, owner: str | None = None) -> dict[str, dict[str, int]]:
    """``{"profiles": {"pending": n, ..., "total": n}, ...}`` for every record type."""
    counts = {}
    for record_type, model in RECORD_MODELS.items():
        rows = session.execute(_owned(select(model.status, func.count()), model, owner).group_by(model.status)).all()
        by_status = {status: 0 for status in STATUSES} | {status: count for status, count in rows}
        by_status["total"] = sum(count for _, count in rows)
        counts[STEPS[record_type].plural] = by_status
    return counts


def oldest_pending_seconds(session: Session, *, now: datetime | None = None, owner: str | None = None) -> float | None:
    """Age of the oldest record still waiting for a worker, across every type."""
    oldest = [session.scalar(_owned(select(func.min(model.created_at)).where(model.status == PENDING), model, owner))
              for model in RECORD_MODELS.values()]
    oldest = [_aware(value) for value in oldest if value is not None]
    if not oldest:
        return None
    return round(((now or utcnow()) - min(oldest)).total_seconds(), 3)


def outbox_backlog(session: Session, owner: str | None = None) -> int:
    """Notifications written but not yet acknowledged by their receiver (an owner's: about its records)."""
    query = select(func.count()).select_from(Notification).where(Notification.delivered_at.is_(None))
    if owner is not None:
        query = query.where(or_(*(
            (Notification.record_type == record_type)
            & Notification.record_id.in_(select(model.id).where(model.api_key_id == owner))
            for record_type, model in RECORD_MODELS.items())))
    return session.scalar(query)


def dead_letters(session: Session, *, limit: int = 50, owner: str | None = None) -> list[dict]:
    """Failed records that exhausted their retries, newest first: candidates for `job-agent retry`."""
    letters = []
    for record_type, model in RECORD_MODELS.items():
        rows = session.execute(_owned(
            select(model.id, model.error_code, model.error_message, model.failed_at, model.attempts)
            .where(model.status == FAILED, model.error_code.in_(EXHAUSTED_CODES)), model, owner)
            .order_by(model.failed_at.desc()).limit(limit)
        ).all()
        letters += [{"id": row.id, "type": record_type, "error_code": row.error_code, "error": row.error_message,
                     "attempts": row.attempts, "failed_at": _aware(row.failed_at)} for row in rows]
    letters.sort(key=lambda letter: letter["failed_at"] or datetime.min.replace(tzinfo=utcnow().tzinfo), reverse=True)
    return letters[:limit]


def collect_stats(session: Session, queues: dict[str, int | None], *, owner: str | None = None) -> dict:
    """The whole /admin/stats document; record counts at the top level, as in the guide. ``queues`` (messages
    waiting per Celery queue) are the broker's, the same for every caller: they name no record."""
    letters = dead_letters(session, owner=owner)
    return {
        **counts_by_status(session, owner),
        "queues": queues,
        "oldest_pending_seconds": oldest_pending_seconds(session, owner=owner),
        "outbox_backlog": outbox_backlog(session, owner),
        "dead_letters": [{**letter, "failed_at": letter["failed_at"] and letter["failed_at"].isoformat()}
                         for letter in letters],
        "generated_at": utcnow().isoformat(),
    }


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=utcnow().tzinfo)
    return value
