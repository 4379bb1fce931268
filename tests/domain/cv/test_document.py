"""The kind from the bytes picks the reader; a file that yields no CV is never a ready profile."""
import io

import pytest

from domain.cv import errors
from domain.cv.document import read_document
from domain.cv.profile import build_profile, require_cv_content
from domain.cv.types import CandidateProfile
from tests.support.pdf_factory import PERSONAS, make_cv_pdf


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
