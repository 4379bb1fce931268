"""OpenDocument text (.odt, and flat .fodt) CVs read natively into the ``PdfText`` shape.

Formats: OASIS ODF 1.3 Part 3 (``content.xml``'s ``office:text``, ``text:p``/``text:h``/``text:list``,
``table:table``, ``draw:frame``/``draw:text-box``; white space per §6.1.2: runs of spaces collapse,
``text:s`` counts spaces, ``text:tab``, ``text:line-break``; headers and footers in ``styles.xml``'s
master pages; font size and weight from ``style:text-properties`` through
``style:parent-style-name``) and Part 2 (``META-INF/manifest.xml`` ``encryption-data``).
The package is opened through ``domain.cv.office.package``, laid out by
``domain.cv.office.blocks``; a document of pictures only is read by ``domain.cv.office.pictures``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import etree

from domain.cv.errors import CorruptDocumentError, EncryptedDocumentError
from domain.cv.office.blocks import (
    PAGE,
    Block,
    Para,
    Table,
    collapse,
    lines_of,
    pdf_text,
    place,
)
from domain.cv.office.package import (
    MAX_TEXT_CHARS,
    TIME_BUDGET_SECONDS,
    Budget,
    FlatPackage,
    Package,
    elements,
)
from domain.cv.office.pictures import OnPage, text_or_pictures
from domain.cv.types import PdfText

MAX_SPACES = 100  # one ODF ``text:s``; a layout never needs more, ``text:c`` is otherwise unbounded
_ODT_DEFAULT_SIZE = 12.0  # LibreOffice's default paragraph size when styles name none


_ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_NS_PREFIX = {uri: prefix for prefix, uri in _ODF.items()}
_UNITS = {"pt": 1.0, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
# Not the document's text: notes' bodies, comments, change tracking, declarations, forms, indexes' titles.
_ODF_SKIP = {"text:note", "office:annotation", "office:annotation-end", "text:tracked-changes",
             "text:sequence-decls", "text:variable-decls", "text:user-field-decls", "office:forms",
             "text:deletion", "draw:image", "svg:title", "svg:desc", "text:soft-page-break",
             "table:table-columns", "table:table-column", "table:table-header-columns",
             "table:covered-table-cell", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
             "text:change", "text:change-start", "text:change-end", "office:event-listeners"}


def _o(el: etree._Element) -> str | None:
    """``prefix:local`` of an ODF element, else None."""
    return _o_name(el.tag) if isinstance(el.tag, str) else None


@lru_cache(maxsize=4096)
def _o_name(tag: str) -> str | None:
    namespace, _, local = tag[1:].partition("}")
    prefix = _NS_PREFIX.get(namespace)
    return f"{prefix}:{local}" if prefix else None


def _oattr(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    prefix, local = name.split(":")
    return el.get(f"{{{_ODF[prefix]}}}{local}")


class _OdfStyles:
    """Font size and weight through ``style:parent-style-name`` (ODF 1.3 Part 3 §16.2), automatic
    styles before common ones, the paragraph default style last; list styles' bullet levels."""

    def __init__(self, automatic: etree._Element | None, common: etree._Element | None):
        self.auto, self.common, self.lists = {}, {}, {}
        self.default_props: etree._Element | None = None
        # answers per style name: without them each paragraph rescans its style chain
        self.props = lru_cache(maxsize=4096)(self._props)
        self.paragraph_break = lru_cache(maxsize=4096)(self._paragraph_break)
        self.list_bullet = lru_cache(maxsize=4096)(self._list_bullet)
        self.paragraph_list_style = lru_cache(maxsize=4096)(self._paragraph_list_style)
        for table, root in ((self.common, common), (self.auto, automatic)):
            if root is None:
                continue
            for el in root.iter():
                kind = _o(el)
                if kind == "style:style":
                    table[(_oattr(el, "style:family"), _oattr(el, "style:name"))] = el
                elif kind == "text:list-style":
                    self.lists[_oattr(el, "style:name")] = el
                elif kind == "style:default-style" and _oattr(el, "style:family") == "paragraph":
                    self.default_props = _text_props(el)

    def _chain(self, family: str, name: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while name and len(chain) < 32:
            style = self.auto.get((family, name)) if not chain else None
            style = style if style is not None else self.common.get((family, name))
            if style is None or style in chain:
                break
            chain.append(style)
            name = _oattr(style, "style:parent-style-name")
        return chain

    def _props(self, paragraph: str | None, span: str | None, base: tuple[float, bool] | None = None
              ) -> tuple[float, bool]:
        """``(size pt, bold)`` of text in paragraph style ``paragraph`` and text style ``span``."""
        levels = [self.default_props] + [_text_props(s) for s in reversed(self._chain("paragraph", paragraph))]
        size, bold = _ODT_DEFAULT_SIZE, False
        if base is not None:
            size, bold = base
            levels = []
        levels += [_text_props(s) for s in reversed(self._chain("text", span))]
        for props in levels:
            size = _font_size(_oattr(props, "fo:font-size"), size)
            weight = _oattr(props, "fo:font-weight")
            if weight:
                bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
        return size, bold

    def _paragraph_break(self, name: str | None) -> bool:
        """True when the paragraph style starts a new page (``fo:break-before="page"``)."""
        for style in self._chain("paragraph", name):
            value = _oattr(_child(style, "style:paragraph-properties"), "fo:break-before")
            if value:
                return value == "page"
        return False

    def _list_bullet(self, name: str | None, level: int) -> bool | None:
        """Whether level ``level`` (1-based) of list style ``name`` is a bullet; None if unknown."""
        style = self.lists.get(name) if name else None
        if style is None:
            return None
        for el in elements(style):
            if _oattr(el, "text:level") == str(level):
                return _o(el) in ("text:list-level-style-bullet", "text:list-level-style-image")
        return None

    def _paragraph_list_style(self, name: str | None) -> str | None:
        for style in self._chain("paragraph", name):
            if _oattr(style, "style:list-style-name"):
                return _oattr(style, "style:list-style-name")
        return None


def _text_props(style: etree._Element) -> etree._Element | None:
    return _child(style, "style:text-properties")


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in elements(el) if _o(c) == name), None)


def _font_size(value: str | None, inherited: float) -> float:
    """``fo:font-size``: a length or a percentage of the inherited size (XSL 1.0 §7.8.4)."""
    if not value:
        return inherited
    match = re.fullmatch(r"\s*([\d.]+)\s*(%|pt|pc|in|cm|mm|px)\s*", value)
    if not match:
        return inherited
    number = float(match.group(1))
    return inherited * number / 100 if match.group(2) == "%" else number * _UNITS[match.group(2)]


class _Odf:
    def __init__(self, package: Package | FlatPackage):
        self.package, self.budget = package, package.budget
        if package.has("META-INF/manifest.xml"):
            manifest = package.xml("META-INF/manifest.xml")
            if any(_o(el) == "manifest:encryption-data" for el in manifest.iter()):
                raise EncryptedDocumentError(detail="odt: manifest lists encrypted parts")
        if not package.has("content.xml"):
            raise CorruptDocumentError(detail="odt: content.xml missing")
        self.content = package.xml("content.xml")
        self.style_root = package.xml("styles.xml") if package.has("styles.xml") else None
        common = _child(self.style_root, "office:styles")
        self.styles = _OdfStyles(_child(self.content, "office:automatic-styles"), common)
        self.margin_styles = _OdfStyles(_child(self.style_root, "office:automatic-styles"), common)

    def blocks(self) -> list[Block]:
        text = _child(_child(self.content, "office:body"), "office:text")
        if text is None:
            raise CorruptDocumentError(detail="odt: no office:body/office:text")
        headers = self._margins(("style:header-first", "style:header", "style:header-left"))
        footers = self._margins(("style:footer-first", "style:footer", "style:footer-left"))
        body = _OdfReader(self.styles, self.budget).blocks(text)
        return headers + body + footers

    def picture_parts(self) -> list[str]:
        """Pictures the text shows (``draw:image xlink:href``), in document order, then any other
        part under ``Pictures/``."""
        names = []
        for el in self.content.iter(f"{{{_ODF['draw']}}}image"):
            href = (el.get("{http://www.w3.org/1999/xlink}href") or "").removeprefix("./")
            if href and self.package.has(href) and href not in names:
                names.append(href)
        return names + sorted(info.filename for key, info in getattr(self.package, "names", {}).items()
                              if key.startswith("pictures/") and info.filename not in names)

    def _margins(self, names: tuple[str, ...]) -> list[Block]:
        """Master pages' headers or footers (ODF 1.3 Part 3 §16.10), each distinct one once."""
        masters = _child(self.style_root, "office:master-styles")
        if masters is None:
            return []
        reader, out, seen = _OdfReader(self.margin_styles, self.budget), [], set()
        for name in names:
            for master in elements(masters):
                if self.budget.full:
                    return out
                part = _child(master, name)
                if part is None or _oattr(part, "style:display") == "false":
                    continue
                blocks = reader.blocks(part)
                key = repr([line.text for line in place(blocks, 0.0, 1)[0]])
                if blocks and key not in seen and key != "[]":
                    seen.add(key)
                    out += blocks
        return out


class _OdfReader:
    def __init__(self, styles: _OdfStyles, budget: Budget):
        self.styles, self.budget = styles, budget

    def blocks(self, container: etree._Element, list_style: str | None = None, depth: int = 0) -> list[Block]:
        out: list[Block] = []
        for el in elements(container):
            if self.budget.full:
                break
            self.budget.step()
            name = _o(el)
            if name in ("text:p", "text:h"):
                out.append(self._paragraph(el, bullet=None))
            elif name == "text:list":
                out += self._list(el, _oattr(el, "text:style-name") or list_style, depth + 1)
            elif name == "table:table":
                out.append(Table([[self.blocks(cell) for cell in elements(row) if _o(cell) == "table:table-cell"]
                                  for row in _table_rows(el)]))
            elif name in ("draw:frame", "draw:text-box", "draw:custom-shape", "draw:rect", "draw:g", "draw:a"):
                out += self.blocks(el)  # frames anchored to the page sit in the body
            elif name in _ODF_SKIP or name is None:
                continue
            else:
                out += self.blocks(el, list_style, depth)  # sections, indexes' bodies, headers' regions
        return out

    def _list(self, el: etree._Element, style: str | None, depth: int) -> list[Block]:
        out: list[Block] = []
        for item in elements(el):
            if self.budget.full:
                break
            self.budget.step()
            if _o(item) not in ("text:list-item", "text:list-header"):
                continue
            first = True
            for child in elements(item):
                name = _o(child)
                if name in ("text:p", "text:h"):
                    own = style or self.styles.paragraph_list_style(_oattr(child, "text:style-name"))
                    bullet = self.styles.list_bullet(own, depth)
                    is_item = first and _o(item) == "text:list-item"
                    out.append(self._paragraph(child, bullet=(bullet is not False) and is_item))
                    first = False
                elif name == "text:list":
                    out += self._list(child, _oattr(child, "text:style-name") or style, depth + 1)
                else:
                    out += self.blocks(child, style, depth)
        return out

    def _paragraph(self, p: etree._Element, *, bullet: bool | None) -> Para:
        self.budget.paragraphs += 1
        style = _oattr(p, "text:style-name")
        base = self.styles.props(style, None)
        runs: list[tuple[str, float, bool]] = [(PAGE, base[0], False)] if self.styles.paragraph_break(style) else []
        floats: list[list[Block]] = []
        self._inline(p, base, runs, floats)
        # ODF §6.1.2: white space runs in character data collapse to one space; lines are trimmed
        return Para(lines_of(runs, base[0]), base[0], floats, bool(bullet))

    def _inline(self, el: etree._Element, props: tuple[float, bool], runs: list, floats: list) -> None:
        size, bold = props
        if el.text:
            runs.append((self.budget.gathered(collapse(el.text)), size, bold))
        for child in el:
            if self.budget.full:
                break
            self.budget.step()
            name = _o(child) if isinstance(child.tag, str) else None
            if name == "text:s":
                runs.append((self.budget.gathered(" " * _spaces(_oattr(child, "text:c"))), size, bold))
            elif name == "text:tab":
                runs.append(("\t", size, bold))
            elif name == "text:line-break":
                runs.append(("\n", size, bold))
            elif name == "text:soft-page-break":
                runs.append((PAGE, size, bold))  # where LibreOffice's last layout started a page
            elif name in ("draw:frame", "draw:custom-shape", "draw:rect", "draw:g", "draw:a"):
                floats.append(self.blocks(child))
            elif name in ("text:span", "text:a", "text:meta", "text:ruby", "text:ruby-base") or (
                    name and name.startswith("text:") and name not in _ODF_SKIP):
                span = _oattr(child, "text:style-name")
                self._inline(child, self.styles.props(None, span, props) if span else props, runs, floats)
            if child.tail:
                runs.append((self.budget.gathered(collapse(child.tail)), size, bold))


def _spaces(count: str | None) -> int:
    """``text:s``'s ``text:c`` (ODF 1.3 Part 3 §6.1.3, default 1), at most ``MAX_SPACES``."""
    if not count or not (count.isascii() and count.isdigit()):
        return 1
    return MAX_SPACES if len(count) > 3 else max(1, min(int(count), MAX_SPACES))


def _table_rows(table: etree._Element) -> Iterator[etree._Element]:
    for el in elements(table):
        name = _o(el)
        if name == "table:table-row":
            yield el
        elif name in ("table:table-header-rows", "table:table-rows", "table:table-row-group"):
            yield from _table_rows(el)


def read_odt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS,
             on_page: OnPage | None = None) -> PdfText:
    """The text of an OpenDocument text (.odt, OASIS ODF 1.3) CV with layout evidence.

    Returns ``PdfText(source="odt")`` shaped as ``domain.cv.office.word.read_docx``'s (headers and footers from the
    master pages in ``styles.xml``; frames and text boxes after their anchor paragraph; pages
    from page breaks and LibreOffice's soft page breaks; pictures only → OCR, ``source="scan"``).
    Raises what ``read_docx`` raises; ``EncryptedDocumentError`` when the manifest lists
    encrypted parts.
    """
    budget = Budget("odt", max_chars=max_chars, time_budget=time_budget)
    package = Package(data, "odt", budget)
    odf = _Odf(package)
    blocks = odf.blocks()
    return text_or_pictures(blocks, package, odf.picture_parts, source="odt", max_chars=max_chars, on_page=on_page)


def read_fodt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS) -> PdfText:
    """``read_odt`` for flat OpenDocument text (.fodt, ODF 1.3 Part 3 §2.2.1: one
    ``office:document`` XML holding what an .odt keeps in content.xml and styles.xml).

    Returns ``PdfText(source="odt")``; raises ``CorruptDocumentError`` for XML that does not
    parse, ``DecompressionBombError`` and ``TooComplexDocumentError`` as ``read_docx`` does,
    and ``EmptyDocumentError`` for no text.
    """
    budget = Budget("fodt", max_chars=max_chars, time_budget=time_budget)
    return pdf_text(_Odf(FlatPackage(data, budget)).blocks(), source="odt", max_chars=max_chars)

