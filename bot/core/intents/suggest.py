"""One helpful next step for a message that was not understood, built from the words that were.

Never a copy of the message: only whole words the parser recognised as a role or a place go
into the suggestion, at most ``MAX_WORDS`` of them, so nothing is echoed cut off mid-sentence. In a
short message with no such word, misspelt ones are read back to the role, skill or place they
most likely mean (``fuzzy``): "pythn develper berln" -> "/jobsearch python developer in Berlin".
"""
from __future__ import annotations

from bot.core.intents.fuzzy import correct
from bot.core.intents.role import first_role_word, names_role, readable
from bot.core.intents.where import is_place

MAX_WORDS = 4
MAX_SCANNED_TOKENS = 200
MAX_CORRECTED_WORDS = 6  # typos are read back in a short request only, not in a story


def suggestion_for(reading, query: str | None, location: str | None) -> str:
    """The command "/jobsearch <role> in <place>" from the role and place understood, else "/help".

    ``query``: the words no rule explained (whole words, as typed); used when they name an occupation,
    skill or field (``bot.core.intents.role``), else the first such word of the message is.
    """
    if query and readable(query) and len(query.split()) <= MAX_WORDS and names_role(query):
        role = query  # the words no rule explained, whole, few, and naming a role
    else:
        role = _first_wanted_role(reading)
    if not role and reading is not None:
        role, location = _corrected(reading, location)
    if role and location:
        return f"/jobsearch {role} in {location}"
    if role:
        return f"/jobsearch {role}"
    if location and reading is not None and reading.left_behind:
        return f"/jobsearch in {location}"  # the place wished for; the search then asks which job
    return "/help"


def _first_wanted_role(reading) -> str | None:
    """The first role word of the message outside a story of the past ("i used to work in retail")."""
    if reading is None:
        return None
    behind = reading.left_behind
    return first_role_word(t for i, t in enumerate(reading.tokens[:MAX_SCANNED_TOKENS]) if i not in behind)


def _corrected(reading, location: str | None) -> tuple[str | None, str | None]:
    """(role, place) read from misspelt words: the first run of words correcting to roles or skills, and
    the first word correcting to a place when none was understood. Words of the lexicons are no typos."""
    words = [i for i, t in enumerate(reading.tokens) if t.is_word]
    if not words or len(words) > MAX_CORRECTED_WORDS:
        return None, location
    lexical = reading.covered({m.category for m in reading.matches}) | reading.left_behind
    role: list[str] = []
    run_open = True
    for i in words:
        token = reading.tokens[i]
        if i in lexical or token.is_number:
            run_open = run_open and not role
            continue
        if location is None and is_place(token.text, strict=True):
            location, run_open = token.text, not role
            continue
        fixed = correct(token.text)
        if fixed is not None and fixed.is_place and location is None:
            location, run_open = fixed.word, not role
        elif fixed is not None and not fixed.is_place and run_open:
            role.append(fixed.word)
        elif role:
            run_open = False
    return (" ".join(role[:MAX_WORDS]) or None), location
