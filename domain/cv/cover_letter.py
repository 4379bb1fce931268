"""A cover letter in front of the CV: where it opens and closes, and who it is addressed to.

Application bundles often start with the letter, so the first name, place and role on
page one can be the recipient's ("Dear Ms. Smith", "Sehr geehrte Frau Müller", an HR
address block). Salutations and closings are the usual formulas in EN, DE, FR, ES, PT,
IT and NL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.cv.sections import Line

SALUTATION_RE = re.compile(
    r"^(?:dear|hello|hi|to whom it may concern|sehr geehrte[rs]?|liebe[rs]?|hallo|madame|monsieur|bonjour|"
    r"estimad[oa]s?|prezad[oa]s?|caro|cara|gentile|egregio|spettabile|geachte|beste)\b",
    re.IGNORECASE,
)
CLOSING_RE = re.compile(
    r"^(?:(?:yours\s+)?(?:sincerely|faithfully|truly)|(?:kind|best|warm|warmest)\s+regards|regards|"
    r"best wishes|respectfully|mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|"
    r"beste grüße|cordialement|bien cordialement|bien à vous|(?:je vous prie d['’]|veuillez )agréer.*|"
    r".*salutations distinguées.*|(?:muy\s+)?atentamente|saludos(?: cordiales)?|un saludo|"
    r"cordiais cumprimentos|com os melhores cumprimentos|atenciosamente|cumprimentos|cordiali saluti|"
    r"distinti saluti|in fede|met vriendelijke groet(?:en)?|hoogachtend)\b[,.]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_RECIPIENT_HINT_RE = re.compile(
    r"\b(?:attn|z\.\s?hd|zu händen|c/o|hiring manager|hiring team|talent acquisition|recruiting|recruitment|"
    r"human resources|hr|rh|personalabteilung|ressources humaines|recursos humanos|risorse umane|gmbh|inc|"
    r"ltd|llc|ag|s\.a\.|sas|sarl|s\.l\.|s\.p\.a\.|srl|b\.v\.|plc)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Letter:
    salutation: int  # index into the lines
    closing: int | None  # index of the closing formula, None if the letter has none
    recipient: frozenset[int]  # indices of the addressee's block (before the salutation)


def find_letter(lines: list[Line]) -> Letter | None:
    """The cover letter opening ``lines`` (``sections.label_lines`` output), or None."""
    salutation = next((i for i, line in enumerate(lines[:60]) if SALUTATION_RE.match(line.text)), None)
    if salutation is None:
        return None
    closing = next((i for i, line in enumerate(lines[salutation:salutation + 80], salutation)
                    if CLOSING_RE.match(line.text)), None)
    return Letter(salutation, closing, frozenset(_recipient_block(lines, salutation)))


def _recipient_block(lines: list[Line], salutation: int) -> set[int]:
    """Lines within three of a company, HR or "Attn" line above the salutation."""
    block: set[int] = set()
    for index in range(salutation):
        if _RECIPIENT_HINT_RE.search(lines[index].text):
            block.update(range(max(0, index - 3), min(salutation, index + 4)))
    return block


def without_recipient(lines: list[Line]) -> list[Line]:
    """``lines`` less the cover letter's addressee block, when the text opens with a letter."""
    letter = find_letter(lines)
    if not letter or not letter.recipient:
        return lines
    return [line for index, line in enumerate(lines) if index not in letter.recipient]
