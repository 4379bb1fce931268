"""The layout model both office formats are read into, and its conversion to ``PdfText``.

Neither format carries a layout, so the reading order and the geometry are built from the
structure, to read like the PDF reader's output for the same CV: headers first, then the body, then
footers; a table row whose cells but the last are one short line each reads across on one line
("2019 – 2021   Engineer, ACME"), other rows cell after cell (a sidebar cell whole, then the main
cell); a text box's lines follow the paragraph it is anchored to. ``y`` is an estimate (each line
advances by 1.2 × its font size, a table row by its tallest cell) that only ranks lines near the top;
pages are counted from explicit page breaks and the breaks the editor last rendered
(``w:lastRenderedPageBreak``, ``text:soft-page-break``).

Shapes: a document is a list of ``Block`` (``Para`` or ``Table``); a ``Para`` holds ``Line``s (a
line whose text is ``PAGE`` is a page break) and the text boxes anchored to it; ``place`` lays
blocks out as ``Placed`` lines; ``pdf_text`` makes the ``PdfText`` every reader returns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.cv.errors import EmptyDocumentError
from domain.cv.repair import SOFT_HYPHEN, join_letter_spaced, normalise_unicode
from domain.cv.types import PdfLine, PdfText

PAGE = "\f"
_LINE_GAP = 1.2  # line height / font size at single spacing, Word's and LibreOffice's
_TOP_REGION = 200.0  # points from the top of page one that hold name and headline evidence
_TOP_LIMIT = 8
_ACROSS_MAX = 40  # label cells up to this many characters read across the row
_TAB = "   "  # the PDF layout reader's gap between cells on one line


@dataclass
class Line:
    text: str
    size: float
    bold: bool


@dataclass
class Para:
    lines: list[Line]  # a line of text ``PAGE`` is a page break
    size: float  # the paragraph's own font size (an empty paragraph still takes its height)
    floats: list[list[Block]] = field(default_factory=list)  # text boxes anchored here
    bullet: bool = False


@dataclass
class Table:
    rows: list[list[list[Block]]]  # rows → cells → blocks


Block = Para | Table


@dataclass
class Placed:
    text: str
    size: float
    bold: bool
    page: int
    y: float


def _clean(text: str) -> str:
    """NFKC (ligatures, full-width forms, no-break spaces), no soft hyphens or zero-width marks,
    letter-spaced headings joined, as the PDF path does."""
    text = normalise_unicode(text)
    text = re.sub(f"[{SOFT_HYPHEN}\u200b\u200c\u200d\u2060\ufeff]", "", text).replace("\t", _TAB)
    return join_letter_spaced(text.strip())


def lines_of(runs: list[tuple[str, float, bool]], size: float) -> list[Line]:
    """Runs ``(text, size pt, bold)`` split at line and page breaks; a line's size is its largest
    run's, its boldness that of most of its letters."""
    lines: list[Line] = []
    parts: list[tuple[str, float, bool]] = []

    def close() -> None:
        visible = [(t, s, b) for t, s, b in parts if t.strip()]
        letters = sum(len(t.strip()) for t, _, _ in visible)
        bold = sum(len(t.strip()) for t, _, b in visible if b)
        lines.append(Line(_clean("".join(t for t, _, _ in parts)), max((s for _, s, _ in visible), default=size),
                          letters > 0 and 2 * bold > letters))
        parts.clear()

    for text, run_size, run_bold in runs:
        for piece in re.split(r"([\n\f])", text):
            if piece == "\n":
                close()
            elif piece == PAGE:
                close()
                lines.append(Line(PAGE, run_size, False))
            elif piece:
                parts.append((piece, run_size, run_bold))
    close()
    return lines


def place(blocks: list[Block], y: float, page: int) -> tuple[list[Placed], float, int]:
    """Blocks laid one under another from ``y`` on ``page``: their lines in reading order, and
    where the flow ends."""
    out: list[Placed] = []
    for block in blocks:
        if isinstance(block, Table):
            placed, y, page = _place_table(block, y, page)
            out += placed
            continue
        anchor, first = y, True
        for line in block.lines:
            if line.text == PAGE:
                page, y = page + 1, 0.0
                continue
            if line.text:
                text = f"• {line.text}" if block.bullet and first else line.text
                out.append(Placed(text, line.size, line.bold, page, y))
                first = False
            y += line.size * _LINE_GAP
        if not block.lines:
            y += block.size * _LINE_GAP
        for box in block.floats:
            out += place(box, anchor, page)[0]
    return out, y, page


def _place_table(table: Table, y: float, page: int) -> tuple[list[Placed], float, int]:
    out: list[Placed] = []
    for row in table.rows:
        cells: list[list[Placed]] = []
        end = (page, y)
        for cell in row:
            placed, cell_y, cell_page = place(cell, y, page)
            if placed:
                cells.append(placed)
            end = max(end, (cell_page, cell_y))
        out += _row_order(cells)
        page, y = end
    return out, y, page


def _row_order(cells: list[list[Placed]]) -> list[Placed]:
    """Short one-line label cells read across with the last cell's first line; otherwise cell by cell."""
    if len(cells) >= 2 and all(len(c) == 1 and len(c[0].text) <= _ACROSS_MAX for c in cells[:-1]):
        parts = [c[0] for c in cells[:-1]] + [cells[-1][0]]
        joined = Placed(_TAB.join(p.text for p in parts), max(p.size for p in parts),
                        all(p.bold for p in parts), parts[0].page, parts[0].y)
        return [joined] + cells[-1][1:]
    return [line for cell in cells for line in cell]


def pdf_text(blocks: list[Block], *, source: str, max_chars: int) -> PdfText:
    """Blocks as the ``PdfText`` every reader returns: ``text`` in reading order (pages apart by a
    blank line, cut at ``max_chars``), ``large_lines`` (lines near the top of page one, largest
    font first), ``lines`` (font size in points, boldness, estimated ``y`` in points), ``pages``;
    ``source`` as given. Raises ``EmptyDocumentError`` when the blocks hold no text."""
    placed = place(blocks, 0.0, 1)[0]
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


def collapse(text: str) -> str:
    """White space runs (spaces, tabs, line ends) as one space, as ODF 1.3 Part 3 §6.1.2 and HTML
    treat character data."""
    return re.sub(r"[ \t\r\n]+", " ", text)
