"""PDFs whose pages show their words as pictures, the ways real files do, made with reportlab.

    with_footer = image_page_pdf(scanner(render_page(cv)), footer="Scanned with CamScanner")
    inline = image_page_pdf(page_image, inline=True)        # BI … ID … EI in the content stream
    outlined = outlined_pdf(["Anna Nowak", "anna@example.pl"])  # each glyph a filled path
    mixed = text_then_image_pdf(["Anna Nowak", ...], scanner(render_page(skills_page)))

Pages are A4; an image fills its page (a 300 dpi scan of an A4 page is 2480 × 3508 px).
"""
from __future__ import annotations

import io
from pathlib import Path

import reportlab
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

# Bitstream Vera Sans, shipped inside reportlab: its outlines are drawn as paths.
_OUTLINE_FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def image_page_pdf(image: Image.Image, *, footer: str | None = None, inline: bool = False) -> bytes:
    """One page showing ``image`` over the whole page: an image XObject (what scanners and
    phone apps write) or, with ``inline``, an inline image in the content stream; ``footer``
    adds a line of real text at the bottom (scanning apps stamp their name there)."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    _draw_image(page, image, inline=inline)
    if footer:
        page.setFont("Helvetica", 7)
        page.drawString(A4[0] - 130, 12, footer)
    page.save()
    return buf.getvalue()


def text_then_image_pdf(lines: list[str], image: Image.Image) -> bytes:
    """Page 1: ``lines`` as real text (the first one large, a name); page 2: ``image``."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    y = A4[1] - 70
    for number, line in enumerate(lines):
        page.setFont("Helvetica-Bold" if number == 0 else "Helvetica", 22 if number == 0 else 11)
        page.drawString(60, y, line)
        y -= 34 if number == 0 else 17
    page.showPage()
    _draw_image(page, image)
    page.save()
    return buf.getvalue()


def text_page_pdf(lines: list[str]) -> bytes:
    """One page of ``lines`` as real text, 14 pt, for rendering into a scan."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    page.setFont("Helvetica", 14)
    for number, line in enumerate(lines):
        page.drawString(60, A4[1] - 80 - 24 * number, line)
    page.save()
    return buf.getvalue()


def outlined_pdf(lines: list[str], *, size: float = 13) -> bytes:
    """One page whose ``lines`` are drawn as outlines, no text: each glyph one filled path,
    as design tools' "outline fonts" export writes them. The first line is twice as large."""
    from fontTools.pens.basePen import BasePen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(_OUTLINE_FONT))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    per_em = font["head"].unitsPerEm
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)

    class _PathPen(BasePen):  # fontTools' quadratic curves arrive here as cubic ones
        def __init__(self, path):
            super().__init__(glyphs)
            self.path = path

        def _moveTo(self, pt):
            self.path.moveTo(*pt)

        def _lineTo(self, pt):
            self.path.lineTo(*pt)

        def _curveToOne(self, pt1, pt2, pt3):
            self.path.curveTo(*pt1, *pt2, *pt3)

        def _closePath(self):
            self.path.close()

    y = A4[1] - 80
    for number, line in enumerate(lines):
        scale = (size * 2 if number == 0 else size) / per_em
        x = 60.0
        for char in line:
            name = cmap.get(ord(char), ".notdef")
            if not char.isspace():
                path = page.beginPath()
                glyphs[name].draw(TransformPen(_PathPen(path), (scale, 0, 0, scale, x, y)))
                page.drawPath(path, stroke=0, fill=1)
            x += glyphs[name].width * scale
        y -= size * (3.2 if number == 0 else 1.6)
    page.save()
    return buf.getvalue()


def _draw_image(page: canvas.Canvas, image: Image.Image, *, inline: bool = False) -> None:
    width, height = A4
    if inline:
        page.drawInlineImage(image, 0, 0, width, height)
    else:  # as JPEG (DCTDecode), as scanners write it; reportlab embeds JPEG bytes as they are
        jpeg = io.BytesIO()
        image.convert("RGB").save(jpeg, "JPEG", quality=75)
        page.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width, height)
