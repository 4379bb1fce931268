"""The bytes of every kind of file people send as a CV, made here with the real tools where one exists.

Readable kinds: DOCX (python-docx), ODT (odfpy), JPEG and PNG (Pillow), PDF (tests.support.pdf_factory).
Refused kinds are built to their format's signature: a Word 97 OLE2 compound file ([MS-CFB] header,
a "WordDocument" directory entry), an encrypted OOXML container (OLE2 with EncryptionInfo and
EncryptedPackage, [MS-OFFCRYPTO]), RTF, an Apple Pages ZIP (Index/Document.iwa), a spreadsheet,
a cut-off DOCX. None of these go through a reader here: the adapters only decide the kind.
"""
from __future__ import annotations

import io
import zipfile

from tests.support.pdf_factory import PERSONAS, make_cv_pdf

PERSONA = PERSONAS["python_dev_berlin"]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_MIME = "application/vnd.oasis.opendocument.text"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _lines(persona: dict) -> list[str]:
    return [persona["name"], persona["title"], f"{persona['email']} · {persona['phone']}",
            "Skills: " + ", ".join(persona["skills"])]


def make_pdf(persona: dict = PERSONA) -> bytes:
    return make_cv_pdf(persona)


def make_docx(persona: dict = PERSONA) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(persona["name"], level=0)
    for line in _lines(persona)[1:]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(persona: dict = PERSONA) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in _lines(persona):
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _image(persona: dict, fmt: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(_lines(persona)):
        draw.text((100, 120 + 60 * row), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def make_jpeg(persona: dict = PERSONA) -> bytes:
    return _image(persona, "JPEG")


def make_png(persona: dict = PERSONA) -> bytes:
    return _image(persona, "PNG")


def _ole2(*entry_names: str) -> bytes:
    """An OLE2 compound file header followed by a directory sector naming ``entry_names`` (UTF-16LE)."""
    header = OLE_MAGIC + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + bytes(512 - 32)
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in ("Root Entry", *entry_names))
    return header + directory.ljust(4096, b"\x00")


def make_legacy_doc() -> bytes:
    return _ole2("WordDocument", "1Table", "\x05SummaryInformation")


def make_encrypted_docx() -> bytes:
    return _ole2("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")


def make_rtf(persona: dict = PERSONA) -> bytes:
    return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 " + "\\par ".join(_lines(persona)) + "}").encode()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_pages() -> bytes:
    return _zip({"Index/Document.iwa": b"\x00" * 200, "Index/Metadata.iwa": b"\x00" * 50,
                 "Metadata/Properties.plist": b"<plist/>", "preview.jpg": b"\xff\xd8\xff" + bytes(100)})


def make_xlsx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
                 "xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<worksheet/>"})


def make_truncated_docx(persona: dict = PERSONA) -> bytes:
    """A Word file cut off mid-upload: its ZIP directory (at the end) is gone."""
    data = make_docx(persona)
    return data[: len(data) // 2]


def make_unknown() -> bytes:
    return b"Lena Fischer\nPython developer\n" * 50  # plain text: not a CV format we read


# Refused kinds, each with a phrase of the message its refusal gives (domain.cv.errors).
REFUSED = {
    "empty": (b"", "empty"),
    "unknown": (make_unknown(), "can't read this kind of file"),
    "legacy_doc": (make_legacy_doc(), "Word 97"),
    "rtf": (make_rtf(), "Rich Text"),
    "pages": (make_pages(), "Apple Pages"),
    "encrypted_docx": (make_encrypted_docx(), "protected with a password"),
    "truncated_docx": (make_truncated_docx(), "damaged or incomplete"),
    "xlsx": (make_xlsx(), "can't read this kind of file"),
}
