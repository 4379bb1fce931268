"""The language a person or API caller asks a letter to be written in ("/apply 2 de", REST "language")."""
from __future__ import annotations

from functools import cache

from babel import Locale

from domain.letters.language import LETTER_LANGUAGES, normalise_language
from i18n import N_, LanguageName, Phrase, Series
from services.errors import Refused


class UnknownLanguage(Refused):
    """Not one of the languages letters are written in; ``message`` lists them."""


@cache
def _names() -> dict[str, str]:
    """Every way to name a letter language → its code: "German" and "Deutsch" → "de" (names from Babel's CLDR data)."""
    names = {}
    for code in LETTER_LANGUAGES:
        names[language_name(code).casefold()] = code
        names[Locale(code).languages[code].casefold()] = code
    return names


def language_name(code: str) -> str:
    """"de" → "German" (the bot speaks English)."""
    return Locale("en").languages[code]


def language_choices() -> Series:
    """"en (English), de (German), …": the seven codes with their names, said in the reader's language."""
    return Series(Phrase(N_("{code} ({language})"), code=code, language=LanguageName(code)) for code in LETTER_LANGUAGES)


def letter_language(asked: str | None) -> str | None:
    """The code of the language asked for, or None when none was asked (the posting's language then).

    Accepts a code in any case or with a region ("DE", "pt-BR", "de_AT") and the language's
    name in English or in itself ("German", "deutsch"). Raises ``UnknownLanguage`` for
    anything else, naming the seven codes — an unknown code is never silently replaced.
    """
    if asked is None or not asked.strip():
        return None
    code = normalise_language(asked) or _names().get(asked.strip().casefold())
    if code is None:
        raise UnknownLanguage(N_("I write letters in {choices} — “{asked}” is not one of them. Add one of these "
                                 "codes, e.g. /apply 1 de, or leave it out for the posting's language."),
                              params={"choices": language_choices(), "asked": asked.strip()[:20]})
    return code
