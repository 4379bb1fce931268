"""Stored files live under generated names; nothing a user sends ever becomes part of a path."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

from config import Settings

# The suffix names the kind the bytes were sniffed as (domain.cv.filetype.FileKind values),
# for operators looking at the folder; readers decide from the bytes again.
_SUFFIXES = ("pdf", "docx", "odt", "jpeg", "png", "heic", "webp", "tiff", "gif", "bmp")
_GENERATED_NAME = re.compile(rf"^[0-9a-f]{{32}}\.({'|'.join(_SUFFIXES)})$")


def new_upload_name(suffix: str = "pdf") -> str:
    """A fresh generated name; ``suffix`` is one of ``_SUFFIXES`` (ValueError otherwise)."""
    if suffix not in _SUFFIXES:
        raise ValueError(f"not a stored file kind: {suffix!r}")
    return f"{uuid.uuid4().hex}.{suffix}"


def upload_path(settings: Settings, name: str) -> Path:
    return _checked(settings.uploads_dir, name)


def document_path(settings: Settings, name: str) -> Path:
    return _checked(settings.documents_dir, name)


def _checked(folder: Path, name: str) -> Path:
    if not _GENERATED_NAME.match(name):
        raise ValueError(f"not a generated file name: {name!r}")
    return folder / name


def save_upload(settings: Settings, data: bytes, suffix: str = "pdf") -> str:
    """Write bytes under a fresh generated name in the uploads folder; returns the name."""
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    name = new_upload_name(suffix)
    path = upload_path(settings, name)
    with open(path, "xb") as handle:
        handle.write(data)
    return name


def save_document(settings: Settings, data: bytes, suffix: str) -> str:
    """Write a generated document (a letter, a tailored CV) under a fresh name in the documents folder.

    ``suffix``: "pdf" or "docx" (any of ``_SUFFIXES``; ValueError otherwise). Returns the name.
    """
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    name = new_upload_name(suffix)
    with open(document_path(settings, name), "xb") as handle:
        handle.write(data)
    return name


def stored_upload_bytes(settings: Settings, names) -> int:
    """Bytes the uploads named ``names`` (generated names; each counted once) take on disk now; a name
    whose file is gone (purged, forgotten) counts 0. ValueError for a name that is not generated."""
    total = 0
    for name in set(names):
        try:
            total += upload_path(settings, name).stat().st_size
        except FileNotFoundError:
            pass
    return total


def delete_uploads(settings: Settings, names) -> int:
    """Remove the uploads named ``names`` (missing ones are skipped); returns how many were removed."""
    removed = 0
    for name in set(names):
        try:
            upload_path(settings, name).unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed
