"""Spoken languages in a CV, named in English, German or French, reported in English."""
from __future__ import annotations

import re

from domain.cv.sections import Line

_NAMES = {
    "English": ["english", "englisch", "anglais", "inglés", "inglese"],
    "German": ["german", "deutsch", "allemand", "alemán", "tedesco"],
    "French": ["french", "französisch", "français", "francais", "francés", "francese"],
    "Spanish": ["spanish", "spanisch", "espagnol", "español", "castellano"],
    "Italian": ["italian", "italienisch", "italien", "italiano"],
    "Portuguese": ["portuguese", "portugiesisch", "portugais", "português"],
    "Dutch": ["dutch", "niederländisch", "néerlandais", "nederlands", "flemish"],
    "Polish": ["polish", "polnisch", "polonais", "polski"],
    "Russian": ["russian", "russisch", "russe"],
    "Ukrainian": ["ukrainian", "ukrainisch", "ukrainien"],
    "Turkish": ["turkish", "türkisch", "turc", "türkçe"],
    "Arabic": ["arabic", "arabisch", "arabe"],
    "Chinese": ["chinese", "mandarin", "cantonese", "chinesisch", "chinois"],
    "Japanese": ["japanese", "japanisch", "japonais"],
    "Korean": ["korean", "koreanisch", "coréen"],
    "Hindi": ["hindi"],
    "Tamil": ["tamil", "tamoul"],
    "Urdu": ["urdu", "ourdou"],
    "Bengali": ["bengali", "bangla"],
    "Greek": ["greek", "griechisch", "grec"],
    "Swedish": ["swedish", "schwedisch", "suédois"],
    "Norwegian": ["norwegian", "norwegisch", "norvégien"],
    "Danish": ["danish", "dänisch", "danois"],
    "Finnish": ["finnish", "finnisch", "finnois"],
    "Czech": ["czech", "tschechisch", "tchèque"],
    "Romanian": ["romanian", "rumänisch", "roumain"],
    "Hungarian": ["hungarian", "ungarisch", "hongrois"],
    "Croatian": ["croatian", "kroatisch", "croate"],
    "Serbian": ["serbian", "serbisch", "serbe"],
    "Vietnamese": ["vietnamese", "vietnamesisch", "vietnamien"],
    "Persian": ["persian", "farsi", "persisch", "persan"],
    "Hebrew": ["hebrew", "hebräisch", "hébreu"],
    "Catalan": ["catalan", "katalanisch", "català"],
    "Swahili": ["swahili", "kiswahili"],
}
_ALIAS = {alias: canon for canon, aliases in _NAMES.items() for alias in aliases}
_NAME_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _ALIAS), key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)
# Words that show a language is meant as a spoken language, not an adjective.
_LEVEL_RE = re.compile(
    r"\b(?:[ABC][12]\b|native|mother tongue|fluent|bilingual|proficient|professional|advanced|intermediate|"
    r"conversational|business|basic|beginner|elementary|working knowledge|muttersprache|muttersprachlich|"
    r"fließend|verhandlungssicher|gut|sehr gut|grundkenntnisse|kenntnisse|langue maternelle|maternelle|"
    r"courant|bilingue|notions|intermédiaire|débutant|professionnel|lu, écrit, parlé)",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"^\W*(?:languages?|sprachen|sprachkenntnisse|langues)\s*:", re.IGNORECASE)


def extract_languages(lines: list[Line]) -> list[str]:
    """Languages in the languages section, on a "Languages:" line, or next to a level
    ("German (native)", "Englisch B2", "Anglais courant") anywhere; in mention order."""
    found: dict[str, None] = {}
    for line in lines:
        text = line.text
        listed = _LABEL_RE.match(text) is not None or (
            line.section == "languages" and len(text) <= 60 and _NAME_RE.match(text.lstrip("•·-–* ")) is not None
        )
        for match in _NAME_RE.finditer(text):
            if listed or _has_level_nearby(text, match.start(), match.end()):
                found.setdefault(_ALIAS[match.group(1).lower()], None)
    return list(found)


def _has_level_nearby(text: str, start: int, end: int) -> bool:
    # "German (native)", "Englisch: B2", "fließend Englisch" – but not "French accountant
    # with advanced Excel", where the level word is far from the language.
    after = text[end:end + 25]
    before = text[max(0, start - 15):start]
    return _LEVEL_RE.match(after.lstrip(" :-–(,")) is not None or _LEVEL_RE.search(before) is not None
