"""Word (.docx) and OpenDocument (.odt) CVs read natively into the ``PdfText`` shape.

Formats: ECMA-376 5th edition Part 1 (WordprocessingML: ``w:body``, ``w:p``/``w:r``/``w:t``,
``w:tbl``, text boxes ``w:txbxContent``, headers ``w:hdr``, styles with ``w:basedOn``, ``w:numPr``
lists; both the transitional and the Strict namespace) and Part 2 (Open Packaging Conventions:
``_rels/.rels`` names the main part, each part's ``_rels`` its headers, styles and numbering);
OASIS ODF 1.3 Part 3 (``content.xml``'s ``office:text``, ``text:p``/``text:h``/``text:list``,
``table:table``, ``draw:frame``/``draw:text-box``; white space per §6.1.2: runs of spaces collapse,
``text:s`` counts spaces, ``text:tab``, ``text:line-break``; headers and footers in ``styles.xml``'s
master pages; font size and weight from ``style:text-properties`` through
``style:parent-style-name``) and Part 2 (``META-INF/manifest.xml`` ``encryption-data``).

Neither format carries a layout, so the reading order and the geometry are built from the
structure, to read like the PDF reader's output for the same CV: headers first, then the body, then
footers; a table row whose cells but the last are one short line each reads across on one line
("2019 – 2021   Engineer, ACME"), other rows cell after cell (a sidebar cell whole, then the main
cell); a text box's lines follow the paragraph it is anchored to. ``y`` is an estimate (each line
advances by 1.2 × its font size, a table row by its tallest cell) that only ranks lines near the top;
pages are counted from explicit page breaks and the breaks the editor last rendered
(``w:lastRenderedPageBreak``, ``text:soft-page-break``).

Safety, before any XML is parsed: the ZIP directory is checked for entry count, total declared
uncompressed size and per-entry compression ratio, and every part is read with a byte cap while it
is decompressed (a lying size header cannot get past it); XML is parsed without entity
substitution, DTD loading or network access, and with libxml2's default size limits.
"""
from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    EmptyDocumentError,
    EncryptedDocumentError,
)
from domain.cv.repair import SOFT_HYPHEN, join_letter_spaced
from domain.cv.types import PdfLine, PdfText

MAX_TEXT_CHARS = 200_000
# A CV's package holds a few dozen parts and at most some MB of images; these caps leave a wide
# margin and still stop a bomb long before it costs memory.
MAX_ENTRIES = 1_000
MAX_DECLARED_BYTES = 100 * 1024 * 1024  # sum of the directory's uncompressed sizes
MAX_RATIO = 100  # uncompressed / compressed, for entries over RATIO_MIN_BYTES (XML packs ~5-20:1)
RATIO_MIN_BYTES = 1024 * 1024
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, as inflated
_READ_CHUNK = 256 * 1024

_LINE_GAP = 1.2  # line height / font size at single spacing, Word's and LibreOffice's
_TOP_REGION = 200.0  # points from the top of page one that hold name and headline evidence
_TOP_LIMIT = 8
_ACROSS_MAX = 40  # label cells up to this many characters read across the row
_TAB = "   "  # the PDF layout reader's gap between cells on one line
_PAGE = "\f"
_DOCX_DEFAULT_SIZE = 10.0  # ECMA-376 §17.3.2.38: no w:sz anywhere in the hierarchy → 10 pt
_ODT_DEFAULT_SIZE = 12.0  # LibreOffice's default paragraph size when styles name none


# --- shapes shared by both formats -------------------------------------------------------------

@dataclass
class _Line:
    text: str
    size: float
    bold: bool


@dataclass
class _Para:
    lines: list[_Line]  # a line of text ``_PAGE`` is a page break
    size: float  # the paragraph's own font size (an empty paragraph still takes its height)
    floats: list[list[_Block]] = field(default_factory=list)  # text boxes anchored here
    bullet: bool = False


@dataclass
class _Table:
    rows: list[list[list[_Block]]]  # rows → cells → blocks


_Block = _Para | _Table


@dataclass
class _Placed:
    text: str
    size: float
    bold: bool
    page: int
    y: float


def _clean(text: str) -> str:
    """NFKC (ligatures, full-width forms, no-break spaces), no soft hyphens or zero-width marks,
    letter-spaced headings joined, as the PDF path does."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(f"[{SOFT_HYPHEN}\u200b\u200c\u200d\u2060\ufeff\x00]", "", text).replace("\t", _TAB)
    return join_letter_spaced(text.strip())


def _lines_of(runs: list[tuple[str, float, bool]], size: float) -> list[_Line]:
    """Runs ``(text, size pt, bold)`` split at line and page breaks; a line's size is its largest
    run's, its boldness that of most of its letters."""
    lines: list[_Line] = []
    parts: list[tuple[str, float, bool]] = []

    def close() -> None:
        visible = [(t, s, b) for t, s, b in parts if t.strip()]
        letters = sum(len(t.strip()) for t, _, _ in visible)
        bold = sum(len(t.strip()) for t, _, b in visible if b)
        lines.append(_Line(_clean("".join(t for t, _, _ in parts)), max((s for _, s, _ in visible), default=size),
                           letters > 0 and 2 * bold > letters))
        parts.clear()

    for text, run_size, run_bold in runs:
        for piece in re.split(r"([\n\f])", text):
            if piece == "\n":
                close()
            elif piece == _PAGE:
                close()
                lines.append(_Line(_PAGE, run_size, False))
            elif piece:
                parts.append((piece, run_size, run_bold))
    close()
    return lines


def _place(blocks: list[_Block], y: float, page: int) -> tuple[list[_Placed], float, int]:
    """Blocks laid one under another from ``y`` on ``page``: their lines in reading order, and
    where the flow ends."""
    out: list[_Placed] = []
    for block in blocks:
        if isinstance(block, _Table):
            placed, y, page = _place_table(block, y, page)
            out += placed
            continue
        anchor, first = y, True
        for line in block.lines:
            if line.text == _PAGE:
                page, y = page + 1, 0.0
                continue
            if line.text:
                text = f"• {line.text}" if block.bullet and first else line.text
                out.append(_Placed(text, line.size, line.bold, page, y))
                first = False
            y += line.size * _LINE_GAP
        if not block.lines:
            y += block.size * _LINE_GAP
        for box in block.floats:
            out += _place(box, anchor, page)[0]
    return out, y, page


def _place_table(table: _Table, y: float, page: int) -> tuple[list[_Placed], float, int]:
    out: list[_Placed] = []
    for row in table.rows:
        cells: list[list[_Placed]] = []
        end = (page, y)
        for cell in row:
            placed, cell_y, cell_page = _place(cell, y, page)
            if placed:
                cells.append(placed)
            end = max(end, (cell_page, cell_y))
        out += _row_order(cells)
        page, y = end
    return out, y, page


def _row_order(cells: list[list[_Placed]]) -> list[_Placed]:
    """Short one-line label cells read across with the last cell's first line; otherwise cell by cell."""
    if len(cells) >= 2 and all(len(c) == 1 and len(c[0].text) <= _ACROSS_MAX for c in cells[:-1]):
        parts = [c[0] for c in cells[:-1]] + [cells[-1][0]]
        joined = _Placed(_TAB.join(p.text for p in parts), max(p.size for p in parts),
                         all(p.bold for p in parts), parts[0].page, parts[0].y)
        return [joined] + cells[-1][1:]
    return [line for cell in cells for line in cell]


def _pdf_text(blocks: list[_Block], *, source: str, max_chars: int) -> PdfText:
    placed = _place(blocks, 0.0, 1)[0]
    if not placed:
        raise EmptyDocumentError(detail=f"{source}: no text")
    texts: list[str] = []
    for i, line in enumerate(placed):
        if i and line.page != placed[i - 1].page:
            texts.append("")  # pages separated by a blank line, as in PdfText from a PDF
        texts.append(line.text)
    top = sorted((p for p in placed if p.page == 1 and p.y < _TOP_REGION), key=lambda p: (-round(p.size, 1), p.y))
    return PdfText(
        text="\n".join(texts)[:max_chars],
        large_lines=[p.text for p in top[:_TOP_LIMIT]],
        lines=[PdfLine(p.text, p.page, round(p.size, 2), p.bold, round(p.y, 1)) for p in placed],
        source=source,
        pages=placed[-1].page,
    )


# --- the package: ZIP guard, capped reads, safe XML --------------------------------------------

class _Package:
    """A ZIP package opened behind the bomb guard; parts read by case-insensitive name (OPC)."""

    def __init__(self, data: bytes, kind: str):
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptDocumentError(detail=f"{kind}: not a readable ZIP: {exc}") from exc
        if len(infos) > MAX_ENTRIES:
            raise DecompressionBombError(detail=f"{kind}: {len(infos)} ZIP entries > {MAX_ENTRIES}")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_DECLARED_BYTES:
            raise DecompressionBombError(detail=f"{kind}: {declared} bytes declared > {MAX_DECLARED_BYTES}")
        for info in infos:
            if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DecompressionBombError(
                    detail=f"{kind}: {info.filename} packs {info.file_size} bytes into {info.compress_size}")
        self.names = {info.filename.casefold(): info for info in infos}

    def has(self, name: str) -> bool:
        return name.casefold() in self.names

    def read(self, name: str) -> bytes:
        """The part's bytes; inflating stops once they pass ``MAX_PART_BYTES``, whatever the
        directory declares (zipfile also stops at the declared size and then fails the CRC)."""
        info = self.names.get(name.casefold())
        if info is None:
            raise CorruptDocumentError(detail=f"{self.kind}: part {name} missing")
        if info.flag_bits & 0x1:
            raise EncryptedDocumentError(detail=f"{self.kind}: ZIP entry {name} is encrypted")
        chunks, size = [], 0
        try:
            with self.zip.open(info) as part:
                # small reads: zipfile inflates up to the requested length before it trims the
                # output to the declared size, so one big read would cost the cap even for a liar
                while size <= MAX_PART_BYTES and (chunk := part.read(_READ_CHUNK)):
                    chunks.append(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError) as exc:
            raise CorruptDocumentError(detail=f"{self.kind}: {name}: {type(exc).__name__}: {exc}") from exc
        if size > MAX_PART_BYTES:
            raise DecompressionBombError(detail=f"{self.kind}: {name} inflates past {MAX_PART_BYTES} bytes")
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        return _parse(self.read(name), f"{self.kind}: {name}")


def _parse(data: bytes, what: str) -> etree._Element:
    """XML without entity substitution, DTD loading or network (XXE and entity expansion are
    inert: an entity reference stays an unexpanded node), within libxml2's default limits."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptDocumentError(detail=f"{what}: {exc}") from exc
    if root is None:
        raise CorruptDocumentError(detail=f"{what}: no root element")
    return root


def _own_text(el: etree._Element) -> str:
    """An element's character data, without what unexpanded entity references stand for."""
    return (el.text or "") + "".join(child.tail or "" for child in el)


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    return (child for child in el if isinstance(child.tag, str))


# --- WordprocessingML ---------------------------------------------------------------------------

_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")
_R_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         "http://purl.oclc.org/ooxml/officeDocument/relationships")
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_VML_NS = "urn:schemas-microsoft-com:vml"
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
    return next((child for child in _elements(el) if _w(child) == name), None)


def _rels(package: _Package, part: str) -> dict[str, tuple[str, str]]:
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
        if styles is not None:
            for el in _elements(styles):  # w:docDefaults and w:style are the root's children (§17.7.4.18)
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
        for el in _elements(numbering):
            if _w(el) == "abstractNum":
                abstract[_wattr(el, "abstractNumId")] = {
                    _wattr(lvl, "ilvl") for lvl in _elements(el)
                    if _w(lvl) == "lvl" and _wattr(_wchild(lvl, "numFmt"), "val") == "bullet"}
        out = set()
        for el in _elements(numbering):
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
        for props in (rpr, *(_wchild(s, "rPr") for s in self._chain(r_style)),
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
        for s in self._chain(style):
            s_ppr = _wchild(s, "pPr")
            num_pr = num_pr if num_pr is not None else _wchild(s_ppr, "numPr")
            break_before = break_before if break_before is not None else _toggle(s_ppr, "pageBreakBefore")
        num_id = _wattr(_wchild(num_pr, "numId"), "val")
        level = _wattr(_wchild(num_pr, "ilvl"), "val") or "0"
        return style, (num_id, level) in self.bullets, bool(break_before)


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
    def __init__(self, package: _Package):
        self.package = package
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

    def blocks(self) -> list[_Block]:
        body = _wchild(self.document, "body")
        if body is None:
            raise CorruptDocumentError(detail="docx: no w:body")
        headers, footers = self._margins("headerReference"), self._margins("footerReference")
        return headers + self._blocks(body) + footers

    def _margins(self, reference: str) -> list[_Block]:
        """Headers (or footers) of every section, first-page ones first, each part once."""
        refs = [el for el in self.document.iter() if _w(el) == reference]
        order = {"first": 0, "default": 1, "even": 2}
        parts: list[str] = []
        for ref in sorted(refs, key=lambda r: order.get(_wattr(r, "type") or "default", 1)):
            rel_id = next((ref.get(f"{{{ns}}}id") for ns in _R_NS if ref.get(f"{{{ns}}}id")), None)
            name = self.rels.get(rel_id or "", (None, None))[1]
            if name and name not in parts and self.package.has(name):
                parts.append(name)
        out: list[_Block] = []
        seen: set[str] = set()
        for name in parts:
            blocks = self._blocks(self.package.xml(name))
            key = repr([line.text for line in _place(blocks, 0.0, 1)[0]])
            if key not in seen:  # the first-page and default header are often the same
                seen.add(key)
                out += blocks
        return out

    def _blocks(self, container: etree._Element) -> list[_Block]:
        out: list[_Block] = []
        for el in _elements(container):
            name = _w(el)
            if name == "p":
                out += self._paragraph(el)
            elif name == "tbl":
                out.append(_Table([self._cells(tr) for tr in self._rows(el)]))
            elif name in _W_SKIP:
                continue
            elif name is not None or etree.QName(el).namespace != _MC_NS:
                out += self._blocks(_content(el))  # sdt, customXml, ins, moveTo...
            else:
                out += self._blocks(_alternate(el))
        return out

    def _rows(self, table: etree._Element) -> Iterator[etree._Element]:
        for el in _elements(table):
            name = _w(el)
            if name == "tr":
                yield el
            elif name in ("sdt", "customXml"):
                yield from self._rows(_content(el))

    def _cells(self, row: etree._Element) -> list[list[_Block]]:
        cells = []
        for el in _elements(row):
            name = _w(el)
            if name == "tc":
                merge = _wchild(_wchild(el, "tcPr"), "vMerge")
                if merge is not None and (_wattr(merge, "val") or "continue") == "continue":
                    continue  # the cell above spans this row; its text is there
                cells.append(self._blocks(el))
            elif name in ("sdt", "customXml"):
                cells += self._cells(_content(el))
        return cells

    def _paragraph(self, p: etree._Element) -> list[_Block]:
        style, bullet, break_before = self.styles.paragraph(_wchild(p, "pPr"))
        size = self.styles.run(_wchild(_wchild(p, "pPr"), "rPr"), style)[0]
        runs: list[tuple[str, float, bool]] = [(_PAGE, size, False)] if break_before else []
        floats: list[list[_Block]] = []
        self._inline(p, style, runs, floats)
        out: list[_Block] = [_Para(_lines_of(runs, size), size, floats, bullet)]
        section = _wchild(_wchild(p, "pPr"), "sectPr")
        if section is not None and _wattr(_wchild(section, "type"), "val") not in ("continuous", "nextColumn"):
            out.append(_Para([_Line(_PAGE, size, False)], 0.0))  # the next section starts a page
        return out

    def _inline(self, el: etree._Element, style: str | None, runs: list, floats: list) -> None:
        """Text of a paragraph's runs (through hyperlinks, fields, content controls, insertions)."""
        for child in _elements(el):
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
        for child in _elements(r):
            name = _w(child)
            if name == "t":
                runs.append((_own_text(child), size, bold))
            elif name in ("tab", "ptab"):
                runs.append(("\t", size, bold))
            elif name == "br":
                runs.append((_PAGE if _wattr(child, "type") == "page" else "\n", size, bold))
            elif name == "cr":
                runs.append(("\n", size, bold))
            elif name == "noBreakHyphen":
                runs.append(("-", size, bold))
            elif name == "lastRenderedPageBreak":
                runs.append((_PAGE, size, bold))  # where Word's last layout started a page
            elif name in ("drawing", "pict", "object") or etree.QName(child).namespace == _MC_NS:
                floats += [self._blocks(box) for box in _text_boxes(child)]

    # sym (icon fonts), footnote marks, fields' codes and the rest carry no CV text


def _content(el: etree._Element) -> etree._Element:
    """A content control's ``w:sdtContent``; any other wrapper is its own content."""
    inner = _wchild(el, "sdtContent") if _w(el) == "sdt" else None
    return inner if inner is not None else el


def _alternate(el: etree._Element) -> etree._Element:
    """``mc:AlternateContent``: the first ``mc:Choice`` (Word writes the same text box again in
    ``mc:Fallback`` as VML, which must not be read twice)."""
    for child in _elements(el):
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
    for child in _elements(el):
        out += _text_boxes(child)
    return out


# --- OpenDocument -----------------------------------------------------------------------------------

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

    def props(self, paragraph: str | None, span: str | None, base: tuple[float, bool] | None = None
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

    def paragraph_break(self, name: str | None) -> bool:
        """True when the paragraph style starts a new page (``fo:break-before="page"``)."""
        for style in self._chain("paragraph", name):
            value = _oattr(_child(style, "style:paragraph-properties"), "fo:break-before")
            if value:
                return value == "page"
        return False

    def list_bullet(self, name: str | None, level: int) -> bool | None:
        """Whether level ``level`` (1-based) of list style ``name`` is a bullet; None if unknown."""
        style = self.lists.get(name) if name else None
        if style is None:
            return None
        for el in _elements(style):
            if _oattr(el, "text:level") == str(level):
                return _o(el) in ("text:list-level-style-bullet", "text:list-level-style-image")
        return None

    def paragraph_list_style(self, name: str | None) -> str | None:
        for style in self._chain("paragraph", name):
            if _oattr(style, "style:list-style-name"):
                return _oattr(style, "style:list-style-name")
        return None


def _text_props(style: etree._Element) -> etree._Element | None:
    return _child(style, "style:text-properties")


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in _elements(el) if _o(c) == name), None)


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
    def __init__(self, package: _Package):
        self.package = package
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

    def blocks(self) -> list[_Block]:
        text = _child(_child(self.content, "office:body"), "office:text")
        if text is None:
            raise CorruptDocumentError(detail="odt: no office:body/office:text")
        headers = self._margins(("style:header-first", "style:header", "style:header-left"))
        footers = self._margins(("style:footer-first", "style:footer", "style:footer-left"))
        return headers + _OdfReader(self.styles).blocks(text) + footers

    def _margins(self, names: tuple[str, ...]) -> list[_Block]:
        """Master pages' headers or footers (ODF 1.3 Part 3 §16.10), each distinct one once."""
        masters = _child(self.style_root, "office:master-styles")
        if masters is None:
            return []
        reader, out, seen = _OdfReader(self.margin_styles), [], set()
        for name in names:
            for master in _elements(masters):
                part = _child(master, name)
                if part is None or _oattr(part, "style:display") == "false":
                    continue
                blocks = reader.blocks(part)
                key = repr([line.text for line in _place(blocks, 0.0, 1)[0]])
                if blocks and key not in seen and key != "[]":
                    seen.add(key)
                    out += blocks
        return out


class _OdfReader:
    def __init__(self, styles: _OdfStyles):
        self.styles = styles

    def blocks(self, container: etree._Element, list_style: str | None = None, depth: int = 0) -> list[_Block]:
        out: list[_Block] = []
        for el in _elements(container):
            name = _o(el)
            if name in ("text:p", "text:h"):
                out.append(self._paragraph(el, bullet=None))
            elif name == "text:list":
                out += self._list(el, _oattr(el, "text:style-name") or list_style, depth + 1)
            elif name == "table:table":
                out.append(_Table([[self.blocks(cell) for cell in _elements(row) if _o(cell) == "table:table-cell"]
                                   for row in _table_rows(el)]))
            elif name in ("draw:frame", "draw:text-box", "draw:custom-shape", "draw:rect", "draw:g", "draw:a"):
                out += self.blocks(el)  # frames anchored to the page sit in the body
            elif name in _ODF_SKIP or name is None:
                continue
            else:
                out += self.blocks(el, list_style, depth)  # sections, indexes' bodies, headers' regions
        return out

    def _list(self, el: etree._Element, style: str | None, depth: int) -> list[_Block]:
        out: list[_Block] = []
        for item in _elements(el):
            if _o(item) not in ("text:list-item", "text:list-header"):
                continue
            first = True
            for child in _elements(item):
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

    def _paragraph(self, p: etree._Element, *, bullet: bool | None) -> _Para:
        style = _oattr(p, "text:style-name")
        base = self.styles.props(style, None)
        runs: list[tuple[str, float, bool]] = [(_PAGE, base[0], False)] if self.styles.paragraph_break(style) else []
        floats: list[list[_Block]] = []
        self._inline(p, base, runs, floats)
        # ODF §6.1.2: white space runs in character data collapse to one space; lines are trimmed
        return _Para(_lines_of(runs, base[0]), base[0], floats, bool(bullet))

    def _inline(self, el: etree._Element, props: tuple[float, bool], runs: list, floats: list) -> None:
        size, bold = props
        if el.text:
            runs.append((_collapse(el.text), size, bold))
        for child in el:
            name = _o(child) if isinstance(child.tag, str) else None
            if name == "text:s":
                count = _oattr(child, "text:c")
                runs.append((" " * (int(count) if count and count.isdigit() else 1), size, bold))
            elif name == "text:tab":
                runs.append(("\t", size, bold))
            elif name == "text:line-break":
                runs.append(("\n", size, bold))
            elif name == "text:soft-page-break":
                runs.append((_PAGE, size, bold))  # where LibreOffice's last layout started a page
            elif name in ("draw:frame", "draw:custom-shape", "draw:rect", "draw:g", "draw:a"):
                floats.append(self.blocks(child))
            elif name in ("text:span", "text:a", "text:meta", "text:ruby", "text:ruby-base") or (
                    name and name.startswith("text:") and name not in _ODF_SKIP):
                span = _oattr(child, "text:style-name")
                self._inline(child, self.styles.props(None, span, props) if span else props, runs, floats)
            if child.tail:
                runs.append((_collapse(child.tail), size, bold))


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)


def _table_rows(table: etree._Element) -> Iterator[etree._Element]:
    for el in _elements(table):
        name = _o(el)
        if name == "table:table-row":
            yield el
        elif name in ("table:table-header-rows", "table:table-rows", "table:table-row-group"):
            yield from _table_rows(el)


# --- entry points ------------------------------------------------------------------------------------

def read_docx(data: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> PdfText:
    """The text of a Word (.docx, ECMA-376 WordprocessingML) CV with layout evidence.

    Returns ``PdfText(source="docx")``: ``text`` in reading order (headers, body with tables and
    text boxes, footers; repaired as the PDF path repairs, cut at ``max_chars``), ``large_lines``
    (lines near the top of page one, largest font first), ``lines`` (every line with its font
    size in points, boldness and estimated ``y`` in points), ``pages`` (pages counted from page
    breaks). Raises ``DecompressionBombError`` (too many entries, too much declared or actual
    inflated data, an extreme compression ratio), ``CorruptDocumentError`` (not a ZIP, a damaged
    entry, no main part, malformed XML), ``EncryptedDocumentError`` (encrypted ZIP entries) and
    ``EmptyDocumentError`` (no text).
    """
    return _pdf_text(_Word(_Package(data, "docx")).blocks(), source="docx", max_chars=max_chars)


def read_fodt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> PdfText:
    """``read_odt`` for flat OpenDocument text (.fodt, ODF 1.3 Part 3 §2.2.1: one
    ``office:document`` XML holding what an .odt keeps in content.xml and styles.xml).

    Returns ``PdfText(source="odt")``; raises ``CorruptDocumentError`` for XML that does not
    parse and ``EmptyDocumentError`` for no text.
    """
    return _pdf_text(_Odf(_FlatPackage(data)).blocks(), source="odt", max_chars=max_chars)


class _FlatPackage:
    """One flat ODF document standing in for the parts of a package."""

    def __init__(self, data: bytes):
        self.root = _parse(data, "fodt")

    def has(self, name: str) -> bool:
        return name in ("content.xml", "styles.xml")

    def xml(self, name: str) -> etree._Element:
        return self.root


def read_odt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> PdfText:
    """The text of an OpenDocument text (.odt, OASIS ODF 1.3) CV with layout evidence.

    Returns ``PdfText(source="odt")`` shaped as ``read_docx``'s (headers and footers from the
    master pages in ``styles.xml``; frames and text boxes after their anchor paragraph; pages
    from page breaks and LibreOffice's soft page breaks). Raises what ``read_docx`` raises;
    ``EncryptedDocumentError`` when the manifest lists encrypted parts.
    """
    return _pdf_text(_Odf(_Package(data, "odt")).blocks(), source="odt", max_chars=max_chars)
