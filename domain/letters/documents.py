"""The files of one application: the letter and the tailored CV, each as PDF and DOCX.

One entry point for the letter step, so the pipeline does not know how each file is laid out.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from domain.cv.repair import printable
from domain.jobs.types import JobPosting
from domain.letters.docx import render_letter_docx
from domain.letters.pdf import render_letter_pdf
from domain.letters.tailored_cv_docx import render_cv_docx
from domain.letters.tailored_cv_render import fit_one_page, render_cv_pdf
from domain.letters.types import LetterDocument, TailoredCv


@dataclass(frozen=True)
class ApplicationFiles:
    """The bytes of the four files: letter PDF and DOCX, tailored CV PDF and DOCX."""

    letter_pdf: bytes
    letter_docx: bytes
    cv_pdf: bytes
    cv_docx: bytes


def render_application(document: LetterDocument, cv: TailoredCv, *, candidate_name: str,
                       job: JobPosting) -> ApplicationFiles:
    """Render the letter and the tailored CV; raises only on a renderer bug (inputs are text).

    The CV is fitted to one page once, and both its files are drawn from that fitted CV. Characters a
    Word file cannot hold (controls from a CV's text layer, a model's stray surrogate) are taken out of
    every string first, so no input text can fail the rendering.
    """
    document, cv, job, candidate_name = _printable(document), _printable(cv), _printable(job), printable(candidate_name)
    fitted = fit_one_page(cv)
    return ApplicationFiles(
        letter_pdf=render_letter_pdf(document, candidate_name=candidate_name, job=job),
        letter_docx=render_letter_docx(document, candidate_name=candidate_name, job=job),
        cv_pdf=render_cv_pdf(fitted, fitted=True),
        cv_docx=render_cv_docx(fitted, fitted=True),
    )


def _printable(value):
    """``value`` with ``printable`` applied to every string in it (dataclasses, tuples, lists, dicts)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, (tuple, list)):
        return type(value)(_printable(v) for v in value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _printable(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value
