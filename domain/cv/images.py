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
- memory: what decoding will take (``decode_bytes``: the pixels in Pillow's own layout plus
  the buffer some decoders fill first) is capped by ``MAX_DECODE_BYTES``, from the header.
  JPEG is decoded at a reduced scale (DCT scaling, ``Image.draft``). After decoding, the
  image is shrunk to ``WORKING_LONG_SIDE`` and converted to RGB or grey together, one strip
  of rows at a time (``fit``), so no full-size converted copy (alpha, palettes, 16-bit,
  CMYK) and no full-height resize intermediate ever exists.

The EXIF orientation tag (0x0112, set by phone cameras instead of turning the pixels) is
applied to the shrunk image. Multi-frame files (GIF, TIFF) give their first frame.
"""
from __future__ import annotations

import io
import math
import warnings

from PIL import Image, UnidentifiedImageError

from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    ImageTooLargeError,
    ImageTooSmallError,
    UnsupportedFormatError,
)
from domain.cv.filetype import FileKind, sniff

# 60 megapixels: above any phone camera in common use (48-50 MP sensors bin to 12 MP by
# default) and 7 times an A4 page scanned at 300 dpi (8.7 MP). Checked first; the bytes cap
# below is the one that bounds memory.
MAX_PIXELS = 60_000_000
# Bytes decoding may take (``decode_bytes``). 180 MB lets in a 24 MP phone HEIC (5712 x 4284:
# 172 MB with pillow-heif's buffer), an A4 colour scan at 600 dpi as PNG (34.8 MP, 139 MB) and
# any 60 MP grey scan. With the shrunk copy (49 MB at most) a load then adds at most about 240 MB
# to the process (ru_maxrss, measured on RGBA/RGB PNG, CMYK TIFF, WebP and HEIC at the cap;
# checked by ``tests/domain/cv/test_images.py``).
MAX_DECODE_BYTES = 180_000_000
BOMB_RATIO = 1000  # decoded bytes per file byte beyond which a picture is a decompression bomb
# Pillow refuses to open more than twice its MAX_IMAGE_PIXELS (89 MP by default) and warns
# above it; our caps apply after JPEG's reduced-scale decode, so a 108 MP phone JPEG (read at
# 1/4 scale) must get through the open. Set for the process: the worker's only Pillow user.
Image.MAX_IMAGE_PIXELS = 250_000_000
# Bytes per pixel of a decoded Pillow image by mode (Pillow keeps every multi-band mode in 4
# bytes a pixel; "I;16" in 2; "1", "L" and "P" in 1).
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# Bytes per pixel a decoder holds besides the image while decoding, measured with ru_maxrss:
# libwebp fills an RGBA frame which Pillow copies into a bytes object before unpacking it;
# libheif (pillow-heif) decodes into its own RGB buffer, released after ``load``.
_DECODER_BYTES = {"WEBP": 8, "HEIF": 3}
# Source pixels converted and resized at once by ``fit``: 1 megapixel, 4 MB in RGBA; smaller strips
# cost more filter overlap, larger ones more memory.
_STRIP_PIXELS = 1_000_000
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
    nothing). Raises ``ImageTooLargeError`` (more than ``MAX_PIXELS`` pixels or
    ``MAX_DECODE_BYTES`` to decode, after JPEG's reduced-scale decode), ``DecompressionBombError``
    (the same from a file far smaller than any real picture of that size, or Pillow's own check), ``CorruptDocumentError`` (not decodable, truncated),
    ``ImageTooSmallError`` (short side under ``MIN_SIDE`` pixels), ``UnsupportedFormatError``
    (HEIC without pillow-heif installed).
    """
    if sniff(data[:64]) is FileKind.HEIC and not _register_heif():
        raise UnsupportedFormatError(detail="HEIC/HEIF needs pillow-heif, which is not installed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.draft("RGB", _draft_size(image.size))  # JPEG only: decode at 1/2, 1/4 or 1/8 scale
            _check_pixels(image.size, len(data))  # as it will be decoded: a 108 MP phone JPEG is fine
            _check_decode_bytes(image, len(data))
            image.load()
            width, height = image.size  # as decoded, before any reduction: the user's image
            orientation = image.getexif().get(_ORIENTATION)
            image = fit(image, WORKING_LONG_SIDE)  # the decoded image is dropped here
            if orientation in _UPRIGHT:
                image = image.transpose(_UPRIGHT[orientation])
            if orientation in (5, 6, 7, 8):
                width, height = height, width
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DecompressionBombError(detail=str(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # OSError: "image file is truncated", decoder errors; SyntaxError: Pillow's parsers
        # raise it for malformed headers; ValueError/EOFError: broken frames or tags.
        raise CorruptDocumentError(detail=f"image not decodable: {exc}") from exc
    if min(width, height) < MIN_SIDE:
        raise ImageTooSmallError(width=width, height=height, min_side=MIN_SIDE)
    return image


def shrink(image: Image.Image, long_side: int) -> Image.Image:
    """``image`` scaled down (Lanczos) so its long side is at most ``long_side`` pixels;
    the same image when it already is."""
    width, height = image.size
    if max(width, height) <= long_side:
        return image
    scale = long_side / max(width, height)
    return image.resize((max(1, round(width * scale)), max(1, round(height * scale))), Image.Resampling.LANCZOS)


def _too_big(width: int, height: int, decoded: int, file_bytes: int, detail: str) -> Exception:
    """A bomb when the file is a thousandth of what it decodes to (no photo or scan packs that
    tight: JPEG ~10:1, a scanned page's PNG ~10–50:1), else just a picture too large for us."""
    if decoded > BOMB_RATIO * max(file_bytes, 1):
        return DecompressionBombError(detail=detail)
    return ImageTooLargeError(width=width, height=height, detail=detail)


def _check_pixels(size: tuple[int, int], file_bytes: int) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise _too_big(width, height, width * height, file_bytes, f"{width}x{height} pixels > {MAX_PIXELS}")


def decode_bytes(image: Image.Image) -> int:
    """Bytes that decoding ``image`` (opened, not loaded; after ``draft``) will hold at its
    peak: width x height x (Pillow's bytes per pixel for its mode + the decoder's own buffer
    per pixel for its format)."""
    width, height = image.size
    per_pixel = _PIXEL_BYTES.get(image.mode, 4) + _DECODER_BYTES.get(image.format or "", 0)
    return width * height * per_pixel


def _check_decode_bytes(image: Image.Image, file_bytes: int) -> None:
    needed = decode_bytes(image)
    if needed > MAX_DECODE_BYTES:
        raise _too_big(*image.size, needed, file_bytes,
            detail=f"{image.format} {image.mode} {image.size[0]}x{image.size[1]}: {needed} bytes to decode "
                   f"> {MAX_DECODE_BYTES}")


def fit(image: Image.Image, long_side: int) -> Image.Image:
    """``image`` (loaded, any mode) as "RGB" or "L" with its long side at most ``long_side``
    pixels (Lanczos), made one strip of output rows at a time.

    Each strip converts (``_flatten``) only the source rows its output rows need, plus the
    Lanczos filter's reach (3 source pixels per output pixel each side), and resizes them
    with ``resize(box=...)`` to exactly what a whole-image resize gives there. So the memory
    taken besides ``image`` is the result plus one strip: a whole-image conversion would copy
    ``image`` in 4 bytes a pixel, and a whole-image resize holds an intermediate of the new
    width by the old height."""
    width, height = image.size
    scale = min(1.0, long_side / max(width, height))
    if scale == 1.0 and image.mode in ("RGB", "L"):
        return image
    out_width, out_height = max(1, round(width * scale)), max(1, round(height * scale))
    step = height / out_height  # source rows per output row, as ``resize`` maps them
    reach = math.ceil(3 * step) + 1
    rows = max(1, int(_STRIP_PIXELS / (width * step)))  # output rows whose source is a strip
    fitted = None
    for top in range(0, out_height, rows):
        bottom = min(out_height, top + rows)
        first, last = max(0, math.floor(top * step) - reach), min(height, math.ceil(bottom * step) + reach)
        strip = image.crop((0, first, width, last))
        strip = _flatten(strip)
        if scale < 1.0:
            strip = strip.resize((out_width, bottom - top), Image.Resampling.LANCZOS,
                                 box=(0, top * step - first, width, bottom * step - first))
        if fitted is None:
            fitted = Image.new(strip.mode, (out_width, out_height))
        fitted.paste(strip, (0, top))
    return fitted


# EXIF orientation (tag 0x0112, EXIF 2.32 §4.6.4) → the transpose that shows the image as
# meant; the table of ``PIL.ImageOps.exif_transpose``, applied here to the shrunk image.
_ORIENTATION = 0x0112
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


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

