"""Makes ``word_table_cv.pdf``: a Word-style "date | entry" CV exported by LibreOffice.

Run from the repository root: ``.venv/bin/python tests/domain/cv/data/make_word_table_cv.py``
(needs python-docx and ``libreoffice`` on PATH; the tests only read the committed PDF).
Experience is a borderless two-column Word table (date cell, entry cell of several
paragraphs), Education uses a tab stop and an indented continuation, Skills is a 3 x 2 grid.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Cm

HERE = Path(__file__).resolve().parent
EXPERIENCE = [("2018 – today", ["Nurse – Hospital San Pedro", "Triage and critical care.", "Night shifts."]),
              ("2014 – 2018", ["Nurse – Los Robles", "Wound care."]),
              ("2012 – 2014", ["Auxiliary nurse – Clínica Sur", "Patient hygiene."])]
EDUCATION = [("2008 – 2012", ["Grado en Enfermería", "Universidad de Sevilla"]),
             ("2006 – 2008", ["Bachillerato", "IES Triana"])]
SKILLS = [["Figma", "Dovetail", "Miro"], ["Survey Design", "Maze", "Hotjar"]]


def build(path: Path) -> None:
    doc = Document()
    doc.add_heading("Marta Ruiz", 0)
    doc.add_heading("Experience", 1)
    table = doc.add_table(rows=0, cols=2)
    for date, lines in EXPERIENCE:
        date_cell, entry = table.add_row().cells
        date_cell.text, date_cell.width, entry.width = date, Cm(3.5), Cm(12)
        entry.text = lines[0]
        for line in lines[1:]:
            entry.add_paragraph(line)
    doc.add_heading("Education", 1)
    for date, lines in EDUCATION:
        first = doc.add_paragraph()
        first.paragraph_format.tab_stops.add_tab_stop(Cm(4))
        first.add_run(f"{date}\t{lines[0]}")
        for line in lines[1:]:
            doc.add_paragraph(line).paragraph_format.left_indent = Cm(4)
    doc.add_heading("Skills", 1)
    grid = doc.add_table(rows=0, cols=3)
    for row in SKILLS:
        for cell, item in zip(grid.add_row().cells, row):
            cell.text = item
    doc.save(str(path))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "word_table_cv.docx"
        build(source)
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=120)
        shutil.copy(Path(tmp) / "word_table_cv.pdf", HERE / "word_table_cv.pdf")
