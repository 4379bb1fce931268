"""Posting parts by heading: what is required, a plus, a benefit, or neither."""
from __future__ import annotations

import pytest

from domain.jobs.sections import (BENEFITS, KINDS, NICE, OTHER, REQUIRED, description_sections, heading_kind,
                                  listed_sections)


@pytest.mark.parametrize("title, kind", [
    ("Qualifications", REQUIRED), ("Preferred qualifications", NICE), ("Benefits", BENEFITS),
    ("Responsibilities", OTHER), ("Ihr Profil", REQUIRED), ("Das bieten wir", BENEFITS),
    ("Profil recherché", REQUIRED), ("Nous offrons", BENEFITS), ("Requisitos", REQUIRED),
    ("Qué ofrecemos", BENEFITS), ("Se valorará", NICE), ("Something else", OTHER),
])
def test_highlight_titles(title, kind):
    assert heading_kind(title) == kind


@pytest.mark.parametrize("text, part, expected", [
    ("Intro. What you bring: Python. Nice to have: Go.", NICE, "Go"),
    ("Intro.\nRequirements\n- Python\nBenefits\n- Gym", BENEFITS, "Gym"),
    ("Intro.\n## What we offer\n- Gym\n**Requirements**\n- SQL", REQUIRED, "SQL"),
    ("Intro. Profil recherché\u00a0: SQL. Un plus : Excel", REQUIRED, "SQL"),
    ("Intro. Requirements for the role: SQL", REQUIRED, "SQL"),
])
def test_description_parts_open_at_their_heading(text, part, expected):
    assert expected in description_sections(text)[part]


@pytest.mark.parametrize("line", ["• Benefits administration in Workday", "Profiling and tuning", "- Requirements"])
def test_a_list_item_or_a_longer_word_opens_no_part(line):
    parts = description_sections(f"Requirements:\n- SQL\n{line}")
    assert line in parts[REQUIRED] and not parts[BENEFITS]


# Shapes only the chat's "Details" read before the two splitters became one: the ranking reads them too.
@pytest.mark.parametrize("text, part, expected", [
    ("Intro.\n🎁 Was wir Ihnen bieten\n• Dienstwagen", BENEFITS, "Dienstwagen"),
    ("Intro.\nNous vous proposons :\n- Mutuelle", BENEFITS, "Mutuelle"),
    ("Intro.\nQué te ofrecemos\n- Seguro médico", BENEFITS, "Seguro médico"),
    ("Intro.\nBuscamos\n- Python", REQUIRED, "Python"),
    ("Intro.\nYour profile – 5 years of Python\nAbout us\nWe sell shoes", REQUIRED, "5 years of Python"),
    ("Intro.\n• Benefits\n• Gym", BENEFITS, "Gym"),
])
def test_details_shapes_open_ranking_parts(text, part, expected):
    parts = description_sections(text)
    assert expected in parts[part]
    assert all(expected not in parts[other] for other in KINDS if other != part)


def test_a_heading_dash_line_ends_at_the_next_heading():
    parts = description_sections("Intro.\nYour profile – 5 years of Python\nAbout us\nWe sell shoes")
    assert "We sell shoes" in parts[OTHER] and "We sell shoes" not in parts[REQUIRED]


# Shapes only the ranking read before: "Details" lists them too.
@pytest.mark.parametrize("text, kind, expected", [
    ("We are a fintech. Requirements for the role: Strong SQL.", "requirements", "Strong SQL."),
    ("Intro.\nSkills required\n- Strong SQL", "requirements", "Strong SQL"),
    ("Intro.\nIdealerweise:\n- Docker-Kenntnisse", "requirements", "Docker-Kenntnisse"),
    ("Intro.\nVon Vorteil:\n- Docker-Kenntnisse", "requirements", "Docker-Kenntnisse"),
    ("Intro.\nUn plus :\n- Excel avancé", "requirements", "Excel avancé"),
    ("Intro.\nSe valorará:\n- Inglés fluido", "requirements", "Inglés fluido"),
    ("Intro.\nCompetencias\n- Excel avanzado", "requirements", "Excel avanzado"),
    ("Intro.\nCompetencies\n- Stakeholder management", "requirements", "Stakeholder management"),
    ("Intro.\nBonus\n- Go experience", "requirements", "Go experience"),
])
def test_ranking_shapes_are_listed_in_details(text, kind, expected):
    assert expected in listed_sections(text)[kind]


@pytest.mark.parametrize("text", ["Requirements:\n- SQL\nDuties:\n- Filing reports",
                                  "Requisitos:\n- SQL\nTareas:\n- Filing reports"])
def test_a_part_of_other_things_ends_the_requirements(text):
    assert listed_sections(text)["requirements"] == ["SQL"]


@pytest.mark.parametrize("title, kind", [("Qualifications", REQUIRED), ("Preferred qualifications", NICE),
                                         ("Benefits", BENEFITS), ("Responsibilities", OTHER)])
def test_details_and_ranking_read_highlight_titles_alike(title, kind):
    assert heading_kind(title) == kind
