"""The letter as an editable Word file (python-docx). Placeholder layout; see issue 11 part 5."""
from __future__ import annotations

import io

from docx import Document

from domain.jobs.types import JobPosting
from domain.letters.types import LetterDocument


def render_letter_docx(doc: LetterDocument, *, candidate_name: str, job: JobPosting) -> bytes:
    """A .docx of the letter: one paragraph per block of the plain-text letter."""
    word = Document()
    word.core_properties.title = f"{job.title} - {job.company_name}"
    word.core_properties.author = candidate_name or "job-agent"
    for block in doc.cover_letter.split("\n\n"):
        word.add_paragraph(block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
