"""Safe text extraction from untrusted CV PDFs: pypdf guards, PDFium lays out.

Guards, in the order they apply: byte size cap, magic sniffing, pypdf's own resource
limits tightened for CV-sized documents (via ``pypdf.apply_configuration``, a context
variable, so other pypdf users in the process are unaffected), a page cap, a wall-clock
budget checked between pages, and a cap on the extracted characters. ``read_pdf`` decodes
every stream text extraction reads under those limits (``domain.cv.pdf_guard``) before
PDFium sees the file, reads filled-in form fields with the page text
(``domain.cv.pdf_forms``) and refuses a text layer that is no language
(``domain.cv.text_quality``); ``read_pdf_text`` extracts with pypdf alone. Every failure is
a ``CvReadError`` subclass with a stable code (see ``domain.cv.errors``); the ones a caller
answers by OCR (scanned, garbled) and ``empty`` carry the page count as ``exc.pages``.
"""
from __future__ import annotations

import io
import logging
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice

import pypdf
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

from domain.cv.errors import (
    CorruptPdfError,
    CvReadError,
    EmptyPdfError,
    EncryptedPdfError,
    GarbledTextError,
    NotPdfError,
    OcrUnavailableError,
    PoorScanError,
    ScannedPdfError,
    TooComplexPdfError,
    TooLargePdfError,
    TooManyPagesError,
    XfaFormError,
)
from domain.cv.filetype import SNIFF_BYTES as _SNIFF_BYTES
from domain.cv.filetype import looks_like_pdf
from domain.cv.layout import reading_order, segments, top_lines
from domain.cv.pdf_forms import (
    FieldValue,
    form_values,
    page_text,
    value_runs,
    xfa_without_values,
)
from domain.cv.pdf_guard import guard_pages
from domain.cv.pdf_ink import page_ink
from domain.cv.pdfium_runs import LayoutUnavailable, read_runs
from domain.cv.repair import (
    SOFT_HYPHEN,
    glyph_name_digits,
    join_letter_spaced,
    normalise_unicode,
    repair_text,
    split_lost_spaces,
)
from domain.cv.text_quality import garbled_reason
from domain.cv.types import PdfLine, PdfText

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000  # ~60 dense pages; more is not a CV and would slow every later step
TIME_BUDGET_SECONDS = 15.0
FORM_SHARE = 0.5  # more of the text than this from form fields: PdfText.source is "form"
# Fewer letters than this on a page that shows other ink (domain.cv.pdf_ink): the page is a
# scan (or outlined letters) and its few letters a footer such as "Scanned with CamScanner".
# Every page of the real CVs in tests/corpus/pdfs has 366 letters or more but one, a short
# last page (35) that shows no other ink (measured in tests/domain/cv/test_cv_pdf_reader.py).
MIN_PAGE_LETTERS = 80

# read_scans(page_numbers) -> the OCR text of those 1-based pages, its lines carrying the
# document's page numbers (domain.cv.ocr.read_scanned_pdf with ``pages``).
ReadScans = Callable[[list[int]], PdfText]

# A CV's content streams are a few hundred KB at most; pypdf's defaults (75 MB per
# stream, 300 MB decoding work) are sized for any document and would let a small
# "zip bomb" PDF allocate hundreds of MB per stream before failing.
_PYPDF_LIMITS = dict(
    zlib_maximum_output_length=8_000_000,
    lzw_maximum_output_length=8_000_000,
    run_length_maximum_output_length=8_000_000,
    brotli_maximum_output_length=8_000_000,
    array_based_stream_maximum_output_length=8_000_000,
    stream_decoding_work_maximum_length=32_000_000,
    zlib_maximum_recovery_input_length=1_000_000,
    image_maximum_buffer_size=8_000_000,
    xform_maximum_invocations_per_extraction=500,
    page_tree_maximum_entries=10_000,
    # Tokens parsed per content stream: a designed CV page needs tens of thousands;
    # pypdf's default (2 million) takes many seconds to chew through.
    stream_parsing_work_maximum_count=300_000,
)

# pypdf logs a warning for every small spec violation it recovers from, and real-world
# CVs are full of them; keep only errors unless the application configured otherwise.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(data: bytes, *, max_pages: int = 20, max_bytes: int = DEFAULT_MAX_BYTES,
             max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS,
             read_scans: ReadScans | None = None) -> PdfText:
    """The text layer of a CV PDF in reading order, with layout evidence; scanned pages by OCR.

    pypdf opens and decrypts the file and decodes, under its limits, every stream text
    extraction will read (``domain.cv.pdf_guard``); only then does PDFium lay the pages out
    (``domain.cv.layout``: columns and sidebars not interleaved, font sizes, bold), with
    the values of filled-in form fields placed where they are shown
    (``domain.cv.pdf_forms``). When layout is unavailable or finds no text, pypdf extracts
    the text as ``read_pdf_text`` does, each page's field values after its text, and the
    layout fields stay empty. ``PdfText.text`` is repaired (``domain.cv.repair``) and
    capped at ``max_chars``; ``PdfText.source`` is "form" when most of it came from form
    fields; ``PdfText.pages`` is the page count.

    Scanned pages, decided page by page: under ``MIN_PAGE_LETTERS`` letters and other ink
    (``domain.cv.pdf_ink.page_ink``: an image, an inline image, many filled paths). Their
    numbers are ``PdfText.scanned_pages``. With ``read_scans`` they are read by it and their
    text put in page order among the text pages (lines likewise; ``large_lines`` from page
    1 however it was read; ``source`` "scan" when most letters came from OCR); a scan that
    reads too poorly (``PoorScanError``) or no OCR (``OcrUnavailableError``) leaves the text
    pages alone. Without ``read_scans`` scanned pages are left out.

    Raises what ``read_pdf_text`` raises; ``ScannedPdfError`` (with ``pages`` and
    ``scanned_pages``) when only scanned pages have text and OCR is not given or
    unavailable; what ``read_scans`` raises otherwise (``PoorScanError`` only when no text
    page is left, ``TooManyPagesError``...); ``GarbledTextError`` (with ``pages``) when the
    text pages' text is no language (``domain.cv.text_quality.garbled_reason``: fonts
    without a Unicode map), ``XfaFormError`` for an XFA form with no AcroForm values.
    """
    deadline = time.monotonic() + time_budget
    _check_bytes(data, max_bytes)
    with _pypdf_guard():
        reader = _open(data)
        pages = _pages(reader, max_pages)
        guard_pages(pages, deadline)
        tex = _made_by_tex(reader)
        fields = form_values(reader, pages)
        if xfa_without_values(reader, fields):
            _refuse_xfa(data, pages, deadline)
        found = _layout(data, len(pages), deadline, fields=fields)
        if found is None:
            found = _pypdf_pages(pages, deadline, max_chars, fields)
        scanned = _scanned_pages(pages, found.texts)
    result = _text_pages(found, scanned, tex=tex, max_chars=max_chars)
    if result is None and not scanned:
        raise _with_pages(EmptyPdfError(detail=f"{len(pages)} pages, no text"), len(pages))
    reason = garbled_reason(result.text) if result is not None else None
    if reason:
        raise _with_pages(GarbledTextError(detail=reason), len(pages))
    if scanned and read_scans is not None:
        result = _with_scans(found, scanned, read_scans, result, tex=tex, max_chars=max_chars, page_count=len(pages))
    if result is None:
        raise _scanned_error(len(pages), scanned)
    return replace(result, pages=len(pages), scanned_pages=scanned)


def read_pdf_text(
    data: bytes,
    *,
    max_pages: int = 20,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = MAX_TEXT_CHARS,
    time_budget: float = TIME_BUDGET_SECONDS,
) -> str:
    """Extract the text layer of a PDF with pypdf alone (content-stream order), page by
    page, within size, time and memory caps; text repairs applied.

    Raises a ``CvReadError`` subclass (not_pdf, encrypted, corrupt, empty, scanned,
    too_large, too_complex, too_many_pages when the PDF has more than ``max_pages``
    pages: a longer document is no CV). Text beyond ``max_chars`` is cut off, not an error.
    Form fields and garbled text are ``read_pdf``'s business, not this function's.
    """
    deadline = time.monotonic() + time_budget
    _check_bytes(data, max_bytes)
    with _pypdf_guard():
        reader = _open(data)
        pages = _pages(reader, max_pages)
        return _plain_text(pages, deadline, max_chars, tex=_made_by_tex(reader))


@contextmanager
def _pypdf_guard() -> Iterator[None]:
    """pypdf's limits for the block, and its failures as ``CvReadError`` kinds."""
    with pypdf.apply_configuration(**_PYPDF_LIMITS), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf's PdfReadWarning noise; errors still raise
        try:
            yield
        except LimitReachedError as exc:
            raise TooComplexPdfError(detail=f"pypdf limit: {exc}") from exc
        except RecursionError as exc:
            raise TooComplexPdfError(detail="recursion limit while parsing") from exc
        except MemoryError as exc:
            raise TooComplexPdfError(detail="out of memory while parsing") from exc
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
            raise CorruptPdfError(detail=f"{type(exc).__name__}: {exc}") from exc


def _plain_text(pages: list, deadline: float, max_chars: int, *, tex: bool,
                fields: dict[int, list[FieldValue]] | None = None) -> str:
    """pypdf's text of ``pages``, each page's form values after it, repaired and capped;
    raises empty or scanned (with ``pages``)."""
    texts, has_images = _extract_pages(pages, deadline, max_chars)
    for index, values in (fields or {}).items():
        if index < len(texts):
            texts[index] = f"{texts[index].rstrip()}\n{page_text(values)}"
    text = _normalise("\n\n".join(t.strip("\n") for t in texts if t.strip()))
    if not text.strip():
        if has_images:
            raise _with_pages(ScannedPdfError(detail=f"{len(pages)} pages with images, no text"), len(pages))
        raise _with_pages(EmptyPdfError(detail=f"{len(pages)} pages, no text"), len(pages))
    return repair_text(text, tex=tex)[:max_chars]


@dataclass
class _Pages:
    """Each page's text before repairs (``texts[i]`` is page ``i + 1``; pypdf's may stop
    early at the character cap), with the layout's evidence (empty from pypdf)."""

    texts: list[str]
    lines: list[PdfLine] = field(default_factory=list)
    large: list[str] = field(default_factory=list)  # page 1's large top lines
    typed: int = 0  # characters from form fields


def _pypdf_pages(pages: list, deadline: float, max_chars: int, fields: dict[int, list[FieldValue]]) -> _Pages:
    """pypdf's text of each page, the page's form values after it."""
    texts, _ = _extract_pages(pages, deadline, max_chars)
    for index, values in fields.items():
        if index < len(texts):
            texts[index] = f"{texts[index].rstrip()}\n{page_text(values)}"
    typed = sum(len(value.text) for values in fields.values() for value in values)
    return _Pages([_normalise(text.strip("\n")) for text in texts], typed=typed)


def _scanned_pages(pages: list, texts: list[str]) -> list[int]:
    """1-based numbers of the pages with under ``MIN_PAGE_LETTERS`` letters and other ink.
    Pages past ``texts`` (cut off by the character cap) are text pages."""
    scanned = []
    for number, (page, text) in enumerate(zip(pages, texts), start=1):
        # islice stops at the threshold: a text page costs a few dozen characters' look.
        if next(islice(filter(str.isalpha, text), MIN_PAGE_LETTERS - 1, None), None) is None:
            ink = page_ink(page)
            if ink:
                logger.info("page %d has little text and %s: reading it as a scan", number, ink)
                scanned.append(number)
    return scanned


def _text_pages(found: _Pages, scanned: list[int], *, tex: bool, max_chars: int) -> PdfText | None:
    """The pages not ``scanned`` as one text, repaired and capped; None when they have none."""
    text = repair_text("\n\n".join(t for n, t in enumerate(found.texts, start=1) if n not in scanned and t.strip()),
                       tex=tex)
    if not text.strip():
        return None
    source = "form" if found.typed > FORM_SHARE * len(text) else "text"
    return PdfText(text=text[:max_chars], large_lines=[] if 1 in scanned else found.large,
                   lines=[line for line in found.lines if line.page not in scanned], source=source)


def _with_scans(found: _Pages, scanned: list[int], read_scans: ReadScans, text_pages: PdfText | None, *,
                tex: bool, max_chars: int, page_count: int) -> PdfText:
    """``text_pages`` with the ``scanned`` pages read by ``read_scans`` put in page order;
    ``text_pages`` alone when OCR is unavailable or reads too poorly and there are some."""
    try:
        scans = read_scans(scanned)
    except OcrUnavailableError as exc:
        logger.error("OCR unavailable for scanned pages %s: %s", scanned, exc.detail)
        if text_pages is None:
            raise _scanned_error(page_count, scanned) from exc
        return text_pages
    except PoorScanError as exc:
        if text_pages is None:
            raise
        logger.warning("scanned pages %s read too poorly, kept the text pages: %s", scanned, exc.detail)
        return text_pages
    pieces: list[str] = []
    letters = {"ocr": 0, "text": 0}
    for number, raw in enumerate(found.texts, start=1):
        if number in scanned:
            piece, kind = repair_text("\n".join(line.text for line in scans.lines if line.page == number)), "ocr"
        else:
            piece, kind = repair_text(raw, tex=tex), "text"
        letters[kind] += sum(map(str.isalpha, piece))
        if piece.strip():
            pieces.append(piece)
    lines = sorted([line for line in found.lines if line.page not in scanned] + scans.lines, key=lambda l: l.page)
    source = scans.source if letters["ocr"] > letters["text"] else (text_pages.source if text_pages else "text")
    return PdfText(text="\n\n".join(pieces)[:max_chars], lines=lines, source=source,
                   large_lines=scans.large_lines if 1 in scanned else found.large)


def _scanned_error(pages: int, scanned: list[int]) -> CvReadError:
    exc = _with_pages(ScannedPdfError(detail=f"pages {scanned} of {pages} are images, no text"), pages)
    exc.scanned_pages = scanned
    return exc


def _with_pages(exc: CvReadError, pages: int) -> CvReadError:
    """``exc`` with the document's page count as ``exc.pages`` (the OCR step renders them)."""
    exc.pages = pages
    return exc


def _refuse_xfa(data: bytes, pages: list, deadline: float) -> None:
    """An XFA form without AcroForm values: refused when its pages show nothing but the
    viewer's stub ("Please wait... upgrade to the latest version of Adobe Reader") or no
    text at all; a static XFA form whose pages carry the text is read as usual."""
    try:
        texts, _ = _extract_pages(pages, deadline, 20_000)
    except CvReadError:
        texts = []
    text = " ".join(" ".join(texts).split())
    if not text or "adobe reader" in text.lower() or "please wait" in text.lower():
        raise XfaFormError(detail=f"XFA form, no AcroForm values; page text {text[:80]!r}")


def _made_by_tex(reader: pypdf.PdfReader) -> bool:
    """True when /Producer or /Creator names a TeX engine (pdfTeX, XeTeX, LuaTeX, MiKTeX...):
    its line-end hyphens are discretionary, other producers' are real characters."""
    try:
        info = reader.metadata or {}
        names = f"{info.get('/Producer', '')} {info.get('/Creator', '')}".lower()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return "tex" in names


def _layout(data: bytes, page_count: int, deadline: float, *,
            fields: dict[int, list[FieldValue]] | None = None) -> _Pages | None:
    """The PDFium layout of the first ``page_count`` pages, form values among the page's
    runs; None when unavailable or empty (the caller then extracts with pypdf, which also
    tells empty from scanned)."""
    try:
        pages = read_runs(data, page_count, deadline)
        return _laid_out_pages(pages, fields=fields or {})
    except LayoutUnavailable as exc:
        logger.info("layout unavailable, using pypdf text: %s", exc)
    except Exception:
        logger.exception("layout failed, using pypdf text")
    return None


def _laid_out_pages(pages: list, *, fields: dict[int, list[FieldValue]]) -> _Pages | None:
    """Each page's runs in reading order; None when no page has text."""
    lines: list[PdfLine] = []
    texts: list[str] = []
    large: list[str] = []
    typed = 0
    for number, (_width, height, runs) in enumerate(pages, start=1):
        added = value_runs(fields.get(number - 1, []), runs)
        typed += sum(len(run.text) for run in added)
        parts = segments(runs + added)
        ordered = reading_order(parts)
        texts.append(_normalise("\n".join(line.text for line in ordered)))
        lines += [PdfLine(_line_text(line.text), number, round(line.size, 2), line.bold, round(height - line.top, 1))
                  for line in ordered]
        if number == 1:
            large = [_line_text(line.text) for line in top_lines(parts, height)]
    if not any(text.strip() for text in texts):
        return None
    return _Pages(texts, lines=lines, large=large, typed=typed)


def _line_text(text: str) -> str:
    """Repairs that apply within one line (the others join lines)."""
    return split_lost_spaces(join_letter_spaced(glyph_name_digits(_normalise(text)))).replace(SOFT_HYPHEN, "-")


def _check_bytes(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise TooLargePdfError(limit_bytes=max_bytes, size=len(data))
    if not data.strip():
        raise EmptyPdfError(detail="0 bytes" if not data else "whitespace only")
    if not looks_like_pdf(data[:_SNIFF_BYTES]):
        raise NotPdfError(detail=f"starts with {data[:16]!r}")


def _open(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except FileNotDecryptedError as exc:
        raise EncryptedPdfError(detail=str(exc)) from exc
    if reader.is_encrypted:
        # Owner-password-only PDFs ("no editing/printing") open with the empty user
        # password; only a real user password keeps us out.
        try:
            result = reader.decrypt("")
        except (FileNotDecryptedError, NotImplementedError) as exc:
            raise EncryptedPdfError(detail=f"{type(exc).__name__}: {exc}") from exc
        if result == pypdf.PasswordType.NOT_DECRYPTED:
            raise EncryptedPdfError(detail="user password required")
    return reader


def _pages(reader: pypdf.PdfReader, max_pages: int) -> list[pypdf.PageObject]:
    try:
        count = len(reader.pages)
    except FileNotDecryptedError as exc:
        raise EncryptedPdfError(detail=str(exc)) from exc
    if count == 0:
        raise EmptyPdfError(detail="no pages")
    if count > max_pages:
        raise TooManyPagesError(pages=count, limit=max_pages)
    return [reader.pages[i] for i in range(count)]


def _extract_pages(pages: list, deadline: float, max_chars: int) -> tuple[list[str], bool]:
    texts: list[str] = []
    total = 0
    has_images = False
    for number, page in enumerate(pages, start=1):
        if time.monotonic() > deadline:
            raise TooComplexPdfError(detail=f"time budget exhausted before page {number}")
        text = page.extract_text(visitor_operand_before=_DeadlineVisitor(deadline, number)) or ""
        if not text.strip():
            has_images = has_images or page_ink(page) is not None  # a scan, inline image or outlines
        texts.append(text[: max_chars - total])
        total += len(texts[-1])
        if total >= max_chars:
            logger.warning("PDF text capped at %d characters after page %d", max_chars, number)
            break
    return texts, has_images


class _DeadlineVisitor:
    """pypdf calls this for every content operator; checking the clock here bounds a
    single pathological page, which a check between pages alone cannot."""

    __slots__ = ("calls", "deadline", "page")

    def __init__(self, deadline: float, page: int):
        self.deadline, self.page, self.calls = deadline, page, 0

    def __call__(self, *_args) -> None:
        self.calls += 1
        if self.calls % 2048 == 0 and time.monotonic() > self.deadline:
            raise TooComplexPdfError(detail=f"time budget exhausted inside page {self.page}")


def _normalise(text: str) -> str:
    """NFKC folds ligatures (ﬁ → fi) and full-width forms so skills and e-mails match."""
    return "\n".join(line.rstrip() for line in normalise_unicode(text).splitlines())
