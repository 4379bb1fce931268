"""Why a CV upload could not be read: one PermanentError subclass per cause.

Each class carries a stable ``code`` (API field, metrics label, chat copy key) and a
default ``user_message`` written for the person who sent the file: what went wrong and
what to do next. Retrying never helps, so all of them are permanent.
"""
from __future__ import annotations

from domain.errors import PermanentError
from i18n import N_


class CvReadError(PermanentError):
    """Base for every reason a CV PDF cannot be turned into text."""

    code = "cv_unreadable"
    default_message = N_("I couldn't read this CV. Please send it again as a PDF exported from your editor.")

    def __init__(self, user_message: str | None = None, *, detail: str = "", params: dict | None = None):
        """``params`` fill the placeholders of ``default_message`` (or ``user_message``)."""
        super().__init__(user_message or self.default_message, params=params)
        self.detail = detail  # for logs only; never shown to the user

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else f"{self.code}: {self.user_message}"


class NotPdfError(CvReadError):
    code = "not_pdf"
    default_message = N_(
        "This file isn't a PDF. Please export your CV as PDF (File → Save as / Export → PDF) and send that."
    )


class EncryptedPdfError(CvReadError):
    code = "encrypted"
    default_message = N_(
        "This PDF is protected with a password, so I can't open it. "
        "Please remove the password (or export the CV again without one) and resend it."
    )


class CorruptPdfError(CvReadError):
    code = "corrupt"
    default_message = N_(
        "This PDF looks damaged or incomplete (maybe the upload was cut off). "
        "Please export the CV again and resend it."
    )


class EmptyPdfError(CvReadError):
    code = "empty"
    default_message = N_(
        "This PDF is empty — I found no pages or no text in it. "
        "Please check you attached the right file and send your CV again."
    )


class ScannedPdfError(CvReadError):
    code = "scanned"
    default_message = N_(
        "This PDF has no text layer — it looks scanned. "
        "Send a PDF exported from your editor (Word, Google Docs, LaTeX …) instead of a scan or photo."
    )


class TooLargePdfError(CvReadError):
    code = "too_large"
    default_message = N_("This file is too large for a CV. Please send a file under {limit_mb} MB "
                         "(a 1–3 page CV is usually well under 1 MB; a phone photo can be sent compressed).")

    def __init__(self, *, limit_bytes: int, size: int):
        super().__init__(params={"limit_mb": max(1, round(limit_bytes / 1_048_576))},
                         detail=f"{size} bytes > {limit_bytes}")


class TooComplexPdfError(CvReadError):
    code = "too_complex"
    default_message = N_(
        "This PDF is too complex for me to read safely (it contains unusually heavy content). "
        "Please export a simple text PDF of your CV and send that."
    )


# --- kinds decided from the bytes before any reader runs (domain.cv.intake) ---------------

class EmptyFileError(CvReadError):
    code = "empty_file"
    default_message = N_("This file is empty (0 bytes) — maybe the upload failed. Please send your CV again.")


class UnsupportedFormatError(CvReadError):
    code = "unsupported_format"
    default_message = N_(
        "I can't read this kind of file as a CV. Please send it as a PDF, a Word (.docx) or "
        "OpenDocument (.odt) file, or a photo or scan of the pages (JPEG or PNG)."
    )


class ExportNeededError(CvReadError):
    """A real document in a format we do not read: the person can export it in one step."""

    code = "export_needed"


class LegacyWordError(ExportNeededError):
    code = "legacy_word"
    default_message = N_(
        "This is an old Word 97–2003 (.doc) file, which I can't read. Open it in Word, LibreOffice "
        "or Google Docs and save it as .docx (or File → Export → PDF), then send that file."
    )


class RtfError(ExportNeededError):
    code = "rtf"
    default_message = N_(
        "This is a Rich Text (.rtf) file, which I can't read. Open it in Word, LibreOffice or "
        "TextEdit and save it as .docx or export it as PDF, then send that file."
    )


class PagesError(ExportNeededError):
    code = "pages"
    default_message = N_(
        "This is an Apple Pages file, which I can't read. In Pages choose File → Export To → PDF "
        "(or Word), then send that file."
    )


class XfaFormError(ExportNeededError):
    code = "xfa_form"
    default_message = N_(
    "This PDF is an interactive XFA form (made with Adobe LiveCycle or AEM Designer): its contents "
    "only appear inside Adobe Reader, so I can't read them. Open it in Adobe Reader, choose "
    "Print → Microsoft Print to PDF (or Save as PDF), and send that file — or send your CV as .docx."
    )


class ExternalDocumentError(ExportNeededError):
    code = "external_document"
    default_message = N_(
        "This is a link to a cloud document (Google Docs, Dropbox, OneDrive …), not a file I can "
        "download. Open it and choose File → Download → PDF (or .docx), then share that file here."
    )


class EncryptedDocumentError(EncryptedPdfError):
    """The same cause as a locked PDF, worded for an office document."""

    default_message = N_(
        "This document is protected with a password, so I can't open it. Please save a copy "
        "without the password (or export it as PDF) and send that."
    )


class CorruptDocumentError(CorruptPdfError):
    """The same cause as a damaged PDF, worded for any file."""

    default_message = N_(
        "This file looks damaged or incomplete (maybe the upload was cut off). "
        "Please save or export the CV again and resend it."
    )


class EmptyDocumentError(EmptyPdfError):
    """The same cause as an empty PDF, worded for a Word or OpenDocument file."""

    default_message = N_(
        "This document has no text in it — I found nothing to read. "
        "Please check you attached the right file and send your CV again."
    )


class TooComplexDocumentError(TooComplexPdfError):
    """The same cause as an over-heavy PDF (reading ran out of its time budget), worded for a
    Word or OpenDocument file."""

    default_message = N_(
        "This document is too complex for me to read safely (it contains unusually heavy content). "
        "Please save a simple copy of your CV (or export it as PDF) and send that."
    )


class EmbeddedDocumentError(ExportNeededError):
    """A Word file whose only content is another document wrapped inside it (``w:altChunk``)
    in a format we do not read."""

    code = "embedded_document"
    default_message = N_(
        "This Word file only wraps another document inside it, which I can't read. Open it in Word, "
        "save it as a new .docx (or export it as PDF), then send that file."
    )


class TooManyPagesError(CvReadError):
    code = "too_many_pages"
    default_message = N_(
        "This document has {pages} pages; I read CVs of up to {limit} pages. "
        "Please send only the pages of your CV."
    )
    scanned_message = N_(
        "This document has {pages} scanned pages; I read CVs of up to {limit} scanned pages. "
        "Please send only the pages of your CV."
    )

    def __init__(self, *, pages: int, limit: int, scanned: bool = False):
        """``pages``: the document's pages, or with ``scanned`` its scanned pages (read by OCR)."""
        super().__init__(self.scanned_message if scanned else None, params={"pages": pages, "limit": limit},
                         detail=f"{pages} {'scanned ' if scanned else ''}pages > {limit}")


class DecompressionBombError(CvReadError):
    code = "decompression_bomb"
    default_message = N_(
        "This file unpacks to far more data than any CV (it looks like a decompression bomb), "
        "so I stopped reading it. Please send a normal PDF, Word file or photo of your CV."
    )


# --- images, scans and text layers (domain.cv.images, domain.cv.ocr) ---------------------------

class ImageTooSmallError(CvReadError):
    code = "image_too_small"
    default_message = N_(
        "This image is too small to read ({width}×{height} pixels). Please send a sharper photo "
        "of the whole page (at least {min_side} pixels on its short side) or the PDF of your CV."
    )

    def __init__(self, *, width: int, height: int, min_side: int):
        super().__init__(params={"width": width, "height": height, "min_side": min_side},
                         detail=f"{width}x{height} < {min_side}")


class ImageTooLargeError(CvReadError):
    code = "image_too_large"
    default_message = N_(
        "This picture is too large for me to read ({megapixels} megapixels). Please send a smaller "
        "version (your phone's normal photo size, or a scan at 300 dpi), or the PDF of your CV."
    )

    def __init__(self, *, width: int, height: int, detail: str = ""):
        super().__init__(params={"megapixels": round(width * height / 1e6)}, detail=detail)


class PoorScanError(CvReadError):
    code = "scan_unreadable"
    default_message = N_(
        "I tried to read this scan or photo but could make out too little text. Please take the "
        "photo in good light, with the page flat and filling the picture, or send the PDF or "
        "Word file of your CV instead."
    )


class ScanTooLongError(CvReadError):
    code = "scan_too_long"
    default_message = N_(
        "Reading this scan took too long (its pages are very large or very dense), so I stopped. "
        "Please send only the pages of your CV, or the PDF or Word file it was made from."
    )


class NoTextInImageError(PoorScanError):
    """Nothing that looks like text at all (a landscape, a selfie): not a reading problem."""

    code = "no_text_in_image"
    default_message = N_(
        "I found no text in this picture. Is it your CV? Please send a photo or scan of the CV's "
        "pages, or the PDF or Word file."
    )


class UnsupportedScriptError(CvReadError):
    code = "unsupported_script"
    default_message = N_(
        "This CV seems to be written in a script I can't read yet (I read Latin-script languages such "
        "as English, German, French, Spanish, Italian, Portuguese, Dutch or Polish). If you have a "
        "version in one of those, please send that."
    )


class GarbledTextError(CvReadError):
    code = "garbled_text"
    default_message = N_(
        "The text inside this PDF is scrambled (its fonts don't say which letters they draw), "
        "and I couldn't read it as a scan either. Please export the CV from your editor again "
        "(in Word: Save as → PDF) and send that, or send the .docx file."
    )


class OcrUnavailableError(CvReadError):
    """The OCR engine could not be loaded in this worker (a deployment fault, not the user's)."""

    code = "ocr_unavailable"
    default_message = N_(
        "This file is a scan or photo, and reading scans is not available right now. "
        "Please send a PDF exported from your editor, or a .docx file."
    )


# --- after reading: nothing that makes a profile -------------------------------------------------

class NoCvContentError(CvReadError):
    code = "no_cv_content"
    default_message = N_(
        "I read this file but found no name, e-mail address, phone number or skills in it, so I "
        "can't build a profile from it. Is it your CV? Please send the CV itself (PDF, Word or a "
        "clear photo of its pages)."
    )
