import json
import time

import pytest

from domain.jobs.dedup import deduplicate
from domain.jobs.offline_source import DATA_FILE, OfflineJobSource
from domain.jobs.text import normalise_company, normalise_place, normalise_title, place_parts
from domain.jobs.types import JobPosting

CARE = ("nurse", "pflege", "kranken", "infirmi")


@pytest.fixture(scope="module")
def source():
    return OfflineJobSource()


def is_nursing(job):
    return any(word in job.title.lower() for word in CARE)


def in_munich(job):
    return "munich" in place_parts(job.location)


def test_nurse_in_munich_returns_nursing_jobs_in_munich_first(source):
    jobs = source.search("nurse", "Munich", 10)
    assert len(jobs) >= 3
    local = [j for j in jobs if in_munich(j)]
    assert len(local) >= 2
    assert all(is_nursing(j) for j in jobs[: len(local)])
    assert jobs[: len(local)] == local  # Munich before anywhere else


def test_german_query_and_city_spelling(source):
    jobs = source.search("Krankenpfleger", "München", 5)
    assert is_nursing(jobs[0]) and in_munich(jobs[0])


def test_python_developer_in_berlin(source):
    jobs = source.search("python developer", "Berlin", 10)
    assert "python" in jobs[0].title.lower()
    assert "berlin" in place_parts(jobs[0].location)
    assert sum("python" in j.title.lower() for j in jobs[:5]) >= 4


def test_buchhalter_finds_accounting_in_all_languages(source):
    jobs = source.search("Buchhalter", None, 15)
    titles = " ".join(j.title.lower() for j in jobs)
    assert "buchhalter" in jobs[0].title.lower()  # the word as typed first
    assert "accountant" in titles and "comptable" in titles


def test_french_query(source):
    jobs = source.search("comptable", "Lyon", 5)
    assert "comptable" in jobs[0].title.lower() and "lyon" in place_parts(jobs[0].location)


def test_remote_location_and_remote_word(source):
    for jobs in (source.search("data analyst", "remote", 5),
                 source.search("data analyst remote", None, 5)):
        assert jobs[0].work_from_home
        assert "analyst" in jobs[0].title.lower()


def test_country_location(source):
    jobs = source.search("nurse", "Deutschland", 5)
    assert all("germany" in place_parts(j.location) for j in jobs[:3])


def test_nonsense_finds_nothing(source):
    assert source.search("zzqx blorf", None, 10) == []
    assert source.search("senior", None, 10) == []


def test_deterministic_capped_distinct_and_fresh_copies(source):
    first = source.search("developer", None, 25)
    second = source.search("developer", None, 25)
    assert [j.job_id for j in first] == [j.job_id for j in second]
    assert len(first) == 25
    assert len({j.job_id for j in first}) == 25
    first[0].title = "changed"
    assert source.search("developer", None, 25)[0].title != "changed"


def test_board_duplicates_are_merged_in_results(source):
    # The bundled data holds copies of some postings via a second board.
    raw = [JobPosting.from_dict(d) for d in json.loads(DATA_FILE.read_text(encoding="utf-8"))]
    duplicated = next(j for j in deduplicate(raw) if len(j.apply_options) == 2)
    jobs = source.search(duplicated.title, duplicated.location, 100)
    same = [j for j in jobs if normalise_title(j.title) == normalise_title(duplicated.title)
            and normalise_company(j.company_name) == normalise_company(duplicated.company_name)
            and normalise_place(j.location) == normalise_place(duplicated.location)]
    assert len(same) == 1
    assert len(same[0].apply_options) == 2


def test_fast_after_first_load(source):
    source.search("warm up", None, 1)
    started = time.perf_counter()
    for query in ("nurse", "python developer", "Lehrer", "chef", "electrician"):
        source.search(query, "Berlin", 20)
    assert time.perf_counter() - started < 0.5
