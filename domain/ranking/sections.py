"""A posting's text split by what it is about: requirements, nice-to-haves, benefits, the rest.

Skills are read per part (``features``): what a requirements part names is required, what a
nice-to-have part names is a plus, and what a benefits part names ("Health insurance",
"Company car") is no skill at all — a card that listed "Insurance" as a missing skill was
reading the benefits.

Two sources: SerpApi-style highlights, which carry a title per part ("Qualifications",
"Benefits"), and the description, where a part opens with a heading — on a line of its own
("Benefits", "## What we offer") or followed by a colon inside a line ("… Nice to have: Docker.").
Headings are known phrases in English, German, French and Spanish; accents are optional.
"""
from __future__ import annotations

import re
from functools import lru_cache

from domain.ranking.titles import fold

REQUIRED, NICE, BENEFITS, OTHER = "required", "nice", "benefits", "other"
KINDS = (REQUIRED, NICE, BENEFITS, OTHER)

# Checked in this order: "Preferred qualifications" is a plus though it says "qualification".
# Highlight titles are matched as folded substrings; description headings as whole phrases.
_HEADINGS = {
    NICE: ("nice to have", "nice-to-have", "bonus", "preferred qualification", "a plus", "pluses",
           "wunschenswert", "von vorteil", "idealerweise", "un plus", "serait un plus", "atout",
           "se valorara", "valorable", "deseable"),
    BENEFITS: ("benefit", "perks", "what we offer", "we offer", "our offer", "why join us", "why us",
               "wir bieten", "das bieten wir", "was wir bieten", "unser angebot", "deine vorteile",
               "ihre vorteile", "nous offrons", "nous vous offrons", "ce que nous offrons",
               "ce que nous proposons", "avantages", "ofrecemos", "que ofrecemos", "te ofrecemos",
               "beneficios"),
    REQUIRED: ("qualification", "requirement", "anforderung", "profil", "what you bring", "what you need",
               "what we are looking for", "what we're looking for", "must have", "must-have", "your skills",
               "who you are", "skills", "voraussetzung", "was du mitbringst", "was sie mitbringen",
               "das bringst du mit", "das bringen sie mit", "was wir erwarten", "competence", "competencies",
               "requisitos", "perfil", "que buscamos", "competencias"),
    OTHER: ("responsibilities", "your tasks", "what you will do", "what you'll do", "about us", "about the role",
            "your role", "the role", "duties", "tasks", "aufgaben", "uber uns", "missions", "qui sommes-nous",
            "responsabilidades", "funciones", "tareas", "sobre nosotros"),
}
_ACCENTED = {"a": "[aàáâä]", "e": "[eéèêë]", "i": "[iíîï]", "o": "[oóôö]", "u": "[uúùûü]", "c": "[cç]",
             "n": "[nñ]"}


def heading_kind(title: str) -> str:
    """What a highlight title or heading announces: one of ``KINDS`` (OTHER when unknown)."""
    folded = fold(title)
    return next((kind for kind, phrases in _HEADINGS.items() if any(p in folded for p in phrases)), OTHER)


def highlight_sections(highlights: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Highlights ``((title, items), ...)`` as ``{kind: text}`` over all ``KINDS``."""
    parts: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for title, items in highlights:
        parts[heading_kind(title)].append(" \n".join(items))
    return {kind: " \n".join(texts) for kind, texts in parts.items()}


def description_sections(text: str) -> dict[str, str]:
    """A description as ``{kind: text}`` over all ``KINDS``; text before the first heading is OTHER.

    A heading is a known phrase followed by a colon, or standing alone on its line (as a
    markdown heading or bold line too).
    """
    parts: dict[str, list[str]] = {kind: [] for kind in KINDS}
    kind, start = OTHER, 0
    for offset, heading in _headings(text):
        # The heading stays with its part: a line taken for one by mistake keeps its skills.
        parts[kind].append(text[start:offset])
        kind, start = heading_kind(heading), offset
    parts[kind].append(text[start:])
    return {kind: " \n".join(texts) for kind, texts in parts.items()}


_MAX_HEADING_LINE = 60
_LOOK_BACK = 60  # characters before a colon that may hold an inline heading


def _headings(text: str) -> list[tuple[int, str]]:
    """``(offset, heading)`` of each heading in ``text``, in order.

    Only short lines and the few characters before each colon are tried: one scan of the
    whole text with every phrase cost more than reading the skills of the posting.
    """
    own, inline = _patterns()
    found, offset = [], 0
    for line in text.split("\n"):
        whole = own.fullmatch(line) if len(line) <= _MAX_HEADING_LINE else None
        if whole:
            found.append((offset + whole.start("own"), whole.group("own")))
        elif ":" in line:
            colon = line.find(":")
            while colon >= 0:
                begin = max(0, colon - _LOOK_BACK)
                tail = inline.search(line, begin, colon)
                if tail:
                    found.append((offset + tail.start("inline"), tail.group("inline")))
                colon = line.find(":", colon + 1)
        offset += len(line) + 1
    return found


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a whole line that is a heading, a heading that ends where the search ends: before a colon)."""
    phrases = sorted({p for group in _HEADINGS.values() for p in group}, key=len, reverse=True)
    alternatives = "|".join(_phrase_regex(p) for p in phrases)
    # A phrase ends a word, with a plural or inflection at most: "Profile:" opens a part,
    # "Profiling" does not.
    phrase = rf"(?:{alternatives})(?:s|e|es|en|n)?(?![\w])"
    # On its own line: a markdown heading or bold line, one more word at most ("Benefits & Perks").
    # No list bullets: "• Benefits administration" is an item of a list, not its heading.
    own_line = rf"[ \t]*(?:\#+[ \t]*|\*\*)?(?P<own>{phrase}(?:[ \t]+[\w'’&]+)?)[ \t*]*:?[ \t*]*"
    # Inside a line: followed by a colon, a few words on ("Requirements for the role:").
    inline = rf"(?<![\w-])(?P<inline>{phrase}(?:[ \t]+[\w'’&]+){{0,3}})[ \t\u00a0\u202f]*$"
    return re.compile(own_line, re.IGNORECASE), re.compile(inline, re.IGNORECASE)


def _phrase_regex(phrase: str) -> str:
    out = []
    for char in phrase:
        if char in _ACCENTED:
            out.append(_ACCENTED[char])
        elif char in " -":
            out.append(r"[\s-]+")
        else:
            out.append(re.escape(char))
    return "".join(out)
