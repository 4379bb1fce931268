"""The kind from the bytes picks the reader; a file that yields no CV is never a ready profile."""
import io

import pytest

from domain.cv import errors
from domain.cv.document import read_document
from domain.cv.fields import profile_from_text
from domain.cv.profile import build_profile, require_cv_content
from domain.cv.types import CandidateProfile
from tests.domain.cv.test_cv_pdf_reader import OUTLINED_CV, SCANNED_CV, text_then_scan
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.scanned_pages import image_page_pdf, outlined_pdf
from tests.support.scans import as_pdf, render_page, scanner


def _prose_pdf(text: str) -> bytes:
    """A real text PDF that is not a CV: a paragraph of prose, no contact details, no skills."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    for number, line in enumerate(text.splitlines()):
        page.drawString(72, 770 - 16 * number, line)
    page.save()
    return buf.getvalue()


def test_a_text_pdf_is_read_from_its_text_layer_and_says_so():
    document = read_document(make_cv_pdf(PERSONAS["german_nurse"]))
    assert document.source == "text"
    assert PERSONAS["german_nurse"]["email"] in document.text


def test_the_profile_carries_the_source():
    assert build_profile(make_cv_pdf(PERSONAS["german_nurse"])).source == "text"


def test_a_pdf_named_like_anything_is_still_read_from_its_bytes():
    """No name or MIME type reaches the reader: only bytes."""
    data = make_cv_pdf(PERSONAS["python_dev_berlin"])
    assert read_document(data).text == read_document(bytes(data)).text


@pytest.mark.parametrize("data, code", [
    (b"", "empty_file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "WordDocument".encode("utf-16-le"), "legacy_word"),
    (b"{\\rtf1\\ansi Anna}", "rtf"),
    (b"hello, this is a plain text note", "unsupported_format"),
])
def test_unreadable_kinds_are_refused_before_any_reader(data, code):
    with pytest.raises(errors.CvReadError) as info:
        read_document(data)
    assert info.value.code == code


def test_a_file_with_no_name_email_phone_or_skills_is_not_a_ready_profile():
    profile = build_profile(_prose_pdf("Minutes of the garden club meeting.\nThe roses did well this year.\n"
                                       "Next meeting on the first Tuesday."))
    with pytest.raises(errors.NoCvContentError) as info:
        require_cv_content(profile)
    assert "no name, e-mail address, phone number or skills" in info.value.user_message


@pytest.mark.parametrize("field, value", [("name", "Ana Costa"), ("email", "ana@example.pt"),
                                          ("phone", "+351 912 345 678"), ("skills", ["SQL"])])
def test_any_one_core_field_is_enough(field, value):
    profile = CandidateProfile(**{field: value})
    assert require_cv_content(profile) is profile


def test_flat_opendocument_reads_like_its_packaged_odt():
    """LibreOffice's "Flat XML ODF Text" (.fodt), converted from the office corpus's .odt."""
    from pathlib import Path

    office = Path(__file__).parents[2] / "corpus" / "office"
    flat = build_profile((office / "flat" / "de_dvorakova__docx__sidebar.libreoffice.fodt").read_bytes())
    packaged = build_profile((office / "de_dvorakova__docx__sidebar.libreoffice.odt").read_bytes())
    assert flat.source == "odt" and flat.name == "Tereza Dvořáková"
    assert (flat.email, flat.skills, flat.title) == (packaged.email, packaged.skills, packaged.title)


# --- scanned pages among a PDF's pages: each read by OCR, in page order ------------------------

@pytest.mark.parametrize("kind", ["footer", "inline", "outlines"])
def test_a_page_showing_its_words_as_pictures_is_read_by_ocr(kind):
    """Real files that read as "empty" or "no CV" before: a scan with a scanning app's footer,
    a scan drawn as an inline image, a CV exported with outlined fonts."""
    if kind == "footer":
        data = image_page_pdf(scanner(render_page(SCANNED_CV.read_bytes())), footer="Scanned with CamScanner")
    elif kind == "inline":
        data = image_page_pdf(render_page(SCANNED_CV.read_bytes()).convert("1"), inline=True)
    else:
        data = outlined_pdf(OUTLINED_CV)
    progress = []
    profile = build_profile(data, on_page=lambda page, pages: progress.append((page, pages)))
    assert (profile.name, profile.email, profile.source) == ("Alan Harris", "alan.harris@example.org", "scan")
    assert progress == [(1, 1)]


def test_a_scanned_second_page_is_read_after_the_text_first_page():
    progress = []
    document = read_document(text_then_scan(), on_page=lambda page, pages: progress.append((page, pages)))
    assert progress == [(1, 1)]  # only the OCR'd page is counted
    assert (document.pages, document.scanned_pages, document.source) == (2, [2], "text")
    first, second = document.text.split("\n\n")
    assert first.startswith("Alan Harris") and "Kubernetes" in second
    assert [line.page for line in document.lines] == sorted(line.page for line in document.lines)
    assert document.lines[-1].page == 2 and document.large_lines[0] == "Alan Harris"
    profile = profile_from_text(document.text, large_lines=document.large_lines)  # as build_profile does
    assert (profile.name, profile.email) == ("Alan Harris", "alan.harris@example.org")
    assert {"Python", "PyTorch", "Kubernetes"} <= set(profile.skills)


def test_scanned_pages_count_towards_the_scan_cap_before_any_is_read():
    blank = render_page(SCANNED_CV.read_bytes(), dpi=50)
    progress = []
    with pytest.raises(errors.TooManyPagesError) as info:
        read_document(as_pdf([blank, blank, blank], dpi=50), max_scan_pages=2,
                      on_page=lambda page, pages: progress.append(page))
    assert "scanned pages" in info.value.user_message and progress == []
