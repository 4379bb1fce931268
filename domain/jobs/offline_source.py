"""The job source used without a SerpApi key: bundled postings, ranked locally.

Ranking is deterministic: relevance to the query (``domain.jobs.relevance``), then weighted by place:
the requested city or country first, remote jobs next, elsewhere last.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from domain.jobs.dedup import deduplicate
from domain.jobs.relevance import IndexedText, QueryTerms, index_posting, query_terms, relevance
from domain.jobs.text import place_parts
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).parent / "data" / "postings.json"
PLACE_FACTOR, REMOTE_FACTOR, ELSEWHERE_FACTOR = 1.0, 0.6, 0.25


@dataclass(frozen=True)
class _Indexed:
    position: int
    posting: JobPosting
    text: IndexedText
    places: frozenset[str]


class OfflineJobSource:
    """Searches the bundled postings (``data/postings.json``), loaded once per process."""

    def __init__(self, data_file: Path | str = DATA_FILE):
        self._data_file = str(data_file)

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Return up to ``num_results`` distinct jobs, most relevant first."""
        terms = query_terms(query)
        wanted = _wanted_places(location, terms)
        if not terms.required:
            return []
        scored = []
        for item in _load_index(self._data_file):
            value = relevance(item.text, terms)
            if value > 0:
                scored.append((value * _place_factor(item, wanted), item.position, item))
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        # Board duplicates sit next to each other in the ranking; merge, then cut.
        ranked = deduplicate([item.posting for _, _, item in scored[: num_results * 2 + 10]])
        logger.info("offline search %r in %r: %s matches", query, location, len(scored))
        # Copies: the cached postings must not change when a caller edits a result.
        return [JobPosting.from_dict(p.to_dict()) for p in ranked[:num_results]]


def _wanted_places(location: str | None, terms: QueryTerms) -> frozenset[str]:
    if location:
        return frozenset(place_parts(location, implied_countries=False))
    if terms.remote:  # "python developer remote"
        return frozenset({"remote"})
    return frozenset()


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
        places = place_parts(posting.location)
        if posting.work_from_home:
            places.add("remote")
        index.append(_Indexed(
            position=position, posting=posting, text=index_posting(posting), places=frozenset(places)))
    logger.info("loaded %s offline postings from %s", len(index), data_file)
    return tuple(index)
