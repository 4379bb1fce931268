import json
import time
from pathlib import Path

import pytest

from domain.cv import skills
from domain.cv.skills import (
    all_skills,
    canonical_skill,
    extract_skills,
    is_tool,
    skill_category,
)


def test_vocabulary_is_large_and_spans_fields():
    data = json.loads((Path(skills.__file__).parent / "data" / "skills.json").read_text())
    assert len(all_skills()) >= 400
    for category in ("programming", "data", "devops_cloud", "design", "marketing", "sales", "finance_accounting",
                     "healthcare", "education", "logistics", "hospitality", "engineering", "legal", "hr", "trades"):
        assert len(data["categories"][category]) >= 10, category


@pytest.mark.parametrize("alias, canonical", [
    ("k8s", "Kubernetes"), ("postgres", "PostgreSQL"), ("JS", "JavaScript"), ("ML", "Machine Learning"),
    ("Krankenpflege", "Nursing"), ("comptabilité", "Accounting"), ("golang", "Go"), ("node.js", "Node.js"),
    ("c++", "C++"), ("C#", "C#"), (".net", ".NET"), ("Buchhaltung", "Bookkeeping"), ("paie", "Payroll"),
    ("Projektmanagement", "Project Management"), ("gestion de projet", "Project Management"), ("AWS", "AWS"),
    ("Excel", "Excel"), ("sklearn", "scikit-learn"), ("Machine  Learning", "Machine Learning"),
])
def test_canonical_skill_maps_synonyms(alias, canonical):
    assert canonical_skill(alias) == canonical


def test_unknown_and_category():
    assert canonical_skill("basket weaving underwater") is None
    assert skill_category("k8s") == "devops_cloud"
    assert skill_category("Wundversorgung") == "healthcare"
    assert skill_category("nothing") is None


def test_extract_normalises_dedupes_and_keeps_order():
    text = "Stack: k8s, Postgres, python3; also Kubernetes and PostgreSQL again. Node.js, C++, C#, .NET"
    assert extract_skills(text) == ["Kubernetes", "PostgreSQL", "Python", "Node.js", "C++", "C#", ".NET"]


@pytest.mark.parametrize("text, expected", [
    ("Languages: Python, Go, Rust", ["Python", "Go", "Rust"]),
    ("Go (golang) and Python", ["Go", "Python"]),
    ("Python, R and SQL", ["Python", "R", "SQL"]),
    ("Experience with C, C++", ["C", "C++"]),
    ("Python-Entwickler mit SAP-Kenntnissen", ["Python", "SAP"]),
])
def test_short_names_in_list_context(text, expected):
    assert extract_skills(text) == expected


@pytest.mark.parametrize("text", [
    "I like to go to the gym and go hiking.",
    "Let's go!",
    "Vitamin C helps. Plan B or plan C.",
    "Worked in R&D for the C-suite.",
    "We react quickly and excel at rust removal.",
    "Ready to swift-ly go live; rest assured, it works.",
    "Contact me at john@python.org",
    "Our team in Spring 2020.",
])
def test_no_false_positives_on_common_words(text):
    assert extract_skills(text) == []


def test_node_js_is_not_javascript_twice():
    assert extract_skills("Node.js services") == ["Node.js"]


def test_fast_on_long_job_descriptions():
    text = ("We are hiring a backend engineer (Python, Django, k8s, AWS) to build APIs. You communicate well, "
            "write tests and care about CI/CD, PostgreSQL and Redis. Nice to have: Go, Kafka, Terraform. ") * 30
    extract_skills(text)
    started = time.perf_counter()
    for _ in range(100):
        extract_skills(text)
    per_call = (time.perf_counter() - started) / 100
    assert per_call < 0.01, f"{per_call * 1000:.2f} ms for {len(text)} chars"


@pytest.mark.parametrize("text", [
    "We make things later; numbers and pages of notes.", "Render the view. In principle, a bubble.",
    "Slack off, zoom in. Eclipse of the sun. Vault doors. The epic.", "Amplitude of the wave. The intercom rang.",
])
def test_tools_named_by_ordinary_words_need_list_context(text):
    assert extract_skills(text) == []


def test_tools_named_by_ordinary_words_in_a_list():
    assert extract_skills("Tools: Notion, Slack, Zoom, Make and Zapier; Amplitude, Mixpanel") == [
        "Notion", "Slack", "Zoom", "Make", "Zapier", "Amplitude", "Mixpanel"]


@pytest.mark.parametrize("name", ["UX Design", "B2B Sales", "KPI Reporting", "E-commerce", "CRM", "VAT",
                                  "Import/Export", "Forecasting (Finance)", "Statistics", "Recruiting"])
def test_general_fields_written_with_acronyms_are_no_tools(name):
    assert canonical_skill(name) is not None and not is_tool(name)


@pytest.mark.parametrize("name", ["Figma", "SAP FI/CO", "DaVinci Resolve", "3ds Max", "IFRS", "Adobe XD", "Kubernetes"])
def test_named_products_and_standards_are_tools(name):
    assert is_tool(name)


def test_french_couverture_is_coverage_not_roofing():
    # "couverture de tests" (test coverage) in a job ad once listed Roofing as a missing skill.
    from domain.cv.skills import extract_skills

    assert "Roofing" not in extract_skills("Couverture de tests élevée, couverture sociale complète.")
    assert "Roofing" in extract_skills("Compétences : couvreur zingueur, étanchéité")
