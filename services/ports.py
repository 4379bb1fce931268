"""What the use cases need from outside, and who is asking: a chat user in a place, or an API key."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session


class TaskQueue(Protocol):
    """Sends a record's pipeline task (implemented on Celery by tasks.dispatch.CeleryTaskQueue)."""

    def dispatch(self, session: Session, record) -> bool:
        """Stamp a task id on ``record``, commit the session once, then send the task.

        Returns False when the broker is unreachable (the record stays pending for the sweeper).
        """

    def dispatch_all(self, session: Session, records: list) -> int:
        """``dispatch`` for many records at once: every task id stamped in one commit, then the tasks
        sent together. Returns how many were sent (the rest wait for the sweeper)."""


@dataclass(frozen=True)
class UserRef:
    """A person on a chat platform (Slack users are per workspace)."""

    platform: str
    external_user_id: str
    workspace_id: str = ""
    display_name: str | None = None
    # The language of the person's app as the platform tells it (Telegram ``language_code``, Slack
    # ``locale``): what the bot speaks until they choose with /language (i18n.user_language).
    locale: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """Who the person is, whatever this message says about their name or language."""
        return self.platform, self.workspace_id or "", self.external_user_id


@dataclass
class OriginRef:
    """A place in a chat: where to answer and which message to reply to or edit."""

    platform: str
    chat_id: str
    workspace_id: str = ""
    thread_id: str | None = None
    reply_to_message_id: str | None = None
    status_message_id: str | None = None


@dataclass
class ChatRequester:
    """A request from a chat: results go back to ``origin``."""

    user: UserRef
    origin: OriginRef


@dataclass(frozen=True)
class ApiRequester:
    """A request through the REST API: only this key sees the record; ``webhook_url`` is already vetted."""

    api_key_id: str
    webhook_url: str | None = None


Requester = ChatRequester | ApiRequester
