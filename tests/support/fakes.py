"""Fakes for the conversation core and the use cases: a messenger that records, a queue that sends nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.core.ports import Document, OriginRef, OutgoingMessage


@dataclass
class FakeTaskQueue:
    """Commits once and remembers what it would have sent, as (record_type, record_id)."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    broker_down: bool = False

    def dispatch(self, session: Session, record) -> bool:
        record.celery_task_id = f"task-{len(self.sent) + 1}"
        session.add(record)
        session.commit()
        if self.broker_down:
            return False
        self.sent.append((record.record_type, record.id))
        return True

    def dispatch_all(self, session: Session, records: list) -> int:
        for number, record in enumerate(records, start=len(self.sent) + 1):
            record.celery_task_id = f"task-{number}"
            session.add(record)
        session.commit()
        if self.broker_down:
            return 0
        self.sent.extend((record.record_type, record.id) for record in records)
        return len(records)


@dataclass
class FakeMessenger:
    """Records every message; message ids are "m1", "m2", ... in sending order."""

    sent: list[tuple[OriginRef, OutgoingMessage]] = field(default_factory=list)
    edits: list[tuple[str, OutgoingMessage]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str:
        self.sent.append((origin, message))
        return f"m{len(self.sent)}"

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        self.edits.append((message_id, message))

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        self.documents.extend(documents)

    @property
    def last(self) -> OutgoingMessage:
        return self.sent[-1][1]

    def texts(self) -> list[str]:
        return [getattr(message, "text", "") or getattr(message, "title", "") for _, message in self.sent]
