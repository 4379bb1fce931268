"""The tailored CV as PDF and DOCX. Placeholder layout; see issue 11 part 6."""
from __future__ import annotations

import io

from docx import Document
from fpdf import FPDF

from domain.letters.types import TailoredCv


def _lines(cv: TailoredCv) -> list[str]:
    out = [cv.name, cv.headline, " · ".join(cv.contact), cv.summary, ", ".join(cv.skills)]
    for e in cv.experience:
        out += [" — ".join(v for v in (e.role, e.employer, e.dates) if v), *e.lines]
    for ed in cv.education:
        out.append(" — ".join(v for v in (ed.degree, ed.institution, ed.dates) if v))
    out += list(cv.certificates) + [", ".join(cv.languages)]
    return [line for line in out if line]


def render_cv_pdf(cv: TailoredCv) -> bytes:
    """An A4 PDF of the tailored CV."""
    from domain.letters.pdf import setup_fonts

    pdf = FPDF(format="A4")
    family, clean = setup_fonts(pdf)
    pdf.add_page()
    pdf.set_font(family, "", 10)
    for line in _lines(cv):
        pdf.multi_cell(0, 5, clean(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_cv_docx(cv: TailoredCv) -> bytes:
    """A .docx of the tailored CV."""
    word = Document()
    for line in _lines(cv):
        word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
