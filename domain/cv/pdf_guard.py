"""Decode, under pypdf's limits, every stream a text extractor will read, before one reads it.

The layout reader hands pages to PDFium, which has no limits of ours. So that a hostile
file fails here first (``too_complex``), with the same limits as pypdf's own extraction,
every stream that text extraction decodes is decoded once with pypdf inside
``pypdf.apply_configuration`` (set by the caller): page content streams, form XObjects
(recursively), and each font's program, ToUnicode CMap and Type 3 glyph procedures. Images
are skipped: text extraction never decodes them. Content is also capped in tokens, the
measure pypdf's ``stream_parsing_work_maximum_count`` uses, counted in C without parsing.
"""
from __future__ import annotations

import time

from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from domain.cv.errors import TooComplexPdfError

MAX_TOKENS_PER_PAGE = 300_000  # as _PYPDF_LIMITS' stream_parsing_work_maximum_count
MAX_DECODED_BYTES = 48_000_000  # all streams of all pages read, together
_MAX_OBJECTS = 2_000  # resources visited per document
_MAX_DEPTH = 4  # nested form XObjects
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def guard_pages(pages: list, deadline: float) -> None:
    """Decode what text extraction of ``pages`` would decode; raise ``TooComplexPdfError``
    past a limit (pypdf's, tokens, total bytes, object count or the monotonic deadline).

    Errors other than limits propagate from content streams (the caller maps them to
    ``corrupt``) and are ignored in font streams, which extractors tolerate being broken.
    """
    state = _State(deadline)
    for number, page in enumerate(pages, start=1):
        if time.monotonic() > deadline:
            raise TooComplexPdfError(detail=f"time budget exhausted before page {number}")
        tokens = sum(_tokens(state.decode(s, strict=True)) for s in _streams(page.get("/Contents")))
        tokens += _resources(state, page.get("/Resources"), 0)
        if tokens > MAX_TOKENS_PER_PAGE:
            raise TooComplexPdfError(detail=f"about {tokens} content tokens on page {number}")


class _State:
    """Bytes decoded so far, objects seen (shared fonts are decoded once), the deadline."""

    def __init__(self, deadline: float):
        self.deadline, self.decoded, self.seen = deadline, 0, set()

    def first_visit(self, obj) -> bool:
        key = (obj.idnum, obj.generation) if isinstance(obj, IndirectObject) else id(obj)
        if key in self.seen:
            return False
        self.seen.add(key)
        if len(self.seen) > _MAX_OBJECTS:
            raise TooComplexPdfError(detail=f"more than {_MAX_OBJECTS} resources")
        return True

    def decode(self, stream, *, strict: bool = False) -> bytes:
        try:
            data = stream.get_data() if isinstance(stream, StreamObject) else b""
        except LimitReachedError:
            raise
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            if strict:
                raise
            return b""
        self.decoded += len(data)
        if self.decoded > MAX_DECODED_BYTES:
            raise TooComplexPdfError(detail=f"over {MAX_DECODED_BYTES} bytes of streams to decode")
        if time.monotonic() > self.deadline:
            raise TooComplexPdfError(detail="time budget exhausted while decoding streams")
        return data


def _tokens(data: bytes) -> int:
    """Whitespace-separated tokens, approximately, without allocating them."""
    return data.count(b" ") + data.count(b"\n") + data.count(b"\r")


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _streams(contents) -> list:
    contents = _resolve(contents)
    if isinstance(contents, ArrayObject):
        return [_resolve(item) for item in contents[:1000]]
    return [contents] if contents is not None else []


def _dict(parent, key: str) -> DictionaryObject:
    value = _resolve(parent.get(key)) if isinstance(parent, DictionaryObject) else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _resources(state: _State, resources, depth: int) -> int:
    """Decode a resource dictionary's fonts and forms; the forms' content tokens."""
    resources = _resolve(resources)
    if depth > _MAX_DEPTH or not isinstance(resources, DictionaryObject):
        return 0
    for ref in _dict(resources, "/Font").values():
        if state.first_visit(ref):
            _font(state, _resolve(ref), depth)
    tokens = 0
    for ref in _dict(resources, "/XObject").values():
        xobject = _resolve(ref)
        if isinstance(xobject, StreamObject) and xobject.get("/Subtype") == "/Form" and state.first_visit(ref):
            tokens += _tokens(state.decode(xobject)) + _resources(state, xobject.get("/Resources"), depth + 1)
    return tokens


def _font(state: _State, font, depth: int) -> None:
    if not isinstance(font, DictionaryObject):
        return
    state.decode(_resolve(font.get("/ToUnicode")))
    for descendant in (_resolve(font.get("/DescendantFonts")) or [])[:4]:
        _font(state, _resolve(descendant), depth)
    descriptor = _dict(font, "/FontDescriptor")
    for key in _FONT_FILES:
        state.decode(_resolve(descriptor.get(key)))
    for proc in list(_dict(font, "/CharProcs").values())[:512]:
        state.decode(_resolve(proc))
    if font.get("/Subtype") == "/Type3":
        _resources(state, font.get("/Resources"), depth + 1)
