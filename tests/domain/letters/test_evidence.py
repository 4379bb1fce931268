"""Evidence for a letter: the CV's own lines for one job, strongest first, each with its source."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.cv.fields import profile_from_text
from domain.cv.outline import read_outline
from domain.cv.profile import build_profile
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.cv.years import display_years
from domain.letters.evidence import (
    KINDS,
    posting_languages,
    professional_years,
    select_evidence,
    words_in_cv,
)
from domain.ranking import score_job
from tests.corpus.measure import pdf_path

TODAY = dt.date(2026, 11, 30)
CV = """Lena Fischer
Senior Backend Engineer
lena.fischer@example.com · +49 30 1234 5678 · Berlin, Germany
Summary
Backend engineer building reliable Python services for e-commerce.
Experience
Senior Backend Engineer, Zalando SE
03/2018 – present
• Built order services in Python and FastAPI on Kubernetes.
• Cut PostgreSQL query latency by 60% with better indexing.
• Mentored two junior colleagues.
Backend Developer, SoundCloud
09/2014 – 02/2018
• Built REST APIs in Python and Django.
Education
B.Sc. Computer Science, TU Berlin (2010 – 2014)
Skills
Python, Django, FastAPI, PostgreSQL, Kubernetes, Docker, Redis
Languages
German (native), English (C1), Spanish (B1)
"""
PROFILE = profile_from_text(CV, today=TODAY)


def _job(description: str, title: str = "Backend Engineer", highlights=None) -> JobPosting:
    return JobPosting(job_id="j1", title=title, company_name="Initech", description=description,
                      highlights=highlights or [])


JOB = _job("We build the shop platform.", highlights=[{"title": "Qualifications", "items": [
    "Python and PostgreSQL", "Experience with Kubernetes", "Docker", "Apache Kafka"]}])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_achievements_quote_the_cv_line_with_its_job_and_the_required_skills_it_names():
    evidence = select_evidence(PROFILE, JOB, today=TODAY)
    (latency,) = [i for i in evidence.of_kind("achievement") if "latency" in i.source]
    assert latency.source == "Cut PostgreSQL query latency by 60% with better indexing."
    assert latency.skills == ("PostgreSQL",)
    assert (latency.entry.employer, latency.entry.role, latency.entry.dates) == (
        "Zalando SE", "Senior Backend Engineer", "03/2018 – present")
    assert all(i.kind in KINDS for i in evidence.items)
    assert [i.strength for i in evidence.items] == sorted((i.strength for i in evidence.items), reverse=True)


def test_required_skills_figures_and_recency_make_a_line_strong():
    achievements = select_evidence(PROFILE, JOB, today=TODAY).of_kind("achievement")
    order = [i.source for i in achievements]
    # Two required skills (Python, Kubernetes) beat one required skill with a figure; both beat a line
    # that names no job skill; the same skill in the old job counts less than in the current one.
    assert order[0] == "Built order services in Python and FastAPI on Kubernetes."
    assert order.index("Cut PostgreSQL query latency by 60% with better indexing.") < order.index(
        "Mentored two junior colleagues.")
    current = next(i for i in achievements if i.source.startswith("Built order"))
    older = next(i for i in achievements if i.source.startswith("Built REST"))
    assert older.strength < current.strength and older.entry.employer == "SoundCloud"


def test_current_role_years_matched_and_missing_skills():
    evidence = select_evidence(PROFILE, JOB, today=TODAY)
    (role,) = evidence.of_kind("current_role")
    assert (role.value, role.source, role.entry.current) == ("Senior Backend Engineer",
                                                            "Senior Backend Engineer, Zalando SE", True)
    (years,) = evidence.of_kind("years")
    assert years.value == "12" and years.source == ""  # the summary states no count of its own
    assert set(evidence.matched) >= {"Python", "PostgreSQL", "Kubernetes", "Docker"}
    assert evidence.missing == ("Apache Kafka",)
    # Docker is named by no achievement line: a skill item with the skills line as its source.
    (docker,) = [i for i in evidence.of_kind("skill") if i.value == "Docker"]
    assert docker.source == "Python, Django, FastAPI, PostgreSQL, Kubernetes, Docker, Redis"
    assert not [i for i in evidence.of_kind("skill") if i.value in ("Python", "Kubernetes")]


def test_a_degree_only_when_the_posting_asks_for_one():
    assert select_evidence(PROFILE, JOB, today=TODAY).of_kind("degree") == []
    asking = _job("You hold a Bachelor's degree in computer science and write Python.")
    (degree,) = select_evidence(PROFILE, asking, today=TODAY).of_kind("degree")
    assert (degree.value, degree.entry.institution) == ("B.Sc. Computer Science", "TU Berlin")
    assert degree.source == "B.Sc. Computer Science, TU Berlin (2010 – 2014)"
    german = _job("Abgeschlossenes Studium der Informatik, Erfahrung mit Python.", "Entwickler (m/w/d)")
    assert select_evidence(PROFILE, german, today=TODAY).of_kind("degree")


def test_languages_only_when_the_posting_names_them_with_the_cvs_level():
    assert select_evidence(PROFILE, JOB, today=TODAY).of_kind("language") == []
    asking = _job("Python backend work. Sehr gute Deutschkenntnisse und fließend Englisch (C1).")
    languages = select_evidence(PROFILE, asking, today=TODAY).of_kind("language")
    assert sorted(i.value for i in languages) == ["English (C1)", "German"]
    assert all(i.source == "German (native), English (C1), Spanish (B1)" for i in languages)


@pytest.mark.parametrize("text,names", [
    ("Fluent German (C1) and good English", ["German", "English"]),
    ("Sehr gute Deutsch- und Englischkenntnisse", ["German", "English"]),
    ("Languages: French, Dutch", ["French", "Dutch"]),
    ("English-speaking team, French accountant wanted", ["English"]),
    ("We write Python and love our customers.", []),
])
def test_posting_languages(text, names):
    assert sorted(posting_languages(_job(text))) == sorted(names)


def test_a_stale_score_cannot_add_a_skill_and_a_profile_without_text_still_gives_evidence():
    ranked = score_job(PROFILE, JOB)
    forged = type(ranked)(ranked.score, [*ranked.matched_skills, "Apache Kafka"], [], ranked.reason)
    assert "Apache Kafka" not in select_evidence(PROFILE, JOB, forged, today=TODAY).matched
    bare = CandidateProfile(title="Python Developer", years_experience=3.2, skills=["Python", "Docker"])
    evidence = select_evidence(bare, JOB, today=TODAY)
    assert [i.value for i in evidence.of_kind("current_role")] == ["Python Developer"]
    assert [i.value for i in evidence.of_kind("years")] == ["3"]
    assert {i.value for i in evidence.of_kind("skill")} == {"Python", "Docker"}
    assert evidence.of_kind("achievement") == [] and evidence.cv_language == "en"


def test_each_lines_language_is_its_own_when_long_enough_else_the_cvs():
    text = CV.replace("• Mentored two junior colleagues.",
                      "• Aufbau und Betreuung der Datenplattform für alle Teams im Unternehmen seit vielen Jahren.")
    evidence = select_evidence(profile_from_text(text, today=TODAY), JOB, today=TODAY)
    by_line = {i.source: i.language for i in evidence.of_kind("achievement")}
    assert by_line["Aufbau und Betreuung der Datenplattform für alle Teams im Unternehmen seit vielen Jahren."] == "de"
    assert by_line["Built REST APIs in Python and Django."] == "en"


@pytest.mark.parametrize("file_id", ["de_meissner__moderncv__xelatex-banking", "en_patel__curve__xelatex",
                                     "fr_benali__europasscv__xelatex", "it_bianchi__docx__table"])
def test_on_corpus_cvs_every_source_is_the_cvs_own_text(file_id):
    profile = build_profile(pdf_path(file_id).read_bytes())
    job = _job("Python, Java, SAP, Kubernetes, Excel, Terraform, Spring Boot. A degree and fluent English.")
    evidence = select_evidence(profile, job, today=TODAY)
    assert evidence.of_kind("achievement") and evidence.of_kind("current_role")
    cv = _flat(profile.text)
    for item in evidence.items:
        if item.kind in ("achievement", "skill", "language"):
            assert _flat(item.source) in cv, (item.kind, item.source)
        if item.kind == "achievement":
            assert item.entry.employer and item.entry.role and item.entry.dates and item.entry.start


STUDENT_CV = """Katrin Vogel
Backend-Entwicklerin
katrin.vogel@example.de · Berlin
Berufserfahrung
Backend-Entwicklerin, Zalando SE
03/2020 – heute
• Entwicklung von REST-Schnittstellen mit Python.
Werkstudentin Softwareentwicklung, SAP SE
04/2014 – 02/2020
• Pflege interner Werkzeuge in Java.
Kenntnisse
Python, Java, Docker
"""


def test_a_student_job_adds_nothing_to_the_years_a_letter_states():
    profile = profile_from_text(STUDENT_CV, today=TODAY)
    assert profile.years_experience > 12  # the reader counts the Werkstudentin years too
    (years,) = select_evidence(profile, JOB, today=TODAY).of_kind("years")
    assert years.value == display_years(professional_years(read_outline(STUDENT_CV, TODAY)))  # rounded down
    assert int(years.value) < 8


def test_the_cvs_own_year_statement_beats_the_dates():
    text = STUDENT_CV.replace("Berufserfahrung\n", "Profil\nBackend-Entwicklerin mit 6 Jahren Berufserfahrung.\n"
                                                   "Berufserfahrung\n", 1)
    (years,) = select_evidence(profile_from_text(text, today=TODAY), JOB, today=TODAY).of_kind("years")
    assert (years.value, years.source) == ("6", "Backend-Entwicklerin mit 6 Jahren Berufserfahrung.")


def test_a_skill_the_cv_speaks_of_in_its_own_words_is_no_gap():
    cv = CV.replace("• Built REST APIs in Python and Django.", "• Built the recommendations API in Python.")
    job = _job("We build APIs.", highlights=[{"title": "Qualifications", "items": ["Python", "REST APIs", "Apache Kafka"]}])
    evidence = select_evidence(profile_from_text(cv, today=TODAY), job, today=TODAY)
    assert "REST APIs" not in evidence.missing and "Apache Kafka" in evidence.missing
    assert words_in_cv("REST APIs", "the recommendations API") and not words_in_cv("Critical Care", "patient care")


def test_a_skill_the_ranking_calls_missing_is_never_matched_nor_listed():
    ranked = score_job(PROFILE, JOB)
    forged = type(ranked)(ranked.score, ranked.matched_skills, [*ranked.missing_skills, "Docker"], ranked.reason)
    evidence = select_evidence(PROFILE, JOB, forged, today=TODAY)
    assert "Docker" not in evidence.matched and "Docker" not in [i.value for i in evidence.of_kind("skill")]
