"""One helpful next step for a message that was not understood, built from the words that were.

Never a copy of the message: only whole words the parser recognised as a role or a place go
into the suggestion, at most ``MAX_WORDS`` of them, so nothing is echoed cut off mid-sentence.
"""
from __future__ import annotations

from bot.core.intents.role import first_role_word, names_role, readable

MAX_WORDS = 4
MAX_SCANNED_TOKENS = 200


def suggestion_for(reading, query: str | None, location: str | None) -> str:
    """The command "/jobsearch <role> in <place>" from the role and place understood, else "/help".

    ``query``: the words no rule explained (whole words, as typed); used when they name an occupation,
    skill or field (``bot.core.intents.role``), else the first such word of the message is.
    """
    if query and readable(query) and len(query.split()) <= MAX_WORDS and names_role(query):
        role = query  # the words no rule explained, whole, few, and naming a role
    else:
        role = first_role_word(reading.tokens[:MAX_SCANNED_TOKENS]) if reading is not None else None
    if role and location:
        return f"/jobsearch {role} in {location}"
    if role:
        return f"/jobsearch {role}"
    return "/help"
