"""Opening uploaded photos and scans: formats, EXIF orientation, size bounds and bad files.

The images are made here with Pillow (and pillow-heif's encoder for HEIC); nothing is OCR'd.
"""
from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from domain.cv import images
from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    ImageTooSmallError,
)
from domain.cv.images import (
    MAX_DECODE_BYTES,
    MAX_PIXELS,
    MIN_SIDE,
    WORKING_LONG_SIDE,
    decode_bytes,
    fit,
    load_image,
)
from tests.support import scans


def _page(width: int = 1240, height: int = 1754) -> Image.Image:
    """An A4 page at 150 dpi with a dark bar near its top left (to tell orientations apart)."""
    page = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(page).rectangle((100, 100, 600, 160), fill="black")
    return page


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _bar_at_top_left(image: Image.Image) -> bool:
    grey = image.convert("L")
    w, h = grey.size
    return grey.getpixel((int(w * 0.25), int(h * 0.075))) < 64 and grey.getpixel((int(w * 0.75), int(h * 0.925))) > 192


@pytest.mark.parametrize("fmt, options", [
    ("JPEG", {"quality": 85}), ("PNG", {}), ("WEBP", {"quality": 80}), ("TIFF", {"compression": "tiff_lzw"}),
    ("GIF", {}), ("BMP", {}),
])
def test_common_formats_open_upright_in_rgb_or_grey(fmt, options):
    image = load_image(_encode(_page(), fmt, **options))

    assert image.size == (1240, 1754)
    assert image.mode in ("RGB", "L")
    assert _bar_at_top_left(image)


def test_heic_photo_opens():
    image = load_image(scans.as_heic(_page()))

    assert image.size == (1240, 1754) and image.mode == "RGB"
    assert _bar_at_top_left(image)


@pytest.mark.parametrize("orientation, stored", [
    (3, Image.Transpose.ROTATE_180),  # EXIF 3: the viewer turns it 180°
    (6, Image.Transpose.ROTATE_90),  # EXIF 6: the viewer turns it 90° clockwise (a phone held upright)
    (8, Image.Transpose.ROTATE_270),  # EXIF 8: the viewer turns it 90° counter-clockwise
])
def test_exif_orientation_is_applied(orientation, stored):
    """A phone stores the sensor's pixels and tag 0x0112 saying how to turn them for viewing."""
    sensor = _page().transpose(stored)
    exif = Image.Exif()
    exif[0x0112] = orientation

    image = load_image(_encode(sensor, "JPEG", quality=90, exif=exif.tobytes()))

    assert image.size == (1240, 1754)
    assert _bar_at_top_left(image)


def test_transparent_png_is_laid_on_white():
    """Black text on a transparent background must not become black on black."""
    page = Image.new("RGBA", (800, 1000), (0, 0, 0, 0))
    ImageDraw.Draw(page).rectangle((100, 100, 400, 140), fill=(0, 0, 0, 255))

    image = load_image(_encode(page, "PNG"))

    assert image.mode == "RGB"
    assert image.getpixel((50, 50)) == (255, 255, 255)
    assert image.getpixel((200, 120)) == (0, 0, 0)


def test_sixteen_bit_grey_scan_is_scaled_not_clipped():
    page = Image.new("I;16", (800, 1000), 65535)
    ImageDraw.Draw(page).rectangle((100, 100, 400, 140), fill=0)

    image = load_image(_encode(page, "PNG"))

    assert image.mode == "L"
    assert image.getpixel((50, 50)) == 255 and image.getpixel((200, 120)) == 0


def test_multi_frame_gif_gives_its_first_frame():
    first, second = _page(), Image.new("RGB", (1240, 1754), "black")
    data = _encode(first, "GIF", save_all=True, append_images=[second])

    assert _bar_at_top_left(load_image(data))


def test_large_photo_is_shrunk_to_the_working_size():
    photo = Image.new("RGB", (6000, 8000), "white")  # a 48-megapixel phone photo

    image = load_image(_encode(photo, "JPEG", quality=70))

    assert max(image.size) == WORKING_LONG_SIDE
    assert image.size[0] / image.size[1] == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize("size", [(400, 566), (499, 2000), (2000, 300)])
def test_too_small_to_read(size):
    with pytest.raises(ImageTooSmallError) as caught:
        load_image(_encode(Image.new("RGB", size, "white"), "PNG"))

    assert caught.value.code == "image_too_small"
    assert f"{size[0]}×{size[1]}" in caught.value.user_message and str(MIN_SIDE) in caught.value.user_message


def test_smallest_readable_size_is_accepted():
    assert load_image(_encode(Image.new("L", (MIN_SIDE, 700), 255), "PNG")).size == (MIN_SIDE, 700)


def _png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header declaring ``width`` × ``height`` RGB pixels, with one small deflate
    stream of zero rows after it: a few kB that would decode to gigabytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (3 * width + 1) * 16, 9)  # the first rows; a real stream
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


_BOMBS = [
    (8_000, 8_000),  # 64 MP: under Pillow's own limit (89 MP), over ours; 192 MB decoded
    (100_000, 100_000),  # 10 000 MP: Pillow's decompression bomb error
    (50_000, 2_000),  # 100 MP: Pillow's warning range, an error here
]

# Run in a fresh interpreter so its peak memory says what loading the bombs cost.
_BOMB_SCRIPT = """
import resource, sys, time
from domain.cv.errors import DecompressionBombError
from domain.cv.images import load_image
from tests.domain.cv.test_images import _BOMBS, _png_bomb
bombs = [_png_bomb(w, h) for w, h in _BOMBS]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.process_time()
codes = []
for data in bombs:
    try:
        load_image(data)
        codes.append("read")
    except DecompressionBombError as exc:
        codes.append(exc.code)
print(",".join(codes), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, time.process_time() - started)
"""


def test_decompression_bombs_are_refused_from_the_header():
    assert all(len(_png_bomb(w, h)) < 100_000 and w * h > MAX_PIXELS for w, h in _BOMBS)

    done = subprocess.run([sys.executable, "-c", _BOMB_SCRIPT], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[3], check=True)
    codes, grown_kb, cpu_seconds = done.stdout.split()

    assert codes.split(",") == ["decompression_bomb"] * len(_BOMBS)
    # Nothing was decoded: the first bomb alone decodes to 192 MB, and inflating it takes seconds.
    assert int(grown_kb) < 20_000
    assert float(cpu_seconds) < 0.5


# Images at the decoding cap, each made and loaded in a fresh interpreter: its peak resident
# memory says what one load may add. Blank pages with a bar: PNG and TIFF compress them to
# kilobytes, as an attacker's file would be.
_CAP_SCRIPT = """
import io, resource, sys
from PIL import Image, ImageDraw
from domain.cv.images import load_image
mode, size, fmt = sys.argv[1], int(sys.argv[2]), sys.argv[3]
page = Image.new(mode, (size, size), {"RGBA": (0, 0, 0, 0), "I;16": 65535, "CMYK": (0, 0, 0, 0)}[mode])
ImageDraw.Draw(page).rectangle((100, 100, 3000, 300), fill={"RGBA": (0, 0, 0, 255), "I;16": 0, "CMYK": (0, 0, 0, 255)}[mode])
buffer = io.BytesIO()
page.save(buffer, fmt, **({"compression": "tiff_lzw"} if fmt == "TIFF" else {}))
data = buffer.getvalue()
del page, buffer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    image = load_image(data)
    outcome = f"{image.mode}:{image.size[0]}x{image.size[1]}"
except Exception as exc:
    outcome = getattr(exc, "code", repr(exc))
print(outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


@pytest.mark.parametrize("mode, size, fmt, outcome", [
    ("RGBA", 6700, "PNG", "RGB:3500x3500"),  # 45 MP, 180 MB decoded: at the cap; was +377 MB before strips
    ("CMYK", 6700, "TIFF", "RGB:3500x3500"),  # the same in CMYK (print-shop TIFF)
    ("I;16", 7745, "PNG", "L:3500x3500"),  # 60 MP 16-bit grey: 120 MB decoded; was +574 MB
    ("RGBA", 7745, "PNG", "decompression_bomb"),  # 60 MP under the pixel cap, 240 MB over the bytes cap
])
def test_one_image_load_adds_at_most_about_250_mb(mode, size, fmt, outcome):
    """The cap is on bytes decoded, and nothing after decoding copies the full image again:
    the alpha/CMYK/16-bit conversions and the resize work in strips (``fit``)."""
    done = subprocess.run([sys.executable, "-c", _CAP_SCRIPT, mode, str(size), fmt], capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).resolve().parents[3], check=True)
    got, grown_kb = done.stdout.split()

    assert got == outcome
    assert int(grown_kb) < 250_000


def test_strip_by_strip_fit_equals_one_whole_image_resize(monkeypatch):
    """``fit`` in strips of about 40 rows gives the pixels of flattening then one Lanczos resize."""
    page = Image.new("RGBA", (900, 1300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(page)
    for row in range(40):
        draw.text((40 + row % 7, 20 + row * 31), f"Line {row}: Zoë Kowalska, Python, SQL", fill=(20, 30, 200, 255))
    monkeypatch.setattr(images, "_STRIP_PIXELS", 40_000)

    fitted = fit(page, 640)

    whole = Image.new("RGB", page.size, "white")
    whole.paste(page, mask=page.getchannel("A"))
    expected = whole.resize((443, 640), Image.Resampling.LANCZOS)
    assert fitted.mode == "RGB" and fitted.size == expected.size
    assert all(high <= 1 for _, high in ImageChops.difference(fitted, expected).getextrema())
    assert fitted.convert("L").getextrema()[0] < 128  # the text survived: the comparison compares something


def test_webp_counts_its_decoders_buffers():
    """libwebp decodes to its own frame and Pillow copies it before unpacking (a 59 MP WebP
    added 907 MB when loaded): an 18 MP WebP, 72 MB as a Pillow image, is refused from the header."""
    data = _encode(Image.new("RGB", (6000, 3000), "white"), "WEBP", quality=10)

    assert 6000 * 3000 * 4 < MAX_DECODE_BYTES  # what the image alone would take
    assert decode_bytes(Image.open(io.BytesIO(data))) > MAX_DECODE_BYTES
    with pytest.raises(DecompressionBombError):
        load_image(data)


def test_truncated_jpeg_is_corrupt():
    data = _encode(_page(), "JPEG", quality=90)

    with pytest.raises(CorruptDocumentError) as caught:
        load_image(data[: len(data) // 2])

    assert caught.value.code == "corrupt"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # a PNG signature and nothing valid after it
    b"\xff\xd8\xff\xe0" + b"garbage" * 20,  # a JPEG marker and garbage
])
def test_damaged_image_is_corrupt(data):
    with pytest.raises(CorruptDocumentError):
        load_image(data)


def test_a_108_megapixel_phone_jpeg_is_read_at_reduced_scale_not_refused():
    """Some phones save 108 MP JPEGs; the JPEG decoder reads them at a quarter scale."""
    buf = io.BytesIO()
    Image.new("RGB", (12000, 9000), "white").save(buf, "JPEG", quality=80)
    assert max(load_image(buf.getvalue()).size) <= 3500


def test_a_real_picture_over_the_cap_is_too_large_and_a_tight_one_is_a_bomb():
    import numpy as np

    from domain.cv.errors import DecompressionBombError, ImageTooLargeError

    noisy = io.BytesIO()  # a photo-like PNG: its file is a fair share of what it decodes to
    Image.fromarray((np.random.default_rng(0).random((8000, 6000)) * 255).astype("uint8")).convert("RGB").save(
        noisy, "PNG", compress_level=1)
    with pytest.raises(ImageTooLargeError) as too_large:
        load_image(noisy.getvalue())
    assert "48 megapixels" in too_large.value.user_message
    blank = io.BytesIO()  # 192 MB of pixels from a 160 KB file
    Image.new("RGB", (6000, 8000), "white").save(blank, "PNG")
    with pytest.raises(DecompressionBombError):
        load_image(blank.getvalue())
