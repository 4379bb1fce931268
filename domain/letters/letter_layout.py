"""Where a business letter puts its parts, per language: shared by the PDF and DOCX renderers.

Conventions followed (one per language, for an unnamed recipient and an applicant's letter):

* German: DIN 5008:2020 Form B — left margin 25 mm, right 20 mm; the address field 45 mm from
  the top (a 12.7 mm zone for the sender's return line, then the recipient), the place and date
  right-aligned below it, the subject in bold without "Betreff", body flush left (Flattersatz,
  the standard's default); fold marks at 105 mm and 210 mm, the punch mark at 148.5 mm.
* French: the sender top left, the recipient in the right half, "Ville, le …" right-aligned
  under it, body justified, the signature on the right (the usual French "lettre de motivation").
* Italian: as French (recipient and signature on the right, "Spett.le" layout), body justified.
* Spanish and Portuguese: recipient on the left, place and date right-aligned, body justified.
* English: full block format — every part flush left, the date before the recipient.
* Dutch: block format as English, but the recipient before "Plaats, datum" (NEN 1026 practice).

The ``tag`` is the BCP 47 language of the document (PDF /Lang, Word's w:lang) so readers and
spell checkers work in the letter's language; Portuguese is Brazilian because the formulas are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A4 and the margins of DIN 5008 (used for every language: they suit any business letter).
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 15.0, 18.0
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
RIGHT_BLOCK_X = 115.0  # where a right-hand recipient block starts (French and Italian letters)
SIGNATURE_SPACE = 14.0  # left blank above the typed name for a handwritten signature

# DIN 5008 Form B, millimetres from the page top.
DIN_RETURN_LINE_Y = 52.0  # the sender's one-line return address, bottom of the 12.7 mm zone
DIN_RECIPIENT_Y = 57.7  # first line of the recipient (Anschriftzone)
DIN_ADDRESS_END_Y = 85.0  # end of the 45 mm address field
DIN_FOLD_MARKS = (105.0, 210.0)
DIN_PUNCH_MARK = 148.5


@dataclass(frozen=True)
class LetterLayout:
    """One language's letter conventions (see the module docstring for the sources)."""

    tag: str
    din5008: bool = False  # address field and fold marks at DIN 5008 Form B positions
    date_first: bool = False  # the date line comes before the recipient (English block format)
    date_right: bool = True
    recipient_right: bool = False
    justify: bool = True
    signature_right: bool = False


LAYOUTS: dict[str, LetterLayout] = {
    "en": LetterLayout(tag="en-GB", date_first=True, date_right=False, justify=False),
    "de": LetterLayout(tag="de-DE", din5008=True, justify=False),
    "fr": LetterLayout(tag="fr-FR", recipient_right=True, signature_right=True),
    "es": LetterLayout(tag="es-ES"),
    "it": LetterLayout(tag="it-IT", recipient_right=True, signature_right=True),
    "nl": LetterLayout(tag="nl-NL", date_right=False, justify=False),
    "pt": LetterLayout(tag="pt-BR"),
}


def letter_layout(lang: str) -> LetterLayout:
    """The conventions for ``lang`` ("de", …); English block format for any other code."""
    return LAYOUTS.get(lang, LAYOUTS["en"])


def language_tag(lang: str) -> str:
    """BCP 47 tag of a document in ``lang``: "de" -> "de-DE", "pt" -> "pt-BR"; "en-GB" if unknown."""
    return letter_layout(lang).tag


def contact_line(sender: tuple[str, ...], name: str) -> tuple[str, ...]:
    """The sender's details without the name: what the letterhead prints under it."""
    return tuple(s for s in sender if s and s != name)


def document_title(subject: str) -> str:
    """The subject line without its lead word, for a file's title ("Objet : Candidature …" -> "Candidature …")."""
    return re.sub(r"^\w+\s?:\s*", "", subject.strip())
