"""Seniority of a posting: the title's words first, then the years of experience the text asks for."""

import pytest

from domain.jobs.level import level_rank, required_years, seniority_level
from domain.jobs.preferences import SENIORITY_LEVELS
from domain.jobs.types import JobPosting
from domain.jobs.titles import fold


def posting(title: str, description: str = "") -> JobPosting:
    return JobPosting(job_id="x", title=title, company_name="Acme", description=description)


TITLES = [
    ("Senior Python Engineer", "senior"),
    ("Sr. Data Analyst", "senior"),
    ("Lead Developer", "lead"),
    ("Head of Marketing", "lead"),
    ("Principal Engineer", "lead"),
    ("Staff Software Engineer", "senior"),
    ("Staff Nurse", None),  # a UK band-5 nurse, not a senior rung
    ("Staff Accountant", None),
    ("Junior Accountant", "junior"),
    ("Jr Frontend Developer", "junior"),
    ("Graduate Trainee Accountant", "junior"),
    ("Werkstudent Online-Marketing (m/w/d)", "junior"),
    ("Praktikum UX Design", "junior"),
    ("Buchhalter (m/w/d) – Berufseinsteiger", "junior"),
    ("Développeur Python confirmé (H/F)", "mid"),
    ("Développeur Python senior confirmé (H/F)", "senior"),
    ("Ingénieur débutant (H/F)", "junior"),
    ("Teamleiter Buchhaltung (m/w/d)", "lead"),
    ("Software Engineer II", "mid"),
    ("Mid-Level Full Stack Software Engineer", "mid"),
    ("Python Developer", None),
    ("Stage Manager", None),  # a theatre's, no intern
    ("Lead Generation Specialist", None),
    ("Küchenchef (m/w/d)", "lead"),
]


@pytest.mark.parametrize(("title", "level"), TITLES)
def test_the_title_names_the_level(title, level):
    assert seniority_level(posting(title)) == level


DESCRIPTIONS = [
    ("You have 5+ years of experience with Python.", "senior"),
    ("3-5 years of professional experience in accounting", "mid"),
    ("Mindestens 3 Jahre Berufserfahrung in der Buchhaltung", "mid"),
    ("Vous avez au moins 3 ans d'expérience en tant que comptable.", "mid"),
    ("Se requieren 5 años de experiencia en enfermería.", "senior"),
    ("1 year of experience in customer service", "junior"),
    ("Wir sind seit 30 Jahren am Markt und suchen dich.", None),  # the company's age, not the job's
    ("Founded 12 years ago, we build tools for nurses.", None),
    ("Mit über 10 Jahren am Markt sind wir ein erfahrener Partner.", None),
    ("Berufseinsteiger sind herzlich willkommen!", "junior"),
    ("Sin experiencia previa necesaria. Buscamos personas con ganas.", "junior"),
    ("A friendly team and a good coffee machine.", None),
    ("Créée en 1997, Predictis recherche un développeur Python confirmé pour son pôle data.", "mid"),
    ("We are looking for a Senior Accountant to join our team.", "senior"),
    ("Wir suchen einen Junior Buchhalter (m/w/d) für unser Team.", "junior"),
    ("We are looking for a colleague. Our senior team will train you.", None),  # not the role sought
]


@pytest.mark.parametrize(("description", "level"), DESCRIPTIONS)
def test_without_a_title_word_the_years_asked_decide(description, level):
    assert seniority_level(posting("Accountant", description)) == level


def test_the_title_wins_over_the_years():
    assert seniority_level(posting("Junior Developer", "2+ years of experience with React")) == "junior"


def test_the_fewest_years_asked_count():
    assert required_years(fold("Must have 2+ years of experience with SQL and 7 years in banking experience")) == 2


@pytest.mark.parametrize("level", SENIORITY_LEVELS)
def test_rank_is_the_index_in_the_shared_order(level):
    assert SENIORITY_LEVELS[level_rank(level)] == level


@pytest.mark.parametrize("level", [None, "", "student", "Senior"])
def test_rank_of_an_unknown_level_is_none(level):
    assert level_rank(level) is None


def test_labelled_postings(labelled_postings):
    """Precision: a level given is the right one; recall: a level known to the labeller is found."""
    said = [(seniority_level(job), label["level"]) for job, label in labelled_postings]
    right = sum(found is not None and found == truth for found, truth in said)
    precision = right / max(1, sum(found is not None for found, _ in said))
    recall = right / max(1, sum(truth is not None for _, truth in said))
    print(f"level on {len(said)} labelled postings: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.85


# The reader the ranking uses too: raw text as written, or folded.
@pytest.mark.parametrize(("text", "years"), [
    ("You have 5+ years of Python.", 5),  # the plus sign asks
    ("Se requieren 3 a 5 años de experiencia en enfermería.", 3),
    ("Mindestens 2 Jahre Berufserfahrung. Wir sind seit 30 Jahren am Markt.", 2),
    ("Seit 30 Jahren entwickeln wir Software mit Erfahrung.", None),
    ("Una empresa con 40 años de historia y experiencia en el sector.", None),
    ("We care for children from 0 to 3 years. At least 5 years of experience in childcare.", 5),
    ("Founded 25 years ago, we have 15 years of experience.", None),
])
def test_years_asked_read_from_raw_or_folded_text(text, years):
    assert required_years(text) == years
    assert required_years(fold(text)) == years
