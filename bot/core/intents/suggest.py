"""One helpful next step for a message that was not understood, built from the words that were.

Never a copy of the message: only whole words the parser recognised as a role or a place go
into the suggestion, at most ``MAX_WORDS`` of them, so nothing is echoed cut off mid-sentence.
"""
from __future__ import annotations

from domain.cv.roles import has_role_word, role_words
from domain.errors import PermanentError
from domain.jobs.query import validate_query

MAX_WORDS = 4
MAX_GUESS_WORDS = 2  # unexplained words taken for a role without a role word among them


def suggestion_for(reading, query: str | None, location: str | None) -> str:
    """The command "/jobsearch <role> in <place>" from the role and place understood, else "/help".

    ``query``: the words no rule explained (whole words, as typed); a role when they contain a
    role word (``domain.cv.roles``) or are at most MAX_GUESS_WORDS words.
    """
    if query and readable(query) and len(query.split()) <= MAX_WORDS and (has_role_word(query) or len(query.split()) <= MAX_GUESS_WORDS):
        role = query  # the words no rule explained, whole, and few: likely a role ("python")
    else:
        role = _role_as_typed(reading)
    if role and location:
        return f"/jobsearch {role} in {location}"
    if role:
        return f"/jobsearch {role}"
    return "/help"


def readable(query: str) -> bool:
    """True when the job search would take ``query`` (``domain.jobs.query.validate_query``: no link,
    no control characters, no word over 40 characters, mostly letters, at most 150 characters)."""
    try:
        validate_query(query)
    except PermanentError:
        return False
    return True


def _role_as_typed(reading) -> str | None:
    """The first role word of the message ("nurse"), as typed, else None."""
    if reading is None:
        return None
    for token in reading.tokens[:200]:
        if token.is_word and not token.is_number and role_words(token.text) and readable(token.text):
            return token.text
    return None
