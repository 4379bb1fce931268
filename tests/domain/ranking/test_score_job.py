"""Unit tests of score_job / rank_jobs: synonyms, missing skills, bounds, determinism, modes."""
from __future__ import annotations

import json

import pytest

from domain.cv.skills import canonical_skill
from domain.cv.types import CandidateProfile
from domain.jobs.level import required_years
from domain.jobs.types import JobPosting
from domain.ranking import JobScore, RankedJob, rank_jobs, score_job
from domain.ranking.features import job_features, split_query


def _profile(**overrides) -> CandidateProfile:
    data = dict(name="Anna", title="Senior Python Backend Developer", years_experience=7,
                location="Berlin, Germany", skills=["Python", "Django", "Kubernetes", "PostgreSQL", "Docker"])
    return CandidateProfile(**{**data, **overrides})


def _job(job_id="j1", title="Python Developer", description="", location="Berlin, Germany", **kw) -> JobPosting:
    return JobPosting(job_id=job_id, title=title, company_name="Acme", location=location,
                      description=description, **kw)


def test_synonyms_in_the_posting_count_as_matched():
    job = _job(description="You run services on k8s and Postgres, written in python3.")
    result = score_job(_profile(), job)
    assert {"Kubernetes", "PostgreSQL", "Python"} <= set(result.matched_skills)
    assert result.missing_skills == []


def test_missing_skills_are_the_job_skills_the_profile_lacks_required_first():
    job = _job(description="Our stack: Python, Django, Terraform and Kafka.",
               highlights=[{"title": "Qualifications", "items": ["AWS", "Python", "Django"]}])
    result = score_job(_profile(), job)
    assert result.matched_skills[:2] == ["Python", "Django"]
    aws, kafka = canonical_skill("AWS"), canonical_skill("Kafka")
    assert result.missing_skills[0] == aws
    assert set(result.missing_skills) == {aws, "Terraform", kafka}
    # 5 skills: Python, Django ✓; AWS, Terraform, Kafka ✗; the three of the qualifications are required.
    assert "2 of 5 skills the posting names, 2 of 3 required" in result.reason


def test_score_bounds_and_one_line_reason():
    jobs = [
        _job("a", description="Python Django Kubernetes PostgreSQL Docker", work_from_home=True),
        _job("b", title="Registered Nurse", description="Patient care and wound care.", location="Sydney"),
        _job("c", title="", description=""),
    ]
    for profile in (_profile(), CandidateProfile(), None):
        for job in jobs:
            result = score_job(profile, job)
            assert isinstance(result.score, int) and 0 <= result.score <= 100
            assert result.reason and "\n" not in result.reason and result.reason.endswith(".")


def test_a_fitting_job_scores_high_and_a_foreign_one_low():
    good = score_job(_profile(), _job(description="Python, Django, k8s, Postgres, Docker."))
    bad = score_job(_profile(), _job(title="Pflegefachkraft (m/w/d)", description="Krankenpflege, Wundversorgung"))
    assert good.score >= 80 > 40 > bad.score
    assert good.reason.startswith("Strong match: 5 of 5 skills the posting asks for;")
    assert "fits" in good.reason and "in Berlin" in good.reason


def test_german_and_french_titles_fit_an_english_profile_title():
    english = score_job(_profile(), _job(title="Python Developer")).components["title"]
    german = score_job(_profile(), _job(title="Python-Entwicklerin (m/w/d)")).components["title"]
    french = score_job(_profile(), _job(title="Développeur Python (H/F)")).components["title"]
    assert english == german == french > 0.5


def test_seniority_prefers_the_level_that_fits_the_years():
    profile = _profile()
    senior = score_job(profile, _job(title="Senior Python Developer"))
    student = score_job(profile, _job(title="Werkstudent Python Developer"))
    assert senior.components["seniority"] == 1.0 > student.components["seniority"]
    assert "fits a senior role" in senior.reason and "student role" in student.reason
    junior_profile = _profile(years_experience=1)
    asked = score_job(junior_profile, _job(description="You have 5+ years of Python."))
    assert "below the 5" in asked.reason


def test_same_city_beats_remote_which_beats_another_city():
    profile = _profile()
    remote = score_job(profile, _job(location="Anywhere", work_from_home=True)).components["location"]
    berlin = score_job(profile, _job(location="Berlin")).components["location"]
    munich = score_job(profile, _job(location="München, Deutschland")).components["location"]
    sydney = score_job(profile, _job(location="Sydney, Australia")).components["location"]
    berlin_region = score_job(profile, _job(location="Berlin, Brandenburg")).components["location"]
    # A job in the wanted city beats a remote one, which beats another city of the same country.
    assert berlin == berlin_region == 1.0 > remote > munich > sydney


def test_ranking_is_sorted_deterministic_and_breaks_ties_by_title_then_id():
    jobs = [_job(f"id-{n}", title=t) for n, t in enumerate(["B Python Developer", "A Python Developer",
                                                               "A Python Developer", "Nurse"])]
    first = rank_jobs(_profile(), jobs)
    second = rank_jobs(_profile(), list(reversed(jobs)))
    assert [r.job.job_id for r in first] == [r.job.job_id for r in second] == ["id-1", "id-2", "id-0", "id-3"]
    assert [r.score for r in first] == sorted((r.score for r in first), reverse=True)
    assert score_job(_profile(), jobs[0]) == score_job(_profile(), jobs[0])


def test_without_a_profile_the_query_ranks_and_the_reasons_leave_the_cv_hint_to_the_list():
    jobs = [_job("n", title="Registered Nurse"), _job("p", title="Python Developer", location="Hamburg")]
    ranked = rank_jobs(None, jobs, query="python developer in Berlin")
    assert [r.job.job_id for r in ranked] == ["p", "n"]
    # The chat list's footer asks for the CV once; ten copies of it made a list two messages.
    assert not any("send your CV" in r.result.reason for r in ranked) and "title matches" in ranked[0].result.reason
    # Without a CV there is no one to have a skill: no ✓ and no ✗.
    assert ranked[0].result.matched_skills == [] and ranked[0].result.missing_skills == []
    assert ranked[0].score > ranked[1].score


def test_result_dict_has_the_rest_shape_and_is_json_ready():
    ranked = rank_jobs(_profile(), [_job(description="Python")])
    data = ranked[0].to_dict()
    assert isinstance(ranked[0], RankedJob) and isinstance(ranked[0].result, JobScore)
    assert {"job", "score", "matched_skills", "missing_skills", "reason"} <= set(data)
    assert data["job"]["job_id"] == "j1" and data["job"]["title"] == "Python Developer"
    json.dumps(data)


def test_a_profile_without_title_or_years_still_ranks_by_skills():
    profile = CandidateProfile(skills=["Nursing", "Wound Care"], summary="Experienced nurse in surgery.")
    ranked = rank_jobs(profile, [_job("dev", title="Python Developer", description="Python"),
                                 _job("rn", title="Staff Nurse", description="Nursing and wound care")])
    assert ranked[0].job.job_id == "rn"


@pytest.mark.parametrize("query", ["", "in Berlin"])
def test_no_profile_and_no_query_words_still_returns_every_job(query):
    jobs = [_job("x"), _job("y", title="Nurse")]
    ranked = rank_jobs(None, jobs, query=query)
    assert sorted(r.job.job_id for r in ranked) == ["x", "y"]


@pytest.mark.parametrize("query,expected", [
    ("python developer in Berlin", ("python developer", "Berlin")),
    ("Software Engineer in Test in Munich", ("Software Engineer in Test", "Munich")),
    ("comptable à Lyon", ("comptable", "Lyon")),
    ("in Hamburg", ("", "Hamburg")),
    ("nurse", ("nurse", "")),
])
def test_query_location_is_split_on_the_last_in(query, expected):
    assert split_query(query) == expected


def test_a_location_in_the_query_overrides_the_profile_location():
    job = _job(location="Hamburg, Germany")
    assert score_job(_profile(), job).components["location"] < 1.0
    assert score_job(_profile(), job, query="python developer in Hamburg").components["location"] == 1.0


def test_a_remote_job_closed_to_the_searchers_country_says_so_and_scores_like_a_far_city():
    from domain.jobs.enrich import enrich  # noqa: PLC0415

    profile = _profile()  # lives in Berlin
    open_anywhere = score_job(profile, enrich(_job(location="Worldwide")))
    usa_only = score_job(profile, enrich(_job(location="Remote - USA only")))
    uk_or_germany = score_job(profile, enrich(_job(location="Remote (UK, Germany)")))
    assert usa_only.reason.endswith("remote, USA only") or "remote, USA only" in usa_only.reason
    assert usa_only.components["location"] < uk_or_germany.components["location"] == open_anywhere.components["location"]
    assert "only" not in uk_or_germany.reason


def test_a_town_near_the_wanted_city_is_near_by_its_distance_not_its_name():
    from domain.jobs.enrich import enrich  # noqa: PLC0415

    potsdam = score_job(_profile(), enrich(_job(location="Potsdam")))
    assert potsdam.components["location"] == 0.9 and "near Berlin (27 km)" in potsdam.reason


@pytest.mark.parametrize(("description", "years"), [
    ("Requisitos: 5 años de experiencia con Python.", 5),  # Spanish, which the ranking alone did not read
    ("Seit 15 Jahren am Markt. Python-Kenntnisse.", None),  # the company's age asks for nothing
    ("Requirements: 3-5 years of experience with Python.", 3),
])
def test_the_ranking_reads_the_years_asked_as_the_level_does(description, years):
    assert job_features(_job(description=description)).required_years == years == required_years(description)
