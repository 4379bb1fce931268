"""The four languages' phrase lists merged into one index: token keys -> (category, value, languages).

Each language module (``en``, ``de``, ``fr``, ``es``) is data only; ``scan`` finds every phrase of
every category in a token list, longest first at each position, and says which languages' lists
hold it — which also tells what language a message is written in.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.core.intents.lexicon import de, en, es, fr
from bot.core.intents.text import Token, keys

LANGUAGES = {"en": en.PHRASES, "de": de.PHRASES, "fr": fr.PHRASES, "es": es.PHRASES}


@dataclass(frozen=True)
class Match:
    category: str
    start: int  # token index
    end: int  # token index after the phrase
    value: object  # the dict value, or True for a plain list
    languages: frozenset[str]


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[tuple[str, ...], str, object, frozenset[str]]]]:
    entries: dict[tuple[tuple[str, ...], str], tuple[object, set[str]]] = {}
    for lang, phrases in LANGUAGES.items():
        for category, listed in phrases.items():
            items = listed.items() if isinstance(listed, dict) else ((p, True) for p in listed.split("|"))
            for phrase, value in items:
                key = keys(phrase)
                if key:
                    entries.setdefault((key, category), (value, set()))[1].add(lang)
    index: dict[str, list] = {}
    for (key, category), (value, langs) in entries.items():
        index.setdefault(key[0], []).append((key, category, value, frozenset(langs)))
    for found in index.values():
        found.sort(key=lambda entry: -len(entry[0]))
    return index


def scan(tokens: list[Token]) -> list[Match]:
    """Every phrase found, per category the longest one starting at each token."""
    index, words = _index(), [token.key for token in tokens]
    found = []
    for at, word in enumerate(words):
        seen: set[str] = set()
        for key, category, value, langs in index.get(word, ()):
            if category not in seen and tuple(words[at:at + len(key)]) == key:
                seen.add(category)
                found.append(Match(category, at, at + len(key), value, langs))
    return found


def words_of(category: str) -> frozenset[str]:
    """Every single-word phrase of ``category`` in any language (folded)."""
    return frozenset(key[0] for entries in _index().values() for key, cat, _, _ in entries
                     if cat == category and len(key) == 1)
