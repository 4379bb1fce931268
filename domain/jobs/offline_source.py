"""The job source used without a SerpApi key: bundled postings, ranked locally.

Ranking is deterministic: each query word (with its English/German/French synonyms)
scores most in the title, less in the requirements and description; German compounds
count ("Buchhalter" in "Finanzbuchhalter"). The relevance is then weighted by place:
the requested city or country first, remote jobs next, elsewhere last.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from domain.jobs.dedup import deduplicate
from domain.jobs.synonyms import MODIFIERS, REMOTE_WORDS, expand, tokenize
from domain.jobs.text import place_parts
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).parent / "data" / "postings.json"
TITLE_WEIGHT, BODY_WEIGHT, COMPOUND_FACTOR, MODIFIER_WEIGHT = 3.0, 0.5, 0.7, 0.3
LITERAL_BONUS = 0.3  # the word as typed beats a synonym: "Buchhalter" before "Accountant"
PLACE_FACTOR, REMOTE_FACTOR, ELSEWHERE_FACTOR = 1.0, 0.6, 0.25
MIN_COMPOUND_LEN = 5  # shorter words inside compounds are noise ("ux" in "luxury")


@dataclass(frozen=True)
class _Indexed:
    position: int
    posting: JobPosting
    title: frozenset[str]
    body: frozenset[str]
    places: frozenset[str]


class OfflineJobSource:
    """Searches the bundled postings (``data/postings.json``), loaded once per process."""

    def __init__(self, data_file: Path | str = DATA_FILE):
        self._data_file = str(data_file)

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Return up to ``num_results`` distinct jobs, most relevant first."""
        terms = tokenize(query)
        wanted = _wanted_places(location, terms)
        terms = [t for t in terms if t not in REMOTE_WORDS]
        required = [t for t in terms if t not in MODIFIERS]
        if not required:
            return []
        scored = []
        for item in _load_index(self._data_file):
            relevance = _relevance(item, required, [t for t in terms if t in MODIFIERS])
            if relevance > 0:
                scored.append((relevance * _place_factor(item, wanted), item.position, item))
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        # Board duplicates sit next to each other in the ranking; merge, then cut.
        ranked = deduplicate([item.posting for _, _, item in scored[: num_results * 2 + 10]])
        logger.info("offline search %r in %r: %s matches", query, location, len(scored))
        # Copies: the cached postings must not change when a caller edits a result.
        return [JobPosting.from_dict(p.to_dict()) for p in ranked[:num_results]]


def _wanted_places(location: str | None, terms: list[str]) -> frozenset[str]:
    if location:
        return frozenset(place_parts(location, implied_countries=False))
    if any(t in REMOTE_WORDS for t in terms):  # "python developer remote"
        return frozenset({"remote"})
    return frozenset()


def _relevance(item: _Indexed, required: list[str], modifiers: list[str]) -> float:
    """Mean per-term score; zero unless at least half the job words match."""
    scores = [_term_score(item, term) for term in required]
    matched = sum(1 for s in scores if s > 0)
    if matched < math.ceil(len(required) / 2):
        return 0.0
    bonus = sum(MODIFIER_WEIGHT for m in modifiers if m in item.title)
    return sum(scores) / len(required) * (matched / len(required)) + bonus


def _term_score(item: _Indexed, term: str) -> float:
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


def _place_factor(item: _Indexed, wanted: frozenset[str]) -> float:
    if not wanted:
        return PLACE_FACTOR
    if wanted == {"remote"}:
        return PLACE_FACTOR if "remote" in item.places else ELSEWHERE_FACTOR
    if wanted & item.places:
        return PLACE_FACTOR
    return REMOTE_FACTOR if "remote" in item.places else ELSEWHERE_FACTOR


@lru_cache(maxsize=4)
def _load_index(data_file: str) -> tuple[_Indexed, ...]:
    """Read and index the postings once; later searches reuse the result."""
    with open(data_file, encoding="utf-8") as handle:
        raw = json.load(handle)
    index = []
    for position, data in enumerate(raw):
        posting = JobPosting.from_dict(data)
        highlights = " ".join(" ".join(h.get("items", [])) for h in posting.highlights)
        places = place_parts(posting.location)
        if posting.work_from_home:
            places.add("remote")
        index.append(_Indexed(
            position=position, posting=posting,
            title=frozenset(tokenize(posting.title)),
            body=frozenset(tokenize(f"{posting.description} {highlights}")),
            places=frozenset(places)))
    logger.info("loaded %s offline postings from %s", len(index), data_file)
    return tuple(index)
