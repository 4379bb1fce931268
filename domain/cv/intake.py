"""Whether an upload can be a CV we read, decided from its bytes: one rule for every adapter.

The bot process calls ``accept_upload`` before it stores or queues anything, so a Word 97
file or a spreadsheet is answered at once with its own message; the worker calls it again
(the REST API and old queued records reach the worker too). No PDF, image or OCR library.
"""
from __future__ import annotations

from domain.cv.errors import (
    CorruptDocumentError,
    CvReadError,
    EmptyFileError,
    EncryptedDocumentError,
    LegacyWordError,
    PagesError,
    RtfError,
    TooLargePdfError,
    UnsupportedFormatError,
)
from domain.cv.filetype import READABLE_KINDS, FileKind, sniff

_REFUSALS: dict[FileKind, type[CvReadError]] = {
    FileKind.EMPTY: EmptyFileError,
    FileKind.LEGACY_WORD: LegacyWordError,
    FileKind.RTF: RtfError,
    FileKind.PAGES: PagesError,
    FileKind.ENCRYPTED_OFFICE: EncryptedDocumentError,
    FileKind.DAMAGED_ZIP: CorruptDocumentError,
    FileKind.OTHER_OFFICE: UnsupportedFormatError,
    FileKind.UNKNOWN: UnsupportedFormatError,
}


def accept_upload(data: bytes, *, max_bytes: int) -> FileKind:
    """The kind of a CV upload we can read, or the ``CvReadError`` that says why not.

    ``data`` is the whole file (a ZIP's directory sits at its end). Raises ``TooLargePdfError``
    over ``max_bytes``, ``EmptyFileError``, ``LegacyWordError``, ``RtfError``, ``PagesError``,
    ``EncryptedDocumentError``, ``CorruptDocumentError`` (a cut-off office file) or
    ``UnsupportedFormatError``; returns one of ``READABLE_KINDS``.
    """
    if len(data) > max_bytes:
        raise TooLargePdfError(limit_bytes=max_bytes, size=len(data))
    kind = sniff(data)
    if kind in READABLE_KINDS:
        return kind
    refusal = _REFUSALS.get(kind, UnsupportedFormatError)
    raise refusal(detail=f"{kind.value}: starts with {data[:16]!r}")
