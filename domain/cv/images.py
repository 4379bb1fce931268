"""Open an uploaded photo or scan safely, upright and at a bounded size, for OCR.

Pillow decodes JPEG, PNG, WebP, TIFF, GIF and BMP; pillow-heif adds HEIC/HEIF (iPhone
photos), registered only when such a file arrives. Guards, in the order they apply:

- decompression bombs: Pillow refuses images over ``Image.MAX_IMAGE_PIXELS`` when it reads
  the header (a warning up to twice that, an error beyond; see Pillow's docs, "Image.open",
  decompression bomb protection). Both are errors here, and our own cap, ``MAX_PIXELS``, far
  below Pillow's, is checked from the header before a single pixel is decoded, so a 50 kB
  PNG declaring 100 000 × 100 000 pixels costs nothing;
- damaged or truncated files: Pillow's decoding errors become ``CorruptDocumentError``;
- too small to read: a short side under ``MIN_SIDE`` pixels (``ImageTooSmallError``);
- huge photos are decoded at a reduced scale where the format allows (JPEG DCT scaling,
  ``Image.draft``) and shrunk to ``WORKING_LONG_SIDE``, bounding memory and OCR time.

The EXIF orientation tag (0x0112, set by phone cameras instead of turning the pixels) is
applied with ``ImageOps.exif_transpose``. Multi-frame files (GIF, TIFF) give their first frame.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    ImageTooSmallError,
    UnsupportedFormatError,
)
from domain.cv.filetype import FileKind, sniff

# 60 megapixels: above any phone camera in common use (48-50 MP sensors bin to 12 MP by
# default) and 7 times an A4 page scanned at 300 dpi (8.7 MP). Decoded as RGB it is 180 MB,
# the most one upload may take.
MAX_PIXELS = 60_000_000
# An A4 page 500 pixels wide is 60 dpi: 10-point body text is then about 8 pixels high.
# Measured with the corpus (domain.cv.ocr on pages shrunk to a short side of 400/450/500 px):
# at 400 a LaTeX CV's e-mail loses letters, at 450 and 500 name, e-mail and skills are read.
MIN_SIDE = 500
# Long side of the image handed to OCR: an A4 page at 300 dpi is 3508 pixels long; more
# detail than that is noise for the recogniser, which works at 2000 pixels (domain.cv.ocr).
WORKING_LONG_SIDE = 3500

_heif_registered = False


def load_image(data: bytes) -> Image.Image:
    """The first frame of an image file, upright, as an "RGB" or "L" (grey) Pillow image
    whose long side is at most ``WORKING_LONG_SIDE`` pixels.

    Transparent images are laid on white (a transparent PNG's text is often black on
    nothing). Raises ``DecompressionBombError`` (more than ``MAX_PIXELS`` pixels, or
    Pillow's own bomb check), ``CorruptDocumentError`` (not decodable, truncated),
    ``ImageTooSmallError`` (short side under ``MIN_SIDE`` pixels), ``UnsupportedFormatError``
    (HEIC without pillow-heif installed).
    """
    if sniff(data[:64]) is FileKind.HEIC and not _register_heif():
        raise UnsupportedFormatError(detail="HEIC/HEIF needs pillow-heif, which is not installed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            _check_pixels(image.size)
            image.draft("RGB", _draft_size(image.size))  # JPEG only: decode at 1/2, 1/4 or 1/8 scale
            image.load()
            image = ImageOps.exif_transpose(image)
            image = _flatten(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DecompressionBombError(detail=str(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # OSError: "image file is truncated", decoder errors; SyntaxError: Pillow's parsers
        # raise it for malformed headers; ValueError/EOFError: broken frames or tags.
        raise CorruptDocumentError(detail=f"image not decodable: {exc}") from exc
    width, height = image.size
    if min(width, height) < MIN_SIDE:
        raise ImageTooSmallError(width=width, height=height, min_side=MIN_SIDE)
    return shrink(image, WORKING_LONG_SIDE)


def shrink(image: Image.Image, long_side: int) -> Image.Image:
    """``image`` scaled down (Lanczos) so its long side is at most ``long_side`` pixels;
    the same image when it already is."""
    width, height = image.size
    if max(width, height) <= long_side:
        return image
    scale = long_side / max(width, height)
    return image.resize((max(1, round(width * scale)), max(1, round(height * scale))), Image.Resampling.LANCZOS)


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise DecompressionBombError(detail=f"{width}x{height} pixels > {MAX_PIXELS}")


def _draft_size(size: tuple[int, int]) -> tuple[int, int]:
    """The smallest size ``draft`` may pick: the long side still at least the working size."""
    width, height = size
    scale = min(1.0, WORKING_LONG_SIDE / max(width, height, 1))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _flatten(image: Image.Image) -> Image.Image:
    """``image`` as "RGB" or "L": alpha laid on white, palettes expanded, 16-bit grey scaled
    to 8 bits (``convert`` would clip it), CMYK and others converted."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    if image.mode == "1":
        return image.convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _register_heif() -> bool:
    """Teach Pillow HEIC/HEIF (pillow-heif), once per process and only when a HEIF file
    comes; False when pillow-heif is not installed."""
    global _heif_registered
    if not _heif_registered:
        try:
            from pillow_heif import register_heif_opener
        except ImportError:
            return False
        register_heif_opener()
        _heif_registered = True
    return True

