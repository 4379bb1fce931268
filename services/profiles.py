"""Use case: read a CV into a profile."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.ports import OriginRef, Requester, TaskQueue, UserRef
from services.submit import submit
from services.users import find_user
from storage.models import FAILED, FINISHED, ChatOrigin, UserProfile, utcnow

# A CV photographed page by page arrives as several photos within a few minutes.
PHOTO_PAGES_WINDOW = timedelta(minutes=15)
MAX_PHOTO_PAGES = 5
# Stored upload suffixes of images (storage.files names uploads by their sniffed kind).
_IMAGE_SUFFIXES = ("jpeg", "png", "heic", "webp", "tiff", "gif", "bmp")


def request_profile(*, session: Session, queue: TaskQueue, requester: Requester, file_names: list[str],
                    original_filename: str | None) -> UserProfile:
    """A profile record for CV files already saved under generated names (storage.files.save_upload).

    ``original_filename`` is shown back to the person only, never used as a path.
    """
    record = UserProfile(source_files=list(file_names), original_filename=(original_filename or "")[:255] or None)
    return submit(session=session, queue=queue, requester=requester, record=record)


def profile_from_message(*, session: Session, user: UserRef, origin: OriginRef) -> UserProfile | None:
    """The profile request already made from the chat message ``origin`` replies to, if any.

    A chat message is one CV: when a platform's update is handled a second time (replayed after a handler
    failed late, e.g. a Bot API call timing out after the record was stored), this finds the request the first
    handling made, so that no second profile is read and sent. None for an origin without a message id (the
    terminal and web chats, which never replay).
    """
    if not origin.reply_to_message_id:
        return None
    chat_user = find_user(session=session, user=user)
    if chat_user is None:
        return None
    return session.scalar(select(UserProfile).join(ChatOrigin, ChatOrigin.id == UserProfile.origin_id).where(
        UserProfile.chat_user_id == chat_user.id, ChatOrigin.platform == origin.platform,
        ChatOrigin.workspace_id == (origin.workspace_id or ""), ChatOrigin.chat_id == origin.chat_id,
        ChatOrigin.reply_to_message_id == origin.reply_to_message_id).limit(1))


def photo_pages_so_far(*, session: Session, user: UserRef) -> list[str]:
    """The stored photos of the person's latest CV if a new photo should join them as a page.

    That is when the latest profile request, sent within ``PHOTO_PAGES_WINDOW``, was photos
    only, did not fail, and has fewer than ``MAX_PHOTO_PAGES`` pages; otherwise ``[]`` and the
    new photo starts a CV of its own. (A retaken photo of the same page is told apart from a
    new page when the pages are read: pipeline.profiling.merge_profiles.)
    """
    chat_user = find_user(session=session, user=user)
    if chat_user is None:
        return []
    latest = session.scalar(select(UserProfile).where(UserProfile.chat_user_id == chat_user.id)
                            .order_by(UserProfile.created_at.desc()).limit(1))
    recent = latest is not None and session.scalar(  # compared in SQL: SQLite hands back naive datetimes
        select(UserProfile.created_at >= utcnow() - PHOTO_PAGES_WINDOW).where(UserProfile.id == latest.id))
    if not recent or latest.status == FAILED:
        return []
    files = list(latest.source_files or [])
    if not files or len(files) >= MAX_PHOTO_PAGES or not all(name.endswith(_IMAGE_SUFFIXES) for name in files):
        return []
    return files


def profile_in_progress(*, session: Session, user: UserRef) -> bool:
    """True while the person's latest CV is still being read (a search now would use the old one)."""
    chat_user = find_user(session=session, user=user)
    if chat_user is None:
        return False
    status = session.scalar(select(UserProfile.status).where(UserProfile.chat_user_id == chat_user.id)
                            .order_by(UserProfile.created_at.desc()).limit(1))
    return status is not None and status not in FINISHED
