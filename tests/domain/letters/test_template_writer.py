"""The template writer: names company, role and real skills, never a skill the CV lacks."""
from __future__ import annotations

import pytest

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import invented_skills
from domain.letters.language import detect_language
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterDocument
from domain.ranking import score_job
from tests.support.labelled_ranking import PERSONAS, build_postings

PROFILE = CandidateProfile(name="Jürgen Müller", title="Python Backend Developer", years_experience=6,
                           skills=["Python", "Django", "PostgreSQL", "Docker"], languages=["German", "English"])
JOB_EN = JobPosting(job_id="e1", title="Senior Backend Engineer", company_name="Acme Ltd", location="Berlin",
                    description="We are looking for an engineer with Python, Django, Kubernetes and AWS experience "
                                "to join our team and build the platform.")
JOB_DE = JobPosting(job_id="d1", title="Python-Entwickler (m/w/d)", company_name="Beispiel GmbH",
                    description="Wir suchen dich für unser Team in Berlin. Du hast Erfahrung mit Python und "
                                "Postgres, Kenntnisse in Kubernetes sind ein Plus. Wir bieten dir flexible Arbeitszeiten.")
JOB_FR = JobPosting(job_id="f1", title="Développeur Python (H/F)", company_name="Exemple SAS",
                    description="Nous recherchons pour notre équipe un développeur avec une expérience en Python "
                                "et Django. Vous travaillerez avec les équipes produit sur la plateforme.")


def test_letter_names_company_role_matched_skills_and_experience():
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN)
    assert isinstance(doc, LetterDocument)
    assert "Acme Ltd" in doc.cover_letter and "Senior Backend Engineer" in doc.cover_letter
    assert "experience with Python and Django" in doc.cover_letter and "6 years" in doc.cover_letter
    assert doc.cover_letter.rstrip().endswith("Jürgen Müller")
    assert "Acme Ltd" in doc.cv_summary and "Python" in doc.cv_summary


def test_missing_required_skills_are_not_claimed_only_eagerness_is_stated():
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN)
    text = doc.cover_letter + doc.cv_summary
    assert "Kubernetes" not in text and "AWS" not in text
    assert "eager to learn" in doc.cover_letter


def test_a_precomputed_score_is_used_but_cannot_smuggle_in_foreign_skills():
    ranked = score_job(PROFILE, JOB_EN)
    forged = type(ranked)(ranked.score, ranked.matched_skills + ["Kubernetes"], [], ranked.reason)
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN, forged)
    assert "Kubernetes" not in doc.cover_letter and "Python" in doc.cover_letter


def test_no_letter_for_any_persona_and_posting_names_a_skill_absent_from_the_profile():
    writer, postings = TemplateLetterWriter(), [job for _, job in build_postings()]
    checked = 0
    for persona in PERSONAS:
        for job in postings:
            doc = writer.write(persona.profile, job)
            assert invented_skills(doc.cover_letter + "\n" + doc.cv_summary, persona.profile, job) == []
            assert job.company_name in doc.cover_letter and job.title in doc.cover_letter
            checked += 1
    assert checked >= 600


def test_german_posting_gets_a_german_letter():
    doc = TemplateLetterWriter().write(PROFILE, JOB_DE)
    assert "\n\nSehr geehrte Damen und Herren,\n\n" in doc.cover_letter
    assert "Python-Entwickler (m/w/d)" in doc.cover_letter and "Mit freundlichen Grüßen" in doc.cover_letter
    assert "6 Jahre Berufserfahrung" in doc.cover_letter and "Python und PostgreSQL" in doc.cover_letter
    assert "Sprachen: Deutsch, Englisch." in doc.cv_summary


def test_french_posting_gets_a_french_letter_and_english_stays_english():
    assert "\n\nMadame, Monsieur,\n\n" in TemplateLetterWriter().write(PROFILE, JOB_FR).cover_letter
    assert "\n\nDear Hiring Team,\n\n" in TemplateLetterWriter().write(PROFILE, JOB_EN).cover_letter


@pytest.mark.parametrize("text,title,lang", [
    ("Wir suchen eine Pflegefachkraft für unser Team mit Erfahrung in der Intensivpflege.", "", "de"),
    ("Nous recherchons un comptable pour notre cabinet, avec une expérience des clôtures.", "", "fr"),
    ("We are hiring a nurse for our ward with experience in intensive care.", "", "en"),
    ("", "Buchhalter (m/w/d)", "de"),
    ("", "", "en"),
])
def test_language_detection(text, title, lang):
    assert detect_language(text, title) == lang


def test_sparse_profile_still_gets_a_sensible_letter():
    doc = TemplateLetterWriter().write(CandidateProfile(), JOB_EN)
    assert "Acme Ltd" in doc.cover_letter and "None" not in doc.cover_letter + doc.cv_summary
    assert doc.cover_letter.rstrip().endswith("Kind regards,")
