"""The tailored CV as an editable Word file (python-docx), drawn as the PDF is.

The CV is fitted to one page by ``tailored_cv_render.fit_one_page`` (fpdf2 measures it in DejaVu
Sans); this file uses the PDF's sizes, margins and exact line heights, in Arial, which is
narrower than DejaVu Sans, so its lines wrap no more often and it fits the page too
(``bench/cv_one_page.py`` checks that with LibreOffice). One paragraph style per kind of line
(CV Name, CV Headline, CV Contact, CV Heading, CV Entry, CV Text and Word's List Bullet).
"""
from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from domain.letters import tailored_cv_render as page
from domain.letters.docx import add_paragraph_style, new_word_document, rule_below, save
from domain.letters.types import TailoredCv

_PT = 72 / 25.4  # points per mm


def render_cv_docx(cv: TailoredCv, *, fitted: bool = False) -> bytes:
    """A .docx of the CV fitted to one page (``fitted``: it already is): the PDF's sizes, margins and
    exact line heights in Arial, one paragraph style per kind of line (CV Name, CV Heading, CV Entry,
    List Bullet, …), w:lang and core properties set."""
    shown = cv if fitted else page.fit_one_page(cv)
    word = new_word_document(cv.language, title=page.cv_title(cv), author=cv.name or "job-agent",
                             margins=(page.MARGIN_TOP, page.MARGIN_X, page.MARGIN_BOTTOM, page.MARGIN_X),
                             size=page.BODY_SIZE)
    _cv_styles(word)
    _CvWord(word).draw(shown)
    return save(word)


def _cv_styles(word: WordDocument) -> None:
    accent, grey = RGBColor(*page.ACCENT), RGBColor(*page.GREY)
    add_paragraph_style(word, "CV Name", size=page.NAME_SIZE, bold=True, line=page.NAME_LINE * _PT)
    add_paragraph_style(word, "CV Headline", size=page.HEADLINE_SIZE, color=accent, line=page.HEADLINE_LINE * _PT)
    add_paragraph_style(word, "CV Contact", size=page.CONTACT_SIZE, color=grey, line=page.CONTACT_LINE * _PT)
    heading = add_paragraph_style(word, "CV Heading", size=page.HEADING_SIZE, bold=True, color=accent,
                                  line=page.HEADING_LINE * _PT, before=page.SECTION_GAP * _PT,
                                  after=(page.HEADING_AFTER - page.WORD_BORDER) * _PT, keep_with_next=True)
    heading.font.all_caps = True
    rule_below(heading, color="".join(f"{c:02X}" for c in page.ACCENT), space=0)
    entry = add_paragraph_style(word, "CV Entry", size=page.BODY_SIZE, line=page.BODY_LINE * _PT)
    entry.paragraph_format.tab_stops.add_tab_stop(Mm(page.WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    add_paragraph_style(word, "CV Text", size=page.BODY_SIZE, line=page.BODY_LINE * _PT)
    add_paragraph_style(word, "List Bullet", size=page.BODY_SIZE, line=page.BODY_LINE * _PT)  # Word's own bullets


class _CvWord:
    """Writes the fitted CV as paragraphs; mirrors ``_CvPdf.draw``."""

    def __init__(self, word: WordDocument):
        self.word = word

    def draw(self, cv: TailoredCv) -> None:
        word = self.word
        for style, text in (("CV Name", cv.name), ("CV Headline", cv.headline),
                            ("CV Contact", page.joined(cv.contact))):
            if text:
                word.add_paragraph(text, style=style)
        for block in page.cv_blocks(cv):
            if isinstance(block, page.Heading):
                self._heading(block.label)
            elif isinstance(block, page.Entry):
                self._entry(block.title, block.place, block.dates, block.lines, bullets=block.bullets, gap=block.gap)
            elif block.bullet:
                self._bullet(block.text)
            else:
                word.add_paragraph(block.text, style="CV Text")

    def _heading(self, label: str) -> None:
        self.word.add_paragraph(label, style="CV Heading")

    def _entry(self, title: str, place: str, dates: str, lines: tuple[str, ...], *, bullets: bool = True,
               gap: float = 0) -> None:
        para = self.word.add_paragraph(style="CV Entry")
        para.add_run(title).bold = True
        if place:
            para.add_run(f" — {place}" if title else place)
        if dates:
            para.add_run("\t")
            run = para.add_run(dates)
            run.font.size, run.font.color.rgb = Pt(page.DATE_SIZE), RGBColor(*page.GREY)
        if gap:
            para.paragraph_format.space_before = Mm(gap)
        # Kept with its first line only: a chain of line-less entries kept together would jump pages.
        para.paragraph_format.keep_with_next = bool(lines) or None
        for line in lines:
            self._bullet(line) if bullets else self.word.add_paragraph(line, style="CV Text")

    def _bullet(self, text: str) -> None:
        para = self.word.add_paragraph(text, style="List Bullet")
        # Direct indents: they override the bullet numbering's 6.35 mm, so lines wrap as in the PDF.
        fmt = para.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Mm(page.BULLET_INDENT), Mm(-(page.BULLET_INDENT - 1))
