"""Property: for any profile and posting, the card's counts, ✓/✗ lists and reason agree.

Profiles draw skills from the real vocabulary, years (or none) and a title; postings draw a
title and a description written the way boards write them — an intro, a requirements part,
a nice-to-have part and a benefits part under headings in English, German, French or Spanish,
on their own line or inline — with or without highlights. Benefit lines draw vocabulary skills
too ("Insurance", "Gym"), which must never reach the lists.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.cv.skills import all_skills, extract_skills
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.cv.years import display_years
from domain.ranking import rank_jobs, reason_text, with_adjustment
from domain.ranking.reasons import ADJUSTMENT_REASONS
from i18n import translator

EN = translator("en")
SKILLS = all_skills()
TITLES = ["Senior Python Developer", "Registered Nurse", "Accountant (m/w/d)", "Marketing Manager",
          "Data Scientist", "Truck Driver CE", "Lehrer (m/w/d)", "Développeur Java (H/F)", "Junior Analyst",
          "Head of Sales", "Werkstudent Data Science", "Software Engineer", ""]
PLACES = ["Berlin, Germany", "Potsdam", "Remote", "Remote - USA only", "Paris, France", "München", ""]
HEADINGS = {  # (required, nice-to-have, benefits) per language
    "en": ("What you bring:", "Nice to have:", "What we offer:"),
    "en-lines": ("Requirements", "Bonus", "## Benefits"),
    "de": ("Ihr Profil:", "Wünschenswert:", "Das bieten wir:"),
    "fr": ("Profil recherché :", "Un plus :", "Nous offrons :"),
    "es": ("Requisitos:", "Se valorará:", "Ofrecemos:"),
}
BENEFITS = ["Health insurance", "Company pension scheme", "30 days of paid holiday", "Gym membership",
            "Company car", "Mutuelle prise en charge à 70 %", "JobRad", "Seguro médico"]
ADJUSTMENTS = [(kind, reason) for kind, reasons in ADJUSTMENT_REASONS.items() for reason in reasons]

skill_lists = st.lists(st.sampled_from(SKILLS), max_size=6, unique=True)
profiles = st.one_of(st.none(), st.builds(
    lambda title, skills, years, place: CandidateProfile(title=title, skills=skills, years_experience=years,
                                                         location=place),
    st.sampled_from(TITLES), st.lists(st.sampled_from(SKILLS), max_size=15, unique=True),
    st.one_of(st.none(), st.floats(0, 45, allow_nan=False)), st.sampled_from(PLACES)))


@st.composite
def postings(draw) -> tuple[JobPosting, str]:
    """A posting, and the text a skill may honestly come from (everything but the benefits)."""
    title, language = draw(st.sampled_from(TITLES)), draw(st.sampled_from(sorted(HEADINGS)))
    required, nice, skills_in_intro = draw(skill_lists), draw(skill_lists), draw(skill_lists)
    benefits = draw(st.lists(st.sampled_from(BENEFITS + SKILLS), max_size=5, unique=True))
    req_heading, nice_heading, benefit_heading = HEADINGS[language]
    inline = draw(st.booleans()) and not language.endswith("lines")
    intro = f"We are hiring a {title}. Our stack: {', '.join(skills_in_intro)}."
    parts = [(req_heading, required), (nice_heading, nice), (benefit_heading, benefits)]
    parts = [part for part in parts if part[1] or draw(st.booleans())]

    def written(heading, items):
        if inline:
            return f"{heading} {', '.join(items)}."
        return f"{heading}\n" + "\n".join(f"• {item}" for item in items)

    highlights = [{"title": "Qualifications", "items": required}, {"title": "Benefits", "items": benefits}] \
        if draw(st.booleans()) else []
    job = JobPosting(job_id="j", title=title, company_name="Acme", location=draw(st.sampled_from(PLACES)),
                     description="\n".join([intro, *(written(heading, items) for heading, items in parts)]),
                     highlights=highlights, work_from_home=draw(st.booleans()))
    # The same text as written (skills are read in their list's context), the benefits left out.
    honest = "\n".join([title, intro, *(written(heading, items) for heading, items in parts
                                         if heading != benefit_heading), " \n".join(required)])
    return job, honest


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles, posting=postings(), query=st.sampled_from(["", "python developer", "nurse in Hamburg",
                                                                      "Buchhalter in Köln"]),
       adjustments=st.lists(st.tuples(st.sampled_from(ADJUSTMENTS), st.integers(-40, 40)), max_size=4))
def test_counts_lists_and_reason_agree(profile, posting, query, adjustments):
    job, honest = posting
    match = rank_jobs(profile, [job], query=query)[0].to_dict()
    _assert_agrees(match, profile)
    skills = match["matched_skills"] + match["missing_skills"]
    honest_keys = {s.casefold() for s in extract_skills(honest)}
    assert all(skill.casefold() in honest_keys for skill in skills), "a skill came from the benefits alone"
    seniority = match["explanation"]["seniority"]
    if seniority is not None:
        assert seniority["years"] == float(display_years(profile.years_experience))
    base, moved = match["score"], 0
    for (kind, reason), points in adjustments:
        match = with_adjustment(match, kind=kind, reason=reason, points=points)
        moved += points
        _assert_agrees(match, profile)
        # In any order, the score is the scorer's own plus every adjustment, kept in 0..100.
        assert match["score"] == max(0, min(100, base + moved)) and match["explanation"]["base_score"] == base


def _assert_agrees(match: dict, profile: CandidateProfile | None) -> None:
    explanation, reason = match["explanation"], match["reason"]
    matched, missing = match["matched_skills"], match["missing_skills"]
    skills = explanation["skills"]
    assert (skills["matched"], skills["missing"]) == (matched, missing)
    required = set(skills["required"])
    assert required <= set(matched + missing)
    assert skills["counts"] == {"matched": len(matched), "total": len(matched) + len(missing),
                                "required_matched": len(required & set(matched)), "required_total": len(required)}
    assert not {s.casefold() for s in matched} & {s.casefold() for s in missing}, "a skill both ✓ and ✗"
    if profile is None:
        assert matched == [] and missing == [], "✓ or ✗ without a CV"
    assert explanation["score"] == match["score"] and 0 <= match["score"] <= 100
    assert reason == reason_text(explanation, EN)
    # The reason names exactly the counts of the lists, and no other "n of m".
    expected = []
    if explanation["mode"] == "cv" and matched + missing:
        expected.append((len(matched), len(matched) + len(missing)))
        if required and len(required) < len(matched) + len(missing):
            expected.append((len(required & set(matched)), len(required)))
    assert [(int(a), int(b)) for a, b in re.findall(r"(\d+) of (\d+)", reason)] == expected, reason
    said = sum(1 for a in explanation["adjustments"] if a["points"]) if explanation["adjustments"] else 0
    assert reason.count("ranked lower") + reason.count("ranked higher") == said
