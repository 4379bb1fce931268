"""The letter step: a cover letter and a tailored CV for one job, as text and as PDF and DOCX files."""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from config import get_settings
from domain.cv.filetype import READABLE_NAMES
from domain.errors import PermanentError
from domain.jobs.types import JobPosting
from domain.letters.documents import render_application
from domain.letters.language import job_language
from domain.letters.tailored_cv import tailor_cv
from domain.ranking import score_job
from i18n import N_, Phrase
from pipeline.progress import Progress
from pipeline.ranking import load_candidate
from pipeline.wiring import letter_writer_from
from storage.files import save_document
from storage.models import Application

logger = logging.getLogger(__name__)
NO_PROFILE = N_("I need your CV before I can write a letter. Send it to me first: {formats}.")
# Where each rendered file is kept on the record, and its stored suffix.
STORED_FILES = (("document_file", "letter_pdf", "pdf"), ("docx_file", "letter_docx", "docx"),
                ("tailored_cv_file", "cv_pdf", "pdf"), ("tailored_cv_docx_file", "cv_docx", "docx"))


def write_letter(session: Session, record: Application, progress: Progress) -> None:
    """Write the letter and the tailored CV for the record's job and profile and keep their four files.

    The letter and the CV are written in ``record.language`` when one was asked for ("/apply 2
    de", the REST field), else in the posting's language; the record then keeps the language
    they were written in. Raises ``PermanentError("no_profile")`` when the profile is gone
    or unread.
    """
    settings = get_settings()
    candidate = load_candidate(session, record.profile_id)
    if candidate is None:
        raise PermanentError(NO_PROFILE, params={"formats": Phrase(READABLE_NAMES)}, code="no_profile")
    job = JobPosting.from_dict(record.job)
    ranked = score_job(candidate, job)
    language = job_language(job, record.language)  # decided once, so the letter and the CV agree
    progress(20, "writing")
    document = letter_writer_from(settings).write(candidate, job, ranked, language=language)
    if document.language != language:
        logger.warning("application %s: asked for a letter in %s, the writer says %s", record.id, language,
                       document.language)
    progress(60, "tailoring")
    cv = tailor_cv(candidate, job, ranked, language=language)
    progress(80, "rendering")
    files = render_application(document, cv, candidate_name=candidate.name or "", job=job)
    # Fields are set only now, after the last progress commit: names and outcome are committed together,
    # and files of a run whose outcome never committed are orphans the retention pass removes.
    record.cover_letter, record.cv_summary = document.cover_letter, document.cv_summary
    record.language = language
    for field, attribute, suffix in STORED_FILES:
        setattr(record, field, save_document(settings, getattr(files, attribute), suffix))
    logger.info("application %s: letter in %s and tailored CV stored as PDF and DOCX", record.id, record.language)
