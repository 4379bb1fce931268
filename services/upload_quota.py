"""Per-owner disk quota for uploaded CV files: an API key's or a chat user's stored uploads may take
at most UPLOAD_QUOTA_MB (``Settings.upload_quota_bytes``); an upload that would go beyond it is refused
(``OverLimit``, 413) before it is stored.

What counts is what is on disk now for the owner's profiles (``storage.files.stored_upload_bytes``):
files removed by the retention purge, by /forget, or because their profile failed unreadable
(pipeline.profiling) no longer count.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from i18n import N_, Phrase
from services.errors import OverLimit
from services.ports import ApiRequester, Requester
from services.users import find_user
from storage.files import stored_upload_bytes
from storage.models import UserProfile

# Chat: what to do is /forget (everything at once) or waiting for the retention purge.
QUOTA_FULL_CHAT = N_("Your stored CV files would take more than {limit} MB, the most I keep for one person "
                     "(you have {used} MB stored). Files are deleted {days} days after you send them; "
                     "/forget deletes all of yours now.")
QUOTA_FULL_CHAT_NO_RETENTION = N_("Your stored CV files would take more than {limit} MB, the most I keep for "
                                  "one person (you have {used} MB stored). /forget deletes all of yours now.")
QUOTA_FULL_API = ("The CV files stored for this API key would take more than {limit} MB, its upload quota "
                  "(UPLOAD_QUOTA_MB; {used} MB stored now). {when}")
API_WAIT = "Stored uploads are deleted {days} days after they were sent (RETENTION_DAYS); upload again then, or "
API_ASK = "Ask the operator for a larger quota."


def stored_bytes(*, session: Session, settings: Settings, requester: Requester) -> int:
    """Bytes the requester's uploaded CV files take on disk now (0 for a chat user never stored)."""
    if isinstance(requester, ApiRequester):
        owner = UserProfile.api_key_id == requester.api_key_id
    else:
        chat_user = find_user(session=session, user=requester.user)
        if chat_user is None:
            return 0
        owner = UserProfile.chat_user_id == chat_user.id
    names = [name for files in session.scalars(select(UserProfile.source_files).where(owner)) for name in files or []]
    return stored_upload_bytes(settings, names)


def quota_left(*, session: Session, settings: Settings, requester: Requester) -> int:
    """Bytes the requester may still upload; raises ``OverLimit`` (413) when nothing is left."""
    left = settings.upload_quota_bytes - stored_bytes(session=session, settings=settings, requester=requester)
    if left <= 0:
        raise quota_full(settings, requester, settings.upload_quota_bytes - left)
    return left


def check_upload_quota(*, session: Session, settings: Settings, requester: Requester, adding: int) -> None:
    """Raise ``OverLimit`` (413) when ``adding`` more bytes would take the requester past UPLOAD_QUOTA_MB."""
    used = stored_bytes(session=session, settings=settings, requester=requester)
    if used + adding > settings.upload_quota_bytes:
        raise quota_full(settings, requester, used)


def quota_full(settings: Settings, requester: Requester, used: int) -> OverLimit:
    """The refusal for a full quota, naming the limit, what is stored and what to do."""
    limit_mb, used_mb = _megabytes(settings.upload_quota_mb), _megabytes(used / 1048576)
    if isinstance(requester, ApiRequester):
        when = (API_WAIT.format(days=settings.retention_days) + API_ASK.lower()
                if settings.retention_days > 0 else API_ASK)
        return OverLimit(QUOTA_FULL_API.format(limit=f"{limit_mb:g}", used=f"{used_mb:g}", when=when), status_code=413)
    if settings.retention_days > 0:
        return OverLimit(Phrase(QUOTA_FULL_CHAT, limit=limit_mb, used=used_mb, days=settings.retention_days),
                         status_code=413)
    return OverLimit(Phrase(QUOTA_FULL_CHAT_NO_RETENTION, limit=limit_mb, used=used_mb), status_code=413)


def _megabytes(value: float) -> float:
    """One decimal (12.3), or two significant digits below 1 MB (0.047), so a small figure never reads 0."""
    return round(value, 1) if value >= 1 else float(f"{value:.2g}")
