"""The letter as an editable Word file (python-docx), laid out as the PDF is.

Every block has its own paragraph style (Sender Name, Recipient, Date, Subject, Salutation,
Body Text, Closing, Signature — Word's built-in names where Word has one), so the user edits
the letter by its styles. A4 with the PDF's margins; the document language is set on the
default run properties and the Normal style (w:lang), so Word spell-checks in the letter's
language; core properties carry title, author, subject and language. Arial is the type: it
is on every Word installation (LibreOffice substitutes the metric-compatible Liberation Sans).
"""
from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from domain.jobs.types import JobPosting
from domain.letters import letter_layout as geo
from domain.letters.letter_layout import (
    LetterLayout,
    contact_line,
    document_title,
    letter_layout,
)
from domain.letters.types import LetterDocument, LetterParts

FONT = "Arial"
GREY, RULE = RGBColor(0x5F, 0x5F, 0x5F), "AAAAAA"


def render_letter_docx(doc: LetterDocument, *, candidate_name: str, job: JobPosting) -> bytes:
    """A .docx of the letter only in ``doc.language`` (``doc.cv_summary`` is the chat's, not the employer's)."""
    layout = letter_layout(doc.language)
    parts = doc.parts
    name = ((parts.signature if parts else "") or candidate_name or "").strip()
    subject = document_title(parts.subject if parts else "") or job.title
    word = new_word_document(doc.language, title=f"{subject} – {job.company_name}".strip(" –"),
                             author=name or "job-agent", subject=f"{job.title} – {job.company_name}".strip(" –"))
    _letter_styles(word, layout)
    if parts is None:
        _plain(word, name, doc.cover_letter)
    else:
        _letter(word, parts, name, layout)
    return save(word)


def _letter(word: WordDocument, parts: LetterParts, name: str, layout: LetterLayout) -> None:
    _letterhead(word, name, contact_line(parts.sender, name))
    if layout.din5008:
        back = [name, *(s for s in contact_line(parts.sender, name) if "@" not in s and not _is_phone(s))]
        word.add_paragraph(" · ".join(b for b in back if b), style="Return Address")
    blocks = [("Recipient", line) for line in parts.recipient]
    date = [("Date", parts.date)] if parts.date else []
    blocks = date + blocks if layout.date_first else blocks + date
    for i, (style, text) in enumerate(blocks):
        para = word.add_paragraph(text, style=style)
        gap = _gap_before(i, style, blocks, parts, layout)
        if gap is not None:
            para.paragraph_format.space_before = Mm(gap)
    word.add_paragraph(parts.subject, style="Subject")
    if parts.salutation:
        word.add_paragraph(parts.salutation, style="Salutation")
    body = [word.add_paragraph(paragraph, style="Body Text") for paragraph in parts.paragraphs]
    if body:
        body[-1].paragraph_format.keep_with_next = True  # the last paragraph goes with the sign-off
    if parts.closing:
        word.add_paragraph(parts.closing, style="Closing")
    if parts.signature:
        word.add_paragraph(parts.signature, style="Signature")


def _gap_before(i: int, style: str, blocks: list[tuple[str, str]], parts: LetterParts,
                layout: LetterLayout) -> float | None:
    """Space (mm) above the i-th address block, as the PDF places it; None keeps the style's."""
    if layout.din5008:
        if i == 0 and style == "Recipient":
            return geo.DIN_RECIPIENT_Y - geo.DIN_RETURN_LINE_Y - 3.5  # under the return line
        if style == "Date":  # one line under the 45 mm address field, wherever the recipient ends
            return max(geo.DIN_ADDRESS_END_Y + 4.2 - geo.DIN_RECIPIENT_Y - len(parts.recipient) * 4.5, 2)
        return None
    if i == 0:
        return 12  # below the letterhead
    if style == "Recipient" and blocks[i - 1][0] == "Date":
        return 6
    return None


def _letterhead(word: WordDocument, name: str, details: tuple[str, ...]) -> None:
    if name:
        word.add_paragraph(name, style="Sender Name")
    word.add_paragraph("  ·  ".join(details), style="Sender Details")


def _plain(word: WordDocument, name: str, text: str) -> None:
    """A letter known only as plain text: the name as letterhead, one Body Text paragraph a block."""
    _letterhead(word, name, ())
    for block in (b.strip() for b in text.split("\n\n")):
        if block:
            para = word.add_paragraph(block, style="Body Text")  # python-docx turns "\n" into line breaks
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # Word stretches justified lines before a break


def _letter_styles(word: WordDocument, layout: LetterLayout) -> None:
    """The letter's paragraph styles; positions follow ``letter_layout`` (DIN 5008 for German)."""
    side = Mm(geo.RIGHT_BLOCK_X - geo.LEFT)
    add_paragraph_style(word, "Sender Name", size=16, bold=True, line=22, after=0)
    details = add_paragraph_style(word, "Sender Details", size=8.5, color=GREY, line=12, after=0)
    rule_below(details)
    recipient = add_paragraph_style(word, "Recipient", size=10, line=12.75)
    if layout.recipient_right:
        recipient.paragraph_format.left_indent = side
    if layout.din5008:
        # The letterhead ends ~28.5 mm from the top; the return line's top sits at 52 mm.
        add_paragraph_style(word, "Return Address", size=7, color=GREY, line=10,
                            before=geo.DIN_RETURN_LINE_Y - 28.5, in_mm=True)
    add_paragraph_style(word, "Date", size=10, line=12.75, before=8, in_mm=True,
                        align=WD_ALIGN_PARAGRAPH.RIGHT if layout.date_right else WD_ALIGN_PARAGRAPH.LEFT)
    add_paragraph_style(word, "Subject", bold=True, before=8, after=8, in_mm=True)
    add_paragraph_style(word, "Salutation", after=10)
    body = add_paragraph_style(word, "Body Text", after=6, multiple=1.15,
                               align=WD_ALIGN_PARAGRAPH.JUSTIFY if layout.justify else WD_ALIGN_PARAGRAPH.LEFT)
    body.paragraph_format.widow_control = True
    add_paragraph_style(word, "Closing", before=12, keep_with_next=True)
    signature = add_paragraph_style(word, "Signature", before=geo.SIGNATURE_SPACE, in_mm=True)
    if layout.signature_right:
        signature.paragraph_format.left_indent = side


def _is_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return digits >= 6 and all(ch.isdigit() or ch in " +()./-" for ch in text)


# --- shared with the tailored CV's Word file ---------------------------------------------------

def new_word_document(lang: str, *, title: str, author: str, subject: str = "",
                      margins: tuple[float, float, float, float] | None = None, size: float = 11) -> WordDocument:
    """An empty A4 document in ``lang``: margins (top, right, bottom, left, mm; the letter's by
    default), Arial ``size`` pt as the Normal style, w:lang set to the language's BCP 47 tag on
    the document defaults and on Normal, and the core properties filled in."""
    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(geo.PAGE_WIDTH), Mm(geo.PAGE_HEIGHT)
    top, right, bottom, left = margins or (geo.TOP, geo.RIGHT, geo.BOTTOM, geo.LEFT)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = section.footer_distance = Mm(min(top, bottom) / 2)
    tag = letter_layout(lang).tag
    _set_defaults(word, tag)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(size)
    _set_lang(normal.element.get_or_add_rPr(), tag)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    props = word.core_properties
    # Office core properties hold at most 255 characters (python-docx raises beyond that).
    props.title, props.author, props.subject = (_property(v) for v in (title, author, subject))
    props.language = tag
    props.comments = "Written with job-agent; edit freely before sending."
    return word


def _property(value: str | None) -> str:
    """A core-property value within Office's 255-character limit, cut at a word with "…"."""
    value = value or ""
    return value if len(value) <= _MAX_PROPERTY else value[:_MAX_PROPERTY - 1].rsplit(" ", 1)[0] + "…"


_MAX_PROPERTY = 255


def add_paragraph_style(word: WordDocument, name: str, *, size: float | None = None, bold: bool = False,
                        color: RGBColor | None = None, line: float | None = None, multiple: float | None = None,
                        before: float = 0, after: float = 0, align=None, keep_with_next: bool = False,
                        in_mm: bool = False) -> ParagraphStyle:
    """A paragraph style based on Normal. ``line``: exact line height (pt); ``multiple``: line
    spacing as a multiple; ``before``/``after``: spacing in pt (mm when ``in_mm``)."""
    styles = word.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    if size:
        style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    unit = Mm if in_mm else Pt
    fmt.space_before, fmt.space_after = unit(before), unit(after)
    if line:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
    elif multiple:
        fmt.line_spacing = multiple
    if align is not None:
        fmt.alignment = align
    fmt.keep_with_next = keep_with_next or None
    return style


def rule_below(style: ParagraphStyle, color: str = RULE, space: int = 4) -> None:
    """A thin line under every paragraph of ``style`` (w:pBdr/w:bottom, 0.5 pt, ``space`` pt below the text)."""
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "4"), ("space", str(space)), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


def save(word: WordDocument) -> bytes:
    """The document's bytes."""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _set_defaults(word: WordDocument, tag: str) -> None:
    """Arial and ``tag`` on the document defaults, replacing the template's theme fonts and en-US."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), FONT)
    _set_lang(rpr, tag)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")


def _set_lang(rpr, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
