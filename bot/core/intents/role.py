"""Is a run of words a role or a skill someone searches for ("Buchhalter", "python developer", "Pflege")?

Uses the job-title vocabulary the CV reader has (``domain.cv.roles``: EN, DE, FR, ES, PT, IT, NL
occupations, German compounds by their head noun) and its skills list (``domain.cv.skills``:
"Python", "Nursing" for "Pflege"), the fields of work in the intent lexicons ("marketing",
"Vertrieb"), and the job search's own check of a query
(``domain.jobs.query.validate_query``).
"""
from __future__ import annotations

import functools

from domain.cv.gazetteer import fold
from domain.cv.roles import has_role_word
from domain.cv.skills import canonical_skill
from domain.errors import PermanentError
from domain.jobs.query import validate_query


def readable(query: str) -> bool:
    """True when the job search would take ``query`` (no link, no control characters, no word over
    40 characters, mostly letters, at most 150 characters)."""
    try:
        validate_query(query)
    except PermanentError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def names_role(words: str) -> bool:
    """True when ``words`` hold an occupation ("nurse", "Buchhalterin"), a known skill ("python") or a
    field of work from the intent lexicons ("marketing", "Vertrieb", "ventas")."""
    return has_role_word(words) or any(canonical_skill(word) or fold(word) in _fields() for word in words.split())


@functools.lru_cache(maxsize=1)
def _fields() -> frozenset[str]:
    from bot.core.intents.lexicon import words_of  # noqa: PLC0415 - the lexicon imports nothing from here

    return words_of("field_of_work")


def first_role_word(tokens) -> str | None:
    """The first token that names an occupation or skill, as typed, else None."""
    for token in tokens:
        if token.is_word and not token.is_number and len(token.text) > 1 and readable(token.text) \
                and names_role(token.text):
            return token.text
    return None
