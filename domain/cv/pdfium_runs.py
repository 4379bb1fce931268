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
import pypdfium2.raw as raw

from domain.cv.layout import Run
from domain.cv.repair import SOFT_HYPHEN

_LOCK = threading.Lock()
_BOLD_WEIGHT = 600
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_MAX_CHARS_PER_PAGE = 60_000  # a dense CV page has ~5,000; more is no CV page
_GUTTER_EM = 1.0  # a space wider than this (in line heights) is a gap between columns
_PDFIUM_SOFT_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen that ends a line
_BREAKS = {"\r", "\n", _PDFIUM_SOFT_HYPHEN}
_SINGLE_LETTER_RE = re.compile(r"(?<!\S)[^\W\d_](?!\S)")  # "E X P E R": maybe letter-spaced
_TRACKING_EM = 0.06  # median letter gap wider than this (font sizes): the run is letter-spaced
_WORD_SPACE_EM = 0.15  # on top of the tracking: a word space (a space is 0.22-0.33 em)


class LayoutUnavailable(Exception):
    """PDFium could not lay out this document (the caller falls back to plain text)."""


def read_runs(data: bytes, max_pages: int, deadline: float) -> list[tuple[float, float, list[Run]]]:
    """``[(page_width, page_height, runs)]`` for the first ``max_pages`` pages (points).

    Raises ``LayoutUnavailable`` when PDFium fails, a page has too many characters or the
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
    """PDFium's page text cut into runs at its line breaks and at wide gaps between words.

    PDFium's text (``FPDFText_GetText``) already has word spaces generated from glyph
    advances and a CR LF between lines in stream order; a line that spans two columns
    drawn on one baseline is cut where the gap at a space is wider than ``_GUTTER_EM``.
    Boxes are PDFium's "loose" character boxes (advance width x font ascent/descent), so
    gaps do not depend on glyph shapes.
    """
    count = raw.FPDFText_CountChars(textpage)
    if count > _MAX_CHARS_PER_PAGE:
        raise LayoutUnavailable(f"{count} characters on one page")
    text = _page_text(textpage, count)
    box = _BoxReader(textpage)
    runs: list[Run] = []
    start = 0
    for index, char in enumerate(text):
        if char in _BREAKS:
            runs += _run(textpage, box, text, start, index, soft=char == _PDFIUM_SOFT_HYPHEN)
            start = index + 1
        elif char == " " and _wide_gap(box, text, index):
            runs += _run(textpage, box, text, start, index)
            start = index + 1
    return runs + _run(textpage, box, text, start, len(text))


def _page_text(textpage, count: int) -> str:
    """The page's characters, one per PDFium character index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: go one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    return text


class _BoxReader:
    """Loose character boxes ``(x0, bottom, x1, top)``, cached: most are asked twice."""

    def __init__(self, textpage):
        self.textpage, self.rect, self.cache = textpage, raw.FS_RECTF(), {}

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        if index not in self.cache:
            ok = raw.FPDFText_GetLooseCharBox(self.textpage, index, ctypes.byref(self.rect))
            r = self.rect
            self.cache[index] = (r.left, r.bottom, r.right, r.top) if ok else (0.0, 0.0, 0.0, 0.0)
        return self.cache[index]


def _wide_gap(box: _BoxReader, text: str, index: int) -> bool:
    """True when the space at ``index`` separates glyphs further apart than a gutter."""
    before, after = index - 1, index + 1
    while before >= 0 and text[before] == " ":
        before -= 1
    while after < len(text) and text[after] == " ":
        after += 1
    if before < 0 or after >= len(text) or text[before] in _BREAKS or text[after] in _BREAKS:
        return False
    left, right = box(before), box(after)
    height = max(left[3] - left[1], right[3] - right[1], 1.0)
    return right[0] - left[2] > _GUTTER_EM * height


def _run(textpage, box: _BoxReader, text: str, start: int, end: int, *, soft: bool = False) -> list[Run]:
    piece = text[start:end]
    first = start + len(piece) - len(piece.lstrip())
    last = start + len(piece.rstrip()) - 1
    if last < first:
        return []
    size, bold = _font(textpage, first)
    baseline = _origin_y(textpage, first)
    if abs(_origin_y(textpage, last) - baseline) > 0.5 * max(size, 1.0):
        # PDFium put lines of different baselines in one line (right-aligned address
        # blocks in moderncv): cut where the baseline moves
        for index in range(first + 1, last + 1):
            if text[index] != " " and abs(_origin_y(textpage, index) - baseline) > 0.5 * max(size, 1.0):
                return _run(textpage, box, text, first, index) + _run(textpage, box, text, index, end, soft=soft)
    x0, bottom, _, top = box(first)
    x1 = box(last)[2]
    if size > 0:  # a line's extent from its baseline: loose boxes of icon fonts are pages tall
        bottom, top = baseline - 0.2 * size, baseline + 0.8 * size
    clean = piece.strip().replace("\x02", "-")
    if len(_SINGLE_LETTER_RE.findall(clean)) >= 2:
        clean = _respaced(box, text, first, last, size) or clean
    return [Run(clean + (SOFT_HYPHEN if soft else ""), x0, max(x1, x0), bottom, top, size or top - bottom, bold)]


def _respaced(box: _BoxReader, text: str, first: int, last: int, size: float) -> str | None:
    """The text of a letter-spaced run (CSS ``letter-spacing``) with spaces only between words.

    PDFium generates a space wherever a letter gap is wide, so ``EXPERIENCE`` comes out as
    ``E X P E R I E N C E``. When the median gap between consecutive letters is over
    ``_TRACKING_EM``, spaces are put back only where a gap exceeds it by a space's width;
    None when the run is not letter-spaced."""
    chars = [i for i in range(first, last + 1) if not text[i].isspace()]
    gaps = [box(b)[0] - box(a)[2] for a, b in zip(chars, chars[1:])]
    em = max(size, 1.0)
    if len(gaps) < 3:
        return None
    tracking = sorted(gaps)[len(gaps) // 2]
    if tracking < _TRACKING_EM * em:
        return None
    out = text[chars[0]]
    for index, gap in zip(chars[1:], gaps):
        out += (" " if gap > tracking + _WORD_SPACE_EM * em else "") + text[index]
    return out.replace("\x02", "-")


def _origin_y(textpage, index: int) -> float:
    """The baseline y of a character (``FPDFText_GetCharOrigin``), points."""
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


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
