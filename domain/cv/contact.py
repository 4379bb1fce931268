"""Identity and contact fields of a CV: e-mail here; name, phone, place and title in their modules.

``contact_fields`` reads them together, because each helps another: the place's country
is the phone's default region, the name locates the headline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.cv.cover_letter import without_recipient
from domain.cv.gazetteer import fold
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


# The end of a phone number right before the address ("+33 6 12 34 56 72lea.moreau@…").
_PHONE_BEFORE_RE = re.compile(r"\+?\(?\d[\d\s().-]*\s?$")
_LEADING_DIGITS_RE = re.compile(r"^(\d{1,4})(?=[^\W\d_])")
# An icon font's glyph name or a label glued before the address ("Envelopeanna.weber@…", "E-Mailanna@…").
_ICON_WORD_RE = re.compile(r"^((?:envelope|e-?mail|mail|courriel|correo|at)[-_.:]?)(?=[^\W\d_])", re.IGNORECASE)


def extract_email(text: str) -> str | None:
    """The first e-mail address in ``text``, without a trailing full stop; None if there is none.

    Also joins an address that the text layer wrapped over two lines, and drops the end of a
    phone number glued before it (digits after a phone-like run on the same line).
    """
    match = EMAIL_RE.search(text)
    if not match:
        return _wrapped_email(text)
    email = _GLUED_PHONE_RE.sub("", match.group(0)).rstrip(".")
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = _PHONE_BEFORE_RE.search(text[line_start:match.start()])
    digits = _LEADING_DIGITS_RE.match(email)
    if digits and before and sum(ch.isdigit() for ch in before.group(0)) + len(digits.group(1)) >= 7:
        email = email[len(digits.group(1)):]
    return email


def without_glued_digits(email: str | None, name: str | None, phone: str | None) -> str | None:
    """``email`` without leading digits or an icon/label word that belong to a neighbouring cell,
    dropped only when the name ("72lea.nguyen@…", "Envelopelea.nguyen@…" for Léa Nguyen) or the
    phone's last digits say they are glued; else ``email`` unchanged."""
    glued = _LEADING_DIGITS_RE.match(email or "") or _ICON_WORD_RE.match(email or "")
    if not glued:
        return email
    rest = fold(email[len(glued.group(1)):].split("@")[0])
    name_words = [word for word in re.split(r"[\s'’-]+", fold(name or "")) if len(word) > 1]
    phone_digits = re.sub(r"\D", "", phone or "")
    if any(rest.startswith(word) for word in name_words) or (phone_digits and phone_digits.endswith(glued.group(1))):
        return email[len(glued.group(1)):]
    return email


def contact_fields(text: str, lines: list[Line], *, large_lines=()) -> ContactFields:
    """Name, e-mail, phone, location and title of the CV.

    ``text``: the whole CV text; ``lines``: ``sections.label_lines(text)``; ``large_lines``:
    page one's top lines, largest font first (may be empty).
    """
    email = extract_email(text)
    name = extract_name(lines, email, large_lines=large_lines)
    email = without_glued_digits(email, name, None)
    own = without_recipient(lines)  # a cover letter's addressee block is not the candidate's
    place = find_place(own, name)
    header = "\n".join(line.text for line in own if line.section in ("top", "contact"))
    phone = extract_phone(text, header=header, country=place.country if place else None, email=email)
    email = without_glued_digits(email, name, phone)
    title = extract_title(own, name, large_lines=large_lines)
    return ContactFields(name, email, phone, place.text if place else None, title)
