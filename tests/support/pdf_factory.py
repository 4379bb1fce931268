"""Generate CV PDFs in memory for tests and benchmarks (the bad inputs are in tests/support/bad_pdfs.py).

    pdf = make_cv_pdf(PERSONAS["python_dev_berlin"], layout="two_column", producer="chrome")

Personas (tests/support/personas.py) are plain dicts a test can copy and change; ``persona["expected"]``
holds what a correct extraction finds ("since" = (year, month) the career started, so expected
years depend on today). Producers imitate real tools (Word, Chrome/Skia, LaTeX, LibreOffice, Google Docs, macOS
Quartz) through three different PDF engines: reportlab canvas, reportlab platypus, fpdf2.
"""
from __future__ import annotations

import io
from functools import lru_cache

from tests.support.personas import PERSONAS, SECTION_TITLES  # noqa: F401 (PERSONAS is re-exported)

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT_REGULAR = f"{FONT_DIR}/DejaVuSans.ttf"
FONT_BOLD = f"{FONT_DIR}/DejaVuSans-Bold.ttf"

# label -> (engine, Producer, Creator)
PRODUCERS = {
    "word": ("platypus", "Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365"),
    "chrome": ("canvas", "Skia/PDF m124", "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"),
    "latex": ("fpdf", "pdfTeX-1.40.25", "LaTeX with hyperref"),
    "libreoffice": ("fpdf", "LibreOffice 7.6", "Writer"),
    "google_docs": ("canvas", "Skia/PDF m124 Google Docs Renderer", "Google Docs"),
    "quartz": ("platypus", "macOS Version 14.4 (Build 23E214) Quartz PDFContext", "Pages"),
}
LAYOUTS = ("one_column", "two_column")


def cv_blocks(persona: dict) -> dict:
    """The CV as sections of lines: {"header": [...], "sidebar": [(title, lines)], "main": [...]}."""
    t = SECTION_TITLES[persona.get("lang", "en")]
    contact = [persona["email"], persona["phone"], persona["location"]]
    experience: list[str] = []
    for job in persona["experience"]:
        experience += [f"{job['role']} — {job['company']}", job["dates"], *job["bullets"], ""]
    return {
        "header": [persona["name"], persona["title"]],
        "sidebar": [
            (t["contact"], contact),
            (t["skills"], persona["skills"]),
            (t["languages"], persona["languages"]),
        ],
        "main": [
            (t["summary"], [persona["summary"]]),
            (t["experience"], experience[:-1]),
            (t["education"], persona["education"]),
        ],
    }


def make_cv_pdf(persona: dict, layout: str = "one_column", producer: str = "word") -> bytes:
    """Render ``persona`` as a CV PDF with the given layout and imitated producer."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    engine, producer_name, creator = PRODUCERS[producer]
    render = {"canvas": _render_canvas, "platypus": _render_platypus, "fpdf": _render_fpdf}[engine]
    return render(cv_blocks(persona), layout, producer_name, creator)


# --- reportlab canvas: lines drawn by y position, two columns interleaved row by row ----

@lru_cache(maxsize=1)
def _reportlab_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", FONT_REGULAR))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))
    return "DejaVu", "DejaVu-Bold"


def _column_lines(sections, width: float, font: str, bold: str) -> list[tuple[str, str, float]]:
    from reportlab.lib.utils import simpleSplit

    out: list[tuple[str, str, float]] = []
    for title, lines in sections:
        out.append((title.upper(), bold, 11))
        for line in lines:
            wrapped = simpleSplit(line, font, 9.5, width) or [""]
            out += [(part, font, 9.5) for part in wrapped]
        out.append(("", font, 9.5))
    return out


def _render_canvas(blocks: dict, layout: str, producer: str, creator: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font, bold = _reportlab_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setProducer(producer)
    c.setCreator(creator)
    c.setTitle(f"CV {blocks['header'][0]}")
    width, height = A4
    c.setFont(bold, 20)
    c.drawString(50, height - 60, blocks["header"][0])
    c.setFont(font, 12)
    c.drawString(50, height - 80, blocks["header"][1])
    if layout == "one_column":
        columns = [(50, _column_lines(blocks["sidebar"][:1] + blocks["main"] + blocks["sidebar"][1:], 495, font, bold))]
    else:
        columns = [(50, _column_lines(blocks["sidebar"], 150, font, bold)),
                   (220, _column_lines(blocks["main"], 325, font, bold))]
    y = height - 110
    row = 0
    # Row by row across the columns: this is how browsers and many word processors emit
    # text, and what makes pypdf interleave the two columns.
    while any(row < len(lines) for _, lines in columns):
        if y < 50:
            c.showPage()
            y = height - 50
        for x, lines in columns:
            if row < len(lines) and lines[row][0]:
                text, face, size = lines[row]
                c.setFont(face, size)
                c.drawString(x, y, text)
        y -= 14
        row += 1
    c.showPage()
    c.save()
    return buf.getvalue()


# --- reportlab platypus: flowing paragraphs, two columns as two frames ---------------

def _render_platypus(blocks: dict, layout: str, producer: str, creator: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Spacer
    from xml.sax.saxutils import escape

    font, bold = _reportlab_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", fontName=bold, fontSize=11, leading=16, spaceBefore=6)
    name = ParagraphStyle("name", fontName=bold, fontSize=20, leading=24)
    width, height = A4

    def section(sections):
        flow = []
        for title, lines in sections:
            flow.append(Paragraph(escape(title), head))
            flow += [Paragraph(escape(line), body) if line else Spacer(1, 6) for line in lines]
        return flow

    story = [Paragraph(escape(blocks["header"][0]), name), Paragraph(escape(blocks["header"][1]), body), Spacer(1, 10)]
    if layout == "one_column":
        frames = [Frame(50, 50, width - 100, height - 100)]
        story += section(blocks["sidebar"][:1] + blocks["main"] + blocks["sidebar"][1:])
    else:
        frames = [Frame(50, height - 130, width - 100, 80),
                  Frame(50, 50, 150, height - 190), Frame(215, 50, width - 265, height - 190)]
        story += [FrameBreak(), *section(blocks["sidebar"]), FrameBreak(), *section(blocks["main"])]
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, producer=producer, creator=creator, title="Curriculum Vitae")
    doc.addPageTemplates([PageTemplate(id="cv", frames=frames)])
    doc.build(story)
    return buf.getvalue()


# --- fpdf2: cells and multi-cells, two columns drawn one after the other --------------

def _render_fpdf(blocks: dict, layout: str, producer: str, creator: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT_REGULAR)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_producer(producer)
    pdf.set_creator(creator)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(0, 10, blocks["header"][0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(0, 7, blocks["header"][1], new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 4

    def write(sections, x: float, w: float) -> None:
        pdf.set_xy(x, pdf.get_y())
        for title, lines in sections:
            pdf.set_x(x)
            pdf.set_font("DejaVu", "B", 11)
            pdf.cell(w, 7, title, new_x="LEFT", new_y="NEXT")
            pdf.set_font("DejaVu", "", 9.5)
            for line in lines:
                pdf.set_x(x)
                pdf.multi_cell(w, 5, line or " ", new_x="LEFT", new_y="NEXT")

    if layout == "one_column":
        pdf.set_y(top)
        write(blocks["sidebar"][:1] + blocks["main"] + blocks["sidebar"][1:], 10, 190)
    else:
        pdf.set_y(top)
        write(blocks["sidebar"], 10, 55)
        pdf.page = 1  # back to the first page for the second column
        pdf.set_y(top)
        write(blocks["main"], 70, 130)
    return bytes(pdf.output())
