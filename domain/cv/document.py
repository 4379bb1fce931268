"""Any CV file in, its text out: the kind from the bytes picks the reader.

PDF text layers go through ``domain.cv.pdf_reader``; Word and OpenDocument through
``domain.cv.office.word`` and ``domain.cv.office.odf``; photos and images through OCR
(``domain.cv.ocr``). A PDF without a text layer (a scan) or with an unusable one (fonts that do
not say which letters they draw) is rendered and read by OCR too, page by page: a PDF's scanned
pages (little text, a picture or outlined letters; ``domain.cv.pdf_reader``) are read by OCR and
put in page order with its text pages. Readers are imported when first needed, so reading a text
PDF never loads the OCR engine.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from domain.cv.errors import GarbledTextError, OcrUnavailableError, PoorScanError
from domain.cv.filetype import IMAGE_KINDS, FileKind
from domain.cv.intake import accept_upload
from domain.cv.pdf_reader import DEFAULT_MAX_BYTES, read_pdf
from domain.cv.types import PdfText

logger = logging.getLogger(__name__)

MAX_SCAN_PAGES = 5  # OCR costs about 2 s a page; a scanned CV has 1–3 pages

# on_page(page, pages): called before each scanned page or photo is read (1-based page).
OnPage = Callable[[int, int], None]


def read_document(data: bytes, *, max_pages: int = 20, max_bytes: int = DEFAULT_MAX_BYTES,
                  max_scan_pages: int = MAX_SCAN_PAGES, on_page: OnPage | None = None) -> PdfText:
    """The text of a CV file of any readable kind, with layout evidence and its ``source``.

    ``data``: the whole file. ``max_pages`` caps text documents, ``max_scan_pages`` scans.
    Raises a ``CvReadError`` subclass: the intake refusals (``domain.cv.intake``), then what
    the chosen reader raises; a garbled PDF that OCR cannot read either raises
    ``GarbledTextError``; without a working OCR engine a PDF whose only text is on scanned
    pages raises ``ScannedPdfError`` (with text pages, those are read alone) and an image
    ``OcrUnavailableError``. ``on_page(n, count)`` counts only the pages OCR reads.
    """
    kind = accept_upload(data, max_bytes=max_bytes)
    if kind is FileKind.PDF:
        return _read_pdf(data, max_pages=max_pages, max_bytes=max_bytes, max_scan_pages=max_scan_pages,
                         on_page=on_page)
    if kind is FileKind.DOCX:
        from domain.cv.office.word import read_docx
        return read_docx(data, on_page=on_page)  # on_page: a Word file holding only pictures is OCR'd
    if kind is FileKind.ODT:
        from domain.cv.office.odf import read_odt
        return read_odt(data, on_page=on_page)
    if kind is FileKind.FODT:
        from domain.cv.office.odf import read_fodt
        return read_fodt(data)
    if kind in IMAGE_KINDS:
        from domain.cv.ocr import read_image
        return read_image(data, on_page=on_page)
    raise AssertionError(f"accept_upload returned an unreadable kind {kind}")  # pragma: no cover


def _read_pdf(data: bytes, *, max_pages: int, max_bytes: int, max_scan_pages: int,
              on_page: OnPage | None) -> PdfText:
    def read_scans(pages: list[int]) -> PdfText:
        logger.info("PDF pages %s have no text layer; reading them as a scan", pages)
        return _ocr_pdf(data, max_scan_pages=max_scan_pages, on_page=on_page, pages=pages)

    try:
        return read_pdf(data, max_pages=max_pages, max_bytes=max_bytes, read_scans=read_scans)
    except GarbledTextError as garbled:
        logger.info("PDF text layer is garbled (%s); reading it as a scan", garbled.detail)
        try:
            return _ocr_pdf(data, max_scan_pages=max_scan_pages, on_page=on_page)
        except (PoorScanError, OcrUnavailableError) as exc:
            raise garbled from exc


def _ocr_pdf(data: bytes, *, max_scan_pages: int, on_page: OnPage | None, pages: list[int] | None = None) -> PdfText:
    try:
        from domain.cv.ocr import read_scanned_pdf
    except ImportError as exc:  # a worker image built without the OCR extra
        raise OcrUnavailableError(detail=f"import failed: {exc}") from exc
    return read_scanned_pdf(data, max_pages=max_scan_pages, on_page=on_page, pages=pages)
