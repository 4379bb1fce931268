"""The files of one application as the chat and the REST API hand them out: the letter and the
tailored CV, each as PDF (to send) and DOCX (to edit first)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from config import Settings
from domain.jobs.types import JobPosting
from domain.letters.filename import letter_filename
from storage.files import document_path
from storage.models import Application

logger = logging.getLogger(__name__)
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ApplicationFile:
    """One of the four files: where the record keeps its name, how REST names and serves it.

    ``field``: the ``Application`` column. ``url_field``: its key in the REST result.
    ``path``: its route under ``/api/v1/jobs/{id}/``. ``document``: "letter" or "cv".
    """

    field: str
    url_field: str
    path: str
    document: str
    suffix: str
    mime_type: str

    @property
    def what(self) -> str:
        """"the letter as PDF", "the tailored CV as DOCX" (for answers and the OpenAPI text)."""
        return f"the {'letter' if self.document == 'letter' else 'tailored CV'} as {self.suffix.upper()}"


APPLICATION_FILES = (
    ApplicationFile("document_file", "document_url", "document", "letter", "pdf", PDF),
    ApplicationFile("docx_file", "docx_url", "document/docx", "letter", "docx", DOCX),
    ApplicationFile("tailored_cv_file", "tailored_cv_url", "tailored-cv", "cv", "pdf", PDF),
    ApplicationFile("tailored_cv_docx_file", "tailored_cv_docx_url", "tailored-cv/docx", "cv", "docx", DOCX),
)


def download_name(file: ApplicationFile, job: dict, language: str | None = None) -> str:
    """The name a person receives the file under, from the posting and the letter's language (ASCII,
    no path separators): "application-acme-gmbh-python-developer-de.docx", "cv-acme-gmbh-python-developer-de.pdf".

    The language keeps a second letter for the same job in another language (``/apply 1 fr`` after
    ``/apply 1``) from replacing the first where files are saved by name (the terminal chat's ./letters/).
    """
    stem = letter_filename(JobPosting.from_dict(job)).removesuffix(".pdf")
    if file.document == "cv":
        stem = "cv" + stem.removeprefix("application")
    code = "".join(ch for ch in (language or "") if ch.isascii() and ch.isalpha()).lower()[:8]
    return f"{stem}-{code}.{file.suffix}" if code else f"{stem}.{file.suffix}"


def stored_files(settings: Settings, record: Application) -> list[tuple[ApplicationFile, Path]]:
    """The record's files that are on disk, in ``APPLICATION_FILES`` order.

    A name on the record whose file is gone is left out with a warning: only retention and
    /forget delete these files, and both clear the names first.
    """
    found = []
    for file in APPLICATION_FILES:
        name = getattr(record, file.field)
        if not name:
            continue
        path = document_path(settings, name)
        if path.is_file():
            found.append((file, path))
        else:
            logger.warning("application %s names %s (%s), but the file is gone", record.id, file.field, name)
    return found
