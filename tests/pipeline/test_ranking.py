"""The ranking links of the pipeline: a chat search ranks its postings, a REST search leaves that to /matching."""
from __future__ import annotations

import pytest

from pipeline.ranking import rank_found_jobs
from storage.models import JobPostingRecord, JobSearch, UserProfile

JOBS = [{"job_id": f"j{n}", "title": title, "company_name": "Acme", "location": "Berlin",
         "description": description} for n, (title, description) in enumerate([
             ("Pastry Chef", "cakes, bread, early shifts"),
             ("Python Developer", "Python, Django, PostgreSQL, Docker"),
         ])]


@pytest.fixture
def session(sessions):
    with sessions() as session:
        yield session


def stored_search(session, **fields) -> JobSearch:
    profile = UserProfile(source_files=[], status="completed", profile={"title": "Python Developer",
                                                                        "skills": ["Python", "Django", "Docker"]})
    session.add(profile)
    session.flush()
    search = JobSearch(query="developer", location="Berlin", profile_id=profile.id, **fields)
    session.add(search)
    session.flush()
    session.add_all(JobPostingRecord(job_search_id=search.id, position=n, job_id=job["job_id"], data=job)
                    for n, job in enumerate(JOBS))
    return search


def test_a_chat_search_is_ranked_best_first_against_its_profile(session):
    search = stored_search(session, rank_after_search=True)
    stages = []
    rank_found_jobs(session, search, lambda percent, stage: stages.append(stage))
    assert [match["job"]["job_id"] for match in search.matches] == ["j1", "j0"]
    assert "Python" in search.matches[0]["matched_skills"] and stages == ["found"]


def test_a_rest_search_is_not_ranked(session):
    search = stored_search(session, rank_after_search=False)
    rank_found_jobs(session, search, lambda percent, stage: pytest.fail("no progress expected"))
    assert search.matches is None
