"""Chat users: who they are, what we hold about them, and forgetting all of it."""
from __future__ import annotations

import logging
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from services.ports import UserRef
from storage.chat import delete_user, files_of_user, get_or_create_user, latest_completed_profile, recent_requests
from storage.files import document_path, upload_path
from storage.models import ChatUser

logger = logging.getLogger(__name__)


def find_user(*, session: Session, user: UserRef) -> ChatUser | None:
    """The stored chat user, or None for someone we have never stored anything about."""
    return session.scalar(select(ChatUser).where(
        ChatUser.platform == user.platform, ChatUser.workspace_id == user.workspace_id,
        ChatUser.external_user_id == user.external_user_id,
    ))


def ensure_user(*, session: Session, user: UserRef) -> ChatUser:
    """The stored chat user, created (flushed, not committed) on first contact, with the app's
    locale the platform told (so that the results of a first request speak their language)."""
    chat_user = get_or_create_user(session, platform=user.platform, workspace_id=user.workspace_id,
                                   external_user_id=user.external_user_id, display_name=user.display_name)
    if chat_user.locale is None and locale_tag(user.locale):
        chat_user.locale = user.locale
    return chat_user


def locale_tag(value: str | None) -> str | None:
    """``value`` when it can be a platform's locale tag (BCP 47 "pt-BR", POSIX "de_DE.UTF-8") that fits
    the column, else None: a junk or oversized "language_code" is never stored."""
    if value and len(value) <= ChatUser.locale.type.length and re.fullmatch(r"[A-Za-z0-9_.@-]+", value):
        return value
    return None


def profile_of(*, session: Session, user: UserRef) -> dict | None:
    """The person's latest completed profile (``UserProfile.profile``), or None."""
    chat_user = find_user(session=session, user=user)
    record = chat_user and latest_completed_profile(session, chat_user.id)
    return record.profile if record else None


def requests_of(*, session: Session, user: UserRef, limit: int = 8) -> list:
    """The person's most recent records of every type, newest first."""
    chat_user = find_user(session=session, user=user)
    return recent_requests(session, chat_user.id, limit=limit) if chat_user else []


def forget_user(*, session: Session, settings: Settings, user: UserRef) -> bool:
    """Delete every record, origin and file of the person; False when nothing was stored.

    Records go first (one commit), then files: a file left by a crash in between is an orphan
    that the retention pass removes.
    """
    kept_chat = _forget_web_chat(session, user)  # the web chat keeps what it showed them (storage.web_chat)
    chat_user = find_user(session=session, user=user)
    if chat_user is None:
        session.commit()
        return kept_chat
    uploads, documents = files_of_user(session, chat_user.id)
    delete_user(session, chat_user.id)
    session.commit()
    for path in [upload_path(settings, n) for n in uploads] + [document_path(settings, n) for n in documents]:
        path.unlink(missing_ok=True)
    logger.info("deleted every record and file of chat user %s", chat_user.id)
    return True


def _forget_web_chat(session: Session, user: UserRef) -> bool:
    """Delete the web chat's kept messages and files of a web session (not committed); True when there were any."""
    if user.platform != "web":
        return False
    from storage.web_chat import forget_session

    return forget_session(session, user.external_user_id) > 0
