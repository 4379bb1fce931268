"""The letter step on a real CV and real postings: four files, the asked-for language, the refusal without a CV."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document as WordDocument

from config import get_settings
from domain.cv.profile import build_profile
from domain.errors import PermanentError
from pipeline.letters import write_letter
from storage.db import session_factory
from storage.files import document_path
from storage.migrate import upgrade_database
from storage.models import Application, UserProfile

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "pdfs"
POSTINGS = Path(__file__).resolve().parents[2] / "domain" / "jobs" / "data" / "postings.json"


def posting(job_id_prefix: str) -> dict:
    return next(job for job in json.loads(POSTINGS.read_text()) if job["job_id"].startswith(job_id_prefix))


ENGLISH_JOB = posting("offline-0001-")  # Senior Python Engineer, Albion Software Ltd, London
GERMAN_JOB = posting("offline-0005-")  # Python-Entwickler (m/w/d), Alpenland Software AG, Wien


@pytest.fixture(scope="module")
def cv_profile() -> dict:
    profile = build_profile((CORPUS / "en_harris__rendercv__classic.pdf").read_bytes())
    return profile.to_dict()


@pytest.fixture
def sessions(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("JOB_AGENT_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    upgrade_database(url)
    yield session_factory(url)
    get_settings.cache_clear()


def run(sessions, cv_profile: dict | None, job: dict, language: str | None = None) -> tuple[Application, list]:
    stages = []
    with sessions() as session:
        profile = UserProfile(source_files=[], status="completed",
                              profile=cv_profile and {k: v for k, v in cv_profile.items() if k != "text"},
                              profile_text=cv_profile and cv_profile["text"])
        session.add(profile)
        session.flush()
        record = Application(profile_id=profile.id, job_id=job["job_id"], job=job, language=language)
        session.add(record)
        session.commit()
        write_letter(session, record, lambda percent, stage: stages.append((percent, stage)))
        session.commit()
        return session.get(Application, record.id), stages


def word_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in WordDocument(io.BytesIO(data)).paragraphs)


def test_a_letter_and_a_tailored_cv_are_kept_as_pdf_and_docx(sessions, cv_profile):
    record, stages = run(sessions, cv_profile, ENGLISH_JOB)
    settings = get_settings()
    files = {field: document_path(settings, getattr(record, field)).read_bytes() for field in Application.FILE_FIELDS}
    assert files["document_file"].startswith(b"%PDF-") and files["tailored_cv_file"].startswith(b"%PDF-")
    assert files["docx_file"].startswith(b"PK\x03\x04") and files["tailored_cv_docx_file"].startswith(b"PK\x03\x04")
    assert len(set(record.file_names())) == 4 and len(set(files.values())) == 4
    assert record.file_names()[1].endswith(".docx") and record.file_names()[3].endswith(".docx")
    assert record.language == "en" and ENGLISH_JOB["company_name"] in record.cover_letter
    # The DOCX is the letter the chat shows, to be edited before sending; the CV DOCX carries the person.
    assert ENGLISH_JOB["company_name"] in word_text(files["docx_file"])
    assert cv_profile["name"] in word_text(files["tailored_cv_docx_file"])
    assert [stage for _, stage in stages] == ["writing", "tailoring", "rendering"]


def test_a_language_asked_for_overrides_the_postings(sessions, cv_profile):
    record, _ = run(sessions, cv_profile, ENGLISH_JOB, language="de")
    assert record.language == "de"
    assert "Sehr geehrte" in record.cover_letter and "Dear" not in record.cover_letter
    docx = document_path(get_settings(), record.docx_file).read_bytes()
    assert "Sehr geehrte" in word_text(docx)


def test_without_an_override_the_letter_is_in_the_postings_language(sessions, cv_profile):
    record, _ = run(sessions, cv_profile, GERMAN_JOB)
    assert record.language == "de" and "Sehr geehrte" in record.cover_letter


def test_without_a_read_cv_the_step_fails_naming_every_kind_of_cv_it_reads(sessions):
    with pytest.raises(PermanentError) as refused:
        run(sessions, None, ENGLISH_JOB)
    message = refused.value.user_message
    assert refused.value.code == "no_profile"
    assert all(kind in message for kind in ("PDF", "Word", "OpenDocument", "photo"))
    assert "as a PDF" not in message
