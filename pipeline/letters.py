"""The letter step: a tailored cover letter and CV summary for one job, as text and a PDF file."""
from __future__ import annotations

from sqlalchemy.orm import Session

from config import get_settings
from domain.errors import PermanentError
from domain.jobs.types import JobPosting
from domain.letters.pdf import render_letter_pdf
from domain.ranking import score_job
from pipeline.progress import Progress
from pipeline.ranking import load_candidate
from pipeline.wiring import letter_writer_from
from storage.files import document_path, new_upload_name
from storage.models import Application

NO_PROFILE = "I need your CV before I can write a letter. Send it as a PDF first."


def write_letter(session: Session, record: Application, progress: Progress) -> None:
    """Write the letter for the record's job and profile and keep its PDF in the documents folder.

    Raises ``PermanentError("no_profile")`` when the profile is gone or unread.
    """
    settings = get_settings()
    candidate = load_candidate(session, record.profile_id)
    if candidate is None:
        raise PermanentError(NO_PROFILE, code="no_profile")
    job = JobPosting.from_dict(record.job)
    progress(20, "writing")
    document = letter_writer_from(settings).write(candidate, job, score_job(candidate, job))
    record.cover_letter, record.cv_summary = document.cover_letter, document.cv_summary
    progress(80, "rendering")
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    name = new_upload_name("pdf")
    document_path(settings, name).write_bytes(
        render_letter_pdf(document, candidate_name=candidate.name or "", job=job)
    )
    record.document_file = name
