"""The candidate profile built from a CV."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.stored import StoredAsDict


@dataclass
class CandidateProfile(StoredAsDict):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    title: str | None = None
    years_experience: float | None = None
    skills: list[str] = field(default_factory=list)  # canonical names from the vocabulary
    languages: list[str] = field(default_factory=list)  # e.g. ["English", "German"]
    summary: str = ""
    summary_generated: bool = False  # the CV had no summary: ``summary`` was made from the fields above
    text: str = ""  # the extracted CV text ("profile_text" in the API)
    # How the text was read: "text" (a PDF's text layer), "form" (PDF form fields), "docx",
    # "odt", "scan" (OCR of a scanned PDF or a PDF whose text layer was unusable) or "photo"
    # (OCR of an image). A scan or photo's fields deserve a second look by the person.
    source: str = "text"


@dataclass
class PdfText:
    """What a reader (PDF text layer, Word/OpenDocument, OCR) hands to field extraction.

    ``text``: the text layer in reading order, pages separated by a blank line.
    ``large_lines``: lines from the top of page one, largest font first (layout evidence
    for the name and headline); empty when the reader could not tell font sizes.
    ``lines``: the layout's lines with font size and boldness (headings are short, bold or
    larger lines); empty when the reader could not lay the pages out.
    """

    text: str
    large_lines: list[str] = field(default_factory=list)
    lines: list[PdfLine] = field(default_factory=list)  # every page's lines in reading order, with style
    source: str = "text"  # as CandidateProfile.source
    pages: int = 1  # pages (or images) read
    # 1-based numbers of a PDF's pages whose text is an image (a scan, or letters drawn as
    # outlines): their text comes from OCR when it ran, else they are left out
    # (domain.cv.pdf_reader.read_pdf). Added for the per-page scan decision (issue 10).
    scanned_pages: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PdfLine:
    """One line of the layout, before text-level repairs that join lines.

    ``page``: 1-based. ``size``: font size in points (the largest on the line). ``bold``: the
    line's main font is bold. ``y``: distance of the line's top from the page's top, points.
    """

    text: str
    page: int
    size: float
    bold: bool
    y: float
