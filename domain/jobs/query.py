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
from i18n import N_, Phrase

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 150
MAX_LOCATION_CHARS = 80
MAX_WORD_CHARS = 40  # longer than any real job word, even German compounds
MIN_RESULTS, MAX_RESULTS = 1, 100

EXAMPLE = Phrase(N_('For example: "python developer in Berlin" or "Krankenpfleger in München".'))
# What is wrong with a search's words or its place, one sentence for each ("search", "location").
UNREADABLE = {
    "bad_characters": {"search": N_("The search contains control characters. Type it as plain words. {example}"),
                       "location": N_("The location contains control characters. Type it as plain words. {example}")},
    "url_in_query": {"search": N_("Send the search as words, not a link. {example}"),
                     "location": N_("Send the location as words, not a link. {example}")},
    "long_word": {"search": N_("The search has a word that is far too long to be a job title. {example}"),
                  "location": N_("The location has a word that is far too long to be a place name. {example}")},
    "symbols": {"search": N_("I couldn't read that search: it is mostly symbols or numbers. {example}"),
                "location": N_("I couldn't read that location: it is mostly symbols or numbers. {example}")},
}

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
        raise PermanentError(N_("Tell me which job to look for. {example}"), params={"example": EXAMPLE},
                             code="empty_query")
    if len(query) > MAX_QUERY_CHARS:
        raise PermanentError(
            N_("That search is too long ({length} characters). Use a job title and a few keywords, "
               "under {limit} characters. {example}"),
            params={"length": len(query), "limit": MAX_QUERY_CHARS, "example": EXAMPLE}, code="query_too_long")
    _reject_unreadable(query, what="search")
    return query


def validate_location(location: str) -> str:
    """Return the cleaned location or raise ``PermanentError``."""
    location = _clean(location)
    if not location:
        raise PermanentError(N_("The location is empty. {example}"), params={"example": EXAMPLE},
                             code="bad_location")
    if len(location) > MAX_LOCATION_CHARS:
        raise PermanentError(N_('That location is too long. Name a city, a country or "remote". {example}'),
                             params={"example": EXAMPLE}, code="bad_location")
    _reject_unreadable(location, what="location")
    return location


def validate_num_results(value: object) -> int:
    """Check an API ``num_results`` (an int from 1 to 100) and return it."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise PermanentError(N_("num_results must be a whole number from {low} to {high}."),
                                 params={"low": MIN_RESULTS, "high": MAX_RESULTS}, code="bad_num_results")
    if not MIN_RESULTS <= value <= MAX_RESULTS:
        raise PermanentError(N_("num_results must be between {low} and {high}, got {value}."),
                             params={"low": MIN_RESULTS, "high": MAX_RESULTS, "value": value}, code="bad_num_results")
    return value


def _clean(text: str) -> str:
    """Collapse whitespace and drop invisible format characters (zero-width spaces)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = re.sub(r"[ \t\r\n\u00a0]+", " ", text)
    return text.strip()


def _reject_unreadable(text: str, *, what: str) -> None:
    """``what``: "search" or "location", the part of the request ``text`` is."""
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        fault, code = "bad_characters", "bad_characters"
    elif _URL.search(text):
        fault, code = "url_in_query", "url_in_query"
    elif any(len(word) > MAX_WORD_CHARS for word in text.split()):
        fault, code = "long_word", "unreadable_query"
    elif not _mostly_letters(text):
        fault, code = "symbols", "unreadable_query"
    else:
        return
    raise PermanentError(UNREADABLE[fault][what], params={"example": EXAMPLE}, code=code)


def _mostly_letters(text: str) -> bool:
    text = _TECH_TOKEN.sub("xx", text)
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    return letters >= 2 and letters >= 0.6 * len(visible)


def as_written(request: SearchRequest) -> SearchRequest:
    """The request as it should be shown and stored when it was typed in one case: "BUCHHALTER" is
    "buchhalter", and a place typed "FRANKFURT AM MAIN" or "san sebastián" takes GeoNames' spelling of
    the same name ("Frankfurt am Main"); another name for it ("münchen" for Munich) is kept as typed."""
    query = request.query.lower() if request.query.isupper() else request.query
    location = request.location
    if location and (location.isupper() or location.islower()):
        from domain.cv.gazetteer import fold  # noqa: PLC0415
        from domain.jobs.places import resolve_place  # noqa: PLC0415 - the gazetteer loads on first use

        place = resolve_place(location)
        if place is not None and place.city and fold(place.city) == fold(location):
            location = place.city
    return SearchRequest(query=query, location=location)
