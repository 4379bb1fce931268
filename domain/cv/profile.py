"""PDF bytes in, candidate profile out: the one entry point the profiling task calls."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from domain.cv.errors import TooLargePdfError
from domain.cv.fields import profile_from_text
from domain.cv.pdf_reader import DEFAULT_MAX_BYTES, read_pdf
from domain.cv.types import CandidateProfile

logger = logging.getLogger(__name__)


def build_profile(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = 20) -> CandidateProfile:
    """Read a CV PDF and extract its profile; raises a ``CvReadError`` (a PermanentError)
    with a stable ``code`` and a user-facing message when the file cannot be used."""
    started = time.perf_counter()
    pdf = read_pdf(data, max_pages=max_pages, max_bytes=max_bytes)
    profile = profile_from_text(pdf.text, large_lines=pdf.large_lines)
    logger.info("built profile from %d-byte PDF in %.3fs: %d chars, %d skills",
                len(data), time.perf_counter() - started, len(pdf.text), len(profile.skills))
    return profile


def build_profile_from_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                            max_pages: int = 20) -> CandidateProfile:
    """``build_profile`` for a file on disk; refuses oversized files before reading them."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargePdfError(limit_bytes=max_bytes, size=size)
    return build_profile(path.read_bytes(), max_bytes=max_bytes, max_pages=max_pages)
