"""Identity and contact fields of a CV: e-mail here; name, phone, place and title in their modules.

``contact_fields`` reads them together, because each helps another: the place's country
is the phone's default region, the name locates the headline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.cv.cover_letter import without_recipient
from domain.cv.names import extract_name
from domain.cv.phones import extract_phone
from domain.cv.places import extract_location, find_place
from domain.cv.sections import Line
from domain.cv.titles import extract_title

__all__ = ["EMAIL_RE", "ContactFields", "contact_fields", "extract_email", "extract_location", "extract_name",
           "extract_phone", "extract_title"]

# The top-level domain is matched in one case, so a word glued after it ("example.deMOBILE") stays out.
EMAIL_RE = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,}(?![a-z])|[A-Z]{2,}(?![A-Z])|[A-Z][a-z]+(?![a-z]))")
# A phone number glued before the address by the text layer ("404-555-0187tamika.brooks@...").
_GLUED_PHONE_RE = re.compile(r"^(?=(?:[^@]*?\d){7})[\d\s().+-]{7,}(?=[^\W\d_])")


@dataclass(frozen=True)
class ContactFields:
    name: str | None
    email: str | None
    phone: str | None
    location: str | None
    title: str | None


_PARTIAL_RE = re.compile(r"([\w.+%-]+@[\w.-]*?)-?(?=\s|$)", re.MULTILINE)
_CONTINUATION_RE = re.compile(r"^\s*([\w-]*(?:\.[\w-]+)*\.[a-z]{2,})(?![\w@.])")


def _wrapped_email(text: str) -> str | None:
    """An address a narrow column wrapped ("tereza.dvorakova@exam" … "ple.at"), joined; else None."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        for partial in _PARTIAL_RE.finditer(line):
            for following in lines[index + 1:index + 3]:
                tail = _CONTINUATION_RE.match(following)
                joined = partial.group(1) + tail.group(1) if tail else ""
                if tail and EMAIL_RE.fullmatch(joined):
                    return _GLUED_PHONE_RE.sub("", joined)
    return None


def extract_email(text: str) -> str | None:
    """The first e-mail address in ``text``, without a trailing full stop; None if there is none.

    Also joins an address that the text layer wrapped over two lines.
    """
    match = EMAIL_RE.search(text)
    if match:
        return _GLUED_PHONE_RE.sub("", match.group(0)).rstrip(".")
    return _wrapped_email(text)


def contact_fields(text: str, lines: list[Line], *, large_lines=()) -> ContactFields:
    """Name, e-mail, phone, location and title of the CV.

    ``text``: the whole CV text; ``lines``: ``sections.label_lines(text)``; ``large_lines``:
    page one's top lines, largest font first (may be empty).
    """
    email = extract_email(text)
    name = extract_name(lines, email, large_lines=large_lines)
    own = without_recipient(lines)  # a cover letter's addressee block is not the candidate's
    place = find_place(own, name)
    header = "\n".join(line.text for line in own if line.section in ("top", "contact"))
    phone = extract_phone(text, header=header, country=place.country if place else None, email=email)
    title = extract_title(own, name, large_lines=large_lines)
    return ContactFields(name, email, phone, place.text if place else None, title)
