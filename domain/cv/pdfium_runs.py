"""Positioned text runs from a PDF with PDFium (``pypdfium2``), for ``domain.cv.layout``.

Why PDFium: measured on two-page CVs it returns boxes for every text run in ~5 ms per
page (pdfminer.six ~45 ms/page, pdfplumber ~125 ms/page, pypdf's layout mode has no public
positions), it generates word spaces from glyph gaps (LuaTeX/XeTeX PDFs that draw words
without space glyphs) and knows each character's font size and weight.

A run is one of PDFium's text rectangles (``FPDFText_CountRects``: consecutive glyphs of
one text object on one line), its text read back with ``FPDFText_GetBoundedText``.
PDFium is not thread-safe (pypdfium2 docs, "Thread incompatibility"), hence the lock.
Only call this on bytes that pypdf's guarded pass (``domain.cv.pdf_reader``) accepted.
"""
from __future__ import annotations

import ctypes
import threading
import time

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from domain.cv.layout import Run

_LOCK = threading.Lock()
_BOLD_WEIGHT = 600
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_MAX_RUNS_PER_PAGE = 5_000  # a CV page has a few hundred; more is a pathological layout


class LayoutUnavailable(Exception):
    """PDFium could not lay out this document (the caller falls back to plain text)."""


def read_runs(data: bytes, max_pages: int, deadline: float) -> list[tuple[float, float, list[Run]]]:
    """``[(page_width, page_height, runs)]`` for the first ``max_pages`` pages (points).

    Raises ``LayoutUnavailable`` when PDFium fails, a page has too many runs or the
    ``time.monotonic()`` deadline passes between pages.
    """
    with _LOCK:
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
    count = raw.FPDFText_CountRects(textpage, 0, -1)
    if count > _MAX_RUNS_PER_PAGE:
        raise LayoutUnavailable(f"{count} text runs on one page")
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    runs = []
    for index in range(count):
        raw.FPDFText_GetRect(textpage, index, ctypes.byref(left), ctypes.byref(top),
                             ctypes.byref(right), ctypes.byref(bottom))
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        text = _bounded_text(textpage, x0, y1, x1, y0)
        if not text.strip():
            continue
        char = raw.FPDFText_GetCharIndexAtPos(textpage, x0 + 0.5, (y0 + y1) / 2, 2.0, 2.0)
        size, bold = _font(textpage, char) if char >= 0 else (y1 - y0, False)
        runs.append(Run(text, x0, x1, y0, y1, size, bold))
    return runs


def _bounded_text(textpage, left: float, top: float, right: float, bottom: float) -> str:
    n = raw.FPDFText_GetBoundedText(textpage, left, top, right, bottom, None, 0)
    if n <= 0:
        return ""
    buffer = (ctypes.c_ushort * (n + 1))()
    n = raw.FPDFText_GetBoundedText(textpage, left, top, right, bottom, buffer, n + 1)
    text = bytes(buffer)[: max(n, 0) * 2].decode("utf-16-le", "replace")
    # PDFium marks a hyphen that ends a line as U+0002 (its "soft hyphen"); the hyphen is
    # real text here (example-company.com), dehyphenation decides later.
    return text.replace("\x00", "").replace("\r", " ").replace("\n", " ").replace("\x02", "-")


def _font(textpage, char: int) -> tuple[float, bool]:
    """Font size in points and boldness (weight >= 600 or a bold-sounding font name).

    ``FPDFText_GetFontSize`` is the ``Tf`` operand only; Chrome/Skia and others set
    ``1 Tf`` and scale with the text matrix, so the size is multiplied by its y scale.
    """
    matrix = raw.FS_MATRIX()
    scale = 1.0
    if raw.FPDFText_GetMatrix(textpage, char, ctypes.byref(matrix)):
        scale = (matrix.c ** 2 + matrix.d ** 2) ** 0.5 or 1.0
    size = raw.FPDFText_GetFontSize(textpage, char) * scale
    if raw.FPDFText_GetFontWeight(textpage, char) >= _BOLD_WEIGHT:
        return size, True
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, char, name, 128, ctypes.byref(flags))
    lowered = name.value.decode("latin-1", "replace").lower()
    return size, any(word in lowered for word in _BOLD_NAMES)
