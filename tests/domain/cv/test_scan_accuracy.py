"""Scanned and photographed CVs read through the whole reader: accuracy floors on a small subset.

Ten one-page corpus CVs (tests/corpus) in six languages from all the corpus' producers, printed
and scanned back at 300 dpi into image-only PDFs, and two more photographed with a phone as JPEGs
(tests/support/scans.py), each read by ``build_profile`` and scored with the corpus rules
(tests/corpus/measure.py). Twelve OCR pages in all; the full-corpus figures are
``bench/ocr_accuracy.py``'s (bench/README.md).
"""
from __future__ import annotations

from datetime import date

import pytest

from domain.cv.profile import build_profile
from tests.corpus.measure import (
    FileScore,
    load_answers,
    pdf_path,
    score_file,
    summarise,
)
from tests.support import scans

# LaTeX (moderncv, europasscv, curve), Typst (RenderCV), Word exports with a sidebar and a table,
# Chromium pages in two columns and with a sidebar; accented names on purpose (Dvořáková, Hélène,
# Mărășescu) and a place with one (Ciudad de México).
SCANNED = (
    "en_whitaker__moderncv__pdflatex-classic",
    "en_patel__curve__xelatex",
    "de_dvorakova__docx__sidebar",
    "de_strauss__europasscv__pdflatex",
    "fr_delafontaine__html__two_column",
    "fr_lefebvre__moderncv__lualatex-casual",
    "es_torres__rendercv__engineeringresumes",
    "it_marasescu__europasscv__lualatex",
    "pt_almeida__docx__table",
    "nl_vandenberg__moderncv__xelatex-classic",
)
PHOTOGRAPHED = (
    "es_morales__html__sidebar",
    "pt_ferreira__rendercv__engineeringclassic",
)

# Issue 10's goals for 300-dpi scans: name and e-mail ≥ 90 %, skills recall ≥ 0.8 — on ten
# scans one miss of name or e-mail is allowed, two fail. The two photos (lower resolution,
# perspective, uneven light) are held to the same floors, so each must give name and e-mail.
FLOORS = {"name": 0.9, "email": 0.9, "skills_recall": 0.8}


@pytest.fixture(scope="module")
def scores() -> dict[str, list[FileScore]]:
    answers, today = load_answers(), date.today()
    inputs = {
        "scan": [(fid, scans.scanned_pdf(pdf_path(fid).read_bytes(), dpi=300)) for fid in SCANNED],
        "photo": [(fid, scans.photo_jpeg(pdf_path(fid).read_bytes())) for fid in PHOTOGRAPHED],
    }
    return {variant: [score_file(fid, answers[fid], build_profile(data), today) for fid, data in files]
            for variant, files in inputs.items()}


@pytest.mark.parametrize("variant", ["scan", "photo"])
def test_profiles_say_they_came_from_ocr(scores, variant):
    assert {s.profile.source for s in scores[variant]} == {variant}


@pytest.mark.parametrize("variant", ["scan", "photo"])
@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_accuracy_floor(scores, variant, field):
    summary = summarise(scores[variant])
    if field == "skills_recall":
        misses = {s.file_id: s.skills[5] for s in scores[variant] if s.skills[5]}
    else:
        misses = {s.file_id: getattr(s.profile, field) for s in scores[variant] if not s.ok[field]}
    assert summary[field] >= FLOORS[field], f"{variant} {field}: {summary[field]:.2f} < {FLOORS[field]}; {misses}"
