"""Language names as people type them ("Deutsch", "german", "allemand", "alemán") to our codes."""
from __future__ import annotations

import functools
import unicodedata

from babel import Locale

from i18n import SUPPORTED


def language_code(text: str) -> str | None:
    """The supported language ``text`` names — a code ("de"), or its name in any supported language,
    any case, accents optional — else None. Names come from CLDR through Babel."""
    return _names().get(_key(text))


@functools.cache
def _names() -> dict[str, str]:
    names = {code: code for code in SUPPORTED}
    for code in SUPPORTED:
        for speaker in SUPPORTED:
            names[_key(Locale(speaker).languages[code])] = code
    names |= {"english": "en", "german": "de", "french": "fr", "spanish": "es", "castellano": "es"}
    return names


def _key(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))
