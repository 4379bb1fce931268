"""The cover letter as a PDF business letter (fpdf2): the letter alone, as the user sends it.

Layout per language from ``letter_layout`` (DIN 5008 for German, recipient on the right in
French and Italian, block format in English and Dutch). The letter is kept to one page by
tightening its spacing, then its type, in steps; a letter too long even then flows on, its
last paragraph kept with the closing. A document without parts is printed as plain text. The CV
summary is not printed: it is the chat message's and the API's (``cv_summary``), not the employer's.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from domain.jobs.types import JobPosting
from domain.letters import letter_layout as geo
from domain.letters.letter_layout import (
    LetterLayout,
    contact_line,
    document_title,
    letter_layout,
)
from domain.letters.types import LetterDocument, LetterParts

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # each costs ~45 ms to load
INK, GREY, RULE = (20, 20, 20), (95, 95, 95), (170, 170, 170)
_PHONE = re.compile(r"^\+?[\d\s()./-]{6,}$")


@dataclass(frozen=True)
class Density:
    """Type size (pt), line height, gap between paragraphs and between blocks (mm)."""

    size: float
    line: float
    paragraph: float
    block: float


# Tried in order until the letter fits one page: airy, tighter spacing, smaller type.
DENSITIES = (Density(10.0, 5.0, 3.0, 8.0), Density(10.0, 4.6, 2.4, 6.0), Density(9.5, 4.3, 2.0, 5.0))


def render_letter_pdf(doc: LetterDocument, *, candidate_name: str, job: JobPosting) -> bytes:
    """An A4 PDF of the letter only (one page when it fits; ``doc.cv_summary`` is left out).

    Metadata: title (the subject and company), author (the candidate), language (BCP 47 tag
    of the letter's language). Unicode via DejaVu; latin-1 Helvetica when the fonts are missing.
    """
    layout = letter_layout(doc.language)
    parts = doc.parts
    name = ((parts.signature if parts else "") or candidate_name or "").strip()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(geo.LEFT, geo.TOP, geo.RIGHT)
    pdf.set_auto_page_break(auto=True, margin=geo.BOTTOM)
    subject = document_title(parts.subject if parts else "") or job.title
    pdf.set_title(f"{subject} – {job.company_name}".strip(" –"))
    pdf.set_author(name or "job-agent")
    pdf.set_subject(f"{job.title} – {job.company_name}".strip(" –"))
    pdf.set_creator("job-agent")
    pdf.set_lang(layout.tag)
    family, clean = setup_fonts(pdf)
    pdf.add_page()
    writer = _LetterPdf(pdf, family, clean, layout)
    if parts is None:
        writer.plain(name, doc.cover_letter)
    else:
        writer.letter(parts, name)
    return bytes(pdf.output())


class _LetterPdf:
    """Draws one letter onto an FPDF whose fonts are set up."""

    def __init__(self, pdf: FPDF, family: str, clean, layout: LetterLayout):
        self.pdf, self.family, self.clean, self.layout = pdf, family, clean, layout

    # --- the letter ---------------------------------------------------------------------

    def letter(self, parts: LetterParts, name: str) -> None:
        pdf, layout = self.pdf, self.layout
        self.letterhead(name, contact_line(parts.sender, name))
        if layout.din5008:
            self._fold_marks()
            self._din_address(parts, name)
        else:
            self._address(parts)
        density = self._fitting_density(parts)
        pdf.set_font(self.family, "B", density.size)
        self._cell(parts.subject, density.line)
        pdf.ln(density.block)
        self._body(parts, density)

    def letterhead(self, name: str, details: tuple[str, ...]) -> None:
        """The name large, the contact details under it in grey, a thin rule across."""
        pdf = self.pdf
        if name:
            pdf.set_text_color(*INK)
            pdf.set_font(self.family, "B", 16)
            self._cell(name, 7.5)
        if details:
            pdf.set_font(self.family, "", 8.5)
            pdf.set_text_color(*GREY)
            self._cell("  ·  ".join(details), 4.5)
        pdf.set_text_color(*INK)
        if name or details:
            pdf.ln(1.5)
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.3)
            pdf.line(geo.LEFT, pdf.get_y(), geo.PAGE_WIDTH - geo.RIGHT, pdf.get_y())
            pdf.set_draw_color(*INK)

    def _din_address(self, parts: LetterParts, name: str) -> None:
        """Return line, recipient and date at the places DIN 5008 Form B gives them."""
        pdf = self.pdf
        back = [name, *(s for s in contact_line(parts.sender, name) if "@" not in s and not _PHONE.match(s))]
        back = [b for b in back if b]
        if back:
            pdf.set_xy(geo.LEFT, geo.DIN_RETURN_LINE_Y)
            pdf.set_font(self.family, "", 7)
            pdf.set_text_color(*GREY)
            self._cell(" · ".join(back), 3.5)
            pdf.set_text_color(*INK)
        pdf.set_xy(geo.LEFT, geo.DIN_RECIPIENT_Y)
        pdf.set_font(self.family, "", 10)
        for line in parts.recipient:
            self._cell(line, 4.5)
        pdf.set_y(max(pdf.get_y(), geo.DIN_ADDRESS_END_Y) + 4.2)
        self._date(parts.date)
        pdf.ln(6.5)

    def _address(self, parts: LetterParts) -> None:
        """Recipient and date in the language's order and sides, below the letterhead."""
        pdf = self.pdf
        pdf.ln(12)
        pdf.set_font(self.family, "", 10)
        if self.layout.date_first:
            self._date(parts.date)
            pdf.ln(6)
        x = geo.RIGHT_BLOCK_X if self.layout.recipient_right else geo.LEFT
        for line in parts.recipient:
            pdf.set_x(x)
            self._cell(line, 4.5, width=geo.PAGE_WIDTH - geo.RIGHT - x)
        if not self.layout.date_first:
            pdf.ln(8)
            self._date(parts.date)
        pdf.ln(8)

    def _date(self, date: str) -> None:
        if date:
            self.pdf.set_font(self.family, "", 10)
            self._cell(date, 4.5, align="R" if self.layout.date_right else "L")

    def _body(self, parts: LetterParts, d: Density) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, "", d.size)
        if parts.salutation:
            self._cell(parts.salutation, d.line)
            pdf.ln(d.paragraph + 1)
        align = "J" if self.layout.justify else "L"
        for i, paragraph in enumerate(parts.paragraphs):
            if i == len(parts.paragraphs) - 1:
                # The last paragraph stays with the closing and the signature (no lone sign-off).
                need = self._height(paragraph, d) + self._signoff_height(parts, d)
                if pdf.get_y() + need > geo.PAGE_HEIGHT - geo.BOTTOM and pdf.get_y() > geo.TOP + 40:
                    pdf.add_page()
            self._cell(paragraph, d.line, align=align)
            pdf.ln(d.paragraph)
        pdf.ln(d.block - d.paragraph)
        self._signoff(parts, d)

    def _signoff(self, parts: LetterParts, d: Density) -> None:
        pdf = self.pdf
        if parts.closing:
            self._cell(parts.closing, d.line, align="L")
        if parts.signature:
            pdf.ln(geo.SIGNATURE_SPACE)
            x = geo.RIGHT_BLOCK_X if self.layout.signature_right else geo.LEFT
            pdf.set_x(x)
            self._cell(parts.signature, d.line, width=geo.PAGE_WIDTH - geo.RIGHT - x)

    # --- measuring ----------------------------------------------------------------------

    def _fitting_density(self, parts: LetterParts) -> Density:
        """The airiest density whose subject, body and sign-off fit under the current y."""
        room = geo.PAGE_HEIGHT - geo.BOTTOM - self.pdf.get_y()
        for d in DENSITIES:
            if self._letter_height(parts, d) <= room:
                return d
        logger.info("letter longer than one page even at %.1f pt; it flows on", DENSITIES[-1].size)
        return DENSITIES[-1]

    def _letter_height(self, parts: LetterParts, d: Density) -> float:
        height = self._height(parts.subject, d, bold=True) + d.block
        if parts.salutation:
            height += self._height(parts.salutation, d) + d.paragraph + 1
        height += sum(self._height(p, d) + d.paragraph for p in parts.paragraphs) + d.block - d.paragraph
        return height + self._signoff_height(parts, d)

    def _signoff_height(self, parts: LetterParts, d: Density) -> float:
        height = self._height(parts.closing, d) if parts.closing else 0.0
        return height + (geo.SIGNATURE_SPACE + d.line if parts.signature else 0.0)

    def _height(self, text: str, d: Density, *, bold: bool = False) -> float:
        """Height in mm of ``text`` set full width at density ``d`` (fpdf2's own line breaking)."""
        pdf = self.pdf
        style, size = pdf.font_style, pdf.font_size_pt
        pdf.set_font(self.family, "B" if bold else "", d.size)
        lines = pdf.multi_cell(geo.TEXT_WIDTH, d.line, self.clean(text), dry_run=True, output="LINES")
        pdf.set_font(self.family, style, size)
        return len(lines) * d.line

    # --- plain text -----------------------------------------------------------------------

    def plain(self, name: str, text: str) -> None:
        """A letter known only as plain text: the name as letterhead, then its blocks."""
        self.letterhead(name, ())
        pdf = self.pdf
        pdf.ln(10)
        d = DENSITIES[0]
        pdf.set_font(self.family, "", d.size)
        for block in (b.strip() for b in text.split("\n\n")):
            if block:
                self._cell(block, d.line, align="L")
                pdf.ln(d.paragraph)

    # --- drawing helpers ----------------------------------------------------------------

    def _cell(self, text: str, height: float, *, align: str = "L", width: float = 0) -> None:
        self.pdf.multi_cell(width, height, self.clean(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def _fold_marks(self) -> None:
        """DIN 5008 fold marks and the punch mark: short grey ticks at the left edge."""
        pdf = self.pdf
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        for y in geo.DIN_FOLD_MARKS:
            pdf.line(4, y, 9, y)
        pdf.line(4, geo.DIN_PUNCH_MARK, 11, geo.DIN_PUNCH_MARK)
        pdf.set_draw_color(*INK)


def setup_fonts(pdf: FPDF):
    """Register DejaVu Sans (regular and bold) on ``pdf``; returns (family, text cleaner).

    Helvetica with latin-1 replacement (and a warning) when the font files are missing.
    """
    try:
        for style, name in _FONT_FILES.items():
            pdf.add_font("DejaVu", style, str(FONT_DIR / name))
        return "DejaVu", lambda text: text
    except (OSError, RuntimeError) as exc:
        logger.warning("DejaVu fonts unavailable (%s); PDF falls back to latin-1 Helvetica", exc)
        return "Helvetica", _latin1


def _latin1(text: str) -> str:
    text = (text.replace("—", "-").replace("–", "-").replace("’", "'").replace("“", '"').replace("”", '"')
            .replace("·", "\xb7"))
    return text.encode("latin-1", "replace").decode("latin-1")
