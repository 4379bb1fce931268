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
    text: str = ""  # the extracted CV text ("profile_text" in the API)


@dataclass
class PdfText:
    """What the PDF reader hands to field extraction.

    ``text``: the text layer in reading order, pages separated by a blank line.
    ``large_lines``: lines from the top of page one, largest font first (layout evidence
    for the name and headline); empty when the reader could not tell font sizes.
    """

    text: str
    large_lines: list[str] = field(default_factory=list)
