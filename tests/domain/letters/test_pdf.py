"""The application PDF and its file name."""
from __future__ import annotations

import io

import pypdf
import pytest

from domain.jobs.types import JobPosting
from domain.letters import pdf as pdf_module
from domain.letters.filename import letter_filename
from domain.letters.pdf import render_letter_pdf
from domain.letters.types import LetterDocument

JOB = JobPosting(job_id="j1", title="Pflegefachkraft (m/w/d)", company_name="Klinikum Süd GmbH")
DOC = LetterDocument(
    cover_letter="Sehr geehrtes Team von Klinikum Süd GmbH,\n\nhiermit bewerbe ich mich …\n\n"
                 "Mit freundlichen Grüßen\nJürgen Müller",
    cv_summary="Jürgen Müller, Pflegefachkraft, 5 Jahre Berufserfahrung.",
)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_pdf_renders_and_unicode_names_survive():
    data = render_letter_pdf(DOC, candidate_name="Jürgen Müller", job=JOB)
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "Klinikum Süd GmbH" in text and "Müller" in text and "Grüßen" in text


def test_long_letters_flow_onto_more_pages():
    long_doc = LetterDocument(cover_letter="Zeile mit Text. " * 2000, cv_summary="kurz")
    reader = pypdf.PdfReader(io.BytesIO(render_letter_pdf(long_doc, candidate_name="", job=JOB)))
    assert len(reader.pages) > 1


def test_missing_font_falls_back_to_latin1_helvetica(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path / "no-fonts")
    data = render_letter_pdf(DOC, candidate_name="Łukasz Müller", job=JOB)
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "Klinikum Süd GmbH" in text and "?ukasz Müller" in text
    assert "falls back to latin-1" in caplog.text


@pytest.mark.parametrize("company,title,expected", [
    ("Klinikum Süd GmbH", "Pflegefachkraft (m/w/d)", "application-klinikum-sud-gmbh-pflegefachkraft-m-w-d.pdf"),
    ("../../etc", "passwd", "application-etc-passwd.pdf"),
    ("株式会社", "エンジニア", "application.pdf"),
    ("A\\B/C", ".hidden", "application-a-b-c-hidden.pdf"),
])
def test_application_filename_is_safe_ascii(company, title, expected):
    name = letter_filename(JobPosting(job_id="x", title=title, company_name=company))
    assert name == expected
    assert name.isascii() and "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name) <= 100
