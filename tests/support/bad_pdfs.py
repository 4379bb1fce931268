"""Bad inputs for the CV reader: encrypted, truncated, garbage, empty, blank, scanned, oversized and
decompression-bomb PDFs, fonts without a Unicode map, filled-in and XFA forms, generated in memory."""
from __future__ import annotations

import io
import random
import re
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


FORM_CV = {  # label printed on the page -> value typed into the field
    "Name:": "Anna Schmidt",
    "E-mail:": "anna.schmidt@example.com",
    "Phone:": "+49 30 1234 5678",
    "Position:": "Senior Data Engineer",
}
FORM_SKILLS = "Python, SQL, Apache Spark, Airflow, Kubernetes\nBuilt the data platform of a Berlin retailer"


def make_form_pdf(*, appearances: bool = True) -> bytes:
    """A fillable CV form (reportlab AcroForm): labels printed on the page, values only in the
    fields (``FORM_CV``, a multi-line skills field, a ticked "Driving licence" box, a choice
    list and an unticked box). ``appearances=False`` drops the widgets' appearance streams and
    sets ``/NeedAppearances true``, as forms filled by some viewers and scripts are saved."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, NameObject
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 790, "Application form")
    pdf.setFont("Helvetica", 11)
    y = 750
    for number, (label, value) in enumerate(FORM_CV.items()):
        pdf.drawString(72, y, label)
        pdf.acroForm.textfield(name=f"field{number}", value=value, x=130, y=y - 5, width=300, height=18,
                               fontSize=11, borderWidth=0)
        y -= 28
    pdf.drawString(72, y, "Skills:")
    pdf.acroForm.textfield(name="txtSkills", value=FORM_SKILLS, x=130, y=y - 40, width=380, height=50,
                           fontSize=10, fieldFlags="multiline", borderWidth=0)
    y -= 70
    pdf.drawString(72, y, "Driving licence")
    pdf.acroForm.checkbox(name="chkLicence", checked=True, x=180, y=y - 3, size=12)
    pdf.drawString(220, y, "Relocation")
    pdf.acroForm.checkbox(name="chkRelocation", checked=False, x=290, y=y - 3, size=12)
    y -= 28
    pdf.drawString(72, y, "Languages:")
    pdf.acroForm.choice(name="lstLanguage", value="German", options=["English", "German", "French"],
                        x=150, y=y - 5, width=120, height=18, fontSize=11)
    pdf.showPage()
    pdf.save()
    if appearances:
        return buf.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for annot in writer.pages[0]["/Annots"]:
        annot = annot.get_object()
        if "/AP" in annot:
            del annot["/AP"]
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_flattened_form_pdf() -> bytes:
    """``make_form_pdf`` flattened by pypdf: values drawn into the page, fields removed."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(make_form_pdf()))
    writer = PdfWriter(clone_from=reader)
    texts = {name: field["/V"] for name, field in reader.get_fields().items() if isinstance(field.get("/V"), str)}
    writer.update_page_form_field_values(writer.pages[0], texts, flatten=True)
    writer.remove_annotations(subtypes="/Widget")
    del writer._root_object["/AcroForm"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_XFA_STUB = ("Please wait... If this message is not eventually replaced by the proper contents of the "
             "document, your PDF viewer may not be able to display this type of document. You can upgrade "
             "to the latest version of Adobe Reader.")


def make_xfa_form_pdf(*, stub: bool = True) -> bytes:
    """A dynamic XFA form as XFA designers save it: an ``/AcroForm /XFA`` packet, no AcroForm
    fields, and a page that shows only the viewer stub (``stub``) or nothing."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont("Helvetica", 10)
    if stub:
        for i, start in enumerate(range(0, len(_XFA_STUB), 90)):
            pdf.drawString(40, 800 - 14 * i, _XFA_STUB[start:start + 90])
    pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    packet = DecodedStreamObject()
    packet.set_data(b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/><xfa:datasets '
                    b'xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form><name>Anna '
                    b'Schmidt</name></form></xfa:data></xfa:datasets></xdp:xdp>')
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(),
        NameObject("/XFA"): ArrayObject([TextStringObject("xdp"), writer._add_object(packet)]),
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


UNMAPPED_CV_LINES = [
    "Anna Schmidt",
    "Senior Python Developer in Berlin",
    "anna.schmidt@example.com",
    "Experience: built the payment platform and the data pipeline for the company",
    "Skills: Python, Django, PostgreSQL, Docker, Kubernetes",
    "Languages: German (native), English (fluent), Polish (basic) — Zürich, Łódź",
]


def _cid_font_cv(lines: list[str] | None = None, pages: int = 1) -> bytes:
    """A CV in an embedded TrueType subset (fpdf2, Identity-H, glyph ids in order of use)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT_REGULAR)
    pdf.set_font("DejaVu", size=11)
    for _ in range(pages):
        pdf.add_page()
        for line in lines or UNMAPPED_CV_LINES:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _rewrite_tounicode(data: bytes, cmap) -> bytes:
    """``data`` with every font's /ToUnicode replaced by ``cmap(old_bytes)`` (None: removed)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            new = cmap(font["/ToUnicode"].get_object().get_data())
            if new is None:
                del font["/ToUnicode"]
            else:
                stream = DecodedStreamObject()
                stream.set_data(new)
                font[NameObject("/ToUnicode")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_no_tounicode_pdf(pages: int = 1) -> bytes:
    """The CV drawn correctly in a CID font whose ToUnicode map was removed: the text layer is
    glyph ids (control characters and punctuation), the page looks right (OCR reads it)."""
    return _rewrite_tounicode(_cid_font_cv(pages=pages), lambda _old: None)


def make_shifted_tounicode_pdf(shift: int = 3) -> bytes:
    """The CV drawn correctly, its ToUnicode map sending each letter ``shift`` letters on
    ("Anna" -> "Dqqd"): ordinary letters that form no words."""
    def rotate(match: re.Match) -> bytes:
        char = chr(int(match.group(2), 16))
        for first in ("a", "A"):
            if first <= char <= chr(ord(first) + 25):
                char = chr((ord(char) - ord(first) + shift) % 26 + ord(first))
        return match.group(1) + f"<{ord(char):04X}>".encode()
    return _rewrite_tounicode(_cid_font_cv(), lambda old: re.sub(rb"(<[0-9A-F]{4}> )<([0-9A-F]{4})>", rotate, old))
