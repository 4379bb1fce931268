"""Positioned text runs from a PDF with PDFium (``pypdfium2``), for ``domain.cv.layout``.

Why PDFium (measured on two-page CVs, see the reader's report in bench/README.md): its text
and character boxes come in a few ms per page (pdfminer.six ~45 ms/page, pdfplumber
~125 ms/page; pypdf has no public positions and interleaves columns that share baselines),
it generates word spaces from glyph advances (LuaTeX/XeTeX PDFs that draw words without
space glyphs, Google Docs' one text object per word) and knows each character's font size
and weight.

A run is a piece of one of PDFium's text lines (see ``_runs``) with its box and font.
PDFium is not thread-safe (pypdfium2 docs, "Thread incompatibility"), hence the lock.
Only call this on bytes that pypdf's guarded pass (``domain.cv.pdf_reader``) accepted.
"""
from __future__ import annotations

import ctypes
import re
import threading
import time

import pypdfium2 as pdfium
from pypdfium2 import raw

from domain.cv.layout import Run
from domain.cv.pdfium_gaps import (
    BREAKS,
    GUTTER_EM,
    PDFIUM_SOFT_HYPHEN,
    BoxReader,
    SpaceGaps,
    apart_pieces,
    font,
    glued_cell,
    respaced,
)
from domain.cv.repair import SOFT_HYPHEN

# PDFium is not thread-safe (pypdfium2 docs, "Thread incompatibility"): every call into it in
# the process, layout here or rendering for OCR (domain.cv.ocr), holds this one lock.
PDFIUM_LOCK = threading.Lock()
_MAX_CHARS_PER_PAGE = 60_000  # a dense CV page has ~5,000; more is no CV page
_SINGLE_LETTER_RE = re.compile(r"(?<!\S)[^\W\d_](?!\S)")  # "E X P E R": maybe letter-spaced

class LayoutUnavailable(Exception):
    """PDFium could not lay out this document (the caller falls back to plain text)."""


def read_runs(data: bytes, max_pages: int, deadline: float) -> list[tuple[float, float, list[Run]]]:
    """``[(page_width, page_height, runs)]`` for the first ``max_pages`` pages (points).

    Raises ``LayoutUnavailable`` when PDFium fails, a page has too many characters or the
    ``time.monotonic()`` deadline passes between pages.
    """
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise LayoutUnavailable(str(exc)) from exc
        try:
            return [_page(doc, index, deadline) for index in range(min(len(doc), max_pages))]
        finally:
            doc.close()


def _page(doc, index: int, deadline: float) -> tuple[float, float, list[Run]]:
    if time.monotonic() > deadline:
        raise LayoutUnavailable(f"time budget exhausted before page {index + 1}")
    page = doc[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            return width, height, _runs(textpage.raw)
        finally:
            textpage.close()
    finally:
        page.close()


def _runs(textpage) -> list[Run]:
    """PDFium's page text cut into runs at its line breaks and at wide gaps between words.

    PDFium's text (``FPDFText_GetText``) already has word spaces generated from glyph
    advances and a CR LF between lines in stream order; a line that spans two columns
    drawn on one baseline is cut where the gap at a space is wider than ``GUTTER_EM``.
    Boxes are PDFium's "loose" character boxes (advance width x font ascent/descent), so
    gaps do not depend on glyph shapes.
    """
    count = raw.FPDFText_CountChars(textpage)
    if count > _MAX_CHARS_PER_PAGE:
        raise LayoutUnavailable(f"{count} characters on one page")
    text = _page_text(textpage, count)
    box = BoxReader(textpage)
    spaces = SpaceGaps(box, text)
    glued = apart_pieces(textpage)
    runs: list[Run] = []
    start, cell = 0, False
    for index, char in enumerate(text):
        if char in BREAKS:
            runs += _run(textpage, box, text, start, index, soft=char == PDFIUM_SOFT_HYPHEN, cell=cell)
            start, cell = index + 1, False
        elif char == " ":
            gap = spaces.gap(index)
            if gap is not None and (spaces.is_cell(index, gap) or gap > GUTTER_EM * spaces.height(index)):
                runs += _run(textpage, box, text, start, index, cell=cell)
                start, cell = index + 1, spaces.is_cell(index, gap)
        elif index in glued and index > start and glued_cell(box, text, index):
            runs += _run(textpage, box, text, start, index, cell=cell)
            start, cell = index, True
    return runs + _run(textpage, box, text, start, len(text), cell=cell)


def _page_text(textpage, count: int) -> str:
    """The page's characters, one per PDFium character index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: go one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    return text


def _run(textpage, box: BoxReader, text: str, start: int, end: int, *, soft: bool = False,
         cell: bool = False) -> list[Run]:
    piece = text[start:end]
    first = start + len(piece) - len(piece.lstrip())
    last = start + len(piece.rstrip()) - 1
    if last < first:
        return []
    size, bold = font(textpage, first)
    baseline = _origin_y(textpage, first)
    if abs(_origin_y(textpage, last) - baseline) > 0.5 * max(size, 1.0):
        # PDFium put lines of different baselines in one line (right-aligned address
        # blocks in moderncv): cut where the baseline moves
        for index in range(first + 1, last + 1):
            if text[index] != " " and abs(_origin_y(textpage, index) - baseline) > 0.5 * max(size, 1.0):
                return (_run(textpage, box, text, first, index, cell=cell)
                        + _run(textpage, box, text, index, end, soft=soft))
    x0, bottom, _, top = box(first)
    x1 = box(last)[2]
    if size > 0:  # a line's extent from its baseline: loose boxes of icon fonts are pages tall
        bottom, top = baseline - 0.2 * size, baseline + 0.8 * size
    clean = piece.strip().replace("\x02", "-")
    if len(_SINGLE_LETTER_RE.findall(clean)) >= 2:
        clean = respaced(box, text, first, last, size) or clean
    return [Run(clean + (SOFT_HYPHEN if soft else ""), x0, max(x1, x0), bottom, top, size or top - bottom, bold,
                cell)]


def _origin_y(textpage, index: int) -> float:
    """The baseline y of a character (``FPDFText_GetCharOrigin``), points."""
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value
