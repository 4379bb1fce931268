import json
from collections import Counter

from domain.jobs.data import generate_postings
from domain.jobs.dedup import deduplicate
from domain.jobs.offline_source import DATA_FILE
from domain.jobs.text import place_parts
from domain.jobs.types import JobPosting

FIELDS = {"software", "data", "devops", "design", "marketing", "sales", "finance",
          "healthcare", "teaching", "logistics", "hospitality", "engineering", "legal", "hr",
          "trades"}


def load():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def test_the_committed_file_is_what_the_generator_makes():
    assert load() == generate_postings.generate()


def test_at_least_300_postings_in_the_jobposting_shape():
    raw = load()
    assert len(raw) >= 300
    for data in raw:
        assert set(data) <= set(JobPosting.__dataclass_fields__)
        posting = JobPosting.from_dict(data)
        assert posting.job_id and posting.title and posting.company_name and posting.location
        assert posting.via.startswith("via ") and posting.apply_link.startswith("https://")
        assert {h["title"] for h in posting.highlights} >= {"Qualifications"}
    assert len({d["job_id"] for d in raw}) == len(raw)


def test_covers_fields_cities_and_languages():
    roles = generate_postings.ROLES_OFFICE + generate_postings.ROLES_BUSINESS + generate_postings.ROLES_FIELD
    assert {r["field"] for r in roles} == FIELDS
    places = Counter(p for d in load() for p in place_parts(d["location"]))
    for city in ("berlin", "munich", "hamburg", "paris", "lyon", "london", "amsterdam",
                 "vienna", "zurich", "new york", "remote"):
        assert places[city] > 0, city
    descriptions = " ".join(d["description"] for d in load())
    assert "Deine Aufgaben" in descriptions and "Vos missions" in descriptions
    assert "What you will do" in descriptions


def test_contains_board_duplicates_for_dedup():
    postings = [JobPosting.from_dict(d) for d in load()]
    merged = deduplicate(postings)
    assert len(postings) - len(merged) >= 10
    assert any(len(p.apply_options) == 2 for p in merged)
