"""The letter as a Word file: editable paragraph styles, A4 and margins, the document language
for Word's spell checker, core properties, the same layout conventions as the PDF."""
from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from domain.letters.docx import render_letter_docx
from domain.letters.types import LetterDocument
from tests.domain.letters.letter_samples import LETTERS, NAME, sample_job, sample_letter


def _open(doc: LetterDocument, lang: str):
    return Document(io.BytesIO(render_letter_docx(doc, candidate_name=NAME, job=sample_job(lang))))


def _styled(word) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in word.paragraphs if p.text]


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_every_block_is_a_paragraph_in_its_own_style_in_reading_order(lang):
    company, city, date, subject, salutation, closing, sentence, summary = LETTERS[lang]
    address = [("Recipient", company), ("Recipient", city)]
    address = [("Date", date), *address] if lang == "en" else [*address, ("Date", date)]
    expected = [("Sender Name", NAME), ("Sender Details", "j.mueller@example.de  ·  +49 151 2345678  ·  Köln"),
                *([("Return Address", "Jürgen Müller · Köln")] if lang == "de" else []),
                *address, ("Subject", subject), ("Salutation", salutation), ("Body Text", sentence),
                ("Closing", closing), ("Signature", NAME)]  # the CV summary is the chat's, not the employer's
    assert summary and _styled(_open(sample_letter(lang), lang)) == expected


@pytest.mark.parametrize("lang,tag", [("de", "de-DE"), ("fr", "fr-FR"), ("en", "en-GB"), ("pt", "pt-BR")])
def test_the_document_language_is_set_for_spell_checking(lang, tag):
    word = _open(sample_letter(lang), lang)
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == tag
    normal = word.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == tag
    assert word.core_properties.language == tag


def test_page_is_a4_with_the_letters_margins_and_core_properties():
    word = _open(sample_letter("de"), "de")
    section = word.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert (section.left_margin.mm, section.right_margin.mm) == pytest.approx((25, 20), abs=0.1)  # DIN 5008
    assert word.core_properties.title == "Bewerbung als Pflegefachkraft (m/w/d) – Klinikum Süd GmbH"
    assert word.core_properties.author == NAME
    assert word.styles["Normal"].font.name == "Arial"


@pytest.mark.parametrize("lang,date_align,indented", [
    ("de", WD_ALIGN_PARAGRAPH.RIGHT, False), ("fr", WD_ALIGN_PARAGRAPH.RIGHT, True),
    ("it", WD_ALIGN_PARAGRAPH.RIGHT, True), ("en", WD_ALIGN_PARAGRAPH.LEFT, False),
])
def test_date_side_and_right_hand_recipient_follow_the_language(lang, date_align, indented):
    styles = _open(sample_letter(lang), lang).styles
    assert styles["Date"].paragraph_format.alignment == date_align
    indent = styles["Recipient"].paragraph_format.left_indent
    assert (indent is not None and indent > Mm(80)) is indented
    assert (styles["Signature"].paragraph_format.left_indent is not None) is indented


@pytest.mark.parametrize("lang,justified", [("fr", True), ("es", True), ("de", False), ("en", False)])
def test_body_is_justified_where_the_language_usually_is(lang, justified):
    body = _open(sample_letter(lang), lang).styles["Body Text"].paragraph_format.alignment
    assert (body == WD_ALIGN_PARAGRAPH.JUSTIFY) is justified


def test_german_address_field_sits_at_din_5008_form_b_height():
    word = _open(sample_letter("de"), "de")
    # Top margin, letterhead lines (exact heights) and the return line's space before: 52 mm.
    head = sum(word.styles[s].paragraph_format.line_spacing.mm for s in ("Sender Name", "Sender Details"))
    before = word.styles["Return Address"].paragraph_format.space_before.mm
    assert word.sections[0].top_margin.mm + head + before == pytest.approx(52, abs=2)


def test_the_sign_off_stays_together():
    word = _open(sample_letter("fr"), "fr")
    assert word.styles["Closing"].paragraph_format.keep_with_next
    body = [p for p in word.paragraphs if p.style.name == "Body Text"]
    assert body[0].paragraph_format.keep_with_next  # the letter's last (here only) paragraph


def test_a_letter_without_parts_keeps_its_plain_text_blocks():
    doc = sample_letter("de", with_parts=False)
    word = _open(doc, "de")
    bodies = [p.text for p in word.paragraphs if p.style.name == "Body Text"]
    assert bodies == doc.cover_letter.split("\n\n")
    assert word.paragraphs[0].text == NAME
