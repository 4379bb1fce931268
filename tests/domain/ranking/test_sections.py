"""Posting parts by heading: what is required, a plus, a benefit, or neither."""
from __future__ import annotations

import pytest

from domain.ranking.sections import BENEFITS, NICE, OTHER, REQUIRED, description_sections, heading_kind


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
