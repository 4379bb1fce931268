"""Whether a file shared in a group chat or channel is meant as a CV: one rule for every adapter.

Only what a platform tells before any download is used here (file name, MIME type, the
message's text); what the file really is gets decided afterwards from its bytes
(``domain.cv.intake.accept_upload``). In a private chat every file is a CV candidate, so
this module only matters where many people share many files:

- documents whose name or MIME type says PDF, Word, OpenDocument, or a format we refuse
  with advice (.doc, .rtf, .pages) are taken — the refusal tells people how to export;
- images, files of unknown type and cloud documents only when the message says it is a CV
  (``mentions_cv``) or speaks to the bot, so the bot does not answer every holiday photo.
"""
from __future__ import annotations

import re

# "CV", "résumé", "Lebenslauf" … in the languages our users write; matched as whole words.
CV_WORDS = re.compile(
    r"(?<!\w)(cv|c\.v\.|cvs|resume|résumé|resumé|curriculum|vitae|lebenslauf|bewerbung|"
    r"currículo|currículum|curricolo|hoja de vida|życiorys|levensloop|ansökan|cv-datei)(?!\w)",
    re.IGNORECASE,
)
DOCUMENT_SUFFIXES = frozenset({"pdf", "docx", "odt", "doc", "rtf", "pages"})
IMAGE_SUFFIXES = frozenset({"jpg", "jpeg", "png", "heic", "heif", "webp", "tif", "tiff", "gif", "bmp"})
DOCUMENT_MIME_TYPES = frozenset({
    "application/pdf", "application/x-pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/msword", "application/rtf", "text/rtf",
    "application/vnd.apple.pages", "application/x-iwork-pages-sffpages",
})
# What clients send when they do not know (or do not say) what a file is.
UNKNOWN_MIME_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/x-download",
                                "application/unknown", "application/binary"})


def mentions_cv(text: str | None) -> bool:
    """True when ``text`` (a caption or message) names a CV, résumé, Lebenslauf …"""
    return bool(text) and CV_WORDS.search(text) is not None


def suffix_of(name: str | None) -> str:
    """The lower-case extension of a file name without the dot ("" when there is none)."""
    base = (name or "").rsplit("/", 1)[-1]
    return base.rpartition(".")[2].lower() if "." in base.strip(".") else ""


def _mime(mime_type: str | None) -> str:
    return (mime_type or "").split(";", 1)[0].strip().lower()


def is_document_type(name: str | None, mime_type: str | None, *, filetype: str | None = None) -> bool:
    """A CV document format by its name, MIME type or a platform's type tag (Slack's ``filetype``)."""
    return (suffix_of(name) in DOCUMENT_SUFFIXES or _mime(mime_type) in DOCUMENT_MIME_TYPES
            or (filetype or "").lower() in DOCUMENT_SUFFIXES)


def is_image_type(name: str | None, mime_type: str | None, *, filetype: str | None = None) -> bool:
    return (_mime(mime_type).startswith("image/") or suffix_of(name) in IMAGE_SUFFIXES
            or (filetype or "").lower() in IMAGE_SUFFIXES)


def is_unknown_type(name: str | None, mime_type: str | None) -> bool:
    """Nothing said about the type: no extension and no telling MIME type (a phone's "file")."""
    return not suffix_of(name) and _mime(mime_type) in UNKNOWN_MIME_TYPES
