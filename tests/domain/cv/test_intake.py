"""domain.cv.intake.accept_upload: readable kinds pass, every refused kind raises its own error and message."""
from __future__ import annotations

import pytest

from domain.cv.errors import (
    CorruptDocumentError, EmptyFileError, EncryptedDocumentError, LegacyWordError, PagesError, RtfError,
    TooLargePdfError, UnsupportedFormatError,
)
from domain.cv.filetype import FileKind
from domain.cv.intake import accept_upload
from tests.support import cv_kinds

LIMIT = 2 * 1024 * 1024


@pytest.mark.parametrize("make, kind", [
    (cv_kinds.make_pdf, FileKind.PDF), (cv_kinds.make_docx, FileKind.DOCX), (cv_kinds.make_odt, FileKind.ODT),
    (cv_kinds.make_jpeg, FileKind.JPEG), (cv_kinds.make_png, FileKind.PNG),
])
def test_readable_kinds_are_accepted_with_their_kind(make, kind):
    assert accept_upload(make(), max_bytes=LIMIT) == kind


@pytest.mark.parametrize("name, error", [
    ("empty", EmptyFileError), ("unknown", UnsupportedFormatError), ("legacy_doc", LegacyWordError),
    ("rtf", RtfError), ("pages", PagesError), ("encrypted_docx", EncryptedDocumentError),
    ("truncated_docx", CorruptDocumentError), ("xlsx", UnsupportedFormatError),
])
def test_each_refused_kind_raises_its_own_error(name, error):
    data, phrase = cv_kinds.REFUSED[name]
    with pytest.raises(error) as raised:
        accept_upload(data, max_bytes=LIMIT)
    assert type(raised.value) is error
    assert phrase in raised.value.user_message


def test_refusal_messages_are_distinct_per_cause():
    messages = set()
    for name in ("empty", "unknown", "legacy_doc", "rtf", "pages", "encrypted_docx", "truncated_docx"):
        with pytest.raises(Exception) as raised:
            accept_upload(cv_kinds.REFUSED[name][0], max_bytes=LIMIT)
        messages.add(raised.value.user_message)
    assert len(messages) == 7


def test_the_export_advice_names_pdf_or_docx():
    for name in ("legacy_doc", "rtf", "pages"):
        with pytest.raises(Exception) as raised:
            accept_upload(cv_kinds.REFUSED[name][0], max_bytes=LIMIT)
        assert "PDF" in raised.value.user_message


def test_too_large_is_refused_before_the_kind_is_looked_at():
    data = cv_kinds.make_pdf()
    with pytest.raises(TooLargePdfError) as raised:
        accept_upload(data, max_bytes=len(data) - 1)
    assert "MB" in raised.value.user_message
    assert accept_upload(data, max_bytes=len(data)) == FileKind.PDF


def test_names_play_no_part():
    """accept_upload takes no name at all; a renamed file is judged by what it is."""
    assert accept_upload(cv_kinds.make_docx(), max_bytes=LIMIT) == FileKind.DOCX
    with pytest.raises(CorruptDocumentError):
        accept_upload(cv_kinds.make_truncated_docx(), max_bytes=LIMIT)
