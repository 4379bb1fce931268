"""Idempotency keys of the REST API: one row per (API key, Idempotency-Key value), holding the first answer.

A row is claimed before the request runs (the unique constraint decides the one winner among
copies arriving at once), then either completed with the answer to replay or deleted so that
a retry can run (a 5xx, a request cut off). A row expires ``ttl`` after its claim; the lookup
treats an expired row as absent, and ``purge_expired_keys`` (the retention pass) deletes them.
Each claim carries a fresh ``token``: completing or releasing needs it, so a request whose claim
was taken over (its process died, its lease ran out) can no longer change the row.
"""
from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Integer, LargeBinary, String, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Base, utcnow

MAX_KEY_CHARS = 255
# How long one request may hold its key before a retry may take it over: a claim is left behind
# only when its process died mid-request, and no request of this API runs anywhere near this long.
DEFAULT_LEASE = timedelta(minutes=10)


class IdempotencyKey(Base):
    """The first answer to a POST sent with an ``Idempotency-Key`` header, kept for its retries."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("api_key_id", "key", name="uq_idempotency_keys_api_key_id_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    api_key_id: Mapped[str] = mapped_column(String(64))  # bot.api.auth.api_key_id of the caller
    key: Mapped[str] = mapped_column(String(MAX_KEY_CHARS))  # the header's value, 1-255 printable ASCII
    token: Mapped[str] = mapped_column(String(36))  # the current claim's; see the module docstring
    path: Mapped[str] = mapped_column(String(255))  # where it was sent, for whoever reads the table
    # sha256 hex of the request (method, path, query, media type, body); None while it runs.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)  # None while it runs
    content_type: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Outcome(enum.Enum):
    CLAIMED = "claimed"  # this request runs; finish with complete() or release()
    RUNNING = "running"  # another copy holds the key right now
    DONE = "done"  # answered before: replay ``Claim.answer`` (if the request is the same)


@dataclass(frozen=True)
class StoredAnswer:
    fingerprint: str
    status_code: int
    content_type: str | None
    body: bytes


@dataclass(frozen=True)
class Claim:
    outcome: Outcome
    row_id: int | None = None
    token: str | None = None  # set when CLAIMED
    answer: StoredAnswer | None = None  # set when DONE


def claim_key(session: Session, *, api_key_id: str, key: str, path: str, ttl: timedelta,
              lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> Claim:
    """Claim (``api_key_id``, ``key``) for one request, atomically across processes.

    Returns CLAIMED with the row and token to finish with, RUNNING when another request holds a
    live claim, or DONE with the stored answer. An expired row, or a claim older than ``lease``
    that never finished, is taken over (one taker wins). Commits; raises SQLAlchemy errors of the
    database other than the unique-key conflict it resolves.
    """
    now = now or utcnow()
    for _ in range(5):  # each round ends unless the row vanished or changed between two statements
        token = str(uuid.uuid4())
        row = IdempotencyKey(api_key_id=api_key_id, key=key, token=token, path=path[:255],
                             created_at=now, expires_at=now + ttl)
        session.add(row)
        try:
            session.commit()
            return Claim(Outcome.CLAIMED, row.id, token)
        except IntegrityError:
            session.rollback()
        existing = session.scalars(select(IdempotencyKey).where(
            IdempotencyKey.api_key_id == api_key_id, IdempotencyKey.key == key)).one_or_none()
        if existing is None:  # released in between: insert again
            continue
        stale = _aware(existing.expires_at) <= now or (
            existing.status_code is None and _aware(existing.created_at) <= now - lease)
        if not stale:
            if existing.status_code is None:
                return Claim(Outcome.RUNNING, existing.id)
            return Claim(Outcome.DONE, existing.id, answer=StoredAnswer(
                existing.fingerprint or "", existing.status_code, existing.content_type, existing.body or b""))
        taken = session.execute(update(IdempotencyKey).where(
            IdempotencyKey.id == existing.id, IdempotencyKey.token == existing.token).values(
            token=token, path=path[:255], fingerprint=None, status_code=None, content_type=None, body=None,
            created_at=now, completed_at=None, expires_at=now + ttl)).rowcount
        session.commit()
        if taken == 1:
            return Claim(Outcome.CLAIMED, existing.id, token)
    raise RuntimeError(f"could not claim idempotency key {key!r}: it kept changing under us")


def complete_key(session: Session, claim: Claim, answer: StoredAnswer, *, now: datetime | None = None) -> bool:
    """Store the answer of a CLAIMED request; False when the claim was taken over meanwhile. Commits."""
    stored = session.execute(update(IdempotencyKey).where(
        IdempotencyKey.id == claim.row_id, IdempotencyKey.token == claim.token).values(
        fingerprint=answer.fingerprint, status_code=answer.status_code, content_type=answer.content_type,
        body=answer.body, completed_at=now or utcnow())).rowcount
    session.commit()
    return stored == 1


def release_key(session: Session, claim: Claim) -> bool:
    """Delete a CLAIMED request's row so a retry runs afresh; False when it was taken over. Commits."""
    released = session.execute(delete(IdempotencyKey).where(
        IdempotencyKey.id == claim.row_id, IdempotencyKey.token == claim.token)).rowcount
    session.commit()
    return released == 1


def purge_expired_keys(session: Session, *, now: datetime | None = None) -> int:
    """Delete every row past its ``expires_at``; returns how many. Commits."""
    purged = session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at < (now or utcnow()))).rowcount
    session.commit()
    return purged


def _aware(moment: datetime) -> datetime:
    # SQLite hands stored times back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
