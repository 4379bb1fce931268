"""Fixtures shared by the tests of a posting's facts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.jobs.types import JobPosting


@pytest.fixture(scope="session")
def labelled_postings() -> list[tuple[JobPosting, dict]]:
    """Postings from the sample data, the boards' stand-ins and written agency adverts, labelled by hand
    (agency, job types, level): tests/domain/jobs/data/posting_facts.json."""
    rows = json.loads((Path(__file__).parent / "data" / "posting_facts.json").read_text(encoding="utf-8"))
    return [(JobPosting(**row["posting"]), row) for row in rows]
