"""Scanned and photographed versions of a CV, made from a PDF, for tests and the OCR benchmark.

    page = render_page(pdf_bytes, dpi=300)
    scan_pdf = as_pdf([scanner(page)])                 # what a flatbed scanner's "scan to PDF" gives
    photo = as_jpeg(phone_photo(page))                 # a phone photo of the printed page
    sideways = as_png(rotated(scanner(page), 90))      # a page fed into the scanner sideways

Every degradation is a small function ``Image -> Image`` with a fixed default seed, so the same
input gives the same bytes on every run (numpy's PCG64 generator; Pillow's JPEG encoder is
deterministic for the same pixels and settings). Pages are rendered by PDFium (pypdfium2), the
engine the product reads PDFs with; pixels are handled with Pillow and numpy only.
"""
from __future__ import annotations

import io
import time
from collections.abc import Iterable, Sequence

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

# Paper under a scanner's lamp is not pure white: a light warm grey (sRGB), and the lid or the
# scanner bed around a slightly skewed page shows darker.
SCANNER_PAPER = (236, 234, 229)
SCANNER_BED = (200, 199, 196)
# A desk seen around the page in a phone photo.
DESK = (112, 92, 74)
# A 12-megapixel phone camera (4:3), held upright.
PHONE_FRAME = (3024, 4032)
# Written into PDFs instead of the current time, so the same pages give the same bytes.
_FIXED_DATE = time.gmtime(1767225600)  # 2026-01-01T00:00:00Z; Pillow wants a struct_time


def render_page(pdf_bytes: bytes, page: int = 0, dpi: int = 300) -> Image.Image:
    """Page ``page`` (0-based) of a PDF as an RGB image at ``dpi`` (A4 at 300 dpi: 2480 × 3508 px).

    Raises ``IndexError`` when the PDF has no such page and ``pypdfium2.PdfiumError`` when it
    cannot be opened.
    """
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        if not 0 <= page < len(doc):
            raise IndexError(f"page {page} of a {len(doc)}-page PDF")
        bitmap = doc[page].render(scale=dpi / 72)
        return bitmap.to_pil().convert("RGB")
    finally:
        doc.close()


def render_pages(pdf_bytes: bytes, dpi: int = 300) -> list[Image.Image]:
    """Every page of a PDF as RGB images at ``dpi``."""
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        count = len(doc)
    finally:
        doc.close()
    return [render_page(pdf_bytes, i, dpi) for i in range(count)]


def _jpeg_roundtrip(image: Image.Image, quality: int | None) -> Image.Image:
    """The image after a JPEG encode and decode at ``quality``; unchanged for ``None`` (the caller
    encodes it once itself, as a real device does)."""
    if quality is None:
        return image
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    out = Image.open(buffer)
    out.load()
    return out.convert("RGB")


def _add_noise(image: Image.Image, rng: np.random.Generator, sigma: float, chroma: bool) -> np.ndarray:
    """The image's pixels (uint8, h × w × 3) plus Gaussian noise (sigma in 0..255 units), the same on
    the three channels unless ``chroma``. Done in bands of rows to keep a 12-megapixel photo's
    float temporaries small."""
    pixels = np.array(image.convert("RGB"))
    band = 256
    for top in range(0, pixels.shape[0], band):
        rows = pixels[top:top + band]
        shape = rows.shape if chroma else (*rows.shape[:2], 1)
        noisy = rows + rng.standard_normal(size=shape, dtype=np.float32) * sigma
        rows[...] = np.clip(noisy, 0, 255)
    return pixels


def scanner(image: Image.Image, *, seed: int = 0, angle: float | None = None,
            quality: int | None = 75) -> Image.Image:
    """A page as a cheap office flatbed or sheet-fed scanner gives it back.

    Imitates: the page lying slightly askew on the glass (a rotation of 0.5–2°, either way, unless
    ``angle`` in degrees is given; the bed shows in the corners), paper that reads light grey rather
    than white and ink that reads dark grey rather than black, sensor noise and dust specks, the
    softness of a CIS sensor (Gaussian blur of about 0.7 px at 300 dpi) and the scanner's own JPEG
    compression (``quality``, 75 by default; ``None`` leaves it to the writer, e.g. ``as_pdf``).
    Same size as the input.
    """
    rng = np.random.default_rng(seed)
    if angle is None:
        angle = float(rng.uniform(0.5, 2.0)) * (1 if rng.random() < 0.5 else -1)
    # White → paper grey, black → dark grey: the sensor's limited dynamic range (a lookup table
    # per channel).
    table = [round(28 + v * (white - 28) / 255) for white in SCANNER_PAPER for v in range(256)]
    page = image.convert("RGB").point(table)
    page = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=SCANNER_BED)
    page = page.filter(ImageFilter.GaussianBlur(0.7))
    pixels = _add_noise(page, rng, sigma=5.0, chroma=False)
    pixels = _dust(pixels, rng, per_megapixel=60)
    return _jpeg_roundtrip(Image.fromarray(pixels), quality)


def _dust(pixels: np.ndarray, rng: np.random.Generator, per_megapixel: int) -> np.ndarray:
    """Dark specks of 1–3 px (dust on the glass, toner dots), ``per_megapixel`` of them."""
    height, width = pixels.shape[:2]
    count = int(per_megapixel * width * height / 1e6)
    out = pixels.copy()
    for y, x, size, shade in zip(rng.integers(0, height, count), rng.integers(0, width, count),
                                 rng.integers(1, 4, count), rng.integers(20, 120, count)):
        out[y:y + size, x:x + size] = shade
    return out


def _perspective_coefficients(out_corners: Sequence[tuple[float, float]],
                              in_corners: Sequence[tuple[float, float]]) -> list[float]:
    """The 8 coefficients of Pillow's ``Image.PERSPECTIVE`` transform, which maps each output pixel
    (x, y) to the input pixel ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1)),
    solved from four corner pairs (the standard homography from four points)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(out_corners, in_corners):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64)).tolist()


def _lighting(size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """A brightness map (greyscale, 255 = full light) of ``size``: light falling off across the page from a lamp or
    window on one side, a vignette from the lens, and the soft shadow of the phone and hand."""
    width, height = size
    small_w, small_h = max(width // 16, 2), max(height // 16, 2)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    xs, ys = xs / (small_w - 1), ys / (small_h - 1)
    direction = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(direction) * (xs - 0.5) + np.sin(direction) * (ys - 0.5)) + 0.5  # 0..1 across
    light = 1.0 - 0.30 * np.clip(ramp, 0, 1)
    light *= 1.0 - 0.18 * ((xs - 0.5) ** 2 + (ys - 0.5) ** 2) / 0.5
    cx, cy = rng.uniform(0.3, 0.7), rng.uniform(0.75, 1.0)
    shadow = np.exp(-(((xs - cx) / 0.25) ** 2 + ((ys - cy) / 0.18) ** 2))
    light *= 1.0 - 0.22 * shadow
    return Image.fromarray((light * 255).astype(np.uint8)).resize(size, Image.Resampling.BILINEAR)


def phone_photo(image: Image.Image, *, seed: int = 0, frame: tuple[int, int] = PHONE_FRAME,
                fill: float = 0.82, quality: int | None = 80) -> Image.Image:
    """A printed page photographed with a phone held over a desk.

    Imitates: a 12-megapixel frame (``frame``, width × height px) in which the page covers about
    ``fill`` of the height, so an A4 page ends up near 230 dpi rather than the 300 of a scan; a
    hand-held camera not parallel to the paper (a perspective warp: the page a trapezium turned a
    few degrees, corners moved by up to 5 % of the page width), the desk showing around the page;
    uneven light (a fall-off of up to 30 % across the page, lens vignetting, the phone's shadow);
    slight defocus or hand shake (Gaussian blur, 1.1 px); small-sensor noise in colour; and the
    camera's or messenger's JPEG (``quality``, 80 by default; ``None`` leaves it to ``as_jpeg``).
    For a Telegram "photo" (not a file), which the client scales to at most 1280 or 2560 px, pass
    e.g. ``frame=(960, 1280)``.
    """
    rng = np.random.default_rng(seed)
    width, height = frame
    page_h = fill * height
    page_w = page_h * image.width / image.height
    page = image.convert("RGB").resize((round(page_w), round(page_h)), Image.Resampling.LANCZOS)
    # The page's corners in the photo: centred, then each moved a little (a tilted phone).
    left, top = (width - page_w) / 2, (height - page_h) / 2
    jitter = 0.05 * page_w
    spin = np.deg2rad(rng.uniform(-4, 4))
    centre = np.array([width / 2, height / 2])
    corners = []
    for x, y in ((left, top), (left + page_w, top), (left + page_w, top + page_h), (left, top + page_h)):
        p = np.array([x, y]) - centre
        p = np.array([p[0] * np.cos(spin) - p[1] * np.sin(spin), p[0] * np.sin(spin) + p[1] * np.cos(spin)])
        corners.append(tuple(p + centre + rng.uniform(-jitter, jitter, 2)))
    # Keystone: the top edge further from the lens than the bottom one.
    squeeze = rng.uniform(0.02, 0.05) * page_w
    corners[0] = (corners[0][0] + squeeze, corners[0][1])
    corners[1] = (corners[1][0] - squeeze, corners[1][1])
    source = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    coefficients = _perspective_coefficients(corners, source)
    photo = page.transform(frame, Image.Transform.PERSPECTIVE, coefficients,
                           resample=Image.Resampling.BILINEAR, fillcolor=DESK)
    light = _lighting(frame, rng)
    photo = ImageChops.multiply(photo, Image.merge("RGB", (light, light, light)))
    photo = photo.filter(ImageFilter.GaussianBlur(1.1))
    pixels = _add_noise(photo, rng, sigma=6.0, chroma=True)
    return _jpeg_roundtrip(Image.fromarray(pixels), quality)


def rotated(image: Image.Image, degrees: int) -> Image.Image:
    """The image turned by ``degrees`` (90, 180 or 270) counter-clockwise, without loss.

    Imitates a page fed into the scanner sideways or upside down, or a photo taken in landscape
    whose orientation tag was lost. Raises ``ValueError`` for any other angle.
    """
    turns = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
    if degrees not in turns:
        raise ValueError(f"rotated() takes 90, 180 or 270 degrees, not {degrees!r}")
    return image.transpose(turns[degrees])


def as_jpeg(image: Image.Image, quality: int = 90) -> bytes:
    """JPEG bytes (baseline, 4:2:0), as a camera or messenger stores a photo."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def as_png(image: Image.Image) -> bytes:
    """PNG bytes (lossless), as a screenshot or a "save as image" export."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def as_heic(image: Image.Image, quality: int = 80) -> bytes:
    """HEIC bytes (HEVC in a HEIF container, pillow-heif's encoder), as an iPhone stores photos."""
    import pillow_heif

    heif = pillow_heif.from_pillow(image.convert("RGB"))
    buffer = io.BytesIO()
    heif.save(buffer, quality=quality)
    return buffer.getvalue()


def as_pdf(images: Iterable[Image.Image], dpi: int = 300, quality: int = 75) -> bytes:
    """An image-only PDF, one page per image, as a scanner's "scan to PDF" or a phone scanning app
    writes it: no text layer, each page a JPEG (DCTDecode, ``quality``) sized so that the image is
    ``dpi``.

    Written by Pillow's PDF plugin. Raises ``ValueError`` for no images.
    """
    pages = [im.convert("RGB") for im in images]
    if not pages:
        raise ValueError("as_pdf() needs at least one image")
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                  quality=quality, creationDate=_FIXED_DATE, modDate=_FIXED_DATE)
    return buffer.getvalue()


def scanned_pdf(pdf_bytes: bytes, *, dpi: int = 300, seed: int = 0, max_pages: int | None = None,
                quality: int = 75) -> bytes:
    """A whole PDF printed and scanned back: every page rendered at ``dpi``, through ``scanner`` (seed
    ``seed + page``), into an image-only PDF at that resolution, each page JPEG-compressed once."""
    images = render_pages(pdf_bytes, dpi)[:max_pages]
    return as_pdf([scanner(im, seed=seed + i, quality=None) for i, im in enumerate(images)], dpi=dpi,
                  quality=quality)


def photo_jpeg(pdf_bytes: bytes, *, page: int = 0, seed: int = 0, quality: int = 80, **options) -> bytes:
    """Page ``page`` of a PDF printed and photographed with a phone (``phone_photo``; ``options`` go
    to it), as JPEG bytes compressed once at ``quality``."""
    photo = phone_photo(render_page(pdf_bytes, page, dpi=300), seed=seed, quality=None, **options)
    return as_jpeg(photo, quality=quality)
