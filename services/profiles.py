"""Use case: read a CV into a profile."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.ports import Requester, TaskQueue
from services.submit import submit
from storage.models import UserProfile


def request_profile(*, session: Session, queue: TaskQueue, requester: Requester, file_names: list[str],
                    original_filename: str | None) -> UserProfile:
    """A profile record for CV files already saved under generated names (storage.files.save_upload).

    ``original_filename`` is shown back to the person only, never used as a path.
    """
    record = UserProfile(source_files=list(file_names), original_filename=(original_filename or "")[:255] or None)
    return submit(session=session, queue=queue, requester=requester, record=record)
