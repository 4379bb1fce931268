"""What kind of file a CV upload is, decided from its bytes, never from its name or MIME type.

Light on purpose: the standard library only (and i18n's ``N_`` marker), because the bot process
sniffs too (before it queues anything) and must not load a PDF, image or OCR library.

Signatures (magic numbers) from the formats' own specifications: PDF (ISO 32000-2 §7.5.2,
readers accept ``%PDF-`` within the first 1024 bytes), ZIP local and end-of-central-directory
records (PKWARE APPNOTE 4.3), OOXML part names (ECMA-376 Part 2), OpenDocument's stored
``mimetype`` first entry (OASIS ODF 1.3 Part 2 §3.3), OLE2 compound files ([MS-CFB] §2.2) and
the directory names Word and encrypted OOXML use in them ([MS-DOC] §2.1, [MS-OFFCRYPTO]
§2.3.4.4: ``EncryptionInfo``/``EncryptedPackage``), RTF (``{\\rtf``), JPEG (SOI ``FF D8 FF``),
PNG (RFC 2083 signature), GIF, BMP, TIFF, WebP (RIFF ``WEBP``) and HEIF/HEIC (ISO/IEC
23008-12 ``ftyp`` brands).
"""
from __future__ import annotations

import io
import zipfile
from enum import StrEnum

from i18n import N_

SNIFF_BYTES = 1024


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    FODT = "fodt"  # flat OpenDocument text: the same XML as an .odt's content.xml, unzipped
    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"
    WEBP = "webp"
    TIFF = "tiff"
    GIF = "gif"
    BMP = "bmp"
    LEGACY_WORD = "doc"  # Word 97–2003 binary .doc
    RTF = "rtf"
    PAGES = "pages"  # Apple Pages
    ENCRYPTED_OFFICE = "encrypted_office"  # a password-protected .docx is an OLE2 container
    OTHER_OFFICE = "other_office"  # spreadsheets, slides, other OLE2/OOXML/ODF documents
    DAMAGED_ZIP = "damaged_zip"  # starts like an office file but its directory is missing
    EMPTY = "empty"
    UNKNOWN = "unknown"


IMAGE_KINDS = frozenset({FileKind.JPEG, FileKind.PNG, FileKind.HEIC, FileKind.WEBP, FileKind.TIFF,
                         FileKind.GIF, FileKind.BMP})
DOCUMENT_KINDS = frozenset({FileKind.PDF, FileKind.DOCX, FileKind.ODT, FileKind.FODT})
READABLE_KINDS = DOCUMENT_KINDS | IMAGE_KINDS
# Names people will recognise, for "I read PDF, Word (.docx), ..." in help and refusals.
READABLE_NAMES = N_("PDF, Word (.docx), OpenDocument (.odt) or a photo/scan (JPEG, PNG, HEIC)")  # said as t(READABLE_NAMES)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_ROOT_BYTES = 16_384  # LibreOffice's flat root element lists ~40 namespaces before its mimetype
_MIMETYPE_MAX = 100  # an ODF mimetype entry is one short line, stored uncompressed
_FLAT_ODT = b'office:mimetype="application/vnd.oasis.opendocument.text"'
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def looks_like_pdf(head: bytes) -> bool:
    """True if ``%PDF-`` appears within the first 1024 bytes (what PDF readers accept)."""
    return b"%PDF-" in head[:SNIFF_BYTES]


def sniff(data: bytes, *, complete: bool = True) -> FileKind:
    """The kind of ``data``: the whole file (``complete``), or at least its first 1024 bytes.

    With only a head, a ZIP container is told apart by the part names in its first local
    headers (OpenDocument stores ``mimetype`` first, Word usually ``[Content_Types].xml``);
    a complete file's ZIP directory decides, and a complete file without one is damaged.
    Never raises, and never inflates more than ``_MIMETYPE_MAX`` bytes of a ZIP entry.
    """
    if not data.strip():
        return FileKind.EMPTY
    head = data[:SNIFF_BYTES]
    if looks_like_pdf(head):
        return FileKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data) if complete else _zip_head_kind(head)
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    if head.lstrip()[:5] == b"{\\rtf":
        return FileKind.RTF
    if head.lstrip()[:5] == b"<?xml" and _FLAT_ODT in data[:_XML_ROOT_BYTES].replace(b"'", b'"'):
        return FileKind.FODT
    return _image_kind(head) or FileKind.UNKNOWN


def _image_kind(head: bytes) -> FileKind | None:
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return FileKind.GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return FileKind.WEBP
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return FileKind.TIFF
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return FileKind.BMP
    if head[4:8] == b"ftyp" and (head[8:12] in _HEIF_BRANDS or any(b in head[16:64] for b in _HEIF_BRANDS)):
        return FileKind.HEIC
    return None


def _zip_kind(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = _mimetype(archive) if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError, RuntimeError, EOFError):
        return FileKind.DAMAGED_ZIP
    return _container_kind(names, mimetype)


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    """An ODF's mimetype entry, read no further than it can be long: the bot process sniffs,
    and a deflated entry of zeros would otherwise inflate gigabytes here."""
    info = archive.getinfo("mimetype")
    if info.file_size > _MIMETYPE_MAX:
        return b"?"  # no ODF writes this: not an OpenDocument text
    with archive.open(info) as entry:
        return entry.read(_MIMETYPE_MAX)


def _zip_head_kind(head: bytes) -> FileKind:
    """Only the first bytes: the first local header's name (and an ODF's stored mimetype)."""
    if b"mimetype" in head[26:40]:
        return FileKind.ODT if b"opendocument.text" in head else FileKind.OTHER_OFFICE
    if b"word/" in head or b"[Content_Types].xml" in head or b"_rels/.rels" in head:
        return FileKind.DOCX if b"xl/" not in head and b"ppt/" not in head else FileKind.OTHER_OFFICE
    return FileKind.UNKNOWN


def _container_kind(names: list[str], mimetype: bytes) -> FileKind:
    if mimetype:
        text_kinds = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
        return FileKind.ODT if mimetype.strip() in text_kinds else FileKind.OTHER_OFFICE
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names[:200]):
        return FileKind.DOCX
    if "[Content_Types].xml" in names:
        return FileKind.OTHER_OFFICE  # a spreadsheet or slides
    if any(n in ("Index/Document.iwa", "index.xml", "Index.zip") or n.startswith("Index/") for n in names[:500]):
        return FileKind.PAGES
    return FileKind.UNKNOWN


def _ole_kind(data: bytes) -> FileKind:
    """OLE2 directory entries are UTF-16LE names; looking for them is enough to tell kinds."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return FileKind.ENCRYPTED_OFFICE
    if "WordDocument".encode("utf-16-le") in data:
        return FileKind.LEGACY_WORD
    return FileKind.OTHER_OFFICE
