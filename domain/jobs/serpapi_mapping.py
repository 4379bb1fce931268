"""Map one SerpApi Google Jobs ``jobs_results`` entry to a ``JobPosting``."""
from __future__ import annotations

import hashlib
import logging

from domain.jobs.boards.wire import text_of
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


def map_job_result(result: dict) -> JobPosting:
    """Build a posting from a SerpApi job result, tolerating missing or odd fields."""
    extensions = result.get("detected_extensions") or {}
    apply_options = _apply_options(result)
    return JobPosting(
        job_id=text_of(result.get("job_id")) or _fallback_id(result),
        title=text_of(result.get("title")),
        company_name=text_of(result.get("company_name")),
        location=text_of(result.get("location")),
        via=normalise_via(text_of(result.get("via"))),
        description=text_of(result.get("description")),
        apply_link=_apply_link(result, apply_options),
        highlights=_highlights(result.get("job_highlights")),
        posted_at=text_of(extensions.get("posted_at")) or None,
        schedule_type=text_of(extensions.get("schedule_type")) or None,
        salary=text_of(extensions.get("salary")) or None,
        work_from_home=bool(extensions.get("work_from_home")),
        apply_options=apply_options,
        source="serpapi",
    )


def normalise_via(via: str) -> str:
    """"LinkedIn" and "via LinkedIn" both become "via LinkedIn" (Google's old wording)."""
    via = via.strip()
    if not via or via.lower().startswith("via "):
        return via
    return f"via {via}"


def _fallback_id(result: dict) -> str:
    # Without job_id the posting still needs a stable id for matching and cover letters.
    basis = "|".join(text_of(result.get(k)) for k in ("title", "company_name", "location"))
    return "serpapi-" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def _apply_options(result: dict) -> list[dict]:
    options = []
    for option in result.get("apply_options") or []:
        if isinstance(option, dict) and text_of(option.get("link")):
            options.append({"title": text_of(option.get("title")), "link": option["link"].strip()})
    return options


def _apply_link(result: dict, options: list[dict]) -> str:
    if options:
        return options[0]["link"]
    for link in result.get("related_links") or []:
        if isinstance(link, dict) and text_of(link.get("link")):
            return link["link"].strip()
    return text_of(result.get("share_link"))


def _highlights(raw) -> list[dict]:
    highlights = []
    for block in raw or []:
        if not isinstance(block, dict):
            continue
        items = [i.strip() for i in block.get("items") or [] if isinstance(i, str) and i.strip()]
        if items:
            highlights.append({"title": text_of(block.get("title")), "items": items})
    return highlights
