"""Gaps between characters on a PDFium text page: word spaces, table cells, letter-spacing.

Helpers of ``domain.cv.pdfium_runs``, which cuts PDFium's lines into runs. All sizes are PDF
points measured on PDFium's "loose" character boxes (advance width x font ascent/descent,
``FPDFText_GetLooseCharBox``). A gap is a table or grid cell boundary when it is much wider
than the word spaces around it in the same font (``SpaceGaps.is_cell``) or, with no space
between, wider than a fraction of one (``glued_cell``); letter-spaced text (CSS
``letter-spacing``) has wide but even gaps between all letters (``respaced``).
"""
from __future__ import annotations

import ctypes

from pypdfium2 import raw

GUTTER_EM = 1.0  # a space wider than this (in line heights) is a gap between columns
_LOOSE_HEIGHT_EM = 1.15  # PDFium's loose boxes are ascent + descent: ~1.15 font sizes tall
_CELL_EM = 0.4  # a space wider than this (font sizes) and _CELL_RATIO word spaces: table cells
_CELL_RATIO = 1.4  # a line's spaces are even (justified ones too); TeX widens them after ".,:;!?"
_SENTENCE_END = ".,:;!?"
_WIDE_CELL_EM = 1.2  # wider than this: cells even when the line's other gaps are as wide (a
# grid of one-word cells); TeX stretches justified spaces to ~0.9 em in narrow columns
_LONE_CELL_EM = 1.0  # with under two other spaces on its part of a line: cells when wider
_GLUED_EM = 0.15  # no space, yet a gap over half a word space (0.25-0.33 em): two cells
_TRACKING_EM = 0.06  # median letter gap wider than this (font sizes): the run is letter-spaced
_WORD_SPACE_EM = 0.15  # on top of the tracking: a word space (a space is 0.22-0.33 em)

PDFIUM_SOFT_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen that ends a line
BREAKS = {"\r", "\n", PDFIUM_SOFT_HYPHEN}
_BOLD_WEIGHT = 600
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


class BoxReader:
    """Loose character boxes ``(x0, bottom, x1, top)``, cached: most are asked twice."""

    def __init__(self, textpage):
        self.textpage, self.rect, self.cache = textpage, raw.FS_RECTF(), {}

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        if index not in self.cache:
            ok = raw.FPDFText_GetLooseCharBox(self.textpage, index, ctypes.byref(self.rect))
            r = self.rect
            self.cache[index] = (r.left, r.bottom, r.right, r.top) if ok else (0.0, 0.0, 0.0, 0.0)
        return self.cache[index]


class SpaceGaps:
    """Gaps at spaces (points, from the glyph before to the glyph after) and the typical word
    space of each PDFium line, to tell a word space from the gap between two table cells."""

    def __init__(self, box: BoxReader, text: str):
        self.box, self.text, self.medians, self.styles = box, text, {}, {}

    def neighbours(self, index: int) -> tuple[int, int] | None:
        before, after = index - 1, index + 1
        while before >= 0 and self.text[before] == " ":
            before -= 1
        while after < len(self.text) and self.text[after] == " ":
            after += 1
        if before < 0 or after >= len(self.text) or self.text[before] in BREAKS or self.text[after] in BREAKS:
            return None
        return before, after

    def gap(self, index: int) -> float | None:
        pair = self.neighbours(index)
        return None if pair is None else self.box(pair[1])[0] - self.box(pair[0])[2]

    def height(self, index: int) -> float:
        before, after = self.neighbours(index) or (index, index)
        left, right = self.box(before), self.box(after)
        return max(left[3] - left[1], right[3] - right[1], 1.0)

    def is_cell(self, index: int, gap: float) -> bool:
        """A gap much wider (``_CELL_RATIO``) than the median word space in the same font on
        its part of the line (between gutter-wide gaps; and wider than ``_CELL_EM``), or wider
        than ``_WIDE_CELL_EM`` (``_LONE_CELL_EM`` with fewer than two others there): cells of a
        table row or grid, not a justified line's spaces."""
        em = self.height(index) / _LOOSE_HEIGHT_EM
        before, after = self.neighbours(index) or (index, index)
        if gap <= _CELL_EM * em or self.text[before] in _SENTENCE_END:
            return False
        if self._letter_gap(before - 1, em) or self._letter_gap(after, em):
            return False  # letter-spaced text: its word gaps are wide too
        while index > 0 and self.text[index - 1] == " ":
            index -= 1
        style = self._style(before)
        em = max(style[0], em)  # the font size itself where known (loose boxes vary by font)
        gaps = self._line_gaps(index)
        position = next(i for i, (at, _) in enumerate(gaps) if at >= index)
        cuts = [i for i, (at, g) in enumerate(gaps) if g > GUTTER_EM * self.height(at)]
        low = max([i for i in cuts if i < position], default=-1) + 1  # this part of the line only
        high = min([i for i in cuts if i > position], default=len(gaps))
        spaces = [(g, at) for at, g in gaps[low:high] if at != index and self._word_space(at, style)]
        others = sorted(g for g, _ in spaces)
        drawn = self._generated(index) and any(not self._generated(at) for _, at in spaces)
        if len(others) < 2 and not drawn:  # one space says little (words placed one by one vary),
            return gap > _LONE_CELL_EM * em  # unless the producer drew it and made up this one
        return gap > _WIDE_CELL_EM * em or gap > _CELL_RATIO * others[(len(others) - 1) // 2]  # lower median

    def _word_space(self, at: int, style: tuple[float, bool]) -> bool:
        """The space at ``at`` is between words in ``style`` (a bullet's or dash's fixed
        space says nothing of the line's word spaces)."""
        before, after = self.neighbours(at)
        return self.text[before].isalnum() and self.text[after].isalnum() and self._style(before) == style

    def _generated(self, index: int) -> bool:
        """PDFium made this space up from a gap (the producer drew no space glyph there)."""
        return bool(raw.FPDFText_IsGenerated(self.box.textpage, index))

    def _style(self, index: int) -> tuple[float, bool]:
        """Font size and boldness: a bold title's spaces are wider than the date's beside it."""
        if index not in self.styles:
            size, bold = font(self.box.textpage, index)
            self.styles[index] = (round(size, 1), bold)
        return self.styles[index]

    def _letter_gap(self, index: int, em: float) -> bool:
        """True when glyphs ``index`` and ``index + 1`` are of one word yet set apart
        (tracking), or either is missing (a single-letter word: likely letter-spaced)."""
        if index < 0 or index + 1 >= len(self.text):
            return False
        pair = self.text[index:index + 2]
        if " " in pair or any(ch in BREAKS for ch in pair):
            return True
        return self.box(index + 1)[0] - self.box(index)[2] > _TRACKING_EM * em

    def _line_gaps(self, index: int) -> list[tuple[int, float]]:
        start = max(self.text.rfind("\n", 0, index), self.text.rfind(PDFIUM_SOFT_HYPHEN, 0, index)) + 1
        if start not in self.medians:
            ends = [e for e in (self.text.find(b, index) for b in BREAKS) if e >= 0]
            end = min(ends) if ends else len(self.text)
            gaps = []
            for i in range(start, end):
                if self.text[i] == " " and self.text[i - 1] != " ":
                    gap = self.gap(i)
                    if gap is not None:
                        gaps.append((i, gap))
            self.medians[start] = gaps
        return self.medians[start]


def apart_pieces(textpage) -> set[int]:
    """Indices of characters that start a piece of text set apart from the piece before it on
    its line: candidates for ``glued_cell``. PDFium's text rectangles (``FPDFText_GetRect``)
    are per text object and line, so this costs a call per piece, not per character."""
    count = raw.FPDFText_CountRects(textpage, 0, -1)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    starts: set[int] = set()
    previous = None
    for number in range(count):
        raw.FPDFText_GetRect(textpage, number, *(ctypes.byref(v) for v in (left, top, right, bottom)))
        rect = (left.value, top.value, right.value, bottom.value)
        height = max(rect[1] - rect[3], 1.0)
        if previous and abs(previous[3] - rect[3]) < 0.5 * height and rect[0] - previous[2] > _GLUED_EM * height:
            index = raw.FPDFText_GetCharIndexAtPos(textpage, rect[0] + 0.5, (rect[1] + rect[3]) / 2, 1.0, 1.0)
            if index > 0:
                starts.add(index)
        previous = rect
    return starts


def glued_cell(box: BoxReader, text: str, index: int) -> bool:
    """True when the glyph at ``index`` follows the previous one with no space but a gap over
    ``_GLUED_EM``, while the letters beside it in their words touch: two cells of a CSS grid
    or flex row drawn without a space ("...7890carlos@..."), not letter-spaced text."""
    if not (_in_word(text, index - 1) and _in_word(text, index)):
        return False
    left, right = box(index - 1), box(index)
    em = max(left[3] - left[1], right[3] - right[1], 1.0) / _LOOSE_HEIGHT_EM
    gap = right[0] - left[2]
    if gap <= _GLUED_EM * em:
        return False
    beside = [box(i + 1)[0] - box(i)[2] for i in (index - 2, index)
              if _in_word(text, i) and _in_word(text, i + 1)]
    # letters beside set apart, or none to tell (one- or two-letter pieces): letter-spacing
    return bool(beside) and all(g < _TRACKING_EM * em for g in beside)


def _in_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] != " " and text[index] not in BREAKS


def respaced(box: BoxReader, text: str, first: int, last: int, size: float) -> str | None:
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


def font(textpage, char: int) -> tuple[float, bool]:
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
