"""A job posting, in the shape of SerpApi's Google Jobs results."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.stored import StoredAsDict


@dataclass
class JobPosting(StoredAsDict):
    job_id: str
    title: str
    company_name: str
    location: str = ""
    via: str = ""
    description: str = ""
    apply_link: str = ""
    highlights: list[dict] = field(default_factory=list)  # SerpApi job_highlights
    posted_at: str | None = None
    schedule_type: str | None = None
    salary: str | None = None
    work_from_home: bool = False
    apply_options: list[dict] = field(default_factory=list)  # [{"title", "link"}]
    source: str = ""  # "serpapi" or "offline"
