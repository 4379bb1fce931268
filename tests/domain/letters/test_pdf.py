"""The letter PDF: a business letter per language (DIN 5008 in German), its metadata, one page
when it fits and nothing after it (the CV summary is the chat's), the plain-text fallback, and the file name."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdf
import pytest

from domain.jobs.types import JobPosting
from domain.letters import pdf as pdf_module
from domain.letters.filename import letter_filename
from domain.letters.pdf import render_letter_pdf
from domain.letters.types import LetterDocument
from tests.domain.letters.letter_samples import LETTERS, NAME, sample_job, sample_letter

JOB = JobPosting(job_id="j1", title="Pflegefachkraft (m/w/d)", company_name="Klinikum Süd GmbH")
DOC = LetterDocument(
    cover_letter="Sehr geehrtes Team von Klinikum Süd GmbH,\n\nhiermit bewerbe ich mich …\n\n"
                 "Mit freundlichen Grüßen\nJürgen Müller",
    cv_summary="Jürgen Müller, Pflegefachkraft, 5 Jahre Berufserfahrung.",
)
MM = 25.4 / 72


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: start x and baseline y in mm from the page's left and top."""

    x: float
    y: float
    font: str
    text: str


def _pages(data: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(data)).pages)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _pages(data))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _runs(page: pypdf.PageObject) -> list[Run]:
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append(Run(tm[4] * MM, 297 - tm[5] * MM, str((font or {}).get("/BaseFont", "")), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def _run(page: pypdf.PageObject, start: str) -> Run:
    return next(r for r in _runs(page) if _flat(r.text).startswith(start))


def _render(doc: LetterDocument, lang: str = "de") -> bytes:
    return render_letter_pdf(doc, candidate_name=NAME, job=sample_job(lang))


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_each_part_is_printed_in_the_languages_reading_order(lang):
    company, city, date, subject, salutation, closing, sentence, _ = LETTERS[lang]
    text = _flat(_text(_render(sample_letter(lang), lang)))
    address = [company, city, date] if lang != "en" else [date, company, city]  # English: block format
    order = [NAME, "j.mueller@example.de", "+49 151 2345678", *address, subject, salutation, sentence, closing, NAME]
    positions = []
    for part in order:
        found = text.find(_flat(part), positions[-1] + 1 if positions else 0)
        assert found >= 0, f"{part!r} missing or out of order in {text!r}"
        positions.append(found)


@pytest.mark.parametrize("lang,recipient_x,date_right,signature_x", [
    ("de", 25, True, 25), ("fr", 115, True, 115), ("it", 115, True, 115), ("es", 25, True, 25),
    ("pt", 25, True, 25), ("en", 25, False, 25), ("nl", 25, False, 25),
])
def test_recipient_date_and_signature_sit_where_the_language_puts_them(lang, recipient_x, date_right, signature_x):
    company, _, date, *_ = LETTERS[lang]
    page = _pages(_render(sample_letter(lang), lang))[0]
    assert _run(page, company).x == pytest.approx(recipient_x, abs=1.5)
    assert (_run(page, date).x > 100) is date_right
    signature = [r for r in _runs(page) if r.text == NAME][-1]
    assert signature.x == pytest.approx(signature_x, abs=1.5)


def test_german_letters_follow_din_5008_form_b():
    data = _render(sample_letter("de"))
    page = _pages(data)[0]
    recipient = _run(page, "Klinikum Süd GmbH")
    assert 57.7 < recipient.y < 57.7 + 4.5  # first baseline inside the address zone's first line
    back = _run(page, "Jürgen Müller · Köln")  # return line: name and town, no e-mail or phone
    assert 52 < back.y < 57.7 and "@" not in back.text
    assert _run(page, "Köln, 30. November 2026").y > 85  # under the 45 mm address field
    content = page.get_contents().get_data().decode("latin-1")
    ticks = [297 - float(y) * MM for x, y in re.findall(r"([\d.]+) ([\d.]+) m [\d.]+ \2 l", content)
             if float(x) * MM < 10]  # short horizontal lines at the left edge
    assert ticks == pytest.approx([105, 210, 148.5], abs=0.05)  # fold marks, then the punch mark


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_subject_is_bold_and_the_body_is_not(lang):
    _, _, _, subject, salutation, *_ = LETTERS[lang]
    page = _pages(_render(sample_letter(lang), lang))[0]
    assert "Bold" in _run(page, subject).font
    assert "Bold" not in _run(page, salutation).font


def test_metadata_names_title_author_and_the_letters_language():
    reader = pypdf.PdfReader(io.BytesIO(_render(sample_letter("fr"), "fr")))
    assert reader.metadata.title == "Candidature au poste de Infirmier (H/F) – Exemple SAS"
    assert reader.metadata.author == NAME
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    german = pypdf.PdfReader(io.BytesIO(_render(sample_letter("de"))))
    assert german.trailer["/Root"]["/Lang"] == "de-DE"
    assert german.metadata.title == "Bewerbung als Pflegefachkraft (m/w/d) – Klinikum Süd GmbH"


@pytest.mark.parametrize("lang,label", [("de", "Kurzprofil"), ("fr", "Synthèse du CV"), ("en", "CV summary")])
def test_a_350_word_letter_is_one_page_holding_the_letter_alone(lang, label):
    doc = sample_letter(lang, words=350)
    assert doc.cv_summary
    pages = _pages(_render(doc, lang))
    assert len(pages) == 1
    letter = _flat(pages[0].extract_text())
    assert _flat(doc.parts.paragraphs[-1]) in letter and letter.endswith(NAME)
    assert label not in letter and _flat(doc.cv_summary) not in letter


def test_a_letter_too_long_for_a_page_flows_on_keeping_its_last_paragraph_with_the_closing():
    doc = sample_letter("de", words=900)
    pages = _pages(_render(LetterDocument(doc.cover_letter, "", "de", doc.parts)))
    assert len(pages) >= 2
    last = _flat(pages[-1].extract_text())
    assert _flat(doc.parts.paragraphs[-1]) in last and "Mit freundlichen Grüßen" in last


def test_a_letter_without_parts_is_printed_as_its_plain_text():
    doc = sample_letter("de", with_parts=False)
    text = _flat(_text(_render(doc)))
    assert _flat(doc.cover_letter.replace("\n\n", " ")) in text
    assert "Kurzprofil" not in text and _flat(doc.cv_summary) not in text


def test_pdf_renders_and_unicode_names_survive():
    data = render_letter_pdf(DOC, candidate_name="Jürgen Müller", job=JOB)
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "Klinikum Süd GmbH" in text and "Müller" in text and "Grüßen" in text


def test_long_letters_flow_onto_more_pages():
    long_doc = LetterDocument(cover_letter="Zeile mit Text. " * 2000, cv_summary="kurz")
    reader = pypdf.PdfReader(io.BytesIO(render_letter_pdf(long_doc, candidate_name="", job=JOB)))
    assert len(reader.pages) > 2
    assert "kurz" not in reader.pages[-1].extract_text()


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
