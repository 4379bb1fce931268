"""One job, one entry: merge the same posting seen via several boards or searches.

Two postings are the same job when they share a ``job_id``, or when their title, company and
place agree after normalisation (case, punctuation, accents, "(m/w/d)"-style tags,
"GmbH"/"Inc." suffixes; the city the gazetteer resolved, so "München" = "Munich" on any board;
"remote" for remote jobs).
"""
from __future__ import annotations

import logging
from dataclasses import fields, replace

from domain.jobs.text import normalise_company, normalise_place, normalise_title
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


def deduplicate(postings: list[JobPosting]) -> list[JobPosting]:
    """Return one posting per distinct job, in order of first appearance.

    The richest record of each group is kept; its ``apply_options`` become the union of
    the group's (so every board stays reachable) and its empty fields are filled from
    the others.
    """
    groups: list[list[JobPosting]] = []
    group_of_key: dict[tuple, int] = {}
    for posting in postings:
        keys = identity_keys(posting)
        found = sorted({group_of_key[k] for k in keys if k in group_of_key})
        if not found:
            groups.append([posting])
            target = len(groups) - 1
        else:
            target = found[0]
            groups[target].append(posting)
            for other in found[1:]:  # this posting links two groups: join them
                groups[target].extend(groups[other])
                groups[other] = []
                for key, index in group_of_key.items():
                    if index == other:
                        group_of_key[key] = target
        for key in keys:
            group_of_key[key] = target
    merged = [_merge(group) for group in groups if group]
    if len(merged) < len(postings):
        logger.debug("deduplicated %s postings into %s jobs", len(postings), len(merged))
    return merged


def identity_keys(posting: JobPosting) -> list[tuple]:
    """The keys under which two postings count as the same job."""
    keys: list[tuple] = []
    if posting.job_id:
        keys.append(("id", posting.job_id))
    title = normalise_title(posting.title)
    company = normalise_company(posting.company_name)
    if title and company:
        keys.append(("tcl", title, company, _place_key(posting)))
    return keys


def _place_key(posting: JobPosting) -> str:
    """The gazetteer's city when the core resolved one ("Köln" and "Cologne, DE" agree), "remote"
    for a remote job without one ("Worldwide" and "Anywhere" agree), else the folded text."""
    if posting.city:
        return normalise_place(posting.city)
    if posting.work_from_home and not posting.latitude:
        return "remote"
    return normalise_place(posting.location)


def _richness(posting: JobPosting) -> tuple:
    filled = sum(1 for f in fields(posting) if getattr(posting, f.name))
    items = sum(len(h.get("items", [])) for h in posting.highlights if isinstance(h, dict))
    return (filled, items, len(posting.description))


def _merge(group: list[JobPosting]) -> JobPosting:
    if len(group) == 1:
        return group[0]
    best = max(group, key=_richness)  # max keeps the first of equals: stable
    updates = {}
    for f in fields(best):
        if not getattr(best, f.name):
            donor = next((getattr(p, f.name) for p in group if getattr(p, f.name)), None)
            if donor:
                updates[f.name] = donor
    updates["apply_options"] = _merge_apply_options(best, group)
    if not best.apply_link and updates["apply_options"]:
        updates["apply_link"] = updates["apply_options"][0].get("link", "")
    return replace(best, **updates)


def _merge_apply_options(best: JobPosting, group: list[JobPosting]) -> list[dict]:
    seen: set[str] = set()
    merged: list[dict] = []
    for posting in [best, *group]:
        options = list(posting.apply_options)
        if posting.apply_link:
            options.append({"title": posting.via.removeprefix("via ") or posting.source,
                            "link": posting.apply_link})
        for option in options:
            link = (option or {}).get("link")
            if link and link not in seen:
                seen.add(link)
                merged.append(dict(option))
    return merged
