"""OCR line boxes into the text PDF reader's lines: skew, font-size proxies, reading order.

The detector's boxes (quadrilaterals in pixels) become ``domain.cv.layout`` runs in points,
the page taken as A4-wide (595 pt), their centres turned back by the page's skew; the text PDF
reader's own algorithm then orders them (rows by vertical overlap, left to right; columns and
sidebars split at a clear vertical gutter). A box's height is the line's font-size proxy, so
page one's largest top lines become ``large_lines`` for name detection, as with a text PDF.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import replace

from domain.cv.layout import Run, reading_order, segments, top_lines
from domain.cv.repair import join_letter_spaced, normalise_unicode, split_lost_spaces
from domain.cv.types import PdfLine

A4_WIDTH_PT = 595.0
# Font size / box height: the detector's boxes are 1.2-1.3 times the font size high
# (measured against PDFium's runs of the same corpus pages); their ends are within 1-3 pt.
FONT_PER_BOX = 0.8
SIZE_STEP = 1.06  # box heights of one font size on one page differ by up to 5 % (same letters)
_MAX_SKEW = 15.0  # degrees; a steeper estimate is wrong (or no page to read)


def estimate_skew(boxes: list[list[tuple[float, float]]]) -> float:
    """The text lines' angle in degrees, clockwise positive (y down): the median angle of the
    top edges of quads at least three times wider than high (short boxes give noisy angles);
    0 with fewer than three of them or beyond ±15° (no plausible scan)."""
    angles = []
    for box in boxes:
        (x0, y0), (x1, y1) = box[0], box[1]
        if distance(box[0], box[1]) >= 3 * distance(box[0], box[3]):
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if len(angles) < 3:
        return 0.0
    angle = statistics.median(angles)
    return angle if abs(angle) <= _MAX_SKEW else 0.0


def lay_out(boxes: list[list[tuple[float, float]]], texts: list[str], size: tuple[int, int], *,
            skew: float = 0.0, page: int = 1) -> tuple[list[PdfLine], list[str]]:
    """Text boxes of one page image in reading order, with the page's large top lines.

    ``boxes``: quads in pixels (top-left, top-right, bottom-right, bottom-left; y down) of an
    image ``size`` = (width, height) pixels, ``texts`` their texts. ``skew``: the lines'
    angle in degrees, clockwise positive; box centres are turned back by it before ordering.
    Returns the lines (``PdfLine``, see ``OcrPage``) and, on page 1, the text of the lines in
    the top 30 % of the page, largest first (``domain.cv.layout.top_lines``); else ``[]``.
    """
    width, height = size
    scale = A4_WIDTH_PT / width  # points per pixel
    page_height = height * scale
    runs = _snap_sizes([_run(box, text, skew, size, scale) for box, text in zip(boxes, texts) if text.strip()])
    parts = segments(runs)
    lines = [PdfLine(_line_text(line.text), page, round(line.size, 1), False, round(page_height - line.top, 1))
             for line in reading_order(parts)]
    large = [_line_text(line.text) for line in top_lines(parts, page_height)] if page == 1 else []
    return [line for line in lines if line.text], [text for text in large if text]


def _snap_sizes(runs: list[Run]) -> list[Run]:
    """Runs whose font-size proxies differ by under ``SIZE_STEP`` from the next smaller one
    share their group's median size: box heights of one font vary with the letters (capitals
    only, descenders), and the layout tells a name over two lines, or which large line is
    higher, from equal sizes."""
    sizes = sorted({run.size for run in runs})
    groups: list[list[float]] = []
    for value in sizes:
        if groups and value <= groups[-1][-1] * SIZE_STEP:
            groups[-1].append(value)
        else:
            groups.append([value])
    snapped = {value: statistics.median(group) for group in groups for value in group}
    return [replace(run, size=snapped[run.size]) for run in runs]


def _run(box: list[tuple[float, float]], text: str, skew: float, size: tuple[int, int], scale: float) -> Run:
    """A box as a ``Run`` in points, y upwards, its centre turned back by ``skew`` about the
    image centre, as high as the font-size proxy (a PDF run's box is its font size high,
    and the layout's distances are in those units).

    Every box is a ``cell``: the layout joins it to a box before it on the same row by
    ``SEGMENT_GAP``, as separate fields. The detector merges words a space apart into one
    box, so two boxes on a row were set apart by more: columns, a label and its value, or a
    name and a title whose thin "|" between them was not read (moderncv's banking style)."""
    width, height = size
    cx = sum(x for x, _ in box) / 4 - width / 2
    cy = sum(y for _, y in box) / 4 - height / 2
    theta = math.radians(skew)
    x = width / 2 + cx * math.cos(theta) + cy * math.sin(theta)
    y = height / 2 - cx * math.sin(theta) + cy * math.cos(theta)
    w = (distance(box[0], box[1]) + distance(box[3], box[2])) / 2
    font = (distance(box[0], box[3]) + distance(box[1], box[2])) / 2 * FONT_PER_BOX
    return Run(text=text.strip(), x0=(x - w / 2) * scale, x1=(x + w / 2) * scale,
               bottom=(height - y - font / 2) * scale, top=(height - y + font / 2) * scale, size=font * scale,
               cell=True)


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Euclidean distance between two points (pixels)."""
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _line_text(text: str) -> str:
    """Repairs within one line: NFKC (ligatures, full-width forms), letter-spaced headings,
    words run together (``domain.cv.repair``)."""
    text = " ".join(normalise_unicode(text).split(" ")).strip()
    return split_lost_spaces(join_letter_spaced(text))
