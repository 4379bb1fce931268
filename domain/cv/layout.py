"""Reading order from positioned text runs: lines, rows, columns and sidebars.

Pure geometry, independent of the PDF library. Input: ``Run`` boxes in PDF points (origin
bottom-left, y grows upwards), one per text-showing operation or glyph run. Output: the
page's lines in reading order, with columns and sidebars read one after the other instead
of interleaved row by row.

Algorithm (a greedy variant of the recursive X-Y cut, Nagy & Seth 1984, "Hierarchical
representation of optically scanned documents"): runs on one baseline are merged into
lines; lines that overlap vertically form rows; consecutive rows stay in one block while
the union of their lines leaves a vertical gutter free; a blank band across the page taller
than three lines ends a block. A block of at least ``COLUMN_MIN_ROWS`` rows on each side is
split at its widest gutter and each side is ordered the same way, recursively, unless one
side holds labels of the other's entries (a table CV's dates and headings, moderncv
banking's right-aligned dates: each on the baseline of its entry's first row, the entry's
further rows between them). Such blocks and smaller ones stay row by row, the segments of
a row joined by ``SEGMENT_GAP`` so later steps can split them again (by a space when the
gap is no wider than a justified line's word space; never for a table or grid cell, see
``Run.cell``).
"""
from __future__ import annotations

from dataclasses import dataclass

COLUMN_MIN_ROWS = 3
SEGMENT_GAP = "   "  # contact.py/places.py split segments on 3+ spaces
_SOFT_HYPHEN = "\u00ad"  # the PDF reader's mark of a line-end hyphen (domain.cv.repair.SOFT_HYPHEN)
_SPACE_EM = 0.15  # a gap wider than this (in font heights) between runs is a word space
_SPLIT_EM = 1.2  # wider than this: separate segments (columns, right-aligned dates)
_WORD_GAP_EM = 2.5  # in a row that is no column, narrower gaps are (justified) word spaces
_BREAK_EM = 3.0  # a blank band this tall (font heights) across the page ends a column block
_LABEL_DENSITY = 0.6
_LABEL_ALIGNED = 0.6
_LABEL_GROUP = 2.5  # mean rows per run of consecutive label rows (a sidebar's run on)
_GROUP_ALIGNED = 0.5  # share of label rows on an entry's baseline (headings are on none)
_ROW_BREAK = 1.4  # a gap between rows this many usual line pitches: a new table row
_TABLE_MIN_ROWS = 3
_GUTTER_MIN_EM = 0.5  # lines of one row are apart by > _SPLIT_EM already; a gutter needs less


@dataclass(frozen=True)
class Run:
    """A positioned piece of text: box in points, font size in points, bold flag."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool = False
    cell: bool = False  # starts a new table/grid cell: never joined to the run before by a space


@dataclass(frozen=True)
class Line:
    """A line of one column: its text, box (points), dominant font size and boldness; ``cell``:
    it starts a table or grid cell, so its row joins it with ``SEGMENT_GAP``."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool = False
    cell: bool = False


def page_lines(runs: list[Run]) -> list[Line]:
    """Merge runs into lines and return them in reading order (see the module docstring)."""
    return reading_order(segments(runs))


def segments(runs: list[Run]) -> list[Line]:
    """Runs merged into lines, a row's far-apart parts kept apart; top to bottom."""
    return [line for row in _rows(runs) for line in _merge_row(row)]


def reading_order(lines: list[Line]) -> list[Line]:
    """``segments`` in reading order, a row that is no column joined into one line."""
    return _order(lines)


def _rows(items: list) -> list[list]:
    """Group boxes whose vertical extents overlap by at least half the smaller height."""
    rows: list[list] = []
    for item in sorted(items, key=lambda r: (-r.top, r.x0)):
        if rows and _same_row(rows[-1], item):
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


def _same_row(row: list, item) -> bool:
    """``item`` overlaps every member of ``row`` by half the smaller height (every member:
    a tall name line must not chain the small address lines beside it into one row)."""
    for member in row:
        overlap = min(member.top, item.top) - max(member.bottom, item.bottom)
        if overlap < 0.5 * (min(member.top - member.bottom, item.top - item.bottom) or 1.0):
            return False
    return True


def _merge_row(row: list[Run]) -> list[Line]:
    """Runs of one row, left to right, joined into lines; a wide gap starts a new line."""
    lines: list[Line] = []
    group: list[Run] = []
    for run in sorted(row, key=lambda r: r.x0):
        em = max(run.size, run.top - run.bottom, 1.0)
        if group and (run.x0 - group[-1].x1 > _SPLIT_EM * em and not _is_bullet(group[-1].text)
                      or group[-1].text.endswith(_SOFT_HYPHEN)):  # a hyphenated line ends there
            lines.append(_join(group))
            group = []
        group.append(run)
    if group:
        lines.append(_join(group))
    return [line for line in lines if line.text.strip()]


def _is_bullet(text: str) -> bool:
    """A list marker drawn on its own (•, –, \uf0b7 from Symbol fonts): it belongs to the
    text after it however wide the indent."""
    text = text.strip()
    return 0 < len(text) <= 2 and not any(ch.isalnum() for ch in text)


def _join(runs: list[Run]) -> Line:
    """Runs of one line: a cell's run after ``SEGMENT_GAP`` (its gap still counts as a line's
    for the column geometry: cells close together are no columns), others after a space
    when apart by ``_SPACE_EM``."""
    text = " ".join(runs[0].text.split())
    for left, right in zip(runs, runs[1:]):
        em = max(right.size, right.top - right.bottom, 1.0)
        spaced = right.text[:1].isspace() or left.text[-1:].isspace() or right.x0 - left.x1 >= _SPACE_EM * em
        text += (SEGMENT_GAP if right.cell else " " if spaced else "") + " ".join(right.text.split())
    widest = max(runs, key=lambda r: len(r.text.strip()))
    return Line(text, min(r.x0 for r in runs), max(r.x1 for r in runs),
                min(r.bottom for r in runs), max(r.top for r in runs),
                max(r.size for r in runs), widest.bold, runs[0].cell)


def _order(lines: list[Line]) -> list[Line]:
    """Lines in reading order: blocks top to bottom; a column block left side first."""
    ordered: list[Line] = []
    for block in _blocks(_rows(lines)):
        gutter = _gutter([line for row in block for line in row])
        if gutter is not None and _rows_per_side(block, gutter) >= COLUMN_MIN_ROWS \
                and not _label_column(block, gutter):
            members = [line for row in block for line in row]
            left = [line for line in members if line.x1 <= gutter]
            right = [line for line in members if line.x1 > gutter]
            ordered += _order(left) + _order(right)
        else:
            ordered += [_row_line(row) for row in block]
    return ordered


def _rows_per_side(block: list[list[Line]], gutter: float) -> int:
    """Rows with a line left of the gutter or right of it, whichever is fewer: two rows of
    "English | native" under a heading are a small table, not two columns."""
    left = sum(any(line.x1 <= gutter for line in row) for row in block)
    right = sum(any(line.x1 > gutter for line in row) for row in block)
    return min(left, right)


def _label_column(block: list[list[Line]], gutter: float) -> bool:
    """True for a table-style CV, read across rather than down: one side holds labels (dates,
    headings on the left; moderncv banking's right-aligned dates on the right), each on the
    row of the entry it labels, the other side's further rows of an entry between them."""
    return _labels(block, gutter, left=True) or _labels(block, gutter, left=False) or _table_rows(block, gutter)


def _table_rows(block: list[list[Line]], gutter: float) -> bool:
    """Rows fall into ``_TABLE_MIN_ROWS`` or more table rows, set apart by blank bands across
    both sides (``_ROW_BREAK`` times the usual line pitch), each starting with both sides on
    one baseline: a date over two lines beside a two-line entry, row after row. A sidebar
    and a main column rarely leave blank bands at the same heights."""
    tops = [max(line.top for line in row) for row in block]
    pitches = sorted(a - b for a, b in zip(tops, tops[1:]))
    if len(pitches) < 3:
        return False
    usual = pitches[len(pitches) // 2]
    starts = [0] + [i + 1 for i, (a, b) in enumerate(zip(tops, tops[1:])) if a - b > _ROW_BREAK * usual]
    return len(starts) >= _TABLE_MIN_ROWS and all(_shares_baseline(block[i], gutter) for i in starts)


def _labels(block: list[list[Line]], gutter: float, *, left: bool) -> bool:
    """The ``left`` (or right) side of the gutter holds labels of the other side's entries.

    Either sparse: under ``_LABEL_DENSITY`` of the rows in the side's span have a line
    there, most of them (``_LABEL_ALIGNED``) sharing a row with the other side; or short
    groups: at least two runs of consecutive label rows, ``_LABEL_GROUP`` rows long on
    average (a date, maybe over two lines, or a heading with its first label), half of the
    label rows aligned with an entry, and rows of the other side alone between them. A
    sidebar's rows run on as a long list, or rarely share baselines with the main column."""
    side = [any((line.x1 <= gutter) == left for line in row) for row in block]
    if sum(side) < 2:
        return False
    other = [any((line.x1 <= gutter) != left for line in row) for row in block]
    first, last = side.index(True), len(side) - 1 - side[::-1].index(True)
    span, beside = side[first:last + 1], other[first:last + 1]
    aligned = sum(_shares_baseline(row, gutter) for row in block[first:last + 1]) / sum(span)
    if sum(span) >= 3 and sum(span) / len(span) < _LABEL_DENSITY and aligned >= _LABEL_ALIGNED:
        return True
    groups = [len(run) for run in "".join("x" if s else " " for s in span).split()]
    alone = any(o and not s for s, o in zip(span, beside))
    return (len(groups) >= 2 and alone and aligned >= _GROUP_ALIGNED
            and sum(groups) / len(groups) <= _LABEL_GROUP)


def _shares_baseline(row: list[Line], gutter: float) -> bool:
    """A line each side of the gutter on one baseline (within a quarter of the font size):
    cells of one table row, not a sidebar's lines that merely overlap the main column's."""
    left = [line for line in row if line.x1 <= gutter]
    right = [line for line in row if line.x1 > gutter]
    return any(abs(a.bottom - b.bottom) <= 0.25 * max(a.size, b.size) for a in left for b in right)


def _blocks(rows: list[list[Line]]) -> list[list[list[Line]]]:
    """Consecutive rows that together still leave a vertical gutter free."""
    blocks: list[list[list[Line]]] = []
    for row in rows:
        if blocks and not _far_below(blocks[-1][-1], row) and \
                _gutter([line for r in blocks[-1] + [row] for line in r]) is not None:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _far_below(above: list[Line], row: list[Line]) -> bool:
    """A blank band across the whole width, taller than ``_BREAK_EM`` lines: a new block
    (a paragraph under the columns must not join the column on its side)."""
    em = max(line.size for line in row + above)
    return min(line.bottom for line in above) - max(line.top for line in row) > _BREAK_EM * em


def _gutter(lines: list[Line]) -> float | None:
    """The x in the middle of the widest free vertical strip inside the lines' extent."""
    spans = sorted((line.x0, line.x1) for line in lines)
    em = min(line.size for line in lines) if lines else 1.0
    best, best_width = None, _GUTTER_MIN_EM * max(em, 1.0)
    reach = spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 - reach >= best_width:
            best, best_width = (reach + x0) / 2, x0 - reach
        reach = max(reach, x1)
    return best


def _row_line(row: list[Line]) -> Line:
    """A row's segments as one line, joined by ``SEGMENT_GAP`` (or a space, see above)."""
    row = sorted(row, key=lambda line: line.x0)
    if len(row) == 1:
        return row[0]
    first = max(row, key=lambda line: line.size)
    text = row[0].text
    for left, right in zip(row, row[1:]):  # a justified line's wide spaces are still spaces
        em = max(min(left.size, right.size), 1.0)
        word_space = right.x0 - left.x1 < _WORD_GAP_EM * em and not right.cell
        text += (" " if word_space else SEGMENT_GAP) + right.text
    return Line(text, row[0].x0, row[-1].x1,
                min(line.bottom for line in row), max(line.top for line in row), first.size, first.bold)


def top_lines(lines: list[Line], page_height: float, *, fraction: float = 0.3, limit: int = 8) -> list[Line]:
    """Lines in the top ``fraction`` of the page, largest font first (ties: higher first).

    The largest line and the one right under it in the same size, style and left edge are
    one line (a name set over two lines in a narrow sidebar: "Ana Paula" / "da Costa") when
    that size is a display size (1.3 times the smallest near the top), not body text."""
    cutoff = page_height * (1 - fraction)
    top = sorted((line for line in lines if line.top >= cutoff), key=lambda line: (-round(line.size, 1), -line.top))
    display = len(top) >= 2 and top[0].size >= 1.3 * min(line.size for line in top)
    if display and _continues(top[0], top[1]):
        first, second = top[0], top[1]
        top = [Line(f"{first.text} {second.text}", min(first.x0, second.x0), max(first.x1, second.x1),
                    second.bottom, first.top, first.size, first.bold)] + top[2:]
    return top[:limit]


def _continues(upper: Line, lower: Line) -> bool:
    return (abs(upper.size - lower.size) < 0.5 and upper.bold == lower.bold and abs(upper.x0 - lower.x0) < 2
            and 0 <= upper.bottom - lower.top < 0.6 * upper.size
            and len(upper.text.split()) <= 3 and len(lower.text.split()) <= 3)
