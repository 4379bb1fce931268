"""The tailored CV as a one-page PDF (fpdf2), and the fitting both its files are drawn from.

One page is measured, not guessed: ``fit_one_page`` draws the CV with fpdf2's own line
breaking on a scratch page and, when it runs past the bottom margin, finds the fewest trims
that fit. Trims drop the least valuable content first (the last lines of the lower entries,
surplus skills and certificates, the summary's last sentences, whole old entries; the tailor
orders skills and each entry's lines most relevant first, entries most recent first). Both files are drawn from the fitted CV
with the same sizes, exact line heights and margins (the Word file: ``tailored_cv_docx``).
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from fpdf import FPDF

from domain.cv.outline_types import EducationEntry, WorkEntry
from domain.letters.letter_layout import language_tag
from domain.letters.pdf import setup_fonts
from domain.letters.tailored_cv import shorten_at_sentences
from domain.letters.types import TailoredCv

logger = logging.getLogger(__name__)

# Geometry in mm, type in pt; the Word file uses the same numbers.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18.0, 14.0, 14.0
WIDTH = PAGE_WIDTH - 2 * MARGIN_X
NAME_SIZE, HEADLINE_SIZE, CONTACT_SIZE, HEADING_SIZE, BODY_SIZE, DATE_SIZE = 18, 11, 8.5, 10, 9, 8.5
NAME_LINE, HEADLINE_LINE, CONTACT_LINE, HEADING_LINE, BODY_LINE = 8.0, 5.5, 4.5, 5.5, 4.2
SECTION_GAP, HEADING_AFTER, ENTRY_GAP, BULLET_INDENT = 4.0, 1.2, 1.8, 4.5
ACCENT, GREY, INK = (31, 56, 100), (95, 95, 95), (20, 20, 20)
# Lists break only after a separator, never before it nor inside a skill or phone number (NBSP).
SEPARATOR = "\u00a0\u00a0·\u00a0 "
# Where drawn content must end: the bottom margin less a reserve for the Word file. LibreOffice
# lays it out at most 0.3 mm lower than the PDF (bench/cv_one_page.py, 96 CVs); the rest is for
# Word's own layout, which this machine cannot measure.
WORD_RESERVE = 4.0
PAGE_LIMIT = PAGE_HEIGHT - MARGIN_BOTTOM - WORD_RESERVE
RULE_WIDTH = 0.25  # mm, the heading's rule in the PDF, drawn without taking height
WORD_BORDER = 0.18  # mm, Word's 0.5 pt bottom border, which does take height: the spacing after gives it back
# Floors the trimming keeps until nothing else is left: lines of the first two entries, skills.
KEEP_LINES = (2, 1)
KEEP_SKILLS, KEEP_CERTIFICATES = 10, 3


def render_cv_pdf(cv: TailoredCv, *, fitted: bool = False) -> bytes:
    """An A4 PDF of ``cv`` on one page: trimmed by ``fit_one_page`` unless ``fitted`` says it
    already was. Title, author and language set. A CV that fits as given is drawn once; one that
    cannot be trimmed to a page flows on, a heading never left alone at a page's foot."""
    pdf, drawer = _pdf_for(cv)
    if drawer.draw(cv) > PAGE_LIMIT:
        smaller, fits = (cv, False) if fitted else _fit(drawer, cv)
        pdf, drawer = _pdf_for(cv)
        pdf.set_auto_page_break(auto=not fits, margin=MARGIN_BOTTOM)
        drawer.draw(smaller)
    return bytes(pdf.output())


def fit_one_page(cv: TailoredCv) -> TailoredCv:
    """``cv`` trimmed until it fits one A4 page as drawn here; unchanged when it already fits.

    Logs a warning and returns the most trimmed CV when even that runs over (a CV of a few very
    long lines); its PDF then flows onto a second page.
    """
    return _fit(_pdf_for(cv)[1], cv)[0]


def _fit(drawer: _CvPdf, cv: TailoredCv) -> tuple[TailoredCv, bool]:
    """The least trimmed version of ``cv`` that ``drawer`` (a scratch document: each trial gets a new
    page) fits on one page, and whether one does.

    Each trim only takes content away, so the drawn height never grows along the trims: a binary
    search over them needs about log2(trims) drawings instead of one per trim.
    """
    if drawer.draw(cv) <= PAGE_LIMIT:
        return cv, True
    trims = [cv]
    while (smaller := trim_once(trims[-1])) is not None:
        trims.append(smaller)
    if len(trims) == 1 or drawer.draw(trims[-1]) > PAGE_LIMIT:
        logger.warning("tailored CV of %s does not fit one page even trimmed", cv.name or "?")
        return trims[-1], False
    low, high = 1, len(trims) - 1  # trims[0] overflows, trims[high] fits
    while low < high:
        middle = (low + high) // 2
        if drawer.draw(trims[middle]) <= PAGE_LIMIT:
            high = middle
        else:
            low = middle + 1
    logger.debug("tailored CV fits one page after %d of %d trims", high, len(trims) - 1)
    return trims[high], True


def trim_once(cv: TailoredCv) -> TailoredCv | None:
    """``cv`` with its least valuable piece left out, or None when nothing more may go.

    Order: entry lines above the floors (longest and lowest-ranked first), skills beyond
    ``KEEP_SKILLS``, certificates beyond ``KEEP_CERTIFICATES``, the summary's last sentence,
    the remaining lines of lower entries, whole entries from the last (the oldest; the first
    stays), education lines and entries beyond one, then any skill, certificate or language
    line past the first few, the summary, and the first entries' last lines.
    """
    exp = list(cv.experience)
    floors = [KEEP_LINES[i] if i < len(KEEP_LINES) else 0 for i in range(len(exp))]
    over = [i for i, e in enumerate(exp) if len(e.lines) > floors[i]]
    if over:
        i = max(over, key=lambda k: (len(exp[k].lines) + 0.75 * k, k))
        return _with_entry(cv, i, replace(exp[i], lines=exp[i].lines[:-1]))
    if len(cv.skills) > KEEP_SKILLS:
        return replace(cv, skills=cv.skills[:-1])
    if len(cv.certificates) > KEEP_CERTIFICATES:
        return replace(cv, certificates=cv.certificates[:-1])
    shorter = shorten_at_sentences(cv.summary, max(len(cv.summary) - 1, 0))
    if cv.summary and shorter and shorter != cv.summary:
        return replace(cv, summary=shorter)
    if len(exp) > 1:
        return replace(cv, experience=tuple(exp[:-1]))
    if any(e.lines for e in cv.education):
        return replace(cv, education=tuple(replace(e, lines=()) for e in cv.education))
    if len(cv.education) > 1:
        return replace(cv, education=cv.education[:-1])
    for field, keep in (("skills", 6), ("certificates", 1), ("languages", 3)):
        if len(getattr(cv, field)) > keep:
            return replace(cv, **{field: getattr(cv, field)[:-1]})
    if cv.summary:
        return replace(cv, summary="")
    if exp and exp[0].lines:
        return _with_entry(cv, 0, replace(exp[0], lines=exp[0].lines[:-1]))
    return None


def _with_entry(cv: TailoredCv, i: int, entry: WorkEntry) -> TailoredCv:
    exp = list(cv.experience)
    exp[i] = entry
    return replace(cv, experience=tuple(exp))


def _pdf_for(cv: TailoredCv) -> tuple[FPDF, _CvPdf]:
    """A fresh A4 document for ``cv`` (metadata, fonts) and its drawer; auto page break off."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
    pdf.set_auto_page_break(auto=False)
    pdf.c_margin = 0  # text starts exactly at the margin, as in Word
    pdf.set_title(cv_title(cv))
    pdf.set_author(cv.name or "job-agent")
    pdf.set_creator("job-agent")
    pdf.set_lang(language_tag(cv.language))
    family, clean = setup_fonts(pdf)
    return pdf, _CvPdf(pdf, family, clean)


class _CvPdf:
    """Draws a tailored CV from the current page's top; ``draw`` returns the y where it ended."""

    def __init__(self, pdf: FPDF, family: str, clean):
        self.pdf, self.family, self.clean = pdf, family, clean

    def draw(self, cv: TailoredCv) -> float:
        """Draw ``cv`` on a new page; the y (mm) where it ends (past ``PAGE_LIMIT``: it overflowed)."""
        pdf = self.pdf
        pdf.add_page()
        pdf.set_xy(MARGIN_X, MARGIN_TOP)
        self._header(cv)
        for block in cv_blocks(cv):
            if isinstance(block, Heading):
                self._heading(block.label)
            elif isinstance(block, Entry):
                if block.gap:
                    pdf.ln(block.gap)
                self._entry(block.title, block.place, block.dates, block.lines, bullets=block.bullets)
            elif block.bullet:
                self._bullet(block.text)
            else:
                self._text(block.text)
        return pdf.get_y()

    def _header(self, cv: TailoredCv) -> None:
        pdf = self.pdf
        if cv.name:
            pdf.set_font(self.family, "B", NAME_SIZE)
            pdf.set_text_color(*INK)
            self._cell(cv.name, NAME_LINE)
        if cv.headline:
            pdf.set_font(self.family, "", HEADLINE_SIZE)
            pdf.set_text_color(*ACCENT)
            self._cell(cv.headline, HEADLINE_LINE)
        if cv.contact:
            pdf.set_font(self.family, "", CONTACT_SIZE)
            pdf.set_text_color(*GREY)
            self._cell(joined(cv.contact), CONTACT_LINE)
        pdf.set_text_color(*INK)

    def _heading(self, label: str) -> None:
        """A section heading with a rule under it; a new page first when it would stand alone."""
        pdf = self.pdf
        if pdf.auto_page_break and pdf.get_y() + SECTION_GAP + HEADING_LINE + 2 * BODY_LINE > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(SECTION_GAP)
        pdf.set_font(self.family, "B", HEADING_SIZE)
        pdf.set_text_color(*ACCENT)
        self._cell(label.upper(), HEADING_LINE)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(RULE_WIDTH)
        pdf.line(MARGIN_X, pdf.get_y(), PAGE_WIDTH - MARGIN_X, pdf.get_y())
        pdf.set_text_color(*INK)
        pdf.ln(HEADING_AFTER)

    def _entry(self, title: str, place: str, dates: str, lines: tuple[str, ...], *, bullets: bool = True) -> None:
        """Bold title and its place on the left (wrapping short of the dates), dates on the right."""
        pdf = self.pdf
        pdf.set_font(self.family, "", DATE_SIZE)
        dates_width = pdf.get_string_width(self.clean(dates)) + 3 if dates else 0
        top = pdf.get_y()
        pdf.set_right_margin(MARGIN_X + dates_width)
        pdf.set_x(MARGIN_X)
        pdf.set_font(self.family, "B", BODY_SIZE)
        pdf.write(BODY_LINE, self.clean(title))
        if place:
            pdf.set_font(self.family, "", BODY_SIZE)
            pdf.write(BODY_LINE, self.clean(f" — {place}" if title else place))
        pdf.set_right_margin(MARGIN_X)
        bottom = pdf.get_y() + BODY_LINE
        if dates:
            pdf.set_xy(MARGIN_X, top)
            pdf.set_font(self.family, "", DATE_SIZE)
            pdf.set_text_color(*GREY)
            pdf.cell(WIDTH, BODY_LINE, self.clean(dates), align="R")
            pdf.set_text_color(*INK)
        pdf.set_xy(MARGIN_X, bottom)
        for line in lines:
            self._bullet(line) if bullets else self._text(line)

    def _bullet(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, "", BODY_SIZE)
        pdf.set_x(MARGIN_X + 1)
        pdf.cell(BULLET_INDENT - 1, BODY_LINE, "•" if self.family == "DejaVu" else "-")
        pdf.multi_cell(WIDTH - BULLET_INDENT, BODY_LINE, self.clean(text), align="L",
                       new_x="LMARGIN", new_y="NEXT")

    def _text(self, text: str) -> None:
        self.pdf.set_font(self.family, "", BODY_SIZE)
        self._cell(text, BODY_LINE)

    def _cell(self, text: str, height: float) -> None:
        self.pdf.multi_cell(WIDTH, height, self.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")


@dataclass(frozen=True)
class Heading:
    label: str


@dataclass(frozen=True)
class Entry:
    """A job or degree row: bold ``title``, its ``place``, ``dates`` on the right, then its lines
    (bulleted for jobs); ``gap``: mm above it (none for a section's first)."""

    title: str
    place: str
    dates: str
    lines: tuple[str, ...]
    bullets: bool
    gap: float


@dataclass(frozen=True)
class Text:
    text: str
    bullet: bool = False


def cv_blocks(cv: TailoredCv) -> Iterator[Heading | Entry | Text]:
    """The tailored CV's body below the header, in order, as the PDF and the Word file both draw it:
    each present section's heading (in ``cv.labels``' language) and its entries or text."""
    labels = cv.labels
    if cv.summary:
        yield Heading(labels.get("profile", "Profile"))
        yield Text(cv.summary)
    if cv.skills:
        yield Heading(labels.get("skills", "Skills"))
        yield Text(joined(cv.skills))
    if cv.experience:
        yield Heading(labels.get("experience", "Experience"))
        for i, entry in enumerate(cv.experience):
            yield Entry(work_title(entry), entry.employer if entry.role else "", entry.dates, entry.lines, True,
                        ENTRY_GAP if i else 0)
    if cv.education:
        yield Heading(labels.get("education", "Education"))
        for i, school in enumerate(cv.education):
            yield Entry(*school_parts(school), school.dates, school.lines, False, ENTRY_GAP / 2 if i else 0)
    if cv.certificates:
        yield Heading(labels.get("certificates", "Certificates"))
        yield from (Text(line, bullet=True) for line in cv.certificates)
    if cv.languages:
        yield Heading(labels.get("languages", "Languages"))
        yield Text(joined(cv.languages, keep_words=False))


def cv_title(cv: TailoredCv) -> str:
    """The files' title: "Lebenslauf – Jörg Meißner" (the document word in the CV's language)."""
    return " – ".join(v for v in (cv.labels.get("document", "CV"), cv.name) if v)


def joined(items: tuple[str, ...], *, keep_words: bool = True) -> str:
    """Items on one wrapping line: "Python  ·  REST APIs"; ``keep_words`` keeps each item on one line."""
    return SEPARATOR.join(item.replace(" ", "\u00a0") if keep_words else item for item in items)


def work_title(entry: WorkEntry) -> str:
    """The role; the employer when the CV names no role; the heading as written when it names neither."""
    return entry.role or entry.employer or " ".join(h for h in entry.head if h not in entry.dates)


def school_parts(school: EducationEntry) -> tuple[str, str]:
    """(degree, institution) as printed; the heading as written when the CV names neither."""
    if school.degree or school.institution:
        return (school.degree, school.institution) if school.degree else (school.institution, "")
    return " ".join(school.head), ""
