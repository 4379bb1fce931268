"""Records for tests: as the bot creates them (``add_chat_record``), and in any status and age (``add_record``)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from storage.chat import get_or_create_user
from storage.models import Application, ChatOrigin, JobSearch, MatchRun, UserProfile, utcnow

JOB = {"job_id": "job-1", "title": "Python Developer", "company_name": "Acme", "location": "Berlin"}


def add_chat_record(session, record, *, user_id: str = "u1", chat_id: str = "c1", **origin_fields):
    """Give ``record`` a local-chat owner and origin, store it and commit; returns the record."""
    user = get_or_create_user(session, platform="local", workspace_id="", external_user_id=user_id)
    origin = ChatOrigin(chat_user_id=user.id, platform="local", chat_id=chat_id, **origin_fields)
    session.add(origin)
    session.flush()
    record.chat_user_id, record.origin_id = user.id, origin.id
    session.add(record)
    session.commit()
    return record


def add_record(session: Session, record_type: str, status: str, *, age_seconds: float = 0, **fields):
    """One record of ``record_type`` in ``status``, created ``age_seconds`` ago, written straight into a
    migrated database with no owner (as the ops and retention tests need them); committed."""
    created = utcnow() - timedelta(seconds=age_seconds)
    common = {"status": status, "created_at": created, **fields}
    if status == "failed":
        common.setdefault("failed_at", created)
        common.setdefault("error_code", "unavailable")
        common.setdefault("error_message", "A service we depend on is not answering right now.")
    if status == "completed":
        common.setdefault("completed_at", created)
    if record_type == "profile":
        record = UserProfile(source_files=common.pop("source_files", []), **common)
    elif record_type == "job_search":
        record = JobSearch(query=common.pop("query", "python developer"), **common)
    elif record_type == "match":
        search = add_record(session, "job_search", "completed")
        record = MatchRun(job_search_id=search.id, **common)
    else:
        record = Application(job_id=JOB["job_id"], job=common.pop("job", JOB), **common)
    session.add(record)
    session.commit()
    return record
