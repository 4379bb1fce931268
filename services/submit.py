"""Storing a new record for its requester and sending its task: the one way a record is created."""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from services.ports import ApiRequester, ChatRequester, Requester, TaskQueue
from services.users import ensure_user
from storage.models import ChatOrigin

logger = logging.getLogger(__name__)


def submit(*, session: Session, queue: TaskQueue, requester: Requester, record):
    """Tie ``record`` to its requester, store it with one commit and send its task; returns the record."""
    if isinstance(requester, ChatRequester):
        _attach_chat_origin(session, requester, record)
    elif isinstance(requester, ApiRequester):
        record.api_key_id, record.webhook_url = requester.api_key_id, requester.webhook_url
    else:
        raise TypeError(f"not a requester: {requester!r}")
    queue.dispatch(session, record)
    logger.info("%s %s submitted by %s", record.record_type, record.id, type(requester).__name__)
    return record


def _attach_chat_origin(session: Session, requester: ChatRequester, record) -> None:
    """Results and failures go back to where the request came from: the chat, thread and message."""
    chat_user = ensure_user(session=session, user=requester.user)
    origin = requester.origin
    chat_origin = ChatOrigin(
        chat_user_id=chat_user.id, platform=origin.platform, workspace_id=origin.workspace_id,
        chat_id=origin.chat_id, thread_id=origin.thread_id, reply_to_message_id=origin.reply_to_message_id,
        status_message_id=origin.status_message_id,
    )
    session.add(chat_origin)
    session.flush()  # the origin's id, for the record; still one commit in all
    record.chat_user_id, record.origin_id = chat_user.id, chat_origin.id
