"""The four explainable parts of a score, each a value in 0..1 plus the words that explain it.

A value of None means "no evidence either way" (e.g. the CV states no years); the caller
substitutes a neutral value so a missing fact neither helps nor hurts a job.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import sqrt

from babel.lists import format_list

from domain.cv.gazetteer import country_name
from domain.jobs.places import NEAR_KM, distance_km
from domain.ranking.features import JobFeatures, ProfileFeatures
from domain.ranking.titles import JUNIOR, LEAD, LEVEL_NAMES, MID, SENIOR, STUDENT

REQUIRED_WEIGHT = 2.0
# Smoothing: a job naming a single skill the CV has is weaker evidence than one naming six.
SKILL_PRIOR = 1.0
# Comfortable years of experience per level; outside the band the fit decays per year.
_YEARS_BAND = {STUDENT: (0, 2), JUNIOR: (0, 3), MID: (1, 60), SENIOR: (5, 60), LEAD: (8, 60)}
_RELATED = (frozenset({"developer", "engineer"}), frozenset({"accountant", "finance"}),
            frozenset({"scientist", "analyst"}), frozenset({"driver", "truck"}),
            frozenset({"nurse", "care"}), frozenset({"teacher", "tutor"}))


@dataclass(frozen=True)
class SkillFit:
    """Skill overlap: value, the matched and missing skills, and the required-skill counts."""

    value: float | None
    matched: list[str]
    missing: list[str]
    required_matched: list[str]
    required_total: int


def skill_fit(profile: ProfileFeatures, job: JobFeatures) -> SkillFit:
    """Weighted share of the job's skills that the profile has (required ones count double)."""
    matched, missing, required_matched = [], [], []
    have = total = 0.0
    for skill in job.skills:
        key = skill.casefold()
        weight = REQUIRED_WEIGHT if key in job.required else 1.0
        total += weight
        if key in profile.skill_keys:
            have += weight
            matched.append(skill)
            if key in job.required:
                required_matched.append(skill)
        else:
            missing.append(skill)
    value = have / (total + SKILL_PRIOR) if total and profile.skill_keys else None
    return SkillFit(value, matched, missing, required_matched, len(job.required))


def concept_fit(wanted: frozenset[str], offered: frozenset[str]) -> float | None:
    """Set cosine of two concept sets, with half credit for closely related roles."""
    if not wanted or not offered:
        return None
    overlap = float(len(wanted & offered))
    for concept in offered - wanted:
        if any(concept in pair and pair & wanted for pair in _RELATED):
            overlap += 0.5
    return min(1.0, overlap / sqrt(len(wanted) * len(offered)))


def title_fit(profile: ProfileFeatures, job: JobFeatures) -> float | None:
    """How well the job title fits the CV's title or, if better, the search query."""
    fits = [f for f in (concept_fit(profile.concepts, job.concepts),
                        concept_fit(profile.query_concepts, job.concepts)) if f is not None]
    return max(fits) if fits else None


def seniority_fit(years: float | None, job: JobFeatures) -> tuple[float | None, str]:
    """Years of experience against the level the title names and the years the text asks."""
    if years is None:
        return None, ""
    level = MID if job.level is None else job.level
    low, high = _YEARS_BAND[level]
    if job.required_years and level not in (STUDENT, JUNIOR):
        low = max(low, job.required_years)
    shown = f"{years:g} years"
    role = f"a {LEVEL_NAMES[level]} role" if job.level is not None else "the role"
    if years < low:
        return max(0.1, 1 - 0.2 * (low - years)), f"{shown} is below the {low} this role asks for"
    if years > high:
        return max(0.1, 1 - 0.15 * (years - high)), f"{shown} is more than {role} needs"
    return 1.0, f"{shown} fits {role}"


SAME_PLACE_KM = 5.0  # a city's own districts and suburbs


def location_fit(profile: ProfileFeatures, job: JobFeatures, job_location: str) -> tuple[float | None, str]:
    """Same city, remote, same country, or elsewhere; a job in the wanted city beats a remote one."""
    label = job_location.split(",")[0].strip()
    distance = distance_km(job.point, profile.point) if job.point and profile.point else None
    if distance is not None and not job.remote:
        # Coordinates from the gazetteer decide: Potsdam is near Berlin though its name is not Berlin.
        if distance <= SAME_PLACE_KM:
            return 1.0, f"in {label}"
        if distance <= NEAR_KM:
            return 0.9, f"in {label}, near {profile.place_label} ({distance:.0f} km)"
    common = profile.places & job.places
    if common - _country_words(common):  # a shared city (regions like "Bayern" may differ)
        return 1.0, f"in {label}"
    if job.remote:
        country = profile.point.country if profile.point else None
        if job.remote_countries and country and country not in job.remote_countries:
            # "Remote - USA only" is no option for someone searching from Paris.
            return 0.15, f"remote, {_open_to(job.remote_countries)} only"
        return (0.85 if profile.places else 1.0), "remote"
    if not profile.places or not job.places:
        return None, f"in {label}" if label else ""
    if common:
        return 0.6, f"in {label}, same country"
    return 0.15, f"in {label}, away from {profile.place_label}" if profile.place_label else f"in {label}"


def _country_words(places: frozenset[str]) -> frozenset[str]:
    # Only the country differs when the common part already contains the city.
    return frozenset(p for p in places if p in _COUNTRIES)


_COUNTRIES = frozenset(
    "germany austria switzerland france belgium netherlands luxembourg italy spain portugal "
    "united kingdom england ireland us united states canada poland sweden denmark norway "
    "finland czechia remote".split()
) | {"united kingdom", "united states"}



def _open_to(countries: tuple[str, ...]) -> str:
    """"USA", "UK and Germany", or "12 countries": who a remote job is open to, for a reason line."""
    names = [_SHORT_NAMES.get(code) or country_name(code) or code for code in countries]
    if len(names) <= 2:
        return format_list(names, locale="en")
    return f"{len(names)} countries"


_SHORT_NAMES = {"US": "USA", "GB": "UK", "AE": "UAE"}
