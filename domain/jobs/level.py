"""How senior a posting is: "junior", "mid", "senior" or "lead" (``SENIORITY_LEVELS``).

The title decides when it names a level ("Senior", "Sr.", "Head of", "Werkstudent",
"Berufseinsteiger", "confirmé"), through the ranking's own word list
(``domain.jobs.titles.title_level``) so that "less senior" and the ranking agree; otherwise
the years of experience the description asks for ("5+ years", "mindestens 3 Jahre Berufserfahrung",
"3 ans d'expérience", "5 años de experiencia") place it.
"""
from __future__ import annotations

import re
import unicodedata

from domain.jobs.job_type import board_types
from domain.jobs.preferences import SENIORITY_LEVELS
from domain.jobs.text import fold
from domain.jobs.titles import JUNIOR, LEAD, MID, SENIOR, STUDENT, title_level, tokens
from domain.jobs.types import JobPosting

# Titles naming the head of a kitchen or department in German compounds the word list does not split.
_LEAD_WORDS = frozenset("kuchenchef kuechenchef abteilungsleiter abteilungsleiterin bereichsleiter bereichsleiterin "
                        "filialleiter filialleiterin".split())
# Titles that say "mid" in words the ranking's list leaves out ("Software Engineer II").
_MID_WORDS = frozenset("mid midlevel intermediate medior ii".split())
# French "confirmé(e)" sits between "junior" and "senior" (3–5 years in French job ads).
_FRENCH_MID = frozenset("confirme confirmee".split())
# "Staff" is a senior engineering rung, but a "Staff Nurse" or a US "Staff Accountant" is not senior.
_STAFF_ROLES = frozenset("engineer engineers developer scientist architect designer software data "
                         "researcher analyst swe sre".split())
_YEARS_WORD = r"(?:years?|yrs?|jahre|jahren|jahr|ans?|ann[eé]es?|a[nñ]os?|anios?)"
# "5+ years", "3-5 years", "mindestens 3 Jahre", "3 ans", "5 años", "at least two years" is left out
# (rare in requirement lines, and number words would need a list per language). Any case and accents, so
# that only the text around a match needs folding.
# A bare digit class first, no group, so that the scan jumps from digit to digit (three times faster than
# "(\d{1,2})", which the regex engine tries at every character); what stands before it is checked after.
_YEARS = re.compile(r"[0-9][0-9]?\s*\+?\s*(?:(?:-|–|to|bis|a|à)\s*[0-9]{1,2}\s*\+?\s*)?" + _YEARS_WORD + r"\b",
                    re.IGNORECASE)
# The years must be about experience, not the company's age ("seit 30 Jahren", "founded 25 years ago").
_EXPERIENCE = re.compile(r"experience|erfahrung|experiencia|berufserfahr|expertise|in a similar|im bereich|"
                         r"in the field|dans un poste|dans le domaine|en un puesto|en puesto|as a |als |comme |como |"
                         r"with |working|hands-on|professional|commercial|relevant|mit |practical|"
                         # Words that ask: "you have 5 years of Python", "mindestens 3 Jahre", "al menos 2 años".
                         r"you have|you bring|you'll have|du hast|du bringst|sie haben|sie bringen|vous avez|tu as|"
                         r"tienes|at least|minimum|mindestens|au moins|al menos|requir|erforderlich|requis")
# Words about the company, not the job: "seit 30 Jahren", "founded 12 years ago", "40 años de historia",
# "we have 15 years of experience".
_NOT_EXPERIENCE = re.compile(r"seit|since|depuis|desde|founded|gegrundet|fondee|fundada|ago|history|historia|"
                             r"histoire|jubil|we have|we've|wir haben|nous avons|tenemos|company|unternehmen|"
                             r"entreprise|empresa|our team|unser team|am markt|on the market|in business|"
                             r"en el mercado|sur le marche|tradition|erfolgreich|successful")
_NOT_BEFORE_YEARS = frozenset("0123456789.,")
_WINDOW = 60  # characters either side of a "N years" that may say what the years are about
# Phrases that open a job to beginners when no years are asked.
_BEGINNERS = re.compile(r"berufseinsteiger|no experience (?:is )?(?:required|needed)|keine berufserfahrung "
                        r"(?:notwendig|erforderlich)|debutant(?:e)?s? accepte|sin experiencia|entry[- ]level|"
                        r"graduates? welcome|recent graduate")
# The opening sentence naming the role sought, as a title would: "Predictis recherche un développeur
# Python confirmé", "we are looking for a Senior Accountant", "wir suchen einen Junior Buchhalter".
_SOUGHT = re.compile(r"\b(?:looking for|hiring|seeking|recruiting|recherche|recrute|recherchons|suchen|sucht|"
                     r"buscamos|busca|selecciona|seleccionamos)\s+(?:an?|un|une|einen|eine|ein|dich als|sie als|"
                     r"un/a|una)\s+([^.!?\n:;]{3,60})")
# Where the role's name ends: "a Finance Manager to lead the close" names no lead.
_ROLE_END = re.compile(r"\b(?:to|who|which|for|with|in|at|on|pour|qui|avec|a|au|dans|um|der|die|das|fur|mit|im|"
                       r"zur|zum|para|que|con|en)\b|,")
_OPENING_CHARS = 400
MAX_SCANNED_CHARS = 50_000  # requirements sit in the first pages; a 200 KB description costs no more


def seniority_level(job: JobPosting) -> str | None:
    """The posting's level, one of ``SENIORITY_LEVELS``, or None when neither the title nor the
    description says.

    Title first (highest level word wins; a student or intern title is "junior" whatever else it
    says); then an internship in the board's own field → "junior"; then the role the opening
    sentence seeks, read as a title ("recherche un développeur confirmé"); then the fewest years of
    experience the description asks for: under 2 → "junior", 2–4 → "mid", 5 or more → "senior"
    (years alone never make a "lead"); then beginner phrases ("Berufseinsteiger willkommen",
    "sin experiencia") → "junior".
    """
    level = title_seniority(job.title or "")
    if level is not None:
        return level
    if "internship" in board_types(job.schedule_type):  # an internship is the first rung whatever the title
        return "junior"
    text = fold((job.description or "")[:MAX_SCANNED_CHARS])
    sought = _SOUGHT.search(text[:_OPENING_CHARS])
    level = title_seniority(_ROLE_END.split(sought.group(1), maxsplit=1)[0]) if sought else None
    if level is not None:
        return level
    years = required_years(text)
    if years is not None:
        return "junior" if years < 2 else "mid" if years < 5 else "senior"
    return "junior" if _BEGINNERS.search(text) else None


# Level words that are part of another name: a theatre's "Stage Manager", a "Lead Generation" job.
_NOT_LEVELS = re.compile(r"\bstage[- ](?=manager|hand|door|crew|tech)|\blead[- ]gen\w*", re.IGNORECASE)


def title_seniority(title: str) -> str | None:
    """The level a title names, or None ("Senior Data Engineer" → "senior", "Jr. Developer" →
    "junior", "Développeur confirmé" → "mid", "Staff Nurse" → None)."""
    title = _NOT_LEVELS.sub(" ", title)
    words = tokens(title)
    if not words:
        return None
    level = title_level(title)
    if level == SENIOR and _FRENCH_MID & set(words) and not {"senior", "sr"} & set(words):
        return "mid"
    if level == SENIOR and "staff" in words and not _STAFF_ROLES & set(words) \
            and not {"senior", "sr", "experienced"} & set(words):
        return None
    if level is not None:
        # Students, interns and apprentices are the bottom of the scale a person can ask for.
        return {STUDENT: "junior", JUNIOR: "junior", MID: "mid", SENIOR: "senior", LEAD: "lead"}[level]
    if _LEAD_WORDS & set(words):
        return "lead"
    return "mid" if _MID_WORDS & set(words) or "mid level" in " ".join(words) else None


def required_years(text: str) -> int | None:
    """The fewest years of experience a posting's text asks for (1..20), or None: "5+ years of
    experience" → 5, "mindestens 3 Jahre Berufserfahrung" → 3, "3 a 5 años de experiencia" → 3.

    ``text`` as written or already folded (``domain.jobs.text.fold``): only the characters around
    each "N years" are folded, so the ranking reads raw descriptions at the cost of their few matches.
    A number counts only when a plus sign follows it ("5+ years") or a word about experience or asking
    ("experience", "mindestens", "you have") stands within ``_WINDOW`` characters, and no word about the
    company's age ("seit 30 Jahren", "founded", "40 años de historia") stands within 25.
    """
    fewest = None
    for match in _YEARS.finditer(text):
        asked, start, end = match.group(), match.start(), match.end()
        years = int(asked[:2]) if asked[1:2].isdigit() else int(asked[0])
        if not 0 < years <= 20 or (fewest is not None and years >= fewest) \
                or (start and text[start - 1] in _NOT_BEFORE_YEARS):
            continue  # "1.5 years" or "123 years" are no whole number of years asked
        raw = text[max(0, start - _WINDOW): end + _WINDOW]
        around = _fold(raw)
        if len(around) == len(raw):  # the same length: in practice every character in place, so cut the folded window
            at = start - max(0, start - _WINDOW)
            before, after = around[max(0, at - 25): at], around[at + len(asked): at + len(asked) + 25]
        else:
            before, after = _fold(text[max(0, start - 25): start]), _fold(text[end: end + 25])
        # "5+ years" asks by its plus sign alone; the words about the company still overrule it ("30+ years in business").
        asks = "+" in asked or _EXPERIENCE.search(around)
        if asks and not _NOT_EXPERIENCE.search(f"{before} {after}"):
            fewest = years
    return fewest


class _Uncombined(dict):
    """``str.translate`` table filled on first sight of each character: combining marks dropped."""

    def __missing__(self, code: int) -> str | None:
        self[code] = None if unicodedata.combining(chr(code)) else chr(code)
        return self[code]


_UNCOMBINED = _Uncombined()


def _fold(text: str) -> str:
    """``domain.jobs.text.fold`` of a few dozen characters, without its per-character Python loop (the
    ranking folds a window around every "N years" of every posting it reads)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_UNCOMBINED)


def level_rank(level: str | None) -> int | None:
    """Position of ``level`` in ``SENIORITY_LEVELS`` (junior 0 … lead 3); None for None or an unknown name."""
    return SENIORITY_LEVELS.index(level) if level in SENIORITY_LEVELS else None
