"""process_job_task: a tailored cover letter and CV summary for one job, as text and PDF."""
from __future__ import annotations

from config import Settings, get_settings
from storage.models import Application
from tasks.celery_app import celery_app
from domain.errors import PermanentError
from domain.jobs.types import JobPosting
from domain.letters import make_letter_writer, render_application_pdf
from tasks.matching import load_candidate
from tasks.runtime import Progress, run_record_task
from domain.ranking import score_job
from storage.files import document_path, new_upload_name


def letter_writer_from(settings: Settings):
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return make_letter_writer(llm_base_url=settings.llm_base_url, llm_api_key=key, llm_model=settings.llm_model)


def write_application(session, record: Application, progress: Progress) -> None:
    """Write the letter for the stored job and profile, and keep the PDF in the data folder."""
    settings = get_settings()
    candidate = load_candidate(session, record.profile_id)
    if candidate is None:
        raise PermanentError("I need your CV before I can write a letter. Send it as a PDF first.", code="no_profile")
    job = JobPosting.from_dict(record.job)
    progress(20, "writing")
    document = letter_writer_from(settings).write(candidate, job, score_job(candidate, job))
    record.cover_letter, record.cv_summary = document.cover_letter, document.cv_summary
    progress(80, "rendering")
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    name = new_upload_name("pdf")
    document_path(settings, name).write_bytes(
        render_application_pdf(document, candidate_name=candidate.name or "", job=job)
    )
    record.document_file = name


@celery_app.task(bind=True, name="tasks.job_processing.process_job_task", max_retries=5)
def process_job_task(self, application_id: str) -> str:
    return run_record_task(self, "application", application_id, write_application)
