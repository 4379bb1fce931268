"""Is a line by the name a headline by its shape alone, whatever its words?

Templates set the headline right by the name ("Erzieherin", "Pianificatrice logistica",
"Dental Hygienist"), so position is the first evidence and the role vocabulary
(``domain.cv.roles``) only supporting evidence. This module refuses what stands there
instead: contact data, places and addresses (``domain.cv.places``), headings, sentences,
slogans, personal data, document titles and employers.
"""
from __future__ import annotations

import re

from domain.cv.gazetteer import country_code, region_country
from domain.cv.places import is_address, place_in
from domain.cv.roles import has_role_word, looks_like_organisation
from domain.cv.sections import is_heading

SENTENCE_RE = re.compile(
    r"\b(?:years?|jahre[n]?|ans|años|anos|anni|jaar|with|mit|avec|con|com|met|who|which|i am|ich bin|je suis|"
    r"soy|sou|sono|ik ben|looking|seeking|passionate|experienced in|responsible for)\b",
    re.IGNORECASE,
)
# A cover letter's subject names the job applied for, not the candidate's role.
APPLICATION_RE = re.compile(
    r"\b(?:bewerbung|betreff|application|applying|apply|subject|candidature|objet|candidatura|asunto|"
    r"assunto|oggetto|sollicitatie|solicitud|re:)",
    re.IGNORECASE,
)
# Contact data: e-mail, URL or profile link, a long number, or a phone number written in groups.
CONTACT_RE = re.compile(r"@|https?:|www\.|\d{5,}|\+\d|\w\.[a-z]{2,6}/\S|\b(?:linkedin|github|gitlab|xing|behance)\b|"
                        r"(?:\d[\s()./-]*){7,}", re.IGNORECASE)
# A slogan or tagline, not a role: a pronoun, an -ing verb first, quotes, "!" or "?".
_SLOGAN_RE = re.compile(
    r"[\"“”«»!?]|^\w+ing\b|\b(?:i|my|me|we|our|you|your|ich|mein|wir|je|mon|nous|yo|mi|eu|meu|io|il mio|"
    r"the|der|die|das|le|la|el|o|il|and|und|et|y|e|ed|is|are|ist|sind|est|sont|es|son|é|são|è|sono|zijn)\b"
    r"(?=.*\b\w+\b)",
    re.IGNORECASE,
)
# Personal data that stands by the name in some templates: availability, citizenship, licences,
# marital status, birth, a degree. Refused for a headline unless the line also names a role.
_PERSONAL_RE = re.compile(
    r"\b(?:availab\w*|verfügbar\w*|disponib\w*|disponív\w*|citizen\w*|nationalit\w*|staatsangehörig\w*|"
    r"nacionalidad\w*|nazionalit\w*|licen[cs]e|führerschein|permis|carnet|carta|patente|married|single|"
    r"verheiratet|ledig|marié\w*|casad[oa]|solter[oa]|sposat[oa]|celibe|nubile|born|geboren|née?|nacid[oa]|"
    r"nascid[oa]|nat[oa]|bsc|msc|b\.sc|m\.sc|ba|ma|mba|phd|ph\.d|bachelor\w*|master\w*|licenciatura|"
    r"licence|laurea|diplom|grado|mestrado|dottorato|doktor|abitur|bac|open to work|looking for)\b",
    re.IGNORECASE,
)
# Document titles and labels that templates set next to the name.
_NOT_HEADLINE_RE = re.compile(
    r"^(?:curriculum vitae|cv|resume|résumé|lebenslauf|currículo|curriculum|bewerbung|personal (?:data|details|"
    r"information)|name|vorname|nachname|nom|nombre|nome|adresse|address|kontakt|contact|portfolio)\b",
    re.IGNORECASE,
)


def is_headline_shaped(text: str) -> bool:
    """True if ``text`` could be a headline by its shape alone, whatever its words.

    A short line (1-7 words) beginning with a capital, with no contact datum, digits, place,
    address, heading, sentence, slogan, employer or document title. Used for the line right by the
    name, where templates put the headline ("Erzieherin", "Pianificatrice logistica").
    """
    text = text.strip(" :|-–—·•")
    words = text.split()
    if not 1 <= len(words) <= 7 or len(text) > 70 or not text[:1].isupper():
        return False
    if CONTACT_RE.search(text) or sum(ch.isdigit() for ch in text) > 1 or text.endswith(".") or ":" in text:
        return False
    if country_code(text) or region_country(text):
        return False  # "USA", "Italia" on a line of their own: the end of an address
    if is_heading(text) or SENTENCE_RE.search(text) or APPLICATION_RE.search(text) or _NOT_HEADLINE_RE.match(text):
        return False
    # Articles and pronouns mark slogans, but "de"/"da"/"di" join role words ("Técnico de Farmácia").
    if _SLOGAN_RE.search(text) and not (has_role_word(text, loose=True) and len(words) <= 5):
        return False
    if _PERSONAL_RE.search(text) and not has_role_word(text, loose=True):
        return False
    if len(re.split(r"\s*[|•·,;/]\s*", text)) > 1 and not has_role_word(text, loose=True):
        return False  # a list of skills or languages
    return not (looks_like_organisation(text) or place_in(text) or is_address(text))


_CELL_SPLIT_RE = re.compile(r"\s*[|•·;]\s*|\s{3,}|\t|\s+[-–—]\s+")


def is_contact_part(text: str) -> bool:
    return bool(CONTACT_RE.search(text) or place_in(text) or is_address(text) or country_code(text))


def without_contact_parts(line: str) -> str:
    """``line`` without its contact, place and address cells ("Erzieherin · Berlin" -> "Erzieherin");
    "" when nothing else is left."""
    cells = [cell for cell in _CELL_SPLIT_RE.split(line) if cell.strip()]
    kept = []
    for cell in cells:
        if is_contact_part(cell):
            continue
        parts = [part for part in re.split(r"\s*,\s*", cell) if part]
        # "Ingeniero Civil, Madrid": a place after a comma; "Registered Nurse, BSN" stays whole.
        kept.append(", ".join(part for part in parts if not is_contact_part(part)) or cell)
    return line if len(kept) == len(cells) and kept == cells else " | ".join(kept)
