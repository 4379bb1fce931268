import io
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pypdf
import pytest

from domain.cv import errors, pdf_reader
from domain.cv.pdf_ink import MIN_FILLS, filled_paths, page_ink
from domain.cv.pdf_reader import (
    MAX_TEXT_CHARS,
    MIN_PAGE_LETTERS,
    looks_like_pdf,
    read_pdf,
    read_pdf_text,
)
from domain.errors import PermanentError
from tests.domain.cv import layout_pdfs
from tests.support import bad_pdfs as bad
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.scanned_pages import (
    image_page_pdf,
    outlined_pdf,
    text_page_pdf,
    text_then_image_pdf,
)
from tests.support.scans import render_page, scanner

BAD_INPUTS = {
    "not_pdf": [bad.make_garbage_bytes, lambda: b"PK\x03\x04 a zip file, renamed", lambda: b"Lebenslauf"],
    "encrypted": [bad.make_user_password_pdf, lambda: bad.make_user_password_pdf(algorithm="RC4-128")],
    "corrupt": [bad.make_truncated_pdf, lambda: bad.make_truncated_pdf(keep=0.9), bad.make_fake_pdf_header],
    "empty": [bad.make_empty_file, lambda: b"   \n", bad.make_zero_page_pdf, bad.make_blank_page_pdf],
    "scanned": [bad.make_scanned_pdf],
    "too_large": [bad.make_oversized_pdf],
    "too_complex": [bad.make_many_operators_pdf],
}


@pytest.mark.parametrize("code, make", [(c, m) for c, makes in BAD_INPUTS.items() for m in makes])
def test_bad_inputs_have_distinct_codes_and_messages(code, make):
    with pytest.raises(errors.CvReadError) as info:
        read_pdf_text(make())
    assert info.value.code == code
    assert isinstance(info.value, PermanentError)
    assert len(info.value.user_message) > 30


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_codes_are_distinct():
    """One code per cause: a subclass either names a new cause or rewords its parent's."""
    causes = [cls for cls in _all_subclasses(errors.CvReadError) if cls.code != cls.__mro__[1].code]
    assert len({cls.code for cls in causes}) == len(causes) >= 20
    assert errors.CorruptDocumentError.code == errors.CorruptPdfError.code


def test_messages_say_what_to_do():
    assert errors.NotPdfError().user_message.startswith("This file isn't a PDF")
    assert errors.ScannedPdfError().user_message.startswith(
        "This PDF has no text layer — it looks scanned. Send a PDF exported from your editor")
    assert "MB" in errors.TooLargePdfError(limit_bytes=10 * 1024 * 1024, size=1).user_message


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_owner_password_only_pdf_opens(algorithm):
    text = read_pdf_text(bad.make_owner_password_pdf(algorithm=algorithm))
    assert "Lena Fischer" in text and "lena.fischer@example.com" in text


def test_size_cap_is_configurable():
    pdf = make_cv_pdf(PERSONAS["data_scientist"])
    with pytest.raises(errors.TooLargePdfError):
        read_pdf_text(pdf, max_bytes=len(pdf) - 1)
    assert "Priya Raman" in read_pdf_text(pdf, max_bytes=len(pdf))


def test_looks_like_pdf():
    assert looks_like_pdf(b"%PDF-1.7\n")
    assert looks_like_pdf(b"\xef\xbb\xbf" + b" " * 500 + b"%PDF-1.4")  # junk before the header is allowed
    assert not looks_like_pdf(b" " * 1024 + b"%PDF-1.4")
    assert not looks_like_pdf(b"")


def test_page_cap_holds_a_cv_of_that_many_pages():
    text = read_pdf_text(make_cv_pdf(PERSONAS["python_dev_berlin"]), max_pages=1)
    assert "Lena Fischer" in text


@pytest.mark.parametrize("read", [read_pdf, read_pdf_text])
def test_more_pages_than_the_cap_is_no_cv(read):
    # a 40-page file is a thesis or a portfolio: refused, not silently cut to its first pages
    with pytest.raises(errors.TooManyPagesError) as info:
        read(bad.make_blank_page_pdf(pages=40), max_pages=20)
    assert info.value.code == "too_many_pages"
    assert "40 pages" in info.value.user_message and "up to 20 pages" in info.value.user_message
    assert "only the pages of your CV" in info.value.user_message
    assert len(read_pdf(make_cv_pdf(PERSONAS["python_dev_berlin"]), max_pages=1).text) > 100


@pytest.mark.parametrize("make, cls, pages", [
    (lambda: bad.make_blank_page_pdf(pages=3), errors.EmptyPdfError, 3),
    (bad.make_scanned_pdf, errors.ScannedPdfError, 1),
])
def test_no_text_errors_carry_the_page_count_for_ocr(make, cls, pages):
    for read in (read_pdf, read_pdf_text):
        with pytest.raises(cls) as info:
            read(make())
        assert info.value.pages == pages


def test_read_pdf_counts_pages_and_says_its_text_came_from_the_text_layer():
    data = make_cv_pdf(PERSONAS["python_dev_berlin"], layout="two_column")
    pdf = read_pdf(data)
    assert pdf.source == "text" and pdf.pages == len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1


def test_text_is_capped_not_refused():
    text = read_pdf_text(bad.make_many_operators_pdf(repeats=20_000), max_chars=5_000)
    assert len(text) == 5_000


class _TickingClock:
    """A monotonic clock that advances one second each time it is read: the budget runs
    out after a fixed number of readings, whatever the machine's load."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


def test_wall_clock_budget_applies_inside_a_page(monkeypatch):
    pdf = bad.make_many_operators_pdf(repeats=120_000)  # built before the clock is replaced
    monkeypatch.setattr(pdf_reader, "time", _TickingClock())
    # readings: the start (1), before page 1 (2, within budget), then the visitor every 2,048
    # operators (3 within, 4 past): only the check inside the page can fire
    with pytest.raises(errors.TooComplexPdfError) as info:
        read_pdf_text(pdf, time_budget=2.5)
    assert info.value.code == "too_complex"
    assert "inside page 1" in info.value.detail


@pytest.fixture(scope="module")
def bomb():
    return bad.make_bomb_pdf()


def test_bomb_is_small_on_disk(bomb):
    assert len(bomb) < 3 * 1024 * 1024


def test_decompression_bomb_is_refused_fast_with_bounded_memory(bomb):
    # A content stream that inflates to 2 GiB is no CV: refusing it (too_complex) beats
    # returning a prefix, since its "text" would be whatever the attacker put first.
    # refused by a decoding limit, not by running out the time budget (no wall-clock bound here)
    tracemalloc.start()
    try:
        with pytest.raises(errors.TooComplexPdfError) as info:
            read_pdf_text(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.detail.startswith("pypdf limit")
    assert peak < 200 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert info.value.code == "too_complex"


def test_decompression_bomb_costs_a_fresh_process_under_a_gigabyte_overall(bomb, tmp_path):
    """Native memory too (zlib, pypdf's buffers), which tracemalloc does not see: measured in a process of
    its own, since this test process's peak is whatever the tests before it needed."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb)
    # VmHWM, the peak of this process's own memory: getrusage's ru_maxrss survives exec, so a child of this (large)
    # test process would report the parent's size.
    script = ("import re, sys\n"
              "from domain.cv import errors\n"
              "from domain.cv.pdf_reader import read_pdf_text\n"
              "try:\n    read_pdf_text(open(sys.argv[1], 'rb').read())\n"
              "except errors.TooComplexPdfError:\n"
              "    print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n")
    # A clean environment: what earlier tests left in os.environ (settings, paths) is not this process's business.
    clean = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG", "TMPDIR")}
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120,
                          check=False, cwd=Path(__file__).resolve().parents[3], env=clean)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-2000:]
    assert int(done.stdout.strip()) < 1024 * 1024  # KiB: under 1 GiB


def test_max_text_chars_default_is_generous():
    assert MAX_TEXT_CHARS >= 100_000


# --- read_pdf: the guarded pypdf pass first, then the layout ---------------------------------

@pytest.mark.parametrize("code, make", [(c, makes[0]) for c, makes in BAD_INPUTS.items()])
def test_read_pdf_refuses_bad_inputs_with_the_same_codes(code, make):
    with pytest.raises(errors.CvReadError) as info:
        read_pdf(make())
    assert info.value.code == code


def test_read_pdf_falls_back_to_pypdf_text_when_layout_is_unavailable(monkeypatch):
    def fail(*_args):
        raise pdf_reader.LayoutUnavailable("test")
    monkeypatch.setattr(pdf_reader, "read_runs", fail)
    pdf = read_pdf(make_cv_pdf(PERSONAS["python_dev_berlin"], layout="two_column"))
    assert "Lena Fischer" in pdf.text and "lena.fischer@example.com" in pdf.text
    assert pdf.large_lines == [] and pdf.lines == []


def test_read_pdf_falls_back_when_layout_finds_no_text(monkeypatch):
    monkeypatch.setattr(pdf_reader, "read_runs", lambda *a: [(595.0, 842.0, [])])
    pdf = read_pdf(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    assert "lena.fischer@example.com" in pdf.text and pdf.lines == []


def test_read_pdf_refuses_a_bomb_fast_before_layout(bomb, monkeypatch):
    monkeypatch.setattr(pdf_reader, "read_runs", lambda *a: pytest.fail("PDFium must not see a bomb"))
    with pytest.raises(errors.TooComplexPdfError) as info:
        read_pdf(bomb)
    assert info.value.detail.startswith("pypdf limit")  # a decoding limit, not the time budget


def test_read_pdf_refuses_a_font_bomb_before_pdfium_loads_the_font(monkeypatch):
    monkeypatch.setattr(pdf_reader, "read_runs", lambda *a: pytest.fail("PDFium must not see a bomb"))
    tracemalloc.start()
    try:
        with pytest.raises(errors.TooComplexPdfError):
            read_pdf(layout_pdfs.font_bomb_pdf())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024


def test_read_pdf_caps_text_and_reads_owner_password_pdfs():
    assert len(read_pdf(bad.make_many_operators_pdf(repeats=20_000), max_chars=5_000).text) <= 5_000
    pdf = read_pdf(bad.make_owner_password_pdf())
    assert "Lena Fischer" in pdf.text and pdf.large_lines[0] == "Lena Fischer"


@pytest.mark.parametrize("producer", ["word", "chrome", "latex", "google_docs"])
def test_read_pdf_two_column_cvs_keep_sidebar_and_main_apart(producer):
    pdf = read_pdf(make_cv_pdf(PERSONAS["python_dev_berlin"], layout="two_column", producer=producer))
    lines = pdf.text.split("\n")
    skills = next(i for i, line in enumerate(lines) if line.lower() == "skills")
    experience = next(i for i, line in enumerate(lines) if line.lower() == "experience")
    assert lines[skills + 1].startswith("Python, Django")  # the sidebar's next line, not the main column's
    assert "03/2018 – present" in lines[experience + 1:]
    assert pdf.large_lines[0] == "Lena Fischer"


# --- scanned pages, decided page by page (domain.cv.pdf_ink) -----------------------------------

CORPUS_PDFS = sorted((Path(__file__).parents[2] / "corpus" / "pdfs").glob("*.pdf"))
SCANNED_CV = Path(__file__).parents[2] / "corpus" / "pdfs" / "en_harris__rendercv__classic.pdf"


def test_no_page_of_a_real_text_cv_is_taken_for_a_scan():
    """The thresholds' evidence: every page of the real-producer corpus that shows other ink has
    far more than MIN_PAGE_LETTERS letters, and no page draws a third of MIN_FILLS filled paths;
    the one short page (a last page with a languages line) shows no other ink."""
    assert len(CORPUS_PDFS) == 48
    short = []
    for path in CORPUS_PDFS:
        data = path.read_bytes()
        pdf = read_pdf(data)
        assert pdf.scanned_pages == [] and pdf.source == "text", path.name
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        for number, page in enumerate(pages, start=1):
            letters = sum(ch.isalpha() for line in pdf.lines if line.page == number for ch in line.text)
            assert filled_paths(page) < MIN_FILLS / 3, (path.name, number)
            if letters < 4 * MIN_PAGE_LETTERS:
                short.append((path.name, number, letters, page_ink(page)))
    assert short == [("en_lopez__docx__one_column.pdf", 2, 35, None)]


def _scan_of_a_real_cv():
    return scanner(render_page(SCANNED_CV.read_bytes()))


@pytest.mark.parametrize("kind", ["footer", "inline", "outlines"])
def test_a_page_showing_its_words_as_pictures_is_scanned_despite_a_little_text(kind):
    """A scan stamped "Scanned with CamScanner", a scan drawn as an inline image, letters
    exported as outlines: without OCR each is a scanned PDF (not empty, not a text CV)."""
    if kind == "footer":
        data = image_page_pdf(_scan_of_a_real_cv(), footer="Scanned with CamScanner")
    elif kind == "inline":
        data = image_page_pdf(render_page(SCANNED_CV.read_bytes()).convert("1"), inline=True)
    else:
        data = outlined_pdf(OUTLINED_CV)
    with pytest.raises(errors.ScannedPdfError) as info:
        read_pdf(data)
    assert (info.value.pages, info.value.scanned_pages) == (1, [1])


OUTLINED_CV = ["Alan Harris", "Machine Learning Engineer", "alan.harris@example.org", "(617) 555-0123",
               "Somerville, US", "Experience", "Senior ML Engineer at Acme Search since 2022",
               "Built ranking models in Python and PyTorch", "Skills", "Python, PyTorch, Kubernetes, CUDA"]
PAGE_ONE = ["Alan Harris", "Machine Learning Engineer", "alan.harris@example.org", "Experience",
            "Senior Machine Learning Engineer, Acme Search, Boston, since 2019",
            "Built the ranking and query understanding models behind product search.",
            "Cut the latency of the retrieval service by half with a distilled encoder."]
PAGE_TWO = ["Skills", "Python, PyTorch, Kubernetes, CUDA", "Languages", "English (native), French (fluent)",
            "Education", "PhD in Computational Linguistics, Boston University"]


def text_then_scan() -> bytes:
    """Page 1 a text page, page 2 a scan of a skills page."""
    return text_then_image_pdf(PAGE_ONE, scanner(render_page(text_page_pdf(PAGE_TWO))))


def test_a_scanned_second_page_is_listed_and_left_out_without_ocr():
    pdf = read_pdf(text_then_scan())
    assert (pdf.pages, pdf.scanned_pages, pdf.source) == (2, [2], "text")
    assert pdf.text.startswith("Alan Harris\nMachine Learning Engineer") and "Kubernetes" not in pdf.text
    assert {line.page for line in pdf.lines} == {1} and pdf.large_lines[0] == "Alan Harris"


def test_without_ocr_the_text_pages_are_read_alone_and_a_scan_alone_is_refused():
    def unavailable(pages):
        calls.append(pages)
        raise errors.OcrUnavailableError(detail="no engine here")

    calls = []
    pdf = read_pdf(text_then_scan(), read_scans=unavailable)
    assert calls == [[2]] and pdf.text.startswith("Alan Harris") and pdf.scanned_pages == [2]
    with pytest.raises(errors.ScannedPdfError) as info:
        read_pdf(outlined_pdf(OUTLINED_CV), read_scans=unavailable)
    assert calls[-1] == [1] and info.value.scanned_pages == [1]


def test_a_poor_scan_of_one_page_keeps_the_text_pages_and_fails_a_scan_alone():
    def poor(pages):
        raise errors.PoorScanError(detail="3 letters read")

    assert read_pdf(text_then_scan(), read_scans=poor).text.startswith("Alan Harris")
    with pytest.raises(errors.PoorScanError):
        read_pdf(outlined_pdf(OUTLINED_CV), read_scans=poor)


def test_a_short_text_page_without_pictures_is_text():
    """Few letters alone make no scan: a last page with one line, a blank page."""
    pdf = read_pdf(text_page_pdf(["References on request"]), read_scans=lambda pages: pytest.fail("no OCR"))
    assert (pdf.text, pdf.scanned_pages) == ("References on request", [])
