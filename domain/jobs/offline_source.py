"""The job source used without a job board: bundled sample postings, ranked locally.

The sample (``data/postings.json``, made by ``data/generate_postings.py``) holds fictional
postings in 55 cities of 15 countries plus remote ones; each says it is a sample.

Ranking is deterministic: relevance to the query (``domain.jobs.relevance``), times a factor for
where the job is. Places go through the gazetteer (``domain.jobs.places``), so any city it knows
works, not only the sample's: a job in or near the searched place (``NEAR_KM``; a country or area
takes all its cities) first, then remote jobs open to that country, then jobs elsewhere in the
same country, then the rest.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from domain.jobs.data.phrases import SAMPLE_LABEL, SAMPLE_NOTICE
from domain.jobs.dedup import deduplicate
from domain.jobs.places import Place, is_local, open_to, resolve_place
from domain.jobs.relevance import (
    IndexedText,
    QueryTerms,
    index_posting,
    query_terms,
    relevance,
)
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).parent / "data" / "postings.json"
PLACE_FACTOR, REMOTE_FACTOR, COUNTRY_FACTOR, ELSEWHERE_FACTOR = 1.0, 0.5, 0.4, 0.25
_NOTICES = tuple(f"\n\n{notice}" for notice in SAMPLE_NOTICE.values())


@dataclass(frozen=True)
class _Indexed:
    position: int
    posting: JobPosting
    text: IndexedText
    place: Place


class OfflineJobSource:
    """Searches the bundled postings (``data/postings.json``), loaded once per process."""

    name = "offline"
    label = SAMPLE_LABEL  # the postings' own "via job-agent sample"
    needs_key = False

    def __init__(self, data_file: Path | str = DATA_FILE):
        self._data_file = str(data_file)

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]:
        """Return up to ``num_results`` distinct jobs, most relevant first.

        ``location`` is any place text the gazetteer reads ("Versailles", "München", "Germany",
        "remote"); one it cannot read prefers nothing but remote jobs. Never raises for a query.
        """
        terms = query_terms(query)
        if not terms.required:
            return []
        wanted = _wanted_place(location, terms)
        scored = []
        for item in _load_index(self._data_file):
            value = relevance(item.text, terms)
            if value > 0:
                scored.append((value * _place_factor(item.place, wanted), item.position, item))
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        # Listings of one job sit next to each other in the ranking; merge, then cut.
        ranked = deduplicate([item.posting for _, _, item in scored[: num_results * 2 + 10]])
        logger.info("offline search %r in %r: %s matches", query, location, len(scored))
        # Copies: the cached postings must not change when a caller edits a result.
        return [JobPosting.from_dict(p.to_dict()) for p in ranked[:num_results]]


def _wanted_place(location: str | None, terms: QueryTerms) -> Place | None:
    """The searched place; ``Place(remote=True)`` for "remote" or a query saying it ("python
    developer remote"); an empty ``Place()`` for text the gazetteer does not know; None: anywhere."""
    if location and location.strip():
        return resolve_place(location) or Place()
    if terms.remote:
        return Place(remote=True)
    return None


def _place_factor(job: Place, wanted: Place | None) -> float:
    if wanted is None:
        return PLACE_FACTOR
    countries = set(wanted.countries) | ({wanted.country} if wanted.country else set())
    if wanted.remote and not wanted.has_point:  # "remote", "remote, Germany"
        if job.remote and (not countries or any(open_to(job, c) for c in countries)):
            return PLACE_FACTOR
        return ELSEWHERE_FACTOR
    if is_local(job, wanted):
        return PLACE_FACTOR
    if open_to(job, wanted.country or (next(iter(countries)) if len(countries) == 1 else None)):
        return REMOTE_FACTOR
    if job.country and job.country in countries:
        return COUNTRY_FACTOR
    return ELSEWHERE_FACTOR


def _posting_place(posting: JobPosting) -> Place:
    """Where a posting is: its own city/country/coordinates when it has them (the sample does),
    else its location text through the gazetteer; remote when the posting says so."""
    if posting.country or (posting.latitude is not None and posting.longitude is not None):
        return Place(city=posting.city, region=posting.region, country=posting.country,
                     latitude=posting.latitude, longitude=posting.longitude,
                     remote=bool(posting.work_from_home), countries=tuple(posting.remote_countries))
    found = resolve_place(posting.location) or Place()
    return replace(found, remote=found.remote or bool(posting.work_from_home),
                   countries=tuple(posting.remote_countries) or found.countries)


def _without_notice(description: str) -> str:
    """The description without the sample's closing line, whose words ("agent", "real", "poste")
    would otherwise answer queries in every posting."""
    for notice in _NOTICES:
        if description.endswith(notice):
            return description[: -len(notice)]
    return description


@lru_cache(maxsize=4)
def _load_index(data_file: str) -> tuple[_Indexed, ...]:
    """Read and index the postings once; later searches reuse the result."""
    with open(data_file, encoding="utf-8") as handle:
        raw = json.load(handle)
    index = []
    for position, data in enumerate(raw):
        posting = JobPosting.from_dict(data)
        text = index_posting(replace(posting, description=_without_notice(posting.description)))
        index.append(_Indexed(position=position, posting=posting, text=text, place=_posting_place(posting)))
    logger.info("loaded %s offline postings from %s", len(index), data_file)
    return tuple(index)
