"""An office document without text read through its pictures (a scan pasted into Word or Writer).

The pictures are read by OCR (``domain.cv.ocr``, imported only when a document needs it) as the
pages of a scan, and merged into one ``PdfText(source="scan")``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from domain.cv.errors import (
    EmptyDocumentError,
    ImageTooSmallError,
    OcrUnavailableError,
    PoorScanError,
)
from domain.cv.office.blocks import Block, pdf_text
from domain.cv.office.package import Package
from domain.cv.types import PdfText

# Pictures read by OCR when a document has no text (a scan pasted into Word): as many as a scanned
# PDF may have pages, each within the size of a phone photo; pictures under a tenth of the largest
# one's bytes are logos, icons or a portrait, not pages.
MAX_SCAN_PAGES = 5
MAX_IMAGE_BYTES = 25 * 1024 * 1024
_PAGE_SHARE = 10

# on_page(page, pages): called before each picture of a pictures-only document is read (1-based)
OnPage = Callable[[int, int], None]


def text_or_pictures(blocks: list[Block], package: Package, picture_parts: Callable[[], list[str]], *,
                     source: str, max_chars: int, on_page: OnPage | None) -> PdfText:
    """``pdf_text(blocks, source=source)`` when the blocks hold text; else the document's pictures
    (the part names ``picture_parts()`` gives in document order, asked for only then) read by OCR
    as the pages of a scan, ``PdfText(source="scan")``.

    Raises ``EmptyDocumentError`` when there is no text and no picture worth reading, and for
    pictures what ``_read_pictures`` raises.
    """
    try:
        return pdf_text(blocks, source=source, max_chars=max_chars)
    except EmptyDocumentError:
        pictures = _pictures(package, picture_parts())
        if pictures:
            return _read_pictures(pictures, on_page)
        raise


def _pictures(package: Package, names: list[str]) -> list[bytes]:
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
