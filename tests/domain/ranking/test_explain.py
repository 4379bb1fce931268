"""Explanations: one per job, from which the ✓/✗ lists, their counts and the reason all come.

Each fault users saw on a card is pinned here by the smallest posting that showed it.
"""
from __future__ import annotations

import json
import re

import pytest
from babel.support import NullTranslations

from domain.cv.types import CandidateProfile
from domain.jobs.enrich import enrich
from domain.jobs.types import JobPosting
from domain.cv.years import display_years
from domain.ranking import rank_jobs, reason_text, score_job, with_adjustment
from i18n import Translator, translator

EN = translator("en")


def _profile(**overrides) -> CandidateProfile:
    data = dict(name="Anna", title="Senior Python Backend Developer", years_experience=7,
                location="Berlin, Germany", skills=["Python", "Django", "GraphQL", "React", "Node.js"])
    return CandidateProfile(**{**data, **overrides})


def _job(title="Software Engineer", description="", location="Berlin, Germany", job_id="j1", **kw) -> JobPosting:
    return JobPosting(job_id=job_id, title=title, company_name="Acme", location=location, description=description, **kw)


def _match(profile, job, query="") -> dict:
    return rank_jobs(profile, [job], query=query)[0].to_dict()


def _pairs(reason: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"(\d+) of (\d+)", reason)]


# --- "1 of 4 required skills (GraphQL)" above "✓ GraphQL, Node.js, React" -------------------

def test_the_counts_in_the_reason_are_the_lengths_of_the_lists_on_the_card():
    job = _job(description="We build web apps.\nRequirements:\n- GraphQL, TypeScript, AWS, Kubernetes\n"
                           "Nice to have: Node.js, React")
    match = _match(_profile(), job)
    assert match["matched_skills"] == ["GraphQL", "Node.js", "React"]
    assert match["missing_skills"] == ["TypeScript", "AWS", "Kubernetes"]
    # Was "1 of 4 required skills (GraphQL)": a count of one computation over the ✓ list of another.
    assert _pairs(match["reason"]) == [(3, 6), (1, 4)]
    assert "3 of 6 skills the posting names, 1 of 4 required" in match["reason"]
    assert match["explanation"]["skills"]["counts"] == {"matched": 3, "total": 6, "required_matched": 1,
                                                         "required_total": 4}


def test_five_ticks_and_three_crosses_are_five_of_eight():
    job = _job(description="Requirements: Python, Django, GraphQL, AWS. Nice to have: React, Node.js, Docker, Go.")
    match = _match(_profile(), job)
    assert (len(match["matched_skills"]), len(match["missing_skills"])) == (5, 3)
    assert _pairs(match["reason"]) == [(5, 8), (3, 4)]


def test_a_posting_without_a_requirements_part_counts_every_skill_as_asked_for():
    match = _match(_profile(), _job(description="Our stack: Python, Django and Terraform."))
    assert "2 of 3 skills the posting asks for" in match["reason"] and _pairs(match["reason"]) == [(2, 3)]


# --- "title fits your background" when only the search query matched ------------------------

def test_a_title_that_fits_only_the_search_says_so():
    nurse = _profile(title="Registered Nurse", skills=["Nursing"])
    match = _match(nurse, _job(title="Python Developer"), query="python developer in Berlin")
    assert match["explanation"]["title"] == {"verdict": "fits", "against": "search"}
    assert "title matches your search" in match["reason"] and "background" not in match["reason"]


def test_a_title_that_fits_the_cv_says_background():
    match = _match(_profile(), _job(title="Python Backend Developer"), query="developer")
    assert match["explanation"]["title"]["against"] == "cv" and "title fits your background" in match["reason"]


def test_without_a_cv_the_reason_compares_with_the_search_only():
    match = _match(None, _job(title="Python Developer", description="Python, Django"), query="python developer")
    assert match["explanation"]["mode"] == "search"
    assert "title matches your search" in match["reason"] and "background" not in match["reason"]


# --- years shown as 6 / 8 / 8.8 for the same person -----------------------------------------

@pytest.mark.parametrize("years, shown", [(8.8, "8 years"), (1.75, "1.5 years"), (1.0, "1 year"), (11.2, "11 years")])
def test_years_are_shown_and_judged_as_the_profile_card_shows_them(years, shown):
    match = _match(_profile(years_experience=years), _job(title="Senior Python Developer"))
    assert match["explanation"]["seniority"]["years"] == float(display_years(years))
    assert f"{shown} " in match["reason"] and f"{years:g} years" not in match["reason"].replace(shown, "")


def test_years_below_what_the_role_asks_name_both_figures():
    match = _match(_profile(years_experience=2.9), _job(description="You have 5+ years of Python."))
    assert "2 years is below the 5 this role asks for" in match["reason"]


# --- a benefit ("Insurance") shown as a missing skill ---------------------------------------

@pytest.mark.parametrize("posting", [
    dict(description="Requirements: Python, Django.\nWhat we offer:\n• Health insurance\n• Company pension scheme"),
    dict(description="Ihr Profil: Python, Django. Das bieten wir: Betriebliche Krankenversicherung, Insurance"),
    dict(description="Python, Django", highlights=[{"title": "Qualifications", "items": ["Python", "Django"]},
                                                   {"title": "Benefits", "items": ["Health insurance"]}]),
], ids=["description", "german-inline", "highlights"])
def test_benefits_are_no_skills(posting):
    match = _match(_profile(), _job(**posting))
    assert "Insurance" not in match["matched_skills"] + match["missing_skills"]
    assert match["matched_skills"] == ["Python", "Django"]


def test_a_skill_the_requirements_name_stays_one_though_the_benefits_name_it_too():
    job = _job(title="Claims Handler", description="Requirements: insurance, Excel.\nBenefits:\n• Health insurance")
    assert "Insurance" in _match(_profile(), job)["missing_skills"]


# --- ✓ skills shown without any CV -----------------------------------------------------------

def test_without_a_cv_there_are_no_ticks_or_crosses():
    match = _match(None, _job(title="Python Developer", description="Python, Django, AWS"), query="python in Berlin")
    assert match["matched_skills"] == [] and match["missing_skills"] == []
    assert _pairs(match["reason"]) == [] and "skill" not in match["reason"]


def test_without_a_cv_or_search_words_the_job_is_unranked_and_says_why():
    match = _match(None, _job(), query="")
    assert match["reason"] == ("Unranked: no CV and no search words yet; "
                               "send your CV to rank jobs by your skills and experience.")


# --- shape ------------------------------------------------------------------------------------

def test_every_match_carries_its_explanation_as_json_and_reason_is_its_english_text():
    match = _match(_profile(), enrich(_job(location="Potsdam", description="Python")))
    explanation = json.loads(json.dumps(match["explanation"]))
    assert explanation["version"] == 1 and explanation["score"] == explanation["base_score"] == match["score"]
    assert explanation["place"] == {"place": "Potsdam", "home": "Berlin", "verdict": "near", "km": 27}
    assert reason_text(explanation, EN) == match["reason"]
    assert score_job(_profile(), _job()).explanation is not None


# --- other languages --------------------------------------------------------------------------

class _Marked(NullTranslations):
    """A catalogue that marks what it translated, so an untranslated sentence stands out."""

    def gettext(self, message):
        return f"⟨{message}⟩"

    def ngettext(self, singular, plural, n):
        return f"⟨{singular if n == 1 else plural}⟩"


def _strip_marked(text: str) -> str:
    while re.search(r"⟨[^⟨⟩]*⟩", text):
        text = re.sub(r"⟨[^⟨⟩]*⟩", "", text)
    return text


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_every_word_of_the_reason_goes_through_the_catalogue(language):
    profile = _profile(years_experience=1.5, location="Paris, France")
    jobs = [enrich(_job(title="Junior Python Developer", location="Remote - USA only", description="Python")),
            enrich(_job(title="Python Developer", location="Lyon", description="Requirements: Python, AWS. Bonus: Go",
                        job_id="j2"))]
    t = Translator(language, _Marked())
    for ranked in rank_jobs(profile, jobs):
        adjusted = with_adjustment(ranked.to_dict(), kind="passed", reason="agency", points=-12)
        adjusted = with_adjustment(adjusted, kind="preference", reason="salary_unknown", points=-8,
                                   params={"min_salary": 60000, "currency": "EUR"})
        # Placeholders are filled with names, numbers and lists: only those may stay outside ⟨…⟩.
        left = _strip_marked(reason_text(adjusted["explanation"], t))
        assert not re.search(r"[a-z]{3,}", left.replace("Lyon", "").replace("Paris", "")), left


def test_numbers_and_countries_follow_the_readers_language():
    profile = _profile(years_experience=1.5, location="Paris, France")
    match = _match(profile, enrich(_job(title="Python Developer", location="Remote - USA only", description="Python")))
    german = reason_text(match["explanation"], translator("de"))
    assert "1,5" in german and "Vereinigte Staaten" in german
    assert "1.5 years" in match["reason"] and "remote, USA only" in match["reason"]


# --- adjustments ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, reason, params, words", [
    ("passed", "agency", None, "ranked lower: you passed on agency jobs"),
    ("passed", "too_senior", None, "ranked lower: you passed on jobs that were too senior"),
    ("passed", "wrong_place", None, "ranked lower: you passed on jobs in that place"),
    ("passed", "wrong_place", {"place": "London"}, "ranked lower: you passed on jobs in London"),
    ("passed", "not_my_field", {"title": "Nurse"}, "ranked lower: you passed on jobs outside your field"),
    ("preference", "salary_unknown", {"amount": "£50,000"},
     "ranked lower: salary not stated; you asked for at least £50,000"),
    ("preference", "salary_unknown", {"min_salary": 60000, "currency": "EUR"},
     "ranked lower: salary not stated; you asked for at least €60K"),
    ("preference", "salary_unknown", None, "ranked lower: salary not stated"),
    ("preference", "seniority", None, "ranked lower: above the level you asked for"),
])
def test_an_adjustment_moves_the_score_and_says_why(kind, reason, params, words):
    match = _match(_profile(), _job(title="Python Developer", description="Python, Django"))
    adjusted = with_adjustment(match, kind=kind, reason=reason, points=-10, params=params)
    assert adjusted["score"] == match["score"] - 10 == adjusted["explanation"]["score"]
    assert adjusted["reason"].endswith(f"; {words}.")
    assert adjusted["reason"] == reason_text(adjusted["explanation"], EN)
    assert adjusted["matched_skills"] == match["matched_skills"] and match["explanation"]["adjustments"] == []


def test_the_score_stays_in_range_and_the_strength_word_follows_it():
    match = _match(_profile(), _job(title="Python Developer", description="Python, Django"))
    assert match["reason"].startswith("Strong match")
    low = with_adjustment(match, kind="passed", reason="not_my_field", points=-500)
    high = with_adjustment(match, kind="passed", reason="agency", points=500)
    assert (low["score"], high["score"]) == (0, 100)
    assert low["reason"].startswith("Weak match") and "ranked higher: you passed on agency jobs" in high["reason"]
    # Clamping loses nothing: taking the adjustment back restores the scorer's own score.
    back = with_adjustment(low, kind="passed", reason="not_my_field", points=500)
    assert back["score"] == match["score"] and back["explanation"]["adjustments"][0]["points"] == 0
    assert back["reason"] == match["reason"]  # an adjustment that moved nothing says nothing


def test_the_same_adjustment_twice_is_said_once_and_counted_twice():
    match = _match(_profile(), _job(title="Python Developer", description="Python"))
    twice = with_adjustment(with_adjustment(match, kind="passed", reason="agency", points=-5),
                            kind="passed", reason="agency", points=-5)
    assert twice["explanation"]["adjustments"] == [{"kind": "passed", "reason": "agency", "points": -10, "params": {}}]
    assert twice["reason"].count("agency") == 1 and twice["score"] == match["score"] - 10


def test_a_match_stored_before_explanations_keeps_its_reason_and_gains_the_sentence():
    old = {"job": {"job_id": "j"}, "score": 70, "matched_skills": [], "missing_skills": [],
           "reason": "Good match: title fits your background."}
    adjusted = with_adjustment(old, kind="passed", reason="agency", points=-12)
    assert adjusted == {**old, "score": 58,
                        "reason": "Good match: title fits your background; ranked lower: you passed on agency jobs."}


@pytest.mark.parametrize("kind, reason", [("passed", "salary_unknown"), ("liked", "agency"), ("passed", "")])
def test_an_unknown_adjustment_is_refused(kind, reason):
    with pytest.raises(ValueError):
        with_adjustment({"score": 50}, kind=kind, reason=reason, points=-1)


def test_an_adjustment_a_newer_version_stored_still_renders():
    explanation = {"mode": "cv", "score": 40, "skills": {}, "adjustments": [{"kind": "boosted", "reason": "x",
                                                                            "points": 5}]}
    assert reason_text(explanation, EN) == ("Partial match: the posting names no specific skills; "
                                            "ranked higher: by your preferences.")


def test_a_french_reason_puts_a_narrow_no_break_space_before_its_semicolons():
    match = _match(_profile(), _job(title="Python Developer", description="Requirements: Python, Django"))
    french = reason_text(match["explanation"], translator("fr"))
    assert "; " in reason_text(match["explanation"], EN) and " ; " not in french and "\u202f; " in french
