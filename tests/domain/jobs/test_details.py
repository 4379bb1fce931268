"""Details of one posting: requirement and benefit sections in the posting's words, or a summary."""
import re

import pytest

from domain.jobs.details import MAX_BENEFITS, MAX_LINE_CHARS, MAX_REQUIREMENTS, JobDetails, clip, job_details
from domain.jobs.types import JobPosting


def posting(description: str, title: str = "Data Engineer", **fields) -> JobPosting:
    return JobPosting(job_id="x", title=title, company_name="Acme", description=description, **fields)


SECTIONS = [
    pytest.param(
        "About us\nWe build payments.\n\nWhat you bring:\n• 3+ years of Python\n• Strong SQL\n\n"
        "What we offer:\n• 30 days of holiday\n• Learning budget\n\nApply now!",
        ["3+ years of Python", "Strong SQL"], ["30 days of holiday", "Learning budget"], id="english bullets"),
    pytest.param(
        "Deine Aufgaben:\n- Pipelines bauen\n\nDein Profil:\n- Abgeschlossenes Studium\n- Gute SQL-Kenntnisse\n\n"
        "Das bieten wir:\n- 30 Tage Urlaub\n- Jobrad",
        ["Abgeschlossenes Studium", "Gute SQL-Kenntnisse"], ["30 Tage Urlaub", "Jobrad"], id="german dashes"),
    pytest.param(
        "Vos missions :\n1. Tenir la comptabilité\n\nProfil recherché :\n1. Bac+3 en comptabilité\n"
        "2. Maîtrise de Sage\n\nAvantages :\n1. Tickets restaurant\n2. Mutuelle",
        ["Bac+3 en comptabilité", "Maîtrise de Sage"], ["Tickets restaurant", "Mutuelle"], id="french numbered"),
    pytest.param(
        "Requisitos\n* Grado en Enfermería\n* Colegiación en vigor\nOfrecemos\n* Contrato indefinido\n* Formación",
        ["Grado en Enfermería", "Colegiación en vigor"], ["Contrato indefinido", "Formación"], id="spanish stars"),
    pytest.param(
        "We are a fintech in Berlin. Requirements: 3+ years with Python. Strong SQL. What we offer: "
        "30 days holiday. Remote work.",
        ["3+ years with Python.", "Strong SQL."], ["30 days holiday.", "Remote work."], id="one paragraph"),
    pytest.param(
        "<h2>Dein Profil</h2><ul><li>5 Jahre Erfahrung mit <b>Python</b></li><li>Deutsch &amp; Englisch</li></ul>"
        "<h2>Wir bieten</h2><ul><li>Homeoffice</li></ul>",
        ["5 Jahre Erfahrung mit Python", "Deutsch & Englisch"], ["Homeoffice"], id="html"),
]


@pytest.mark.parametrize(("description", "requirements", "benefits"), SECTIONS)
def test_sections_in_every_language_and_shape(description, requirements, benefits):
    details = job_details(posting(description))
    assert details.requirements == requirements
    assert details.benefits == benefits
    assert details.summary == ""


def test_highlights_come_first():
    job = posting("", highlights=[{"title": "Qualifications", "items": ["Python", "SQL"]},
                                  {"title": "Benefits", "items": ["Health insurance"]}])
    assert job_details(job).requirements == ["Python", "SQL"]
    assert job_details(job).benefits == ["Health insurance"]


def test_a_summary_when_there_are_no_sections():
    details = job_details(posting("Kassierer (m/w/d) bei Edeka. Wir suchen freundliche Menschen für unseren Markt "
                                  "in Dresden. Bewirb dich jetzt."))
    assert details.requirements == details.benefits == []
    assert details.summary == "Kassierer (m/w/d) bei Edeka. Wir suchen freundliche Menschen für unseren Markt in Dresden."


def test_lines_are_clipped_on_a_word_boundary():
    line = clip("word " * 100)
    assert len(line) <= MAX_LINE_CHARS and line.endswith("word…")


def test_at_most_six_requirements_and_five_benefits():
    items = "\n".join(f"• item number {n}" for n in range(20))
    details = job_details(posting(f"Requirements:\n{items}\n\nBenefits:\n{items}"))
    assert len(details.requirements) == MAX_REQUIREMENTS and len(details.benefits) == MAX_BENEFITS


def test_the_other_facts_ride_along():
    details = job_details(posting("On behalf of our client, a bank, we seek you.", title="Senior Analyst (Contract)"))
    assert details == JobDetails(requirements=[], benefits=[], summary="On behalf of our client, a bank, we seek you.",
                                 job_types=["contract"], level="senior", agency=True)


def test_no_html_or_control_characters_come_back():
    details = job_details(posting("Requirements:\n• <script>x</script>Python\x1b[31m\u202e\n• SQL\x00"))
    for line in details.requirements:
        assert not re.search(r"[<>\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", line)
