"""OCR of photos, scans and scanned PDFs into the ``PdfText`` a text PDF gives.

Engine: RapidOCR (https://github.com/RapidAI/RapidOCR) running PaddleOCR's PP-OCR models
on onnxruntime: a DB text detector (Liao et al. 2020, "Real-time Scene Text Detection with
Differentiable Binarization") finds line boxes, a recogniser reads each box. The ``rapidocr``
wheel ships the PP-OCRv6 small detector and recogniser (multilingual Latin: é, ô, ç, ß, ñ
are read), and the engine is given their paths inside the installed package, so nothing is
ever downloaded. RapidOCR's per-line 180° classifier is off: it turned clean lines upside
down ("Rennes, France | +33 …" read as "Re + rr"); the page's orientation is decided here,
once for the whole page. One engine per process, created on first use (``engine``).

Per page (``ocr_page``):

1. the image is shrunk to ``OCR_MAX_SIDE`` pixels (the detector's working size);
2. orientation: a page turned by 90° shows mostly boxes taller than wide; an upside-down
   page reads with low confidence. Then the page is read again turned (clockwise 90, 270
   or 180°) and the reading with most confident characters kept;
3. skew: the median angle of the long boxes' top edges. RapidOCR reads slightly rotated
   boxes from rotated crops; the boxes' centres are turned back by that angle for ordering;
4. reading order (``domain.cv.ocr_layout``): the boxes become ``domain.cv.layout`` runs in points (the page taken as
   A4-wide, 595 pt) and are ordered by the text PDF reader's own algorithm (rows by
   vertical overlap, left to right; columns and sidebars split at a clear vertical gutter).
   A box's height is the line's font-size proxy, so page one's largest top lines become
   ``large_lines`` for name detection, as with a text PDF.

Bounds: ``OCR_MAX_SIDE`` pixels per page, ``MAX_BOXES`` boxes per page, at most two
full readings per page (the turn decided on a sample of boxes in between), ``max_pages``
pages, and a time budget per document checked between pages and between a page's readings. Measured on this 2-core machine: about 4 CPU-seconds per upright
page (detection and recognition about half each; onnxruntime uses both cores), and a peak
of about 0.8 GB resident for the reading process (the detector's activations on a
2000-pixel page take about 0.5 GB of it, freed after each page).
"""
from __future__ import annotations

import logging
import math
import os
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from domain.cv.errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    NoTextInImageError,
    OcrUnavailableError,
    PoorScanError,
    ScanTooLongError,
    TooManyPagesError,
    UnsupportedScriptError,
)
from domain.cv.images import load_image, shrink
from domain.cv.ocr_layout import distance, estimate_skew, lay_out
from domain.cv.pdfium_runs import PDFIUM_LOCK
from domain.cv.repair import repair_text
from domain.cv.types import PdfLine, PdfText

logger = logging.getLogger(__name__)

OCR_MAX_SIDE = 2000  # RapidOCR's own default working size; shrinking here uses a better filter
MAX_BOXES = 500  # a dense CV page has 100-200 line boxes; more is noise, and each costs a recognition
RENDER_DPI = 300
MAX_RENDER_PIXELS = 9_000_000  # an A4 page at 300 dpi is 8.7 MP; a huge page size renders coarser
TIME_BUDGET_SECONDS = 60.0  # per document; about 2-3 s a page, up to three readings for a turned page
GOOD_CONFIDENCE = 0.85  # upright CV pages read at 0.95-0.99; upside-down or turned ones at 0.65-0.75
MIN_BOXES_TO_TURN = 3  # fewer boxes than this (a blank page, specks): turning it cannot help
TURNED_SHARE = 0.5  # share of elongated boxes that stand upright: the page lies on its side
MIN_LETTERS = 40  # fewer letters on all pages: nothing a profile could be built from
MIN_CONFIDENCE = 0.75  # mean confidence under this: the text read is mostly guesses
TEXT_SCORE = 0.5  # RapidOCR's own default: a box read with a lower score is dropped from the text
SAMPLE_BOXES = 12  # the longest boxes of a first reading, read again turned to decide the orientation
MIN_TEXT_BOXES = 3  # fewer boxes on all pages (a landscape, a wall, specks): no text at all
# Script: the recogniser knows Latin letters (and digits, punctuation); other scripts come
# back as spaces, punctuation or nothing, so the boxes hold few letters for their length. A
# box's length / height is about the characters in it (measured: Latin CV pages read 1.7-2.1
# Latin letters per unit, 2.1 on a blurred one; a Cyrillic CV with a Latin e-mail and skills
# 0.42, Arabic 0.10). Under 0.8, over ``SCRIPT_MIN_BOXES`` boxes read confidently: not Latin.
LATIN_PER_ASPECT = 0.8
SCRIPT_MIN_BOXES = 8

OnPage = Callable[[int, int], None]


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR.

    ``lines``: in reading order; ``PdfLine.size`` is the box height in points times
    ``domain.cv.ocr_layout.FONT_PER_BOX`` (a font-size proxy), ``y`` the line's top in points from the page's top,
    the page taken as A4-wide. ``confidence``: the recogniser's mean score per character,
    0-1 (0 when nothing was read). ``chars``/``letters``: non-space characters and letters
    read. ``rotation``: degrees the image was turned clockwise to read it (0, 90, 180,
    270). ``skew``: the text lines' angle in degrees, clockwise positive. ``boxes``: text
    boxes the detector found (with any text), ``aspect``: their summed length / height (about
    the characters they hold), ``latin``: Latin letters read, ``other_letters``: letters of
    other scripts read.
    """

    lines: list[PdfLine]
    large_lines: list[str]
    confidence: float
    chars: int
    letters: int
    rotation: int = 0
    skew: float = 0.0
    boxes: int = 0
    aspect: float = 0.0
    latin: int = 0
    other_letters: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --- the engine ------------------------------------------------------------------------------

_engine: tuple[int, object] | None = None  # (pid, RapidOCR): a forked worker makes its own
_engine_lock = threading.Lock()


def engine():
    """The process's RapidOCR engine, created and warmed up on first use.

    Raises ``OcrUnavailableError`` when ``rapidocr`` (or onnxruntime) is not installed or the
    models do not load.
    """
    global _engine
    with _engine_lock:
        if _engine is None or _engine[0] != os.getpid():
            _engine = (os.getpid(), _create_engine())
        return _engine[1]


def model_paths() -> dict[str, Path]:
    """The detector and recogniser model files inside the installed ``rapidocr`` package."""
    try:
        import rapidocr
    except ImportError as exc:
        raise OcrUnavailableError(detail=f"rapidocr not installed: {exc}") from exc
    models = Path(rapidocr.__file__).parent / "models"
    return {"det": models / "PP-OCRv6_det_small.onnx", "rec": models / "PP-OCRv6_rec_small.onnx"}


def _create_engine():
    paths = model_paths()
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise OcrUnavailableError(detail=f"OCR models missing: {', '.join(missing)}")
    try:
        from rapidocr import RapidOCR

        ocr = RapidOCR(params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Global.max_side_len": OCR_MAX_SIDE,
            "Det.model_path": str(paths["det"]),
            "Det.max_candidates": MAX_BOXES,
            "Rec.model_path": str(paths["rec"]),
        })
        ocr(_warm_up_image())  # loads both models now, not amid a user's page
    except Exception as exc:
        raise OcrUnavailableError(detail=f"OCR engine failed to start: {exc!r}") from exc
    return ocr


def _warm_up_image() -> Image.Image:
    """A word on a small square: the detector scales an image's short side up to 736 px, so
    a wide strip would cost hundreds of MB; without a word the recogniser is not loaded."""
    image = Image.new("RGB", (64, 64), "white")
    ImageDraw.Draw(image).text((20, 25), "CV", fill="black")
    return image


# --- one page ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Reading:
    """The engine's output for the image turned ``rotation`` degrees clockwise."""

    rotation: int
    size: tuple[int, int]  # the turned image's width and height, pixels
    boxes: list[list[tuple[float, float]]]  # quads: top-left, top-right, bottom-right, bottom-left
    texts: list[str]
    scores: list[float]
    found: int = 0  # boxes with any text, kept or not
    aspect: float = 0.0  # their summed length / height

    @property
    def confidence(self) -> float:
        chars = sum(len(text) for text in self.texts)
        return sum(s * len(t) for s, t in zip(self.scores, self.texts)) / chars if chars else 0.0

    @property
    def confident_chars(self) -> int:
        return sum(len(t.strip()) for s, t in zip(self.scores, self.texts) if s >= GOOD_CONFIDENCE)

    @property
    def turned(self) -> bool:
        """Most elongated boxes stand upright: the lines run down the page."""
        shapes = [(distance(b[0], b[1]), distance(b[0], b[3])) for b in self.boxes]
        long = [height > width for width, height in shapes if max(width, height) >= 2 * min(width, height)]
        return bool(long) and sum(long) > TURNED_SHARE * len(long)

    @property
    def score(self) -> float:
        return self.confident_chars * (0.5 if self.turned else 1.0)


def ocr_page(image: Image.Image, *, page: int = 1, deadline: float | None = None) -> OcrPage:
    """Read one page image (any size and mode; see ``domain.cv.images.load_image``).

    ``deadline``: a ``time.monotonic()`` value; a second reading of the page (turned) is
    not started after it. Raises ``ScanTooLongError`` then, ``OcrUnavailableError`` when the
    engine cannot run. Never raises for a page with no text: it comes back with no lines and
    confidence 0.
    """
    image = shrink(image if image.mode in ("RGB", "L") else image.convert("RGB"), OCR_MAX_SIDE)
    first = _read(image, 0)
    reading = _upright_reading(image, first, deadline)
    skew = estimate_skew(reading.boxes)
    lines, large = lay_out(reading.boxes, reading.texts, reading.size, skew=skew, page=page)
    chars = sum(len(line.text.replace(" ", "")) for line in lines)
    letters = [ch for line in lines for ch in line.text if ch.isalpha()]
    latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters)
    return OcrPage(lines=lines, large_lines=large, confidence=round(reading.confidence, 4), chars=chars,
                   letters=len(letters), rotation=reading.rotation, skew=round(skew, 2),
                   boxes=max(first.found, reading.found), aspect=max(first.aspect, reading.aspect), latin=latin,
                   other_letters=len(letters) - latin)


def _upright_reading(image: Image.Image, first: _Reading, deadline: float | None) -> _Reading:
    """``first`` (the page as is), or one reading of the page turned as a sample says.

    A page whose boxes mostly stand upright lies on its side (90 or 270); an upright one
    read with low confidence may be upside down (180). Which turn is right is decided on a
    sample: the ``SAMPLE_BOXES`` longest boxes of ``first``, cut out and read alone, turned
    each way (``_sample_score``), a fraction of a second where a full reading takes 2-7 s.
    Only the winning turn is read in full, so a turned page costs two readings, not three."""
    if first.turned:
        candidates = (90, 270)
    elif first.confidence < GOOD_CONFIDENCE and len(first.boxes) >= MIN_BOXES_TO_TURN:
        candidates = (0, 180)  # (a page where nothing was found gains nothing from turning)
    else:
        return first
    rotation = max(candidates, key=lambda turn: _sample_score(image, first.boxes, turn))
    if rotation == 0:
        return first
    if deadline is not None and time.monotonic() > deadline:
        raise ScanTooLongError(detail=f"OCR time budget spent before reading a page turned {rotation}°")
    turned = _read(image, rotation)
    best = turned if turned.score > first.score else first
    logger.debug("page orientation: turned %d° (first reading %.2f, turned %.2f)", best.rotation,
                 first.confidence, turned.confidence)
    return best


def _sample_score(image: Image.Image, boxes: list[list[tuple[float, float]]], rotation: int) -> float:
    """Confident characters read from the longest boxes cut out of ``image`` (their bounding
    rectangles) and turned ``rotation`` degrees clockwise, each read by the recogniser alone."""
    longest = sorted(boxes, key=lambda box: -max(distance(box[0], box[1]), distance(box[0], box[3])))[:SAMPLE_BOXES]
    ocr = engine()
    total = 0.0
    for box in longest:
        xs, ys = [x for x, _ in box], [y for _, y in box]
        crop = image.crop((int(min(xs)), int(min(ys)), math.ceil(max(xs)), math.ceil(max(ys))))
        if _TURNS[rotation] is not None:
            crop = crop.transpose(_TURNS[rotation])
        if crop.width < crop.height:  # a box read across: not a line in this turn
            continue
        try:
            result = ocr(crop, use_det=False, use_cls=False, use_rec=True)
        except Exception as exc:
            raise OcrUnavailableError(detail=f"OCR failed: {exc!r}") from exc
        total += sum(len(text.strip()) * score for text, score in zip(result.txts or (), result.scores or ())
                     if score >= TEXT_SCORE)
    return total


_TURNS = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def _read(image: Image.Image, rotation: int) -> _Reading:
    turn = _TURNS[rotation]  # Pillow's ROTATE_n turn counter-clockwise
    turned = image.transpose(turn) if turn is not None else image
    ocr = engine()
    try:
        # Every option given on every call: RapidOCR keeps a call's options for the next.
        # Score 0 keeps every box with any text, for ``found``; under TEXT_SCORE they are dropped.
        result = ocr(turned, use_det=True, use_cls=False, use_rec=True, text_score=0.0)
    except Exception as exc:
        raise OcrUnavailableError(detail=f"OCR failed: {exc!r}") from exc
    found = [] if getattr(result, "boxes", None) is None else result.boxes  # boxes alone when none was read
    aspect = sum(distance(box[0], box[1]) / max(distance(box[0], box[3]), 1.0) for box in found)
    texts, scores = getattr(result, "txts", None), getattr(result, "scores", None)
    if texts is None or scores is None or not len(texts):
        return _Reading(rotation, turned.size, [], [], [], found=len(found), aspect=aspect)
    kept = [(box, text, float(score)) for box, text, score in zip(found, texts, scores) if score >= TEXT_SCORE]
    return _Reading(rotation, turned.size, [[(float(x), float(y)) for x, y in box] for box, _, _ in kept],
                    [text for _, text, _ in kept], [score for _, _, score in kept], found=len(found), aspect=aspect)


# --- documents ---------------------------------------------------------------------------------

def read_image(data: bytes, *, on_page: OnPage | None = None) -> PdfText:
    """The text of a photo or scanned image of a CV page (``source="photo"``, one page).

    ``on_page(1, 1)`` is called before reading. Raises what ``domain.cv.images.load_image``
    raises, ``OcrUnavailableError``, and ``PoorScanError`` when under ``MIN_LETTERS`` letters
    are read or their mean confidence is under ``MIN_CONFIDENCE``.
    """
    image = load_image(data)
    if on_page is not None:
        on_page(1, 1)
    return _document([ocr_page(image, page=1)], source="photo")


def read_scanned_pdf(data: bytes, *, max_pages: int = 5, on_page: OnPage | None = None, source: str = "scan",
                     time_budget: float = TIME_BUDGET_SECONDS, pages: list[int] | None = None) -> PdfText:
    """The text of a PDF read by OCR: each page rendered by PDFium (pypdfium2) at
    ``RENDER_DPI``, fewer when a page would exceed ``MAX_RENDER_PIXELS``.

    ``pages``: the 1-based numbers of the pages to read (numbers past the end are ignored),
    every page when None; the lines keep the document's page numbers, and ``large_lines``
    come from page 1 only if it is read. ``on_page(n, count)`` is called before each page is
    read, counting only the pages read (1-based). ``source``: "scan", as the PdfText's source.
    Raises ``TooManyPagesError`` (scanned) when more than ``max_pages`` pages are to be read,
    ``EncryptedPdfError``, ``CorruptPdfError``, ``EmptyPdfError`` (no pages),
    ``ScanTooLongError`` when ``time_budget`` seconds have passed before a page after the first,
    ``OcrUnavailableError`` and ``PoorScanError`` (see ``read_image``).
    """
    import pypdfium2 as pdfium

    deadline = time.monotonic() + time_budget
    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError(detail=str(exc)) from exc
        raise CorruptPdfError(detail=f"PDFium cannot open it: {exc}") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise EmptyPdfError(detail="no pages")
        numbers = list(range(1, count + 1)) if pages is None else [n for n in pages if 1 <= n <= count]
        if len(numbers) > max_pages:
            raise TooManyPagesError(pages=len(numbers), limit=max_pages, scanned=True)
        read = []
        for position, number in enumerate(numbers):
            if position and time.monotonic() > deadline:
                raise ScanTooLongError(detail=f"OCR time budget of {time_budget:.0f} s spent before page {number}")
            if on_page is not None:
                on_page(position + 1, len(numbers))
            read.append(ocr_page(_render(pdf, number - 1), page=number, deadline=deadline))
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
    return _document(read, source=source)


# PDFium calls share the PDF reader's lock (one per process); OCR between them runs unlocked.
_PDFIUM_LOCK = PDFIUM_LOCK


def _render(pdf, index: int) -> Image.Image:
    """Page ``index`` (0-based) as an RGB image at ``RENDER_DPI``, within ``MAX_RENDER_PIXELS``."""
    with _PDFIUM_LOCK:
        page = pdf[index]
        try:
            width, height = page.get_size()  # points
            scale = min(RENDER_DPI / 72, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
            return page.render(scale=scale).to_pil().convert("RGB")
        finally:
            page.close()


def _document(pages: list[OcrPage], *, source: str) -> PdfText:
    """The pages as one ``PdfText``; raises ``NoTextInImageError`` (under ``MIN_TEXT_BOXES``
    boxes found), ``UnsupportedScriptError`` (see ``LATIN_PER_ASPECT``) or ``PoorScanError``
    (under ``MIN_LETTERS`` letters, or read with confidence under ``MIN_CONFIDENCE``)."""
    letters = sum(page.letters for page in pages)
    chars = sum(page.chars for page in pages)
    confidence = sum(page.confidence * page.chars for page in pages) / chars if chars else 0.0
    boxes, aspect = sum(page.boxes for page in pages), sum(page.aspect for page in pages)
    latin, other = sum(page.latin for page in pages), sum(page.other_letters for page in pages)
    detail = (f"{boxes} boxes found (length/height {aspect:.0f}), {letters} letters read ({latin} Latin), "
              f"mean confidence {confidence:.2f}")
    if boxes < MIN_TEXT_BOXES and letters < MIN_LETTERS:
        raise NoTextInImageError(detail=detail)
    if boxes >= SCRIPT_MIN_BOXES and (chars == 0 or confidence >= MIN_CONFIDENCE) and (
            latin < LATIN_PER_ASPECT * aspect or other > latin):
        raise UnsupportedScriptError(detail=detail)
    if letters < MIN_LETTERS or confidence < MIN_CONFIDENCE:
        raise PoorScanError(detail=detail)
    text = repair_text("\n\n".join(page.text for page in pages if page.text.strip()))
    logger.info("OCR read %d page(s): %d letters, confidence %.2f, turned %s, skew %s", len(pages), letters,
                confidence, [page.rotation for page in pages], [page.skew for page in pages])
    return PdfText(text=text, large_lines=pages[0].large_lines, lines=[line for page in pages for line in page.lines],
                   source=source, pages=len(pages))
