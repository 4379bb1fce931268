"""The application as a PDF (fpdf2), and a safe file name for it."""
from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF

from domain.jobs.types import JobPosting
from domain.letters.types import LetterDocument

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_SUMMARY_TITLE = "CV summary"


def render_letter_pdf(doc: LetterDocument, *, candidate_name: str, job: JobPosting) -> bytes:
    """An A4 PDF: candidate name, the role, the cover letter and the tailored CV summary."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(f"Application {job.title} - {job.company_name}")
    pdf.set_author(candidate_name or "job-agent")
    family, clean = _font(pdf)
    pdf.add_page()
    if candidate_name:
        pdf.set_font(family, "B", 16)
        pdf.multi_cell(0, 9, clean(candidate_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 11)
    pdf.multi_cell(0, 6, clean(f"{job.title} — {job.company_name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, clean(doc.cover_letter), new_x="LMARGIN", new_y="NEXT")
    if doc.cv_summary.strip():
        pdf.ln(8)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(0, 7, _SUMMARY_TITLE, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 11)
        pdf.multi_cell(0, 6, clean(doc.cv_summary), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _font(pdf: FPDF):
    """DejaVu for full Unicode; Helvetica with latin-1 replacement when the font files are missing."""
    try:
        for style, name in _FONT_FILES.items():
            pdf.add_font("DejaVu", style, str(FONT_DIR / name))
        return "DejaVu", lambda text: text
    except (OSError, RuntimeError) as exc:
        logger.warning("DejaVu fonts unavailable (%s); PDF falls back to latin-1 Helvetica", exc)
        return "Helvetica", _latin1


def _latin1(text: str) -> str:
    text = text.replace("—", "-").replace("–", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    return text.encode("latin-1", "replace").decode("latin-1")
