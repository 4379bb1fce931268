"""Safe text extraction from untrusted CV PDFs: pypdf guards, PDFium lays out.

Guards, in the order they apply: byte size cap, magic sniffing, pypdf's own resource
limits tightened for CV-sized documents (via ``pypdf.apply_configuration``, a context
variable, so other pypdf users in the process are unaffected), a page cap, a wall-clock
budget checked between pages, and a cap on the extracted characters. ``read_pdf`` decodes
every stream text extraction reads under those limits (``domain.cv.pdf_guard``) before
PDFium sees the file; ``read_pdf_text`` extracts with pypdf alone. Every failure is a
``CvReadError`` subclass with a stable code (see ``domain.cv.errors``).
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
import time
import unicodedata
import warnings

import pypdf
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject

from domain.cv.errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    NotPdfError,
    ScannedPdfError,
    TooComplexPdfError,
    TooLargePdfError,
)
from domain.cv.filetype import SNIFF_BYTES as _SNIFF_BYTES
from domain.cv.filetype import looks_like_pdf
from domain.cv.layout import reading_order, segments, top_lines
from domain.cv.pdf_guard import guard_pages
from domain.cv.pdfium_runs import LayoutUnavailable, read_runs
from domain.cv.repair import SOFT_HYPHEN, glyph_name_digits, join_letter_spaced, repair_text, split_lost_spaces
from domain.cv.types import PdfLine, PdfText

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000  # ~60 dense pages; more is not a CV and would slow every later step
TIME_BUDGET_SECONDS = 15.0

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
             max_chars: int = MAX_TEXT_CHARS, time_budget: float = TIME_BUDGET_SECONDS) -> PdfText:
    """The text layer of a CV PDF in reading order, with layout evidence.

    pypdf opens and decrypts the file and decodes, under its limits, every stream text
    extraction will read (``domain.cv.pdf_guard``); only then does PDFium lay the pages out
    (``domain.cv.layout``: columns and sidebars not interleaved, font sizes, bold). When
    layout is unavailable or finds no text, pypdf extracts the text as ``read_pdf_text``
    does, and the layout fields stay empty. ``PdfText.text`` is repaired
    (``domain.cv.repair``) and capped at ``max_chars``. Raises what ``read_pdf_text`` raises.
    """
    deadline = time.monotonic() + time_budget
    _check_bytes(data, max_bytes)
    with _pypdf_guard():
        reader = _open(data)
        pages = _pages(reader, max_pages)
        guard_pages(pages, deadline)
        tex = _made_by_tex(reader)
        laid_out = _layout(data, len(pages), deadline, tex=tex)
        if laid_out is not None:
            return PdfText(text=laid_out.text[:max_chars], large_lines=laid_out.large_lines, lines=laid_out.lines)
        return PdfText(text=_plain_text(pages, deadline, max_chars, tex=tex))


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
    too_large, too_complex). Text beyond ``max_chars`` is cut off, not an error.
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


def _plain_text(pages: list, deadline: float, max_chars: int, *, tex: bool) -> str:
    """pypdf's text of ``pages``, repaired and capped; raises empty or scanned."""
    texts, has_images = _extract_pages(pages, deadline, max_chars)
    text = _normalise("\n\n".join(t for t in texts if t.strip()))
    if not text.strip():
        if has_images:
            raise ScannedPdfError(detail=f"{len(pages)} pages with images, no text")
        raise EmptyPdfError(detail=f"{len(pages)} pages, no text")
    return repair_text(text, tex=tex)[:max_chars]


def _made_by_tex(reader: pypdf.PdfReader) -> bool:
    """True when /Producer or /Creator names a TeX engine (pdfTeX, XeTeX, LuaTeX, MiKTeX...):
    its line-end hyphens are discretionary, other producers' are real characters."""
    try:
        info = reader.metadata or {}
        names = f"{info.get('/Producer', '')} {info.get('/Creator', '')}".lower()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return "tex" in names


def _layout(data: bytes, page_count: int, deadline: float, *, tex: bool) -> PdfText | None:
    """The PDFium layout of the first ``page_count`` pages; None when unavailable or empty
    (the caller then extracts with pypdf, which also tells empty from scanned)."""
    try:
        pages = read_runs(data, page_count, deadline)
        return _laid_out_text(pages, tex=tex)
    except LayoutUnavailable as exc:
        logger.info("layout unavailable, using pypdf text: %s", exc)
    except Exception:  # noqa: BLE001 - layout is an improvement; never lose a CV over it
        logger.exception("layout failed, using pypdf text")
    return None


def _laid_out_text(pages: list, *, tex: bool) -> PdfText | None:
    lines: list[PdfLine] = []
    texts: list[str] = []
    large: list[str] = []
    for number, (_width, height, runs) in enumerate(pages, start=1):
        parts = segments(runs)
        ordered = reading_order(parts)
        texts.append(_normalise("\n".join(line.text for line in ordered)))
        lines += [PdfLine(_line_text(line.text), number, round(line.size, 2), line.bold, round(height - line.top, 1))
                  for line in ordered]
        if number == 1:
            large = [_line_text(line.text) for line in top_lines(parts, height)]
    text = repair_text("\n\n".join(t for t in texts if t.strip()), tex=tex)
    return PdfText(text=text, large_lines=large, lines=lines) if text.strip() else None


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
        logger.info("PDF has %d pages; reading only the first %d", count, max_pages)
    return [reader.pages[i] for i in range(min(count, max_pages))]


def _extract_pages(pages: list, deadline: float, max_chars: int) -> tuple[list[str], bool]:
    texts: list[str] = []
    total = 0
    has_images = False
    for number, page in enumerate(pages, start=1):
        if time.monotonic() > deadline:
            raise TooComplexPdfError(detail=f"time budget exhausted before page {number}")
        text = page.extract_text(visitor_operand_before=_DeadlineVisitor(deadline, number)) or ""
        if not text.strip():
            has_images = has_images or _page_has_images(page)
        texts.append(text[: max_chars - total])
        total += len(texts[-1])
        if total >= max_chars:
            logger.warning("PDF text capped at %d characters after page %d", max_chars, number)
            break
    return texts, has_images


class _DeadlineVisitor:
    """pypdf calls this for every content operator; checking the clock here bounds a
    single pathological page, which a check between pages alone cannot."""

    __slots__ = ("deadline", "page", "calls")

    def __init__(self, deadline: float, page: int):
        self.deadline, self.page, self.calls = deadline, page, 0

    def __call__(self, *_args) -> None:
        self.calls += 1
        if self.calls % 2048 == 0 and time.monotonic() > self.deadline:
            raise TooComplexPdfError(detail=f"time budget exhausted inside page {self.page}")


def _page_has_images(page: pypdf.PageObject, depth: int = 0) -> bool:
    """True if the page (or a form it draws) uses an image XObject; nothing is decoded."""
    resources = _resolve(page.get("/Resources"))
    xobjects = _resolve(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
    if not isinstance(xobjects, DictionaryObject):
        return False
    for ref in list(xobjects.values())[:200]:
        xobject = _resolve(ref)
        subtype = xobject.get("/Subtype") if isinstance(xobject, DictionaryObject) else None
        if subtype == "/Image":
            return True
        if subtype == "/Form" and depth < 3 and _page_has_images(xobject, depth + 1):
            return True
    return False


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _normalise(text: str) -> str:
    """NFKC folds ligatures (ﬁ → fi) and full-width forms so skills and e-mails match."""
    text = unicodedata.normalize("NFKC", text).replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.splitlines())
