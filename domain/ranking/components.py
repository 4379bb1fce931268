"""The four explainable parts of a score, each a value in 0..1 plus the facts that explain it.

A value of None means "no evidence either way" (e.g. the CV states no years); the caller
substitutes a neutral value so a missing fact neither helps nor hurts a job.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import sqrt

from domain.jobs.places import NEAR_KM, distance_km
from domain.cv.years import display_years
from domain.ranking.features import JobFeatures, ProfileFeatures
from domain.jobs.titles import JUNIOR, LEAD, LEVEL_NAMES, MID, SENIOR, STUDENT

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
    """Skill overlap: value, the matched and missing skills (required ones first), and which are required."""

    value: float | None
    matched: list[str]
    missing: list[str]
    required: list[str]  # of matched + missing, the ones the posting requires


def skill_fit(profile: ProfileFeatures, job: JobFeatures) -> SkillFit:
    """Weighted share of the job's skills that the profile has (required ones count double)."""
    matched, missing, required = [], [], []
    have = total = 0.0
    for skill in job.skills:
        key = skill.casefold()
        weight = REQUIRED_WEIGHT if key in job.required else 1.0
        total += weight
        if key in job.required:
            required.append(skill)
        if key in profile.skill_keys:
            have += weight
            matched.append(skill)
        else:
            missing.append(skill)
    value = have / (total + SKILL_PRIOR) if total and profile.skill_keys else None
    return SkillFit(value, matched, missing, required)


def concept_fit(wanted: frozenset[str], offered: frozenset[str]) -> float | None:
    """Set cosine of two concept sets, with half credit for closely related roles."""
    if not wanted or not offered:
        return None
    overlap = float(len(wanted & offered))
    for concept in offered - wanted:
        if any(concept in pair and pair & wanted for pair in _RELATED):
            overlap += 0.5
    return min(1.0, overlap / sqrt(len(wanted) * len(offered)))


@dataclass(frozen=True)
class TitleFit:
    """How well the job title fits, and what it was compared with: "cv" (the CV's role) or "search"."""

    value: float | None
    against: str


def title_fit(profile: ProfileFeatures, job: JobFeatures) -> TitleFit:
    """The job title against the CV's title or, if that fits better, the search query."""
    cv = concept_fit(profile.concepts, job.concepts)
    searched = concept_fit(profile.query_concepts, job.concepts)
    if searched is not None and (cv is None or searched > cv):
        return TitleFit(searched, "search")
    return TitleFit(cv, "cv")


def seniority_fit(years: float | None, job: JobFeatures) -> tuple[float | None, dict | None]:
    """Years of experience against the level the title names and the years the text asks.

    ``years`` is judged as shown (``display_years``: 8.8 → 8), so the figure in the reason is
    the one compared. Facts: ``{"years", "verdict": "fits"|"below"|"above", "level", "asked"}``
    (``level`` None when the title names none; ``asked`` the lowest years the role wants).
    """
    if years is None:
        return None, None
    shown = float(display_years(years))
    level = MID if job.level is None else job.level
    low, high = _YEARS_BAND[level]
    if job.required_years and level not in (STUDENT, JUNIOR):
        low = max(low, job.required_years)
    facts = {"years": shown, "level": LEVEL_NAMES[job.level] if job.level is not None else None, "asked": low}
    if shown < low:
        return max(0.1, 1 - 0.2 * (low - shown)), {**facts, "verdict": "below"}
    if shown > high:
        return max(0.1, 1 - 0.15 * (shown - high)), {**facts, "verdict": "above"}
    return 1.0, {**facts, "verdict": "fits"}


SAME_PLACE_KM = 5.0  # a city's own districts and suburbs


def location_fit(profile: ProfileFeatures, job: JobFeatures, job_location: str) -> tuple[float | None, dict | None]:
    """Same city, remote, same country, or elsewhere; a job in the wanted city beats a remote one.

    Facts: ``{"verdict", "place", "home", "km", "open_to"}``; verdict one of "here", "near" (with
    ``km``), "remote", "remote_elsewhere" (open only to ``open_to``, ISO codes), "same_country",
    "away", "unknown" (nothing to compare); None when the posting names no place.
    """
    label = job_location.split(",")[0].strip()
    facts = {"place": label, "home": profile.place_label}
    distance = distance_km(job.point, profile.point) if job.point and profile.point else None
    if distance is not None and not job.remote:
        # Coordinates from the gazetteer decide: Potsdam is near Berlin though its name is not Berlin.
        if distance <= SAME_PLACE_KM:
            return 1.0, {**facts, "verdict": "here"}
        if distance <= NEAR_KM:
            return 0.9, {**facts, "verdict": "near", "km": round(distance)}
    common = profile.places & job.places
    if common - _country_words(common):  # a shared city (regions like "Bayern" may differ)
        return 1.0, {**facts, "verdict": "here"}
    if job.remote:
        country = profile.point.country if profile.point else None
        if job.remote_countries and country and country not in job.remote_countries:
            # "Remote - USA only" is no option for someone searching from Paris.
            return 0.15, {**facts, "verdict": "remote_elsewhere", "open_to": list(job.remote_countries)}
        return (0.85 if profile.places else 1.0), {**facts, "verdict": "remote"}
    if not profile.places or not job.places:
        return None, {**facts, "verdict": "unknown"} if label else None
    if common:
        return 0.6, {**facts, "verdict": "same_country"}
    return 0.15, {**facts, "verdict": "away"}


def _country_words(places: frozenset[str]) -> frozenset[str]:
    # Only the country differs when the common part already contains the city.
    return frozenset(p for p in places if p in _COUNTRIES)


_COUNTRIES = frozenset(
    "germany austria switzerland france belgium netherlands luxembourg italy spain portugal "
    "united kingdom england ireland us united states canada poland sweden denmark norway "
    "finland czechia remote".split()
) | {"united kingdom", "united states"}


