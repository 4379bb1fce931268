"""Skills a CV only names through an employer, a school or a link are not the person's skills."""
from __future__ import annotations

from domain.cv.outline import read_outline
from domain.cv.skills import extract_skills
from domain.cv.types import CandidateProfile
from domain.letters.skill_evidence import cv_backed_skills

CV = """Pooja Patel
pooja.patel@example.com · github.com/ppatel · https://linkedin.com/in/ppatel
Experience
Backend Engineer, Sage Group
03/2021 – present
Built payment services in Python and Django.
Working Student, SAP SE
04/2016 – 09/2017
Wrote test scripts in Java.
Education
BSc Computer Science, University of Leeds
2013 – 2016
Skills
Python, Django, Java, Docker
"""


def test_skills_named_only_by_an_employer_or_a_link_are_not_backed():
    profile = CandidateProfile(name="Pooja Patel", skills=extract_skills(CV), text=CV)
    assert {"SAP", "Sage", "GitHub"} <= set(profile.skills)  # what the reader finds in the text
    backed = cv_backed_skills(profile, read_outline(CV))
    assert backed == [s for s in profile.skills if s in {"Python", "Django", "Java", "Docker"}]


def test_a_skill_the_cv_also_names_in_its_own_words_stays():
    text = CV.replace("Python, Django, Java, Docker", "Python, Django, Java, Docker, SAP, GitHub")
    profile = CandidateProfile(skills=extract_skills(text), text=text)
    assert {"SAP", "GitHub"} <= set(cv_backed_skills(profile, read_outline(text)))


def test_a_profile_without_text_keeps_its_skills():
    profile = CandidateProfile(skills=["Python", "SAP"])
    assert cv_backed_skills(profile, read_outline("")) == ["Python", "SAP"]


def test_a_skills_section_item_outside_the_vocabulary_stays_as_written():
    text = "Lucía Navarro\nExperiencia\nEnfermera, Hospital San Pedro\n2018 – 2024\nCompetencias\nTriaje, Curas de heridas\n"
    profile = CandidateProfile(skills=["Triaje", "Curas de heridas", "Kubernetes"], text=text)
    assert cv_backed_skills(profile, read_outline(text)) == ["Triaje", "Curas de heridas"]
