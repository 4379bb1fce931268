"""Makes ``browser_cells_cv.pdf``: CSS layouts printed by Chromium, as HTML-template CVs are.

Run from the repository root: ``.venv/bin/python tests/domain/cv/data/make_browser_cells_cv.py``
(needs ``chromium`` on PATH; the tests only read the committed PDF). Headings spaced out
by CSS ``letter-spacing`` (wide and moderate: PDFium then puts spaces between some letters
only), a contact row as a CSS grid with a column gap, a flex row with a gap, a table grid.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HTML = """<html><body style="font-family: sans-serif; font-size: 11pt">
<h2 style="letter-spacing: 0.3em">EXPERIÊNCIA PROFISSIONAL</h2>
<h3 style="letter-spacing: 0.15em">Work Experience</h3>
<div style="display: grid; grid-template-columns: auto auto auto; justify-content: start; column-gap: 10px">
<div>+55 11 91234 7890</div><div>carlos.almeida@example.com</div><div>São Paulo</div></div>
<div style="display: flex; gap: 6px"><span>ana@example.es</span><span>654 12 98 37</span></div>
<table style="border-collapse: collapse"><tr><td style="padding: 2px 6px">Figma</td>
<td style="padding: 2px 6px">Dovetail</td></tr><tr><td style="padding: 2px 6px">Survey Design</td>
<td style="padding: 2px 6px">Maze</td></tr></table>
<p style="text-align: justify; width: 300px">Worked on things at ACME with Python and a great many
other tools for the benefit of all the customers in the region and beyond.</p>
</body></html>"""


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "cv.html", Path(tmp) / "cv.pdf"
        page.write_text(HTML, encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", str(page)], check=True, capture_output=True, timeout=120)
        shutil.copy(pdf, HERE / "browser_cells_cv.pdf")
