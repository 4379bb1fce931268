"""The web chat's kept stream: each session's messages (``WebChatMessage``) and files (``WebChatFile``).

The bot's messages are written by bot.web.messenger as the core sends; the person's own ("mine": a text, or
"📎 filename" for a CV) by bot.web.routes when a POST is accepted, before the core handles it. Read by
``GET /chat/events`` (everything after a seq) and ``GET /chat/files/{id}`` (only by the session that owns the
file). Deleted, both sides alike, by /forget (``forget_session``, which leaves one "reset" event for open pages)
and by the retention pass (``purge_before``).
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from storage.models import WebChatFile, WebChatMessage

MESSAGE, EDIT, DOCUMENTS, MINE = "message", "edit", "documents", "mine"
RESET = "reset"  # what /forget leaves: an open page clears the conversation it still shows
REPLAY_BATCH = 200  # events read at once; a longer history streams in several batches


def append(session: Session, session_id: str, kind: str, render: Callable[[str], tuple[str, str]], *,
           message_id: str | None = None, files: list[dict] | None = None, client_id: str = "") -> WebChatMessage:
    """Add one event and commit; returns it (``id`` is its seq).

    ``render(message_id) -> (html, text)`` is called with the event's message id: the new event's own seq
    for a "message", "documents" or "mine" (known only once the row is written), ``message_id`` for an "edit".
    ``client_id``: the page's own id of a "mine" message (validated by the caller), carried back in its event.
    An edit replaces the earlier edits of its message (only the latest matters to any reader: the stream is
    applied in order, and a reader that missed them needs only the last), so progress edits do not pile up.
    """
    _serialise(session, session_id)
    row = WebChatMessage(session_id=session_id, kind=kind, message_id=message_id or "", html="", text="",
                         files=files or [], client_id=client_id)
    session.add(row)
    session.flush()
    if kind != EDIT:
        row.message_id = str(row.id)
    else:
        session.execute(delete(WebChatMessage).where(
            WebChatMessage.session_id == session_id, WebChatMessage.kind == EDIT,
            WebChatMessage.message_id == row.message_id, WebChatMessage.id != row.id))
    row.html, row.text = render(row.message_id)
    session.commit()
    return row


def _serialise(session: Session, session_id: str) -> None:
    """Hold the session's stream until this transaction ends, so its seqs commit in the order they are taken.

    A seq is the row's id, taken at the INSERT but seen only at the commit. Two writers of one session (a result
    delivered while the person's own message is answered) could otherwise commit 11 before 10, and a reader that
    saw 11 would resume after it and never see 10. SQLite already lets one writer at a time from the INSERT to the
    commit; PostgreSQL takes a transaction-scoped advisory lock on the session (other sessions are not held up).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"web-chat:{session_id}"})


def add_file(session: Session, session_id: str, *, filename: str, mime_type: str, data: bytes) -> WebChatFile:
    """Keep one document for ``session_id`` under a fresh unguessable id (not committed: the caller commits the
    files with the event that links them)."""
    row = WebChatFile(id=secrets.token_urlsafe(24), session_id=session_id, filename=filename[:255],
                      mime_type=mime_type[:128], size=len(data), data=data)
    session.add(row)
    return row


def events_after(session: Session, session_id: str, after: int, *, limit: int = REPLAY_BATCH) -> list[dict]:
    """The session's events with a seq over ``after``, oldest first, as the SSE ``data`` objects:
    ``{"seq", "kind", "message_id", "html", "text", "files", "client_id"}`` (``client_id`` "" but for "mine")."""
    rows = session.scalars(select(WebChatMessage).where(
        WebChatMessage.session_id == session_id, WebChatMessage.id > after).order_by(WebChatMessage.id).limit(limit))
    return [{"seq": row.id, "kind": row.kind, "message_id": row.message_id, "html": row.html, "text": row.text,
             "files": row.files or [], "client_id": row.client_id or ""} for row in rows]


def file_of(session: Session, session_id: str, file_id: str) -> WebChatFile | None:
    """The file ``file_id`` when ``session_id`` owns it, else None (another session's file is as absent as
    one that never was)."""
    row = session.get(WebChatFile, file_id)
    return row if row is not None and secrets.compare_digest(row.session_id, session_id) else None


def forget_session(session: Session, session_id: str) -> int:
    """Delete every kept message and file of ``session_id`` (not committed); returns how many rows went.

    When there were any, one "reset" event takes their place, so that a page still open (or one reconnecting
    after the deletion) clears what it shows instead of going on showing a deleted conversation.
    """
    _serialise(session, session_id)
    messages = session.execute(delete(WebChatMessage).where(WebChatMessage.session_id == session_id)).rowcount
    files = session.execute(delete(WebChatFile).where(WebChatFile.session_id == session_id)).rowcount
    if messages + files:
        session.add(WebChatMessage(session_id=session_id, kind=RESET, message_id="", html="", text="", files=[],
                                   client_id=""))
    return messages + files


def purge_before(session: Session, cutoff: datetime) -> int:
    """Delete the messages and files written before ``cutoff`` (not committed); returns how many rows went."""
    messages = session.execute(delete(WebChatMessage).where(WebChatMessage.created_at < cutoff)).rowcount
    files = session.execute(delete(WebChatFile).where(WebChatFile.created_at < cutoff)).rowcount
    return messages + files
