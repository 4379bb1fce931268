"""Word (.docx) CVs read natively into the ``PdfText`` shape.

Formats: ECMA-376 5th edition Part 1 (WordprocessingML: ``w:body``, ``w:p``/``w:r``/``w:t``,
``w:tbl``, text boxes ``w:txbxContent``, headers ``w:hdr``, styles with ``w:basedOn``, ``w:numPr``
lists; both the transitional and the Strict namespace) and Part 2 (Open Packaging Conventions:
``_rels/.rels`` names the main part, each part's ``_rels`` its headers, styles and numbering).
The package is opened through ``domain.cv.office.package``, laid out by
``domain.cv.office.blocks``; ``w:altChunk`` parts are read by ``domain.cv.office.alt_chunk`` and a
document of pictures only by ``domain.cv.office.pictures``.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from functools import lru_cache

from lxml import etree

from domain.cv.errors import (
    CorruptDocumentError,
    EmbeddedDocumentError,
    EmptyDocumentError,
)
from domain.cv.office.alt_chunk import CHUNK_KINDS, chunk_blocks, part_media_type
from domain.cv.office.blocks import PAGE, Block, Line, Para, Table, lines_of, place
from domain.cv.office.package import (
    MAX_TEXT_CHARS,
    TIME_BUDGET_SECONDS,
    Budget,
    Package,
    elements,
    own_text,
)
from domain.cv.office.pictures import OnPage, text_or_pictures
from domain.cv.types import PdfText

_DOCX_DEFAULT_SIZE = 10.0  # ECMA-376 §17.3.2.38: no w:sz anywhere in the hierarchy → 10 pt


_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")
_R_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         "http://purl.oclc.org/ooxml/officeDocument/relationships")
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFF = {"0", "false", "off", "none"}
# Content that is not the document's current text: deletions, field codes, properties, notes.
_W_SKIP = {"pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "del", "moveFrom", "delText",
           "delInstrText", "instrText", "fldChar", "commentReference", "footnoteReference",
           "endnoteReference", "annotationRef", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
           "permEnd", "sdtPr", "sdtEndPr", "altChunk", "rubyPr", "rt"}


def _w(el: etree._Element) -> str | None:
    """The local name of a WordprocessingML element (either namespace), else None."""
    return _w_local(el.tag) if isinstance(el.tag, str) else None


@lru_cache(maxsize=4096)
def _w_local(tag: str) -> str | None:
    namespace, _, local = tag[1:].partition("}")
    return local if namespace in _W_NS else None


def _wattr(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    for ns in _W_NS:
        value = el.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def _wchild(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((child for child in elements(el) if _w(child) == name), None)


def _rels(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """``{relationship id: (type, part name)}`` of a part's internal relationships (OPC §9.3)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if not package.has(rels_name):
        return {}
    out = {}
    for rel in package.xml(rels_name).iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
    return out


class _WordStyles:
    """Font size and boldness through ECMA-376's hierarchy (§17.7.2): run properties, character
    style, paragraph style (each through ``w:basedOn``), document defaults."""

    def __init__(self, styles: etree._Element | None, numbering: etree._Element | None):
        self.styles: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.defaults: etree._Element | None = None
        self._memo: dict[tuple, object] = {}
        if styles is not None:
            for el in elements(styles):  # w:docDefaults and w:style are the root's children (§17.7.4.18)
                name = _w(el)
                if name == "style" and _wattr(el, "styleId"):
                    self.styles[_wattr(el, "styleId")] = el
                    if _wattr(el, "type") == "paragraph" and _wattr(el, "default") in ("1", "true", "on"):
                        self.default_para = _wattr(el, "styleId")
                elif name == "docDefaults":
                    self.defaults = _wchild(_wchild(el, "rPrDefault"), "rPr")
        self.bullets = self._bullet_levels(numbering)

    @staticmethod
    def _bullet_levels(numbering: etree._Element | None) -> set[tuple[str, str]]:
        """``{(numId, ilvl)}`` whose number format is a bullet (§17.9.17)."""
        if numbering is None:
            return set()
        abstract = {}
        for el in elements(numbering):
            if _w(el) == "abstractNum":
                abstract[_wattr(el, "abstractNumId")] = {
                    _wattr(lvl, "ilvl") for lvl in elements(el)
                    if _w(lvl) == "lvl" and _wattr(_wchild(lvl, "numFmt"), "val") == "bullet"}
        out = set()
        for el in elements(numbering):
            if _w(el) == "num":
                for level in abstract.get(_wattr(_wchild(el, "abstractNumId"), "val"), ()):
                    out.add((_wattr(el, "numId"), level))
        return out

    def _chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 32:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _wattr(_wchild(style, "basedOn"), "val")

    def _first(self, rpr: etree._Element | None, p_style: str | None, r_style: str | None,
               get: Callable[[etree._Element | None], object]) -> object:
        value = get(rpr)
        return value if value is not None else self._inherited(p_style, r_style, get)

    def _inherited(self, p_style: str | None, r_style: str | None,
                   get: Callable[[etree._Element | None], object]) -> object:
        """The first value up the style chains, cached: without it each run rescans its styles."""
        key = (p_style, r_style, get)
        if key not in self._memo:
            self._memo[key] = self._lookup(p_style, r_style, get)
        return self._memo[key]

    def _lookup(self, p_style: str | None, r_style: str | None,
                get: Callable[[etree._Element | None], object]) -> object:
        for props in (*(_wchild(s, "rPr") for s in self._chain(r_style)),
                      *(_wchild(s, "rPr") for s in self._chain(p_style)), self.defaults):
            value = get(props)
            if value is not None:
                return value
        return None

    def run(self, rpr: etree._Element | None, p_style: str | None) -> tuple[float, bool]:
        """``(size pt, bold)`` of a run with properties ``rpr`` in paragraph style ``p_style``."""
        p_style = p_style or self.default_para
        r_style = _wattr(_wchild(rpr, "rStyle"), "val")
        size = self._first(rpr, p_style, r_style, _half_points)
        bold = self._first(rpr, p_style, r_style, _toggle)
        return (size if size is not None else _DOCX_DEFAULT_SIZE), bool(bold)

    def paragraph(self, ppr: etree._Element | None) -> tuple[str | None, bool, bool]:
        """``(style id, is a bullet item, starts a new page)`` of a paragraph."""
        style = _wattr(_wchild(ppr, "pStyle"), "val") or self.default_para
        num_pr, break_before = _wchild(ppr, "numPr"), _toggle(ppr, "pageBreakBefore")
        style_num_pr, style_break = self._paragraph_style(style)
        num_pr = num_pr if num_pr is not None else style_num_pr
        break_before = break_before if break_before is not None else style_break
        num_id = _wattr(_wchild(num_pr, "numId"), "val")
        level = _wattr(_wchild(num_pr, "ilvl"), "val") or "0"
        return style, (num_id, level) in self.bullets, bool(break_before)

    def _paragraph_style(self, style: str | None) -> tuple[etree._Element | None, bool | None]:
        if ("p", style) in self._memo:
            return self._memo[("p", style)]
        num_pr, break_before = None, None
        for s in self._chain(style):
            s_ppr = _wchild(s, "pPr")
            num_pr = num_pr if num_pr is not None else _wchild(s_ppr, "numPr")
            break_before = break_before if break_before is not None else _toggle(s_ppr, "pageBreakBefore")
        self._memo[("p", style)] = num_pr, break_before
        return num_pr, break_before


def _half_points(rpr: etree._Element | None) -> float | None:
    value = _wattr(_wchild(rpr, "sz"), "val")
    try:
        return float(value) / 2 if value else None
    except ValueError:
        return None


def _toggle(props: etree._Element | None, name: str = "b") -> bool | None:
    el = _wchild(props, name)
    if el is None:
        return None
    return (_wattr(el, "val") or "true").lower() not in _OFF


class _Word:
    def __init__(self, package: Package):
        self.package, self.budget = package, package.budget
        self.foreign_chunks: list[str] = []  # content types of altChunk parts that could not be read
        main = next((name for kind, name in _rels(package, "").values() if kind == "officeDocument"), None)
        main = main or "word/document.xml"
        if not package.has(main):
            raise CorruptDocumentError(detail=f"docx: main part {main} missing")
        self.document = package.xml(main)
        self.rels = _rels(package, main)
        by_type = {kind: name for kind, name in self.rels.values()}
        self.styles = _WordStyles(self._optional(by_type.get("styles")), self._optional(by_type.get("numbering")))

    def _optional(self, name: str | None) -> etree._Element | None:
        return self.package.xml(name) if name and self.package.has(name) else None

    def blocks(self) -> list[Block]:
        body = _wchild(self.document, "body")
        if body is None:
            raise CorruptDocumentError(detail="docx: no w:body")
        headers, footers = self._margins("headerReference"), self._margins("footerReference")
        return headers + self._blocks(body) + footers

    def _margins(self, reference: str) -> list[Block]:
        """Headers (or footers) of every section, first-page ones first, each part once."""
        refs = [el for el in self.document.iter() if _w(el) == reference]
        order = {"first": 0, "default": 1, "even": 2}
        parts: list[str] = []
        for ref in sorted(refs, key=lambda r: order.get(_wattr(r, "type") or "default", 1)):
            rel_id = next((ref.get(f"{{{ns}}}id") for ns in _R_NS if ref.get(f"{{{ns}}}id")), None)
            name = self.rels.get(rel_id or "", (None, None))[1]
            if name and name not in parts and self.package.has(name):
                parts.append(name)
        out: list[Block] = []
        seen: set[str] = set()
        for name in parts:
            if self.budget.full:
                break
            blocks = self._blocks(self.package.xml(name))
            key = repr([line.text for line in place(blocks, 0.0, 1)[0]])
            if key not in seen:  # the first-page and default header are often the same
                seen.add(key)
                out += blocks
        return out

    def _blocks(self, container: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in elements(container):
            if self.budget.full:
                break
            self.budget.step()
            name = _w(el)
            if name == "p":
                out += self._paragraph(el)
            elif name == "tbl":
                out.append(Table([self._cells(tr) for tr in self._rows(el)]))
            elif name == "altChunk":
                out += self._alt_chunk(el)
            elif name in _W_SKIP:
                continue
            elif name is not None or etree.QName(el).namespace != _MC_NS:
                out += self._blocks(_content(el))  # sdt, customXml, ins, moveTo...
            else:
                out += self._blocks(_alternate(el))
        return out

    def _rows(self, table: etree._Element) -> Iterator[etree._Element]:
        for el in elements(table):
            name = _w(el)
            if name == "tr":
                yield el
            elif name in ("sdt", "customXml"):
                yield from self._rows(_content(el))

    def _cells(self, row: etree._Element) -> list[list[Block]]:
        cells = []
        for el in elements(row):
            name = _w(el)
            if name == "tc":
                merge = _wchild(_wchild(el, "tcPr"), "vMerge")
                if merge is not None and (_wattr(merge, "val") or "continue") == "continue":
                    continue  # the cell above spans this row; its text is there
                cells.append(self._blocks(el))
            elif name in ("sdt", "customXml"):
                cells += self._cells(_content(el))
        return cells

    def _paragraph(self, p: etree._Element) -> list[Block]:
        self.budget.paragraphs += 1
        style, bullet, break_before = self.styles.paragraph(_wchild(p, "pPr"))
        size = self.styles.run(_wchild(_wchild(p, "pPr"), "rPr"), style)[0]
        runs: list[tuple[str, float, bool]] = [(PAGE, size, False)] if break_before else []
        floats: list[list[Block]] = []
        self._inline(p, style, runs, floats)
        out: list[Block] = [Para(lines_of(runs, size), size, floats, bullet)]
        section = _wchild(_wchild(p, "pPr"), "sectPr")
        if section is not None and _wattr(_wchild(section, "type"), "val") not in ("continuous", "nextColumn"):
            out.append(Para([Line(PAGE, size, False)], 0.0))  # the next section starts a page
        return out

    def _inline(self, el: etree._Element, style: str | None, runs: list, floats: list) -> None:
        """Text of a paragraph's runs (through hyperlinks, fields, content controls, insertions)."""
        for child in elements(el):
            if self.budget.full:
                break
            self.budget.step()
            name = _w(child)
            if name == "r":
                self._run(child, style, runs, floats)
            elif name in _W_SKIP:
                continue
            elif name is None and etree.QName(child).namespace == _MC_NS:
                self._inline(_alternate(child), style, runs, floats)
            elif name is not None:
                self._inline(_content(child), style, runs, floats)

    def _run(self, r: etree._Element, style: str | None, runs: list, floats: list) -> None:
        size, bold = self.styles.run(_wchild(r, "rPr"), style)
        for child in elements(r):
            self.budget.step()
            name = _w(child)
            if name == "t":
                runs.append((self.budget.gathered(own_text(child)), size, bold))
            elif name in ("tab", "ptab"):
                runs.append(("\t", size, bold))
            elif name == "br":
                runs.append((PAGE if _wattr(child, "type") == "page" else "\n", size, bold))
            elif name == "cr":
                runs.append(("\n", size, bold))
            elif name == "noBreakHyphen":
                runs.append(("-", size, bold))
            elif name == "lastRenderedPageBreak":
                runs.append((PAGE, size, bold))  # where Word's last layout started a page
            elif name in ("drawing", "pict", "object") or etree.QName(child).namespace == _MC_NS:
                floats += [self._blocks(box) for box in _text_boxes(child)]

    # sym (icon fonts), footnote marks, fields' codes and the rest carry no CV text

    def _alt_chunk(self, el: etree._Element) -> list[Block]:
        """``w:altChunk`` (ECMA-376 §17.17.2.1): another document imported whole, here read when
        it is HTML (or MHTML, or plain text); another kind is remembered for the error message."""
        rel_id = next((el.get(f"{{{ns}}}id") for ns in _R_NS if el.get(f"{{{ns}}}id")), None)
        name = self.rels.get(rel_id or "", (None, None))[1]
        if not name or not self.package.has(name):
            return []
        content_type = part_media_type(self.package, name)
        if content_type not in CHUNK_KINDS:
            self.foreign_chunks.append(content_type)
            return []
        return chunk_blocks(self.package, name, content_type, _DOCX_DEFAULT_SIZE)

    def picture_parts(self) -> list[str]:
        """Parts of the pictures the body shows (``a:blip r:embed``, VML ``v:imagedata r:id``), in
        document order, then any other ``word/media`` part."""
        names = []
        for el in self.document.iter():
            for key, rel_id in el.items():
                if key.startswith("{") and key.endswith(("}embed", "}id")) and rel_id in self.rels:
                    kind, name = self.rels[rel_id]
                    if kind == "image" and name not in names:
                        names.append(name)
        media = sorted(n for n in self.package.names if n.startswith("word/media/"))
        return names + [self.package.names[n].filename for n in media
                        if self.package.names[n].filename not in names]


def _content(el: etree._Element) -> etree._Element:
    """A content control's ``w:sdtContent``; any other wrapper is its own content."""
    inner = _wchild(el, "sdtContent") if _w(el) == "sdt" else None
    return inner if inner is not None else el


def _alternate(el: etree._Element) -> etree._Element:
    """``mc:AlternateContent``: the first ``mc:Choice`` (Word writes the same text box again in
    ``mc:Fallback`` as VML, which must not be read twice)."""
    for child in elements(el):
        if etree.QName(child).localname in ("Choice", "Fallback"):
            return child
    return el


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """The outermost ``w:txbxContent`` inside a drawing, picture or alternate content."""
    if _w(el) == "txbxContent":
        return [el]
    if etree.QName(el).namespace == _MC_NS and etree.QName(el).localname == "AlternateContent":
        return _text_boxes(_alternate(el))
    out = []
    for child in elements(el):
        out += _text_boxes(child)
    return out


def read_docx(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS,
              on_page: OnPage | None = None) -> PdfText:
    """The text of a Word (.docx, ECMA-376 WordprocessingML) CV with layout evidence.

    Returns ``PdfText(source="docx")``: ``text`` in reading order (headers, body with tables,
    text boxes and HTML ``altChunk`` parts, footers; repaired as the PDF path repairs, cut at
    ``max_chars``: reading stops once that many characters are gathered), ``large_lines``
    (lines near the top of page one, largest font first), ``lines`` (every line with its font
    size in points, boldness and estimated ``y`` in points), ``pages`` (pages counted from page
    breaks). A document with no text but pictures (a scan pasted into Word) is read by OCR:
    ``PdfText(source="scan")``, one page a picture (see ``domain.cv.office.pictures``).

    Raises ``DecompressionBombError`` (too many entries, too much declared or actual inflated
    data, an extreme compression ratio, over ``MAX_XML_BYTES`` of XML or ``MAX_ELEMENTS``
    elements in all, nested entities), ``TooComplexDocumentError`` (over ``time_budget``
    seconds), ``CorruptDocumentError`` (not a ZIP, a damaged entry, no main part, malformed
    XML), ``EncryptedDocumentError`` (encrypted ZIP entries), ``EmbeddedDocumentError`` (no text
    but an altChunk in a format not read), ``EmptyDocumentError`` (no text, no pictures), and
    for pictures what ``domain.cv.ocr.read_image`` raises.
    """
    budget = Budget("docx", max_chars=max_chars, time_budget=time_budget)
    package = Package(data, "docx", budget)
    word = _Word(package)
    blocks = word.blocks()
    try:
        return text_or_pictures(blocks, package, word.picture_parts, source="docx", max_chars=max_chars,
                                on_page=on_page)
    except EmptyDocumentError:
        if word.foreign_chunks:
            raise EmbeddedDocumentError(detail=f"docx: altChunk of {', '.join(word.foreign_chunks)}") from None
        raise
