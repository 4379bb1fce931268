"""Word-format producer: a .docx written with python-docx, exported to PDF by LibreOffice.

Layouts: ``one_column`` (styles Title / Heading 1 / List Bullet), ``table`` (a date column and a content
column, as Word CV templates do), ``sidebar`` (one two-cell table: a shaded narrow cell with contact,
skills and languages), and ``bundle`` (a cover letter to a named recipient, a page break, then the CV).
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.corpus.people import Person
from tests.corpus.render.common import city_country, date_range, heading, languages_line
from tests.corpus.render.latex import ToolMissing
from tests.corpus.render.letters import letter_parts


def _docx():
    try:
        import docx  # noqa: F401  (python-docx)
        from docx.shared import Pt
    except ImportError as exc:
        raise ToolMissing("python-docx is not installed (pip install -e '.[corpus]')") from exc
    return docx, Pt


def _name(p: Person) -> str:
    return p.printed_name


def _shade(cell, hex_fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), hex_fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _jobs_flow(doc_or_cell, p: Person, bullets=True) -> None:
    for job in p.jobs:
        para = doc_or_cell.add_paragraph()
        para.add_run(f"{job.title}, {job.company}").bold = True
        doc_or_cell.add_paragraph(date_range(p, job))
        for b in job.bullets if bullets else ():
            doc_or_cell.add_paragraph(b, style="List Bullet")


def _education_flow(target, p: Person) -> None:
    for s in p.education:
        target.add_paragraph(f"{s.degree}, {s.school} ({s.period})")


def _one_column(doc, p: Person, Pt) -> None:
    doc.add_paragraph(_name(p), style="Title")
    sub = doc.add_paragraph()
    sub.add_run(p.title).font.size = Pt(14)
    doc.add_paragraph(f"{city_country(p)} | {p.phone} | {p.email}")
    doc.add_heading(heading(p, "summary"), level=1)
    doc.add_paragraph(p.summary)
    doc.add_heading(heading(p, "experience"), level=1)
    _jobs_flow(doc, p)
    doc.add_heading(heading(p, "education"), level=1)
    _education_flow(doc, p)
    doc.add_heading(heading(p, "skills"), level=1)
    for skill in p.skills:
        doc.add_paragraph(skill, style="List Bullet")
    doc.add_heading(heading(p, "languages"), level=1)
    doc.add_paragraph(", ".join(languages_line(p)))


def _table_layout(doc, p: Person, Pt) -> None:
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].add_run(_name(p)).font.size = Pt(22)
    left.add_paragraph(p.title)
    right.paragraphs[0].text = p.street or p.city
    right.add_paragraph(city_country(p))
    right.add_paragraph(p.phone)
    right.add_paragraph(p.email)
    rows = [(heading(p, "summary"), p.summary)]
    rows += [(date_range(p, j), f"{j.title} – {j.company}\n" + "\n".join(j.bullets)) for j in p.jobs]
    rows += [(s.period, f"{s.degree}, {s.school}") for s in p.education]
    rows += [(heading(p, "skills"), ", ".join(p.skills)), (heading(p, "languages"), ", ".join(languages_line(p)))]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    labels = {date_range(p, p.jobs[0]): heading(p, "experience"), p.education[0].period: heading(p, "education")}
    for label, text in rows:
        if label in labels:
            cell = table.add_row().cells
            merged = cell[0].merge(cell[1])
            merged.paragraphs[0].add_run(labels[label].upper()).bold = True
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, text


def _sidebar(doc, p: Person, Pt) -> None:
    table = doc.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells
    table.autofit = False
    for column, width in zip(table.columns, (Pt(150), Pt(345))):
        column.width = width  # LibreOffice reads the grid's column widths, Word the cells'
        for cell in column.cells:
            cell.width = width
    _shade(side, "DCE6F0")
    side.paragraphs[0].add_run(heading(p, "contact").upper()).bold = True
    for line in (p.street, city_country(p), p.phone, p.email):
        if line:
            side.add_paragraph(line)
    side.add_paragraph().add_run(heading(p, "skills").upper()).bold = True
    for skill in p.skills:
        side.add_paragraph(skill)
    side.add_paragraph().add_run(heading(p, "languages").upper()).bold = True
    for entry in languages_line(p):
        side.add_paragraph(entry)
    main.paragraphs[0].add_run(_name(p)).font.size = Pt(24)
    main.add_paragraph().add_run(p.title).font.size = Pt(13)
    for key, fill in (("summary", lambda: main.add_paragraph(p.summary)), ("experience", lambda: _jobs_flow(main, p)),
                      ("education", lambda: _education_flow(main, p))):
        main.add_paragraph().add_run(heading(p, key).upper()).bold = True
        fill()


def _bundle(doc, p: Person, Pt) -> None:
    from docx.enum.text import WD_BREAK
    parts = letter_parts(p)
    for line in parts["sender"]:
        doc.add_paragraph(line)
    for line in parts["recipient"]:
        doc.add_paragraph(line)
    doc.add_paragraph(parts["date"])
    doc.add_paragraph().add_run(parts["subject"]).bold = True
    for para in parts["body"]:
        doc.add_paragraph(para)
    doc.add_paragraph(parts["closing"])
    doc.add_paragraph(p.name).runs[0].add_break(WD_BREAK.PAGE)
    _one_column(doc, p, Pt)


LAYOUTS = {"one_column": _one_column, "table": _table_layout, "sidebar": _sidebar, "bundle": _bundle}


def write_docx(p: Person, layout: str) -> bytes:
    """The .docx bytes as python-docx writes them (default template, 50 pt side margins)."""
    docx, Pt = _docx()
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Pt(50)
    LAYOUTS[layout](document, p, Pt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def convert(data: bytes, source_ext: str, target: str) -> bytes:
    """``data`` (a ``source_ext`` file) converted by ``libreoffice --headless --convert-to target``
    (``pdf``, ``docx``, ``odt``) in a throwaway profile; raises ToolMissing without LibreOffice."""
    if shutil.which("libreoffice") is None:
        raise ToolMissing("libreoffice is not installed (apt-get install libreoffice-writer)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, f"cv.{source_ext}")
        source.write_bytes(data)
        outdir = Path(tmp, "out")
        run = subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                              "--convert-to", target, "--outdir", str(outdir), str(source)],
                             check=False, capture_output=True, text=True, timeout=300)
        out = outdir / f"cv.{target}"
        if not out.exists():
            raise RuntimeError(f"libreoffice failed:\n{run.stdout}\n{run.stderr}")
        return out.read_bytes()


def render_docx(p: Person, layout: str) -> bytes:
    """Write the .docx and convert it with ``libreoffice --headless --convert-to pdf``; returns the PDF."""
    return convert(write_docx(p, layout), "docx", "pdf")
