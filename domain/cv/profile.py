"""CV bytes in, candidate profile out: the one entry point the profiling step calls."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from domain.cv.document import MAX_SCAN_PAGES, OnPage, read_document
from domain.cv.errors import NoCvContentError, TooLargePdfError
from domain.cv.fields import profile_from_text
from domain.cv.pdf_reader import DEFAULT_MAX_BYTES
from domain.cv.repair import printable
from domain.cv.types import CandidateProfile

logger = logging.getLogger(__name__)

# What makes a profile worth calling "ready": without any of these there is nobody to
# search for and nothing to match, whatever else the file held.
CORE_FIELDS = ("name", "email", "phone", "skills")


def build_profile(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = 20,
                  max_scan_pages: int = MAX_SCAN_PAGES, on_page: OnPage | None = None) -> CandidateProfile:
    """Read a CV file (PDF, DOCX, ODT, scan or photo; see ``domain.cv.document``) and
    extract its profile, ``source`` telling how the text was read.

    Raises a ``CvReadError`` (a PermanentError) with a stable ``code`` and a user-facing
    message when the file cannot be used. Does not judge whether the file is a CV: one
    request may carry a CV and a certificate, so ``require_cv_content`` is applied to the
    merged profile.
    """
    started = time.perf_counter()
    document = read_document(data, max_pages=max_pages, max_bytes=max_bytes, max_scan_pages=max_scan_pages,
                             on_page=on_page)
    # Control characters a text layer still holds (a BEL inside a PDF string) would stay in every
    # letter and file made from the profile; XML (DOCX) cannot even hold them.
    profile = profile_from_text(printable(document.text), large_lines=[printable(line) for line in document.large_lines])
    profile.source = document.source
    logger.info("built profile from a %d-byte %s file in %.3fs: %d chars, %d skills", len(data), document.source,
                time.perf_counter() - started, len(document.text), len(profile.skills))
    return profile


def require_cv_content(profile: CandidateProfile) -> CandidateProfile:
    """``profile`` if it has a name, e-mail, phone or any skill; else ``NoCvContentError``,
    so a blank profile is never reported as ready."""
    if any(getattr(profile, field) for field in CORE_FIELDS):
        return profile
    raise NoCvContentError(detail=f"{len(profile.text)} chars read from a {profile.source} file, no core field")


def build_profile_from_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                            max_pages: int = 20) -> CandidateProfile:
    """``build_profile`` for a file on disk; refuses oversized files before reading them."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargePdfError(limit_bytes=max_bytes, size=size)
    return build_profile(path.read_bytes(), max_bytes=max_bytes, max_pages=max_pages)
