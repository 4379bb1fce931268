"""Score and rank jobs for a candidate profile (or, without a CV, for the search query)."""
from __future__ import annotations

import logging
from collections.abc import Iterable

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.ranking.components import concept_fit, location_fit, seniority_fit, skill_fit, title_fit
from domain.ranking.features import JobFeatures, ProfileFeatures, job_features, profile_features, text_concepts
from domain.ranking.explain import Explanation
from domain.ranking.types import JobScore, RankedJob

logger = logging.getLogger(__name__)

WEIGHTS = {"skills": 0.40, "title": 0.35, "seniority": 0.15, "location": 0.10}
# Stand-ins for "no evidence": equal for every job, so they shift the score, not the order.
_NEUTRAL = {"seniority": 0.6, "location": 0.5}


def score_job(profile: CandidateProfile | None, job: JobPosting, *, query: str = "") -> JobScore:
    """Score one job 0-100 for a profile; without a profile, for relevance to ``query``."""
    return _score(profile_features(profile, query), job)


def rank_jobs(
    profile: CandidateProfile | None, jobs: Iterable[JobPosting], *, query: str = ""
) -> list[RankedJob]:
    """Score every job and sort best first; ties go to the better title fit, then title, then id."""
    features = profile_features(profile, query)
    ranked = [RankedJob(job, _score(features, job)) for job in jobs]
    ranked.sort(key=lambda r: (-r.result.score, -r.result.components.get("title", 0.0),
                               r.job.title.casefold(), r.job.job_id))
    logger.debug("ranked %s jobs (profile=%s)", len(ranked), features.has_profile)
    return ranked


def _score(profile: ProfileFeatures, job: JobPosting) -> JobScore:
    features = job_features(job)
    if not profile.has_profile:
        return _score_without_profile(profile, features, job)
    skills = skill_fit(profile, features)
    title = title_fit(profile, features)
    years_value, years_facts = seniority_fit(profile.years, features)
    place_value, place_facts = location_fit(profile, features, job.location)
    components = {
        # A posting that names no vocabulary skill is judged on its title alone.
        "skills": skills.value if skills.value is not None else (title.value or 0.0),
        "title": title.value if title.value is not None else (skills.value or 0.0),
        "seniority": years_value if years_value is not None else _NEUTRAL["seniority"],
        "location": place_value if place_value is not None else _NEUTRAL["location"],
    }
    score = _weighted(components)
    title_facts = {"verdict": _title_verdict(title.value), "against": title.against} if title.value is not None else None
    return _result(Explanation(score, "cv", tuple(skills.matched), tuple(skills.missing), tuple(skills.required),
                               title_facts, years_facts, place_facts), components)


def _score_without_profile(profile: ProfileFeatures, features: JobFeatures, job: JobPosting) -> JobScore:
    wanted = profile.query_concepts
    title = concept_fit(wanted, features.concepts) or 0.0
    text = len(wanted & text_concepts(job.title, job.description)) / len(wanted) if wanted else 0.0
    place_value, place_facts = location_fit(profile, features, job.location)
    place = place_value if place_value is not None else _NEUTRAL["location"]
    score = round(100 * (0.55 * title + 0.30 * text + 0.15 * place))
    # No CV, no ✓ or ✗: the query's words are compared with the title, not skills with a person's.
    verdict = "fits" if title >= 0.7 else "related" if score >= 20 else "little"
    explanation = Explanation(score, "search", title={"verdict": verdict, "against": "search"}, place=place_facts) \
        if wanted else Explanation(score, "unranked")
    return _result(explanation, {"title": title, "text": text, "location": place})


def _title_verdict(value: float) -> str:
    return "fits" if value >= 0.7 else "partly" if value > 0 else "outside"


def _result(explanation: Explanation, components: dict[str, float]) -> JobScore:
    """The score, ✓/✗ lists and English reason, all read from the one explanation."""
    return JobScore(explanation.score, list(explanation.matched), list(explanation.missing), explanation.reason(),
                    _rounded(components), explanation)


def _weighted(components: dict[str, float]) -> int:
    total = sum(WEIGHTS[name] * value for name, value in components.items())
    return max(0, min(100, round(100 * total)))


def _rounded(components: dict[str, float]) -> dict[str, float]:
    return {name: round(value, 3) for name, value in components.items()}
