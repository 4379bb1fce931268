"""Turn a chat line like "python developer in Berlin" into a checked search request.

Everything here raises ``PermanentError`` with a message meant for the chat user: a bad
query cannot get better by retrying, and the person needs an example to copy.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from domain.errors import PermanentError

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 150
MAX_LOCATION_CHARS = 80
MAX_WORD_CHARS = 40  # longer than any real job word, even German compounds
MIN_RESULTS, MAX_RESULTS = 1, 100

EXAMPLE = 'For example: "python developer in Berlin" or "Krankenpfleger in München".'

# " in " is English and German; " à " is how French says it ("comptable à Lyon").
_LOCATION_SEPARATOR = re.compile(r"(?:^|\s+)(?:in|à)\s+", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|de|org|fr)(?:/\S*)?\b", re.I)
# Tech names made of a letter plus symbols still count as words: "C++", "C#", ".NET".
_TECH_TOKEN = re.compile(r"(?<!\w)(?:[a-z]\+\+|[a-z]#|\.net)(?!\w)", re.IGNORECASE)
# A "location" that is really the rest of a title: "Software Engineer in Test",
# "data in motion engineer" — then the text has no location at all.
_ROLE_WORDS = frozenset(
    "engineer engineers developer developers manager analyst scientist designer "
    "consultant specialist architect test testing sales marketing".split()
)


@dataclass(frozen=True)
class SearchRequest:
    """What to look for and, optionally, where."""

    query: str
    location: str | None = None


def parse_search_request(text: str, default_location: str | None = None) -> SearchRequest:
    """Split chat text on its last " in " into query and location, then validate both.

    ``default_location`` (e.g. the location from the user's profile) is used when the
    text names none.
    """
    cleaned = _clean(text or "")
    query, location = _split_location(cleaned)
    query = validate_query(query)
    if location is None and default_location and default_location.strip():
        location = default_location
    if location is not None:
        location = validate_location(location)
    return SearchRequest(query=query, location=location)


def _split_location(text: str) -> tuple[str, str | None]:
    matches = list(_LOCATION_SEPARATOR.finditer(text))
    if not matches:
        return text, None
    last = matches[-1]
    query, location = text[: last.start()].strip(), text[last.end():].strip()
    if not location:
        return text, None
    if not query:  # "in Berlin": a place but no job; validate_query asks for one
        return "", location
    if any(word in _ROLE_WORDS for word in location.lower().split()):
        return text, None
    return query, location


def validate_query(query: str) -> str:
    """Return the cleaned query or raise ``PermanentError`` explaining what is wrong."""
    query = _clean(query or "")
    if not query:
        raise PermanentError(
            f"Tell me which job to look for. {EXAMPLE}", code="empty_query")
    if len(query) > MAX_QUERY_CHARS:
        raise PermanentError(
            f"That search is too long ({len(query)} characters). Use a job title and a "
            f"few keywords, under {MAX_QUERY_CHARS} characters. {EXAMPLE}",
            code="query_too_long")
    _reject_unreadable(query, what="search")
    return query


def validate_location(location: str) -> str:
    """Return the cleaned location or raise ``PermanentError``."""
    location = _clean(location)
    if not location:
        raise PermanentError(f"The location is empty. {EXAMPLE}", code="bad_location")
    if len(location) > MAX_LOCATION_CHARS:
        raise PermanentError(
            "That location is too long. Name a city, a country or \"remote\". " + EXAMPLE,
            code="bad_location")
    _reject_unreadable(location, what="location")
    return location


def validate_num_results(value: object) -> int:
    """Check an API ``num_results`` (an int from 1 to 100) and return it."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise PermanentError(
                f"num_results must be a whole number from {MIN_RESULTS} to {MAX_RESULTS}.",
                code="bad_num_results")
    if not MIN_RESULTS <= value <= MAX_RESULTS:
        raise PermanentError(
            f"num_results must be between {MIN_RESULTS} and {MAX_RESULTS}, got {value}.",
            code="bad_num_results")
    return value


def _clean(text: str) -> str:
    """Collapse whitespace and drop invisible format characters (zero-width spaces)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = re.sub(r"[ \t\r\n\u00a0]+", " ", text)
    return text.strip()


def _reject_unreadable(text: str, *, what: str) -> None:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise PermanentError(
            f"The {what} contains control characters. Type it as plain words. {EXAMPLE}",
            code="bad_characters")
    if _URL.search(text):
        raise PermanentError(
            f"Send the {what} as words, not a link. {EXAMPLE}", code="url_in_query")
    if any(len(word) > MAX_WORD_CHARS for word in text.split()):
        raise PermanentError(
            f"The {what} has a word that is far too long to be a job title. {EXAMPLE}",
            code="unreadable_query")
    if not _mostly_letters(text):
        raise PermanentError(
            f"I couldn't read that {what}: it is mostly symbols or numbers. {EXAMPLE}",
            code="unreadable_query")


def _mostly_letters(text: str) -> bool:
    text = _TECH_TOKEN.sub("xx", text)
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    return letters >= 2 and letters >= 0.6 * len(visible)
