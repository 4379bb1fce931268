"""Tiny PDFs with one layout fault each, built in memory for the reader's layout tests."""
from __future__ import annotations

import io
import zlib

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# pdfTeX-like: old-style figure glyphs named in /Differences, no ToUnicode
PNUM_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
             b"/BaseEncoding /WinAnsiEncoding /Differences [48 /zero.pnum /one.pnum /two.pnum /three.pnum "
             b"/four.pnum /five.pnum /six.pnum /seven.pnum /eight.pnum /nine.pnum] >> >>")

LEFT = ["Kubernetes, Terraform,", "Ansible, Python", "anna.kowalska@exa", "mple.com", "Polish (native)"]
RIGHT = ["Designed and operated the payment platform", "serving twelve million customers across",
         "Europe and migrated legacy services", "to Kubernetes in six months", "with zero downtime."]


def raw_pdf(content: bytes, font: bytes = HELVETICA, extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page A4 PDF whose content stream is ``content`` and font /F1 is ``font``;
    ``extra`` objects are numbered from 6 on."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>", font,
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *extra]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def interleaved_columns() -> bytes:
    """Two columns drawn row by row (as table-based Word CVs are): left line, right line, ..."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(40, 780, "Anna Maria Kowalska")
    pdf.setFont("Helvetica", 10)
    for row, (left, right) in enumerate(zip(LEFT, RIGHT)):
        pdf.drawString(40, 700 - 12 * row, left)
        pdf.drawString(220, 700 - 12 * row, right)
    pdf.drawString(40, 560, "References available on request")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def sidebar_cv() -> bytes:
    """A shaded narrow sidebar and a main column, each wrapping its own paragraphs."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    pdf.setFillColor(Color(0.9, 0.92, 0.95))
    pdf.rect(0, 0, 190, height, stroke=0, fill=1)
    pdf.setFillColor(Color(0, 0, 0))
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=12, leading=15)
    Frame(20, 40, 160, height - 80).addFromList([
        Paragraph("Contact", head), Paragraph("jonathan.oconnor-smith@example-company.com", body),
        Paragraph("Skills", head),
        Paragraph("Kubernetes, Terraform, Ansible, Python, PostgreSQL, Prometheus and Grafana dashboards", body)], pdf)
    Frame(205, 40, width - 235, height - 80).addFromList([
        Paragraph("Experience", head),
        Paragraph("Designed and operated the payment platform serving twelve million customers across Europe, "
                  "migrating legacy services to Kubernetes and cutting deployment time from hours to minutes.",
                  body)], pdf)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def word_per_line() -> bytes:
    """Every word drawn by its own text object (Google Docs exports), one sentence per row."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for row, sentence in enumerate(["Led the migration of our billing", "to an event-driven design"]):
        x = 40.0
        for word in sentence.split():
            pdf.setFont("Helvetica", 11)
            pdf.drawString(x, 700 - 14 * row, word)
            x += pdf.stringWidth(word + " ", "Helvetica", 11)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def font_bomb_pdf(inflated_mb: int = 200) -> bytes:
    """Ordinary text whose embedded font program inflates to ``inflated_mb`` MB."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    program = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 "
            b"/FontDescriptor 6 0 R >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] "
                  b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>")
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(program) + program + b"\nendstream"
    return raw_pdf(b"BT /F1 12 Tf 50 800 Td (Anna Kowalska) Tj ET", font, (descriptor, stream))


def _tracked(text: str, kern: int = -350) -> bytes:
    """A TJ array that sets every glyph apart, as browsers draw CSS letter-spacing."""
    return b"[" + b" ".join(b"(%s) %d" % (ch.encode("latin-1"), kern) for ch in text) + b"] TJ"


def letter_spaced_headings() -> bytes:
    """Two headings drawn with wide tracking (PDFium sees a space between every letter), then body text."""
    return raw_pdf(b"BT /F1 14 Tf 50 800 Td " + _tracked("WORK EXPERIENCE") + b" 0 -20 Td " + _tracked("SKILLS")
                   + b" ET BT /F1 10 Tf 50 700 Td (Built a platform in Go) Tj ET")


def glued_cells(gap: float = 2.0) -> bytes:
    """Two cells of a CSS grid drawn as separate text objects ``gap`` points apart, no space
    between them (PDFium generates none under ~0.25 em), then a row whose cell gap is a
    generated space much wider than the word spaces inside the cells."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    phone, email = "+55 11 91234 7890", "carlos@example.com"
    second = 50 + stringWidth(phone, "Helvetica", 10) + gap
    row = "ana@example.es"
    after = 50 + stringWidth(row, "Helvetica", 10) + 6
    return raw_pdf(b"BT /F1 10 Tf 50 800 Td (%s) Tj ET BT /F1 10 Tf %.2f 800 Td (%s) Tj ET "
                   b"BT /F1 10 Tf 50 786 Td (%s) Tj ET BT /F1 10 Tf %.2f 786 Td (654 12 98 37) Tj ET"
                   % (phone.encode(), second, email.encode(), row.encode(), after))


def table_cv(rows: list[tuple[str, str]], *, col_widths=(110, 330), valign: str = "TOP",
             heading: str | None = None) -> bytes:
    """A CV body set as a two-column reportlab Table (a label or date cell, an entry cell whose
    lines are separated by newlines), as Word table CVs are."""
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=12)
    data = [[Paragraph(label, body), [Paragraph(part, body) for part in entry.split("\n")]] for label, entry in rows]
    table = Table(data, colWidths=col_widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign)]))
    buf = io.BytesIO()
    title = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=16, leading=20)
    story = [Paragraph(heading, title)] if heading else []
    SimpleDocTemplate(buf, pagesize=A4).build(story + [table])
    return buf.getvalue()


def banking_cv() -> bytes:
    """moderncv "banking": each entry's title in bold with its dates set right-aligned on the
    same line, then the employer and a short description under it."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(60, 780, "Lucía García")
    y = 730
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(60, y, "Experiencia laboral")
    entries = [("Ingeniera de Datos", "desde 2021", "Guadalquivir Analytics", "Pipelines con Airflow."),
               ("Analista de Datos", "ene. 2017 – mar. 2021", "Mezquita Seguros", "Informes en Power BI."),
               ("Becaria", "2016", "Junta de Andalucía", "Limpieza de datos.")]
    for title, dates, employer, note in entries:
        y -= 22
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(60, y, title)
        pdf.setFont("Helvetica", 10)
        pdf.drawRightString(535, y, dates)
        pdf.setFont("Helvetica-Oblique", 10)
        pdf.drawString(60, y - 12, employer)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(60, y - 24, note)
        y -= 24
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


SKILL_GRID = [["Figma", "Dovetail", "Miro"], ["Survey Design", "Maze", "Hotjar"]]


def skills_grid(gap: float = 11.0) -> bytes:
    """A skills grid of two rows of three cells, each cell ``gap`` points after the one before
    (about a word space plus cell padding), drawn without spaces between cells."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    content = b""
    for row, cells in enumerate(SKILL_GRID):
        x = 50.0
        for cell in cells:
            content += b"BT /F1 10 Tf %.2f %d Td (%s) Tj ET " % (x, 700 - 14 * row, cell.encode())
            x += stringWidth(cell, "Helvetica", 10) + gap
    return raw_pdf(content)
