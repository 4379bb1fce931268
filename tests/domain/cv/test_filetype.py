"""domain.cv.filetype: the kind of a file from its bytes — whole or only its head — never from its name."""
from __future__ import annotations

import pytest

from domain.cv.filetype import IMAGE_KINDS, READABLE_KINDS, SNIFF_BYTES, FileKind, looks_like_pdf, sniff
from tests.support import cv_kinds

WHOLE = {
    FileKind.PDF: cv_kinds.make_pdf,
    FileKind.DOCX: cv_kinds.make_docx,
    FileKind.ODT: cv_kinds.make_odt,
    FileKind.JPEG: cv_kinds.make_jpeg,
    FileKind.PNG: cv_kinds.make_png,
    FileKind.LEGACY_WORD: cv_kinds.make_legacy_doc,
    FileKind.ENCRYPTED_OFFICE: cv_kinds.make_encrypted_docx,
    FileKind.RTF: cv_kinds.make_rtf,
    FileKind.PAGES: cv_kinds.make_pages,
    FileKind.OTHER_OFFICE: cv_kinds.make_xlsx,
    FileKind.DAMAGED_ZIP: cv_kinds.make_truncated_docx,
    FileKind.UNKNOWN: cv_kinds.make_unknown,
}


def _image(fmt: str) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", list(WHOLE))
def test_each_kind_from_its_whole_bytes(kind):
    assert sniff(WHOLE[kind]()) == kind


@pytest.mark.parametrize("fmt, kind", [("GIF", FileKind.GIF), ("BMP", FileKind.BMP), ("TIFF", FileKind.TIFF),
                                       ("WEBP", FileKind.WEBP)])
def test_other_images_written_by_pillow(fmt, kind):
    assert sniff(_image(fmt)) == kind and kind in IMAGE_KINDS


def test_heic_from_its_ftyp_brand():
    import pillow_heif

    pillow_heif.register_heif_opener()
    assert sniff(_image("HEIF")) == FileKind.HEIC


@pytest.mark.parametrize("kind", [FileKind.PDF, FileKind.DOCX, FileKind.ODT, FileKind.JPEG, FileKind.PNG,
                                  FileKind.LEGACY_WORD, FileKind.RTF])
def test_the_first_kilobyte_is_enough_for_the_common_kinds(kind):
    """The bot can judge a stream's head: a ZIP by its first local headers, the rest by magic numbers."""
    assert sniff(WHOLE[kind]()[:SNIFF_BYTES], complete=False) == kind


def test_empty_and_whitespace_only_files_are_empty():
    assert sniff(b"") == FileKind.EMPTY and sniff(b"  \n\t ") == FileKind.EMPTY


def test_a_pdf_header_after_junk_within_the_first_kilobyte_still_counts():
    data = b"\x00" * 500 + cv_kinds.make_pdf()
    assert looks_like_pdf(data[:SNIFF_BYTES]) and sniff(data) == FileKind.PDF
    assert sniff(b"\x00" * (SNIFF_BYTES + 1) + cv_kinds.make_pdf()) == FileKind.UNKNOWN


def test_content_decides_not_the_name():
    """A Word file named cv.pdf is Word, a PDF named cv.docx is a PDF: sniff never sees names at all."""
    docx_named_pdf, pdf_named_docx = cv_kinds.make_docx(), cv_kinds.make_pdf()
    assert sniff(docx_named_pdf) == FileKind.DOCX and sniff(pdf_named_docx) == FileKind.PDF


def test_a_cut_off_word_file_is_damaged_but_its_head_alone_still_looks_like_word():
    truncated = cv_kinds.make_truncated_docx()
    assert sniff(truncated) == FileKind.DAMAGED_ZIP
    assert sniff(truncated[:SNIFF_BYTES], complete=False) == FileKind.DOCX
    assert sniff(truncated[:SNIFF_BYTES]) == FileKind.DAMAGED_ZIP  # a whole file that small is cut off


def test_readable_kinds_are_documents_and_images_only():
    assert READABLE_KINDS == {FileKind.PDF, FileKind.DOCX, FileKind.ODT, FileKind.FODT} | IMAGE_KINDS
    refused = set(FileKind) - READABLE_KINDS
    assert {FileKind.LEGACY_WORD, FileKind.RTF, FileKind.PAGES, FileKind.EMPTY, FileKind.UNKNOWN} <= refused


def test_a_zip_bomb_named_mimetype_is_not_inflated_by_the_sniffer():
    """The bot process sniffs every upload: 200 MB of deflated zeros in "mimetype" must cost nothing."""
    import io
    import tracemalloc
    import zipfile

    buf = io.BytesIO()
    info = zipfile.ZipInfo("mimetype")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buf, "w", compresslevel=9) as archive:
        with archive.open(info, "w", force_zip64=True) as entry:
            for _ in range(200):
                entry.write(bytes(1 << 20))
        archive.writestr("content.xml", b"<x/>")
    data = buf.getvalue()
    assert len(data) < 1_000_000
    tracemalloc.start()
    kind = sniff(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert kind == FileKind.OTHER_OFFICE and peak < 5_000_000


def test_flat_opendocument_text_is_its_own_kind():
    fodt = (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument'
            b':xmlns:office:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">')
    assert sniff(fodt) == FileKind.FODT
    assert sniff(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') == FileKind.UNKNOWN
