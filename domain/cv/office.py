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
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lxml import etree

from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    EmbeddedDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ImageTooSmallError,
    OcrUnavailableError,
    PoorScanError,
    TooComplexDocumentError,
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
# The cost of reading is in the XML, not the ZIP: a few MB of ``<w:p/>`` pack under every ratio cap
# and still make millions of paragraphs. A long real CV's parts hold 0.1-1 MB of XML and a few
# thousand (Word: up to ~30 000) elements, styles included; these caps are ten times that or more.
MAX_XML_BYTES = 16 * 1024 * 1024  # all XML parts read, inflated, together
MAX_ELEMENTS = 200_000  # all XML parts parsed, together
# Reading stops after this many paragraphs (empty ones too), as it stops after ``max_chars``
# characters: a 30-page CV has about 500, and each costs ~30 µs and ~1 kB to lay out.
MAX_PARAGRAPHS = 20_000
TIME_BUDGET_SECONDS = 10.0  # a real CV reads in well under a second
MAX_SPACES = 100  # one ODF ``text:s``; a layout never needs more, ``text:c`` is otherwise unbounded
# Pictures read by OCR when a document has no text (a scan pasted into Word): as many as a scanned
# PDF may have pages, each within the size of a phone photo; pictures under a tenth of the largest
# one's bytes are logos, icons or a portrait, not pages.
MAX_SCAN_PAGES = 5
MAX_IMAGE_BYTES = 25 * 1024 * 1024
_PAGE_SHARE = 10
_READ_CHUNK = 256 * 1024
_TICK_EVERY = 256  # walk steps between clock readings

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

class _Budget:
    """What one reading may spend, across all its parts: inflated XML bytes, parsed elements,
    characters and paragraphs gathered (the walk stops when it has ``max_chars`` characters or
    ``MAX_PARAGRAPHS`` paragraphs), and wall-clock time."""

    def __init__(self, kind: str, *, max_chars: int, time_budget: float):
        self.kind, self.max_chars = kind, max_chars
        self.xml_bytes = self.elements = self.chars = self.paragraphs = self.steps = 0
        self.deadline = time.monotonic() + time_budget

    def inflated(self, size: int, what: str) -> None:
        self.xml_bytes += size
        if self.xml_bytes > MAX_XML_BYTES:
            raise DecompressionBombError(
                detail=f"{self.kind}: XML inflates past {MAX_XML_BYTES} bytes in all (at {what})")

    def parsed(self, count: int, what: str) -> None:
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise DecompressionBombError(detail=f"{self.kind}: over {MAX_ELEMENTS} XML elements (at {what})")
        self.check_time()

    def step(self) -> None:
        """One element walked; the clock is read every ``_TICK_EVERY`` steps."""
        self.steps += 1
        if self.steps % _TICK_EVERY == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TooComplexDocumentError(detail=f"{self.kind}: time budget spent after {self.steps} steps")

    def gathered(self, text: str) -> str:
        self.chars += len(text)
        return text

    @property
    def full(self) -> bool:
        return self.chars >= self.max_chars or self.paragraphs >= MAX_PARAGRAPHS


class _Package:
    """A ZIP package opened behind the bomb guard; parts read by case-insensitive name (OPC)."""

    def __init__(self, data: bytes, kind: str, budget: _Budget):
        self.kind, self.budget = kind, budget
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

    def size(self, name: str) -> int:
        info = self.names.get(name.casefold())
        return info.file_size if info else 0

    def chunks(self, name: str, limit: int = MAX_PART_BYTES) -> Iterator[bytes]:
        """The part's bytes as they inflate; stops with ``DecompressionBombError`` once they
        pass ``limit``, whatever the directory declares (zipfile also stops at the declared size
        and then fails the CRC)."""
        info = self.names.get(name.casefold())
        if info is None:
            raise CorruptDocumentError(detail=f"{self.kind}: part {name} missing")
        if info.flag_bits & 0x1:
            raise EncryptedDocumentError(detail=f"{self.kind}: ZIP entry {name} is encrypted")
        size = 0
        try:
            with self.zip.open(info) as part:
                # small reads: zipfile inflates up to the requested length before it trims the
                # output to the declared size, so one big read would cost the cap even for a liar
                while chunk := part.read(_READ_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise DecompressionBombError(detail=f"{self.kind}: {name} inflates past {limit} bytes")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError) as exc:
            raise CorruptDocumentError(detail=f"{self.kind}: {name}: {type(exc).__name__}: {exc}") from exc

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        return b"".join(self.chunks(name, limit))

    def xml(self, name: str) -> etree._Element:
        return _parse(self.chunks(name), f"{self.kind}: {name}", self.budget)


_XML_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
                "remove_comments": True, "remove_pis": True}
# libxml2 (2.11+) stops nested internal entities by their amplification (CVE-2003-1564, "billion
# laughs") with these words; that is a bomb, not a damaged file.
_AMPLIFICATION = ("amplification", "entity reference loop", "entity loop")


def _parse(chunks: Iterable[bytes], what: str, budget: _Budget, *, html: bool = False) -> etree._Element:
    """XML (or HTML) fed as it inflates, without entity substitution, DTD loading or network
    (XXE and entity expansion are inert: an entity reference stays an unexpanded node), within
    libxml2's default limits; every byte and element counts against ``budget``, so parsing stops
    at the first element past the cap instead of building the whole tree."""
    parser = (etree.HTMLPullParser(events=("start",), no_network=True, remove_comments=True, remove_pis=True,
                                   huge_tree=False) if html
              else etree.XMLPullParser(events=("start",), **_XML_OPTIONS))
    try:
        for chunk in chunks:
            budget.inflated(len(chunk), what)
            parser.feed(chunk)
            budget.parsed(sum(1 for _ in parser.read_events()), what)
        root = parser.close()
        budget.parsed(sum(1 for _ in parser.read_events()), what)
    except (etree.XMLSyntaxError, ValueError) as exc:
        if any(words in str(exc).lower() for words in _AMPLIFICATION):
            raise DecompressionBombError(detail=f"{what}: {exc}") from exc
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
        self._memo: dict[tuple, object] = {}
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
    def __init__(self, package: _Package):
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
            if self.budget.full:
                break
            blocks = self._blocks(self.package.xml(name))
            key = repr([line.text for line in _place(blocks, 0.0, 1)[0]])
            if key not in seen:  # the first-page and default header are often the same
                seen.add(key)
                out += blocks
        return out

    def _blocks(self, container: etree._Element) -> list[_Block]:
        out: list[_Block] = []
        for el in _elements(container):
            if self.budget.full:
                break
            self.budget.step()
            name = _w(el)
            if name == "p":
                out += self._paragraph(el)
            elif name == "tbl":
                out.append(_Table([self._cells(tr) for tr in self._rows(el)]))
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
        self.budget.paragraphs += 1
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
        for child in _elements(r):
            self.budget.step()
            name = _w(child)
            if name == "t":
                runs.append((self.budget.gathered(_own_text(child)), size, bold))
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

    def _alt_chunk(self, el: etree._Element) -> list[_Block]:
        """``w:altChunk`` (ECMA-376 §17.17.2.1): another document imported whole, here read when
        it is HTML (or MHTML, or plain text); another kind is remembered for the error message."""
        rel_id = next((el.get(f"{{{ns}}}id") for ns in _R_NS if el.get(f"{{{ns}}}id")), None)
        name = self.rels.get(rel_id or "", (None, None))[1]
        if not name or not self.package.has(name):
            return []
        content_type = _content_type(self.package, name)
        if content_type not in _CHUNK_KINDS:
            self.foreign_chunks.append(content_type)
            return []
        data = self.package.read(name, MAX_PART_BYTES)
        self.budget.inflated(len(data), name)
        kind = _CHUNK_KINDS[content_type]
        if kind == "mht":
            data, kind = _mht_html(data), "html"
        if kind == "text":
            text = self.budget.gathered(data.decode("utf-8", "replace")[: self.budget.max_chars])
            return [_Para(_lines_of([(text, _DOCX_DEFAULT_SIZE, False)], _DOCX_DEFAULT_SIZE), _DOCX_DEFAULT_SIZE)]
        return _html_blocks(_parse([data], f"docx: {name}", self.budget, html=True), self.budget)

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


# --- w:altChunk: a whole document imported as HTML, MHTML or plain text ------------------------------

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CHUNK_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "message/rfc822": "mht",
                "multipart/related": "mht", "text/plain": "text"}
_CHUNK_EXTENSIONS = {"htm": "text/html", "html": "text/html", "xhtml": "application/xhtml+xml",
                     "mht": "message/rfc822", "mhtml": "message/rfc822", "txt": "text/plain"}
_HTML_SKIP = {"head", "script", "style", "template", "noscript", "title", "object", "iframe"}
_HTML_BLOCKS = {"p", "div", "li", "tr", "table", "section", "article", "header", "footer", "address",
                "blockquote", "pre", "dt", "dd", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "body"}
_HTML_HEADINGS = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 11.0, "h6": 11.0}


def _content_type(package: _Package, name: str) -> str:
    """A part's media type from ``[Content_Types].xml`` (OPC §10.1.2: an Override for the part,
    else the Default for its extension), else from its extension."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if package.has("[Content_Types].xml"):
        types = package.xml("[Content_Types].xml")
        for el in types.iter(f"{{{_CT_NS}}}Override"):
            if (el.get("PartName") or "").lstrip("/").casefold() == name.casefold():
                return (el.get("ContentType") or "").split(";")[0].strip().lower()
        for el in types.iter(f"{{{_CT_NS}}}Default"):
            if (el.get("Extension") or "").lower() == extension:
                return (el.get("ContentType") or "").split(";")[0].strip().lower()
    return _CHUNK_EXTENSIONS.get(extension, f"unknown/{extension}")


def _mht_html(data: bytes) -> bytes:
    """The HTML part of an MHTML archive (RFC 2557, a MIME multipart/related message)."""
    import email  # stdlib; only an altChunk needs it
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else b""
    return b""


def _html_blocks(root: etree._Element, budget: _Budget) -> list[_Block]:
    """HTML as one paragraph a block element (``p``, ``li``, headings ...), table cells apart by
    the cell gap, headings at a heading size and bold; scripts, styles and the head are not text."""
    runs: list[tuple[str, float, bool]] = []

    def walk(el: etree._Element, size: float, bold: bool) -> None:
        budget.step()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _HTML_SKIP:
            return
        if tag in _HTML_HEADINGS:
            size, bold = _HTML_HEADINGS[tag], True
        elif tag in ("b", "strong", "th"):
            bold = True
        if tag in _HTML_BLOCKS or tag == "br":
            runs.append(("\n", size, bold))
        elif tag in ("td", "th"):
            runs.append(("\t", size, bold))
        if el.text and tag:
            runs.append((budget.gathered(_collapse(el.text)), size, bold))
        for child in el:
            if budget.full:
                return
            walk(child, size, bold)
            if child.tail:
                runs.append((budget.gathered(_collapse(child.tail)), size, bold))
        if tag in _HTML_BLOCKS:
            runs.append(("\n", size, bold))

    walk(root, _DOCX_DEFAULT_SIZE, False)
    return [_Para([line for line in _lines_of(runs, _DOCX_DEFAULT_SIZE) if line.text], _DOCX_DEFAULT_SIZE)]


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
        for el in _elements(style):
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
    def __init__(self, package: _Package | _FlatPackage):
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

    def blocks(self) -> list[_Block]:
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

    def _margins(self, names: tuple[str, ...]) -> list[_Block]:
        """Master pages' headers or footers (ODF 1.3 Part 3 §16.10), each distinct one once."""
        masters = _child(self.style_root, "office:master-styles")
        if masters is None:
            return []
        reader, out, seen = _OdfReader(self.margin_styles, self.budget), [], set()
        for name in names:
            for master in _elements(masters):
                if self.budget.full:
                    return out
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
    def __init__(self, styles: _OdfStyles, budget: _Budget):
        self.styles, self.budget = styles, budget

    def blocks(self, container: etree._Element, list_style: str | None = None, depth: int = 0) -> list[_Block]:
        out: list[_Block] = []
        for el in _elements(container):
            if self.budget.full:
                break
            self.budget.step()
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
            if self.budget.full:
                break
            self.budget.step()
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
        self.budget.paragraphs += 1
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
            runs.append((self.budget.gathered(_collapse(el.text)), size, bold))
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
                runs.append((_PAGE, size, bold))  # where LibreOffice's last layout started a page
            elif name in ("draw:frame", "draw:custom-shape", "draw:rect", "draw:g", "draw:a"):
                floats.append(self.blocks(child))
            elif name in ("text:span", "text:a", "text:meta", "text:ruby", "text:ruby-base") or (
                    name and name.startswith("text:") and name not in _ODF_SKIP):
                span = _oattr(child, "text:style-name")
                self._inline(child, self.styles.props(None, span, props) if span else props, runs, floats)
            if child.tail:
                runs.append((self.budget.gathered(_collapse(child.tail)), size, bold))


def _spaces(count: str | None) -> int:
    """``text:s``'s ``text:c`` (ODF 1.3 Part 3 §6.1.3, default 1), at most ``MAX_SPACES``."""
    if not count or not (count.isascii() and count.isdigit()):
        return 1
    return MAX_SPACES if len(count) > 3 else max(1, min(int(count), MAX_SPACES))


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

# on_page(page, pages): called before each picture of a pictures-only document is read (1-based)
OnPage = Callable[[int, int], None]


def read_docx(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS,
              on_page: OnPage | None = None) -> PdfText:
    """The text of a Word (.docx, ECMA-376 WordprocessingML) CV with layout evidence.

    Returns ``PdfText(source="docx")``: ``text`` in reading order (headers, body with tables,
    text boxes and HTML ``altChunk`` parts, footers; repaired as the PDF path repairs, cut at
    ``max_chars``: reading stops once that many characters are gathered), ``large_lines``
    (lines near the top of page one, largest font first), ``lines`` (every line with its font
    size in points, boldness and estimated ``y`` in points), ``pages`` (pages counted from page
    breaks). A document with no text but pictures (a scan pasted into Word) is read by OCR:
    ``PdfText(source="scan")``, one page a picture (see ``_read_pictures``).

    Raises ``DecompressionBombError`` (too many entries, too much declared or actual inflated
    data, an extreme compression ratio, over ``MAX_XML_BYTES`` of XML or ``MAX_ELEMENTS``
    elements in all, nested entities), ``TooComplexDocumentError`` (over ``time_budget``
    seconds), ``CorruptDocumentError`` (not a ZIP, a damaged entry, no main part, malformed
    XML), ``EncryptedDocumentError`` (encrypted ZIP entries), ``EmbeddedDocumentError`` (no text
    but an altChunk in a format not read), ``EmptyDocumentError`` (no text, no pictures), and
    for pictures what ``domain.cv.ocr.read_image`` raises.
    """
    budget = _Budget("docx", max_chars=max_chars, time_budget=time_budget)
    package = _Package(data, "docx", budget)
    word = _Word(package)
    blocks = word.blocks()
    try:
        return _pdf_text(blocks, source="docx", max_chars=max_chars)
    except EmptyDocumentError:
        pictures = _pictures(package, word.picture_parts())
        if pictures:
            return _read_pictures(pictures, on_page)
        if word.foreign_chunks:
            raise EmbeddedDocumentError(detail=f"docx: altChunk of {', '.join(word.foreign_chunks)}") from None
        raise


def read_odt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS,
             on_page: OnPage | None = None) -> PdfText:
    """The text of an OpenDocument text (.odt, OASIS ODF 1.3) CV with layout evidence.

    Returns ``PdfText(source="odt")`` shaped as ``read_docx``'s (headers and footers from the
    master pages in ``styles.xml``; frames and text boxes after their anchor paragraph; pages
    from page breaks and LibreOffice's soft page breaks; pictures only → OCR, ``source="scan"``).
    Raises what ``read_docx`` raises; ``EncryptedDocumentError`` when the manifest lists
    encrypted parts.
    """
    budget = _Budget("odt", max_chars=max_chars, time_budget=time_budget)
    package = _Package(data, "odt", budget)
    odf = _Odf(package)
    blocks = odf.blocks()
    try:
        return _pdf_text(blocks, source="odt", max_chars=max_chars)
    except EmptyDocumentError:
        pictures = _pictures(package, odf.picture_parts())
        if pictures:
            return _read_pictures(pictures, on_page)
        raise


def read_fodt(data: bytes, *, max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS) -> PdfText:
    """``read_odt`` for flat OpenDocument text (.fodt, ODF 1.3 Part 3 §2.2.1: one
    ``office:document`` XML holding what an .odt keeps in content.xml and styles.xml).

    Returns ``PdfText(source="odt")``; raises ``CorruptDocumentError`` for XML that does not
    parse, ``DecompressionBombError`` and ``TooComplexDocumentError`` as ``read_docx`` does,
    and ``EmptyDocumentError`` for no text.
    """
    budget = _Budget("fodt", max_chars=max_chars, time_budget=time_budget)
    return _pdf_text(_Odf(_FlatPackage(data, budget)).blocks(), source="odt", max_chars=max_chars)


class _FlatPackage:
    """One flat ODF document standing in for the parts of a package."""

    def __init__(self, data: bytes, budget: _Budget):
        self.budget = budget
        self.root = _parse((data[i:i + _READ_CHUNK] for i in range(0, len(data), _READ_CHUNK)), "fodt", budget)

    def has(self, name: str) -> bool:
        return name in ("content.xml", "styles.xml")

    def xml(self, name: str) -> etree._Element:
        return self.root


def _pictures(package: _Package, names: list[str]) -> list[bytes]:
    """The pictures worth reading as pages: those of a kind OCR reads, at most ``MAX_SCAN_PAGES``
    of the largest (none under a ``_PAGE_SHARE``-th of the largest one's bytes), in document order;
    each read within ``MAX_IMAGE_BYTES``."""
    from domain.cv.filetype import IMAGE_KINDS, sniff  # stdlib only

    sizes = {name: package.size(name) for name in names if 0 < package.size(name) <= MAX_IMAGE_BYTES}
    if not sizes:
        return []
    largest = max(sizes.values())
    chosen = sorted((n for n in sizes if sizes[n] * _PAGE_SHARE >= largest), key=lambda n: -sizes[n])
    chosen = set(chosen[:MAX_SCAN_PAGES])
    out = []
    for name in (n for n in names if n in chosen):
        data = package.read(name, MAX_IMAGE_BYTES)
        if sniff(data) in IMAGE_KINDS:
            out.append(data)
    return out


def _read_pictures(pictures: list[bytes], on_page: OnPage | None) -> PdfText:
    """Pictures read by OCR as the pages of a scan, merged into one ``PdfText(source="scan")``.

    A picture that is too small or reads as no text (a logo, a portrait) is left out when another
    one reads; when none does, the first one's error is raised (``PoorScanError``,
    ``ImageTooSmallError`` ...). ``OcrUnavailableError`` when the OCR engine cannot be imported.
    """
    try:
        from domain.cv.ocr import read_image
    except ImportError as exc:  # a worker image built without the OCR extra
        raise OcrUnavailableError(detail=f"import failed: {exc}") from exc
    pages: list[PdfText] = []
    first_error: Exception | None = None
    for number, data in enumerate(pictures, 1):
        if on_page is not None:
            on_page(number, len(pictures))
        try:
            pages.append(read_image(data))
        except (PoorScanError, ImageTooSmallError) as exc:
            first_error = first_error or exc
    if not pages:
        assert first_error is not None
        raise first_error
    lines = [replace(line, page=number) for number, page in enumerate(pages, 1) for line in page.lines]
    return PdfText(text="\n\n".join(page.text for page in pages), large_lines=pages[0].large_lines,
                   lines=lines, source="scan", pages=len(pages))
