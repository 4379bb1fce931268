"""The candidate's title: the headline, else the current role.

Headline: a "Title:"-style label; else by position, the rest of the name line or the line
right below the name (past contact and place lines) when it is headline-shaped
(``domain.cv.headline_shape``), even if its words are unknown ("Erzieherin", "Luthier"),
joined with a one-word tail the layout wrapped ("Ingeniero" / "Civil"); a line of unknown
words yields to a known role (``domain.cv.roles``) on the few lines around the name; then a
large line on page one that names a role. Current role: in the experience section, the entry
with an open range ("– present", "seit 2020", "desde 2021"), else the first dated entry (CVs
list the most recent job first); its role part, without dates or the employer.
"""
from __future__ import annotations

import re

from domain.cv.cover_letter import find_letter
from domain.cv.gazetteer import country_code, fold
from domain.cv.headline_shape import (
    APPLICATION_RE,
    CONTACT_RE,
    SENTENCE_RE,
    is_headline_shaped,
    without_contact_parts,
)
from domain.cv.places import place_in
from domain.cv.roles import has_role_word, looks_like_organisation
from domain.cv.sections import Line, heading_section, is_heading

_LABEL_RE = re.compile(
    r"^(?:(?:job |current |desired )?(?:title|position|role)|headline|poste(?: actuel)?|fonction|titre|"
    r"berufsbezeichnung|beruf|profession|profissão|profesión|professione|métier|occupation|ocupación|ocupação|"
    r"position|aktuelle position|puesto(?: actual)?|cargo(?: actual| atual)?|"
    r"posizione|ruolo|functie|huidige functie)\s*[:：]\s*(?P<v>.+)$",
    re.IGNORECASE,
)
_LABEL_ALONE_RE = re.compile(
    r"^(?:desired employment|job applied for|position applied for|employment applied for|position|"
    r"current position|occupational field|poste occupé|puesto actual|cargo atual|gewünschte beschäftigung|"
    r"angestrebte position|emploi recherché|poste visé|empleo deseado|puesto solicitado|emprego pretendido|"
    r"occupazione desiderata|posizione ricoperta|gewenste functie)\s*(?:/.*)?:?$",
    re.IGNORECASE,
)
_MONTH = (r"(?:jan|feb|fév|fev|mär|maer|mar|apr|avr|abr|mai|may|mag|jun|jui|giu|jul|lug|aug|ago|aoû|aou|"
          r"sep|set|okt|oct|ott|out|nov|dez|dec|déc|dic)[a-zéûäç]*\.?")
_PRESENT = (r"present|current|now|today|to date|heute|jetzt|aktuell|dato|aujourd['’]hui|actuel(?:lement)?|"
            r"en cours|actualidad|presente|hoy|atual(?:mente)?|o momento|oggi|in corso|attuale|heden|nu")
_DATE = rf"(?:{_MONTH}\s+)?(?:\d{{1,2}}\s*[/.\-]\s*)?(?:19|20)\d\d|{_MONTH}\s+\d\d\b|\d{{1,2}}/\d\d\b"
_DATE_RE = re.compile(rf"(?:\b(?:since|seit|ab|depuis|desde|dal|dall['’]|sinds|from|von|de|da)\s+)?(?:{_DATE})"
                      rf"(?:\s*(?:-|–|—|to|until|bis|à|au|a|al|até|tot)\s*(?:{_DATE}|{_PRESENT}))?",
                      re.IGNORECASE)
_EDGE_PRESENT_RE = re.compile(rf"^\s*(?:{_PRESENT})\b|\b(?:{_PRESENT})\s*$", re.IGNORECASE)
_OPEN_RE = re.compile(rf"(?:-|–|—|\bto|\bbis|\bà|\bal|\baté|\ba|\btot)\s*(?:{_PRESENT})\b|"
                      rf"\b(?:since|seit|ab|depuis|desde|dal|sinds)\s+(?:{_DATE})(?!\s*[-–—]\s*\w)", re.IGNORECASE)
_EMPLOYER_RE = re.compile(r"\s+(?:at|@|bei|chez|presso|bij|na|en la|en el|junto a)\s+.+$", re.IGNORECASE)
_PART_SPLIT_RE = re.compile(r"\s*[|•·,;]\s*|\s+[-–—]\s+|\s{3,}|\t")
def is_role_line(text: str) -> bool:
    """True if ``text`` is a short job title, not a heading, sentence, address or contact datum."""
    text = text.strip(" :|-–")
    words = text.split()
    if not 1 <= len(words) <= 8 or len(text) > 90 or not text[0].isupper() and not text[0].isdigit():
        return False
    if CONTACT_RE.search(text) or is_heading(text) or SENTENCE_RE.search(text) or re.search(r"\d{4}", text):
        return False
    if APPLICATION_RE.search(text):
        return False
    if text.endswith(".") and len(words) > 3:
        return False
    return has_role_word(text, loose=True) and not looks_like_organisation(text) and place_in(text) is None


def _without_heading(text: str) -> str:
    """``text`` without a heading that a template set on the same line ("Profile Registered Nurse")."""
    words = text.split()
    for size in (3, 2, 1):
        # Only profile/contact headings: "Software" also heads a skills list, and "Software Engineer" is a role.
        if len(words) > size and heading_section(" ".join(words[:size])) in ("summary", "contact"):
            return " ".join(words[size:])
    return text


def _role_part(text: str) -> str | None:
    """The role in an entry line ("Data Engineer | Acme GmbH | 03/2020 – heute" -> "Data Engineer")."""
    text = _EDGE_PRESENT_RE.sub(" ", _DATE_RE.sub(" ", _without_heading(text.strip())))
    first, _, rest = text.strip().partition(" ")
    if rest and country_code(first):
        text = rest  # a country glued to the headline by the text layer ("Österreich Buchhalter")
    for part in _PART_SPLIT_RE.split(text):
        part = _EMPLOYER_RE.sub("", part).strip(" ()")
        if part and is_role_line(part):
            return " ".join(part.split())
    return None


def _continued(role: str, text: str, following: list[str]) -> str:
    """The role with its wrapped tail ("Ingeniera" + "de Datos") when the next line continues it."""
    if following and text.rstrip().endswith(role) and re.match(r"^[a-zà-ÿ]{1,4}\s+\S", following[0]):
        tail = following[0].strip()
        if len(tail.split()) <= 4 and not CONTACT_RE.search(tail):
            return f"{role} {tail}"
    return role


def _name_index(lines: list[Line], name: str | None) -> int | None:
    if not name:
        return None
    wanted = {word.strip(".") for word in fold(name).split()}  # "Maria T. Lopez" on "MARIA T. LOPEZ"
    for index, line in enumerate(lines[:25]):
        if wanted <= set(re.findall(r"[\w'’-]+", fold(line.text))):
            return index
    return None


def _labelled(lines: list[Line]) -> str | None:
    for index, line in enumerate(lines[:40]):
        match = _LABEL_RE.match(line.text)
        value = match.group("v") if match else None
        if _LABEL_ALONE_RE.match(line.text) and index + 1 < len(lines):
            value = lines[index + 1].text
        role = _role_part(value) if value else None
        if role:
            return role
        if match and is_headline_shaped(match.group("v")):
            return " ".join(match.group("v").split())  # the label vouches for an unlisted role ("Beruf: Luthier")
    return None


def _is_name_part(text: str, name: str) -> bool:
    return set(fold(text).split()) <= set(fold(name).replace(".", "").split())


def _shaped_headline(rest: str, followers: list[str], name: str) -> str | None:
    """The headline by position: the rest of the name line or the line right below the name
    (past contact and place lines), taken when headline-shaped even if its words are unknown."""
    parts = [part for part in _PART_SPLIT_RE.split(rest) if part.strip(" ,|")]
    options = [" ".join(option.split()).strip(" :|-–—·•") for option in parts[:1] + followers]
    label = -1
    for index, option in enumerate(options):
        if not option or _is_name_part(option, name) or index == label:
            continue
        if index + 1 < len(options) and is_heading(f"{option} {options[index + 1]}"):
            label = index + 1  # a label set over two lines beside the name ("INFORMATIONS" "PERSONNELLES")
            continue
        first, _, others = option.partition(" ")
        if others and country_code(first):
            option = others  # a country glued to the headline by the text layer ("Österreich Buchhalter")
        option = _without_heading(option)  # "Profile Registered Nurse"
        kept = without_contact_parts(option)
        if kept and is_headline_shaped(kept):
            return _wrapped(kept, options[index + 1:index + 2], name) if kept == option else kept
        if kept:
            return None  # something else stands by the name: leave it to the vocabulary
    return None


def _wrapped(headline: str, following: list[str], name: str) -> str:
    """The headline with a short tail the layout wrapped onto the next line ("Ingeniero" / "Civil")."""
    tail = " ".join(following[0].split()) if following else ""
    if not tail or len(tail.split()) > 2 or len((headline + " " + tail).split()) > 7 or _is_name_part(tail, name):
        return headline
    if not is_headline_shaped(tail[:1].upper() + tail[1:]) or is_heading(tail):
        return headline
    # Lower case continues a phrase ("de Datos"); one capital word only completes a role ("Ingeniero" "Civil",
    # "Senior Software" "Engineer"), not a second one.
    if tail[:1].islower() or (" " not in tail
                              and has_role_word(headline, loose=True) != has_role_word(tail, loose=True)):
        return f"{headline} {tail}"
    return headline


def _around_name(lines: list[Line], name: str) -> str | None:
    """A role on the name line, on the few lines below it, or on the line just above it."""
    start = _name_index(lines, name)
    if start is None:
        return None
    rest = lines[start].text
    for word in name.split():
        rest = re.sub(re.escape(word), " ", rest, flags=re.IGNORECASE)
    # Only lines of the name's own block: past a heading starts the CV body.
    block = lines[start].section
    # Up to six lines of the name's block: address, phone, e-mail and profile links may come first.
    followers = [line.text for line in lines[start + 1:start + 7] if line.section == block]
    above = [lines[start - 1].text] if start and lines[start - 1].section == block else []
    # By position first; but a line of unknown words yields to a known role beside the name
    # (an unlisted small town or a tagline may stand where a headline would).
    shaped = _shaped_headline(rest, followers, name)
    if shaped and has_role_word(shaped, loose=True):
        return shaped
    texts = [rest, *followers[:4], *above]
    for index, text in enumerate(texts):
        role = _role_part(text)
        if role:
            return _continued(role, text, texts[index + 1:index + 2] if index <= len(followers) else [])
    return shaped


def _cv_part(lines: list[Line]) -> list[Line]:
    """``lines`` past a cover letter's closing formula: the letter's header and addressee block
    stand by the candidate's name too, but the headline is the CV's."""
    letter = find_letter(lines)
    return lines[letter.closing + 1:] if letter and letter.closing is not None else lines


def headline(lines: list[Line], name: str | None, large_lines=()) -> str | None:
    """The role stated at the top of the CV (label, name line, lines around the name, large lines)."""
    role = _labelled(lines) or (name and (_around_name(_cv_part(lines), name) or _around_name(lines, name))) or None
    if role:
        return role
    for text in large_lines[:4]:
        role = _role_part(text)
        if role and not (name and fold(name) in fold(text)):
            return role
    # The second largest line after the name, when headline-shaped (a headline set apart in another column).
    if name and len(large_lines) > 1 and fold(name) in fold(large_lines[0]) and is_headline_shaped(large_lines[1]):
        return " ".join(large_lines[1].split())
    return None


def current_role(lines: list[Line]) -> str | None:
    """The role of the open-ended (else the first dated) entry of the experience section."""
    experience = [line for line in lines if line.section == "experience"]
    dated = [i for i, line in enumerate(experience) if _DATE_RE.search(line.text)]
    opened = [i for i in dated if _OPEN_RE.search(experience[i].text)]
    if not dated:
        # Some templates set dates apart from their entries; the first role listed is the latest.
        return next((role for role in map(_role_part, (line.text for line in experience[:8])) if role), None)
    for index in (opened or dated)[:1]:
        # The role sits on the dated line, or just above or below it.
        for near in (index, index - 1, index - 2, index - 3, index + 1, index + 2):
            if 0 <= near < len(experience):
                role = _role_part(experience[near].text)
                if role:
                    return role
    return None


def extract_title(lines: list[Line], name: str | None, *, large_lines=()) -> str | None:
    """The headline role if the CV states one, else the current role; None if neither is found."""
    return headline(lines, name, large_lines) or current_role(lines)
