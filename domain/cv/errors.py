"""Why a CV upload could not be read: one PermanentError subclass per cause.

Each class carries a stable ``code`` (API field, metrics label, chat copy key) and a
default ``user_message`` written for the person who sent the file: what went wrong and
what to do next. Retrying never helps, so all of them are permanent.
"""
from __future__ import annotations

from domain.errors import PermanentError


class CvReadError(PermanentError):
    """Base for every reason a CV PDF cannot be turned into text."""

    code = "cv_unreadable"
    default_message = "I couldn't read this CV. Please send it again as a PDF exported from your editor."

    def __init__(self, user_message: str | None = None, *, detail: str = ""):
        super().__init__(user_message or self.default_message)
        self.detail = detail  # for logs only; never shown to the user

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else f"{self.code}: {self.user_message}"


class NotPdfError(CvReadError):
    code = "not_pdf"
    default_message = (
        "This file isn't a PDF. Please export your CV as PDF (File → Save as / Export → PDF) and send that."
    )


class EncryptedPdfError(CvReadError):
    code = "encrypted"
    default_message = (
        "This PDF is protected with a password, so I can't open it. "
        "Please remove the password (or export the CV again without one) and resend it."
    )


class CorruptPdfError(CvReadError):
    code = "corrupt"
    default_message = (
        "This PDF looks damaged or incomplete (maybe the upload was cut off). "
        "Please export the CV again and resend it."
    )


class EmptyPdfError(CvReadError):
    code = "empty"
    default_message = (
        "This PDF is empty — I found no pages or no text in it. "
        "Please check you attached the right file and send your CV again."
    )


class ScannedPdfError(CvReadError):
    code = "scanned"
    default_message = (
        "This PDF has no text layer — it looks scanned. "
        "Send a PDF exported from your editor (Word, Google Docs, LaTeX …) instead of a scan or photo."
    )


class TooLargePdfError(CvReadError):
    code = "too_large"
    default_message = "This file is too large for a CV. Please send a PDF under {limit_mb} MB (a 1–3 page CV is usually well under 1 MB)."

    def __init__(self, *, limit_bytes: int, size: int):
        super().__init__(
            self.default_message.format(limit_mb=max(1, round(limit_bytes / 1_048_576))),
            detail=f"{size} bytes > {limit_bytes}",
        )


class TooComplexPdfError(CvReadError):
    code = "too_complex"
    default_message = (
        "This PDF is too complex for me to read safely (it contains unusually heavy content). "
        "Please export a simple text PDF of your CV and send that."
    )
