"""How well a posting's words answer a search query, for sources that cannot search themselves.

The bundled sample and boards that only list their latest postings (Arbeitnow, Remote OK)
are filtered here. Each query word (with its English/German/French/Spanish synonyms) scores most in
the title, less in the requirements and description; German compounds count ("Buchhalter"
in "Finanzbuchhalter"); a posting needs at least half the query's job words.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from domain.jobs.synonyms import MODIFIERS, REMOTE_WORDS, expand, tokenize
from domain.jobs.types import JobPosting

TITLE_WEIGHT, BODY_WEIGHT, COMPOUND_FACTOR, MODIFIER_WEIGHT = 3.0, 0.5, 0.7, 0.3
LITERAL_BONUS = 0.3  # the word as typed beats a synonym: "Buchhalter" before "Accountant"
INDEXED_CHARS = 20_000  # the enrichment's description cap
INDEX_CACHE_SIZE = 8192
_index_cache: dict[tuple[str, bytes], IndexedText] = {}
MIN_COMPOUND_LEN = 5  # shorter words inside compounds are noise ("ux" in "luxury")


@dataclass(frozen=True)
class IndexedText:
    """A posting's words, split once: title words and body (description, highlights, tags) words."""

    title: frozenset[str]
    body: frozenset[str]


@dataclass(frozen=True)
class QueryTerms:
    """A query's job words (``required``), level words (``modifiers``: "senior") and whether it asked
    for remote work ("python developer remote")."""

    required: tuple[str, ...]
    modifiers: tuple[str, ...]
    remote: bool


def query_terms(query: str) -> QueryTerms:
    terms = tokenize(query)
    remote = any(t in REMOTE_WORDS for t in terms)
    terms = [t for t in terms if t not in REMOTE_WORDS]
    return QueryTerms(tuple(t for t in terms if t not in MODIFIERS), tuple(t for t in terms if t in MODIFIERS), remote)


def index_posting(posting: JobPosting, extra: str = "") -> IndexedText:
    """Index a posting's title and body (description, highlights and ``extra``, e.g. tags)."""
    highlights = " ".join(" ".join(h.get("items", [])) for h in posting.highlights if isinstance(h, dict))
    body = f"{posting.description[:INDEXED_CHARS]} {highlights[:INDEXED_CHARS]} {extra[:2000]}"
    digest = hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return _indexed(posting.title[:300], digest, body)


def _indexed(title: str, digest: bytes, body: str) -> IndexedText:
    # Boards that list everything (Remotive, Arbeitnow) bring the same postings to every search; the
    # cache is keyed by a digest so that it keeps word sets, not descriptions.
    found = _index_cache.get((title, digest))
    if found is None:
        found = IndexedText(title=frozenset(tokenize(title)), body=frozenset(tokenize(body)))
        if len(_index_cache) >= INDEX_CACHE_SIZE:
            _index_cache.clear()  # crude but bounded: a new board list refills it in one search
        _index_cache[(title, digest)] = found
    return found


def relevance(item: IndexedText, terms: QueryTerms) -> float:
    """Mean per-word score (0 when fewer than half the job words match); higher is better."""
    if not terms.required:
        return 0.0
    scores = [_term_score(item, term) for term in terms.required]
    matched = sum(1 for s in scores if s > 0)
    if matched < math.ceil(len(terms.required) / 2):
        return 0.0
    bonus = sum(MODIFIER_WEIGHT for m in terms.modifiers if m in item.title)
    return sum(scores) / len(terms.required) * (matched / len(terms.required)) + bonus


def keep_relevant(postings: list[JobPosting], query: str, extras: list[str] | None = None) -> list[JobPosting]:
    """The postings that answer ``query``, most relevant first (ties keep the board's order).

    ``extras`` (same length as ``postings``) adds words per posting, such as a board's tags.
    """
    terms = query_terms(query)
    scored = []
    for position, posting in enumerate(postings):
        value = relevance(index_posting(posting, (extras or [])[position] if extras else ""), terms)
        if value > 0:
            scored.append((-value, position, posting))
    scored.sort(key=lambda entry: entry[:2])
    return [posting for _, _, posting in scored]


def _term_score(item: IndexedText, term: str) -> float:
    forms = expand(term)
    if term in item.title:
        return TITLE_WEIGHT + LITERAL_BONUS
    if forms & item.title:
        return TITLE_WEIGHT
    if any(_compound_match(form, word) for form in forms for word in item.title):
        return TITLE_WEIGHT * COMPOUND_FACTOR
    if forms & item.body:
        return BODY_WEIGHT
    return 0.0


def _compound_match(form: str, word: str) -> bool:
    """German compounds: "buchhalter" in "finanzbuchhalter".

    Only the query word inside the title word: the reverse would let "Fachkraft" in a
    Kita title match the query "Pflegefachkraft".
    """
    return len(form) >= MIN_COMPOUND_LEN and len(word) > len(form) and form in word
