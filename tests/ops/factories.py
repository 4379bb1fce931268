"""Records written straight into a migrated database, in any status and age, for the ops tests."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from storage.models import Application, JobSearch, MatchRun, UserProfile, utcnow

JOB = {"job_id": "job-1", "title": "Python Developer", "company_name": "Acme", "location": "Berlin"}


def add_record(session: Session, record_type: str, status: str, *, age_seconds: float = 0, **fields):
    """One record of ``record_type`` in ``status``, created ``age_seconds`` ago; committed."""
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
