"""Storing a new record for its requester and sending its task: the one way a record is created.

Every requester (an API key, a chat user) may have at most ``MAX_OPEN_REQUESTS_PER_OWNER`` records
not yet finished at once, so that one owner's backlog cannot fill the queues ahead of everyone
else's: the next request is refused (``OverLimit``, 429) until one of theirs completes or fails.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from config import get_settings
from i18n import Phrase
from services.errors import OverLimit
from services.ports import ApiRequester, ChatRequester, Requester, TaskQueue
from services.users import ensure_user, find_user
from storage.models import PENDING, PROCESSING, Application, ChatOrigin, JobSearch, MatchRun, UserProfile

logger = logging.getLogger(__name__)
# What an owner is told to wait before asking again: their open requests usually finish within this.
OPEN_REQUESTS_RETRY_SECONDS = 30
OWNED_MODELS = (UserProfile, JobSearch, MatchRun, Application)


def submit(*, session: Session, queue: TaskQueue, requester: Requester, record):
    """Tie ``record`` to its requester, store it with one commit and send its task; returns the record.

    Raises ``OverLimit`` (429, nothing stored) when the requester already has
    ``MAX_OPEN_REQUESTS_PER_OWNER`` unfinished records (``check_open_requests``).
    """
    if isinstance(requester, ChatRequester):
        chat_user = ensure_user(session=session, user=requester.user)
        check_open_requests(session=session, chat_user_id=chat_user.id)
        _attach_chat_origin(session, requester, chat_user.id, record)
    elif isinstance(requester, ApiRequester):
        check_open_requests(session=session, api_key_id=requester.api_key_id)
        record.api_key_id, record.webhook_url = requester.api_key_id, requester.webhook_url
    else:
        raise TypeError(f"not a requester: {requester!r}")
    queue.dispatch(session, record)
    logger.info("%s %s submitted by %s", record.record_type, record.id, type(requester).__name__)
    return record


def open_requests(session: Session, *, chat_user_id: int | None = None, api_key_id: str | None = None) -> int:
    """How many of one owner's CVs, searches, rankings and letters are pending or processing.

    Give exactly one of ``chat_user_id`` / ``api_key_id``. Alert digests are the system's work and not
    counted. One query (a count over the four tables' owner indexes).
    """
    if (chat_user_id is None) == (api_key_id is None):
        raise ValueError("give exactly one owner")
    parts = []
    for model in OWNED_MODELS:
        owner = model.chat_user_id == chat_user_id if chat_user_id is not None else model.api_key_id == api_key_id
        query = select(literal(1)).where(owner, model.status.in_((PENDING, PROCESSING)))
        if model is JobSearch:
            query = query.where(JobSearch.alert_id.is_(None), JobSearch.alert_run_id.is_(None))
        parts.append(query)
    return session.scalar(select(func.count()).select_from(union_all(*parts).subquery())) or 0


def check_open_requests(*, session: Session, chat_user_id: int | None = None, api_key_id: str | None = None,
                        limit: int | None = None) -> None:
    """Raise ``OverLimit`` (429, ``retry_after`` ``OPEN_REQUESTS_RETRY_SECONDS``) when the owner already has
    ``limit`` (default: MAX_OPEN_REQUESTS_PER_OWNER) unfinished records; see ``open_requests``."""
    limit = get_settings().max_open_requests_per_owner if limit is None else limit
    count = open_requests(session, chat_user_id=chat_user_id, api_key_id=api_key_id)
    if count >= limit:
        logger.info("refused a request: its owner has %d open requests (limit %d)", count, limit)
        raise OverLimit(Phrase.ngettext(
            "You have {n} request still running, the most I take at once; I'll take new ones when it finishes.",
            "You have {n} requests still running, the most I take at once; I'll take new ones when they finish.",
            count), retry_after=OPEN_REQUESTS_RETRY_SECONDS)


def check_requester_room(*, session: Session, requester: Requester, limit: int | None = None) -> None:
    """``check_open_requests`` for a requester before anything is said or stored for its request (a chat
    asks before its "Searching…", the REST upload before reading the body); ``submit`` checks again."""
    if isinstance(requester, ApiRequester):
        check_open_requests(session=session, api_key_id=requester.api_key_id, limit=limit)
        return
    chat_user = find_user(session=session, user=requester.user)
    if chat_user is not None:
        check_open_requests(session=session, chat_user_id=chat_user.id, limit=limit)


def _attach_chat_origin(session: Session, requester: ChatRequester, chat_user_id: int, record) -> None:
    """Results and failures go back to where the request came from: the chat, thread and message."""
    origin = requester.origin
    chat_origin = ChatOrigin(
        chat_user_id=chat_user_id, platform=origin.platform, workspace_id=origin.workspace_id,
        chat_id=origin.chat_id, thread_id=origin.thread_id, reply_to_message_id=origin.reply_to_message_id,
        status_message_id=origin.status_message_id,
    )
    session.add(chat_origin)
    session.flush()  # the origin's id, for the record; still one commit in all
    record.chat_user_id, record.origin_id = chat_user_id, chat_origin.id
