"""Text no Word file can hold, and values longer than its properties allow, never fail the four files."""
from __future__ import annotations

import io

import docx
import pypdf

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.documents import render_application
from domain.letters.tailored_cv import tailor_cv
from domain.letters.template import TemplateLetterWriter

CV = ("Ana\x07 Silva\nana@example.com\nExperience\nBackend Developer, Initrode Lda\n2019 – present\n"
      "Built\x07REST APIs in Python\ud83d for 12 teams\nSkills\nPython, Django\n")
PROFILE = CandidateProfile(name="Ana\x07 Silva", skills=["Python", "Django"], text=CV, title="Backend\x1bDeveloper")
LONG_TITLE = "Senior Python Developer for payment platforms, data pipelines and internal tooling " * 3
JOB = JobPosting(job_id="j", title="Python\x0bDeveloper " + LONG_TITLE, company_name="Ini\x00tech Payments " + "Group " * 20,
                 description="You build APIs with Python and Django.\x1b")


def test_control_characters_surrogates_and_long_titles_still_give_four_files():
    document = TemplateLetterWriter().write(PROFILE, JOB, language="en")
    files = render_application(document, tailor_cv(PROFILE, JOB), candidate_name="Ana\x07 Silva" * 30, job=JOB)
    for data in (files.letter_docx, files.cv_docx):
        word = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in word.paragraphs)
        assert "Ana Silva" in text and not any("\x00" <= ch < " " and ch not in "\t\n" for ch in text)
        assert len(word.core_properties.title) <= 255 and len(word.core_properties.author) <= 255
    letter = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(files.letter_pdf)).pages)
    assert "Ana Silva" in letter and "\x07" not in letter
