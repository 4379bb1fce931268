"""Whether a PDF page draws its words as pictures: a scan, or letters turned into shapes.

A page whose text layer is (nearly) empty is a scan when it still shows ink of another
kind. Three kinds are recognised, cheaply, in the page's content streams and the form
XObjects it draws (PDF 32000-1:2008): an image XObject (8.9.5, what scanners and phone
apps write), an inline image (``BI … ID … EI``, 8.9.7, some scanning drivers), and many
filled paths (``f``, ``F``, ``f*``, ``B``, ``B*``, ``b``, ``b*``, 8.5.3.1): design tools'
"outline fonts" export draws each glyph as a filled path. Operators are counted with a
regular expression on the decoded bytes, as ``domain.cv.pdf_guard`` counts tokens, without
parsing operands. Streams are decoded by pypdf (under the caller's
``pypdf.apply_configuration`` limits; pypdf caches what ``pdf_guard`` already decoded).
Image data is never decoded.
"""
from __future__ import annotations

import re

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

# Filled paths on a page before it counts as drawn letters. An outlined CV page has one
# fill per glyph (or per word), hundreds to thousands; the real CVs in tests/corpus/pdfs
# draw at most 49 on a page (Europass's logo stars; others 0-15: rules, bars, backgrounds),
# measured by tests/domain/cv/test_cv_pdf_reader.py. A page only counts with little text.
MIN_FILLS = 150
_MAX_DEPTH = 3  # nested form XObjects
_MAX_XOBJECTS = 200  # per resource dictionary
# An operator is a token: whitespace (or a delimiter ending an operand) before it, and
# whitespace, a delimiter or the end after it ("/F1" and "(fb)" are not operators).
_FILL = re.compile(rb"(?<![^\s\])>])(?:f\*?|F|B\*?|b\*?)(?![^\s\[(<>/%])")
_INLINE_IMAGE = re.compile(rb"(?<![^\s])BI\s*/")  # the operator, then its first key (/W, /Width...)


def page_ink(page: DictionaryObject) -> str | None:
    """Why ``page`` (a pypdf page or form XObject) shows ink that is not text: "image",
    "inline image" or "N filled paths" (N ≥ ``MIN_FILLS``); None when it shows none of
    these. Raises what pypdf raises decoding a content stream (the caller maps it)."""
    fills = 0
    for reason, count in _ink(page, 0):
        if reason:
            return reason
        fills += count
        if fills >= MIN_FILLS:
            return f"{fills}+ filled paths"
    return None


def filled_paths(page: DictionaryObject) -> int:
    """The fill operators ``page`` and the forms it draws use (every one, for measuring)."""
    return sum(count for _reason, count in _ink(page, 0))


def _ink(obj: DictionaryObject, depth: int):
    """Yields ``(reason, 0)`` for an image, else ``(None, fills)`` per content stream."""
    for stream in _streams(obj):
        data = stream.get_data()
        if _INLINE_IMAGE.search(data):
            yield "inline image", 0
            return
        yield None, len(_FILL.findall(data))
    resources = _resolve(obj.get("/Resources"))
    xobjects = _resolve(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
    if not isinstance(xobjects, DictionaryObject):
        return
    for ref in list(xobjects.values())[:_MAX_XOBJECTS]:
        xobject = _resolve(ref)
        subtype = xobject.get("/Subtype") if isinstance(xobject, DictionaryObject) else None
        if subtype == "/Image":
            yield "image", 0
            return
        if subtype == "/Form" and depth < _MAX_DEPTH:
            yield from _ink(xobject, depth + 1)


def _streams(obj: DictionaryObject) -> list[StreamObject]:
    """A page's content streams (``/Contents``: one or an array), or a form XObject itself."""
    if isinstance(obj, StreamObject):
        return [obj]
    contents = _resolve(obj.get("/Contents"))
    items = [_resolve(item) for item in contents[:1000]] if isinstance(contents, ArrayObject) else [contents]
    return [item for item in items if isinstance(item, StreamObject)]


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj
