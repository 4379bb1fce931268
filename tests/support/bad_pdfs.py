"""Bad inputs for the CV reader: encrypted, truncated, garbage, empty, blank, scanned, oversized and
decompression-bomb PDFs, generated in memory."""
from __future__ import annotations

import io
import random
import zlib
from functools import lru_cache

from tests.support.pdf_factory import FONT_REGULAR, PERSONAS, make_cv_pdf

def _persona(persona: dict | None) -> dict:
    return persona or PERSONAS["python_dev_berlin"]


def make_encrypted_pdf(persona: dict | None = None, *, user_password: str = "", owner_password: str = "owner-secret",
                       algorithm: str = "AES-256") -> bytes:
    """An encrypted CV. With the default empty user password it is owner-password-only:
    it opens without a password but forbids editing, like many "protected" exports."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_cv_pdf(_persona(persona)))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm,
                   permissions_flag=0)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_owner_password_pdf(persona: dict | None = None, algorithm: str = "AES-256") -> bytes:
    """Owner password only: must open (empty user password)."""
    return make_encrypted_pdf(persona, user_password="", algorithm=algorithm)


def make_user_password_pdf(persona: dict | None = None, algorithm: str = "AES-256") -> bytes:
    """Needs a user password to open at all."""
    return make_encrypted_pdf(persona, user_password="open-sesame", algorithm=algorithm)


def make_truncated_pdf(persona: dict | None = None, keep: float = 0.4) -> bytes:
    """A CV cut off part-way, as from an interrupted upload."""
    data = make_cv_pdf(_persona(persona), producer="chrome")
    return data[: int(len(data) * keep)]


def make_garbage_bytes(size: int = 4096, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def make_empty_file() -> bytes:
    return b""


def make_fake_pdf_header() -> bytes:
    """Starts like a PDF but is nothing of the kind (renamed text file)."""
    return b"%PDF-1.7\n" + b"this is not really a pdf\n" * 40


def make_zero_page_pdf() -> bytes:
    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)
    return buf.getvalue()


def make_blank_page_pdf(pages: int = 2) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_scanned_pdf(persona: dict | None = None) -> bytes:
    """A CV rendered as a picture: images on the page, no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    persona = _persona(persona)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    fnt = ImageFont.truetype(FONT_REGULAR, 28)
    lines = [persona["name"], persona["title"], persona["email"], *persona["skills"]]
    for i, line in enumerate(lines):
        draw.text((80, 80 + i * 40), line, fill=0, font=fnt)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setProducer("HP Scan 2.0")
    c.drawImage(ImageReader(image), 0, 0, *A4)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_oversized_pdf(target_bytes: int = 11 * 1024 * 1024) -> bytes:
    """A valid CV PDF padded past ``target_bytes`` with an incompressible image."""
    from pypdf import PdfReader, PdfWriter

    base = make_cv_pdf(PERSONAS["python_dev_berlin"])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    writer.add_attachment("noise.bin", random.Random(1).randbytes(max(0, target_bytes - len(base)) + 1024))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _raw_pdf(content_stream: bytes, stream_dict: str) -> bytes:
    """A minimal one-page PDF with the given (already encoded) content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< {stream_dict} /Length {len(content_stream)} >>\nstream\n".encode() + content_stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@lru_cache(maxsize=4)
def make_bomb_pdf(inflated_gib: float = 2.0) -> bytes:
    """Decompression bomb: a ~2 MB file whose one content stream inflates to ``inflated_gib`` GiB
    (a little real text, then gigabytes of spaces)."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 760 Td (Lena Fischer - Python developer) Tj ET\n")]
    chunk = b" " * (1 << 24)
    for _ in range(int(inflated_gib * 64)):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.flush())
    return _raw_pdf(b"".join(parts), "/Filter /FlateDecode")


def make_many_operators_pdf(repeats: int = 400_000) -> bytes:
    """Pathological but small-when-inflated content: hundreds of thousands of text operators."""
    content = b"BT /F1 9 Tf 72 760 Td " + b"(xx) Tj " * repeats + b"ET"
    return _raw_pdf(zlib.compress(content, 9), "/Filter /FlateDecode")
