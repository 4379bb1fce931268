"""The one plain line that explains a score."""
from __future__ import annotations

from domain.ranking.components import SkillFit
from domain.ranking.features import JobFeatures

_SHOWN_SKILLS = 3
CV_HINT = "send your CV to rank jobs by your skills and experience"


def strength(score: int) -> str:
    """A word for the score band, used at the start of every reason."""
    if score >= 75:
        return "Strong match"
    if score >= 55:
        return "Good match"
    if score >= 35:
        return "Partial match"
    return "Weak match"


def profile_reason(
    score: int, skills: SkillFit, title: float | None, job: JobFeatures, years_words: str, place_words: str
) -> str:
    """E.g. "Strong match: 5 of 6 required skills (Python, Django, …); 6 years fits a senior role; in Berlin."."""
    parts = [_skills_words(skills, job), _title_words(title), years_words, place_words]
    return f"{strength(score)}: " + "; ".join(p for p in parts if p) + "."


def no_profile_reason(score: int, wanted: frozenset[str], title: float, place_words: str) -> str:
    """Relevance to the query only, with the hint that a CV gives a better ranking."""
    if not wanted:
        return f"No CV and no search words yet, so this is unranked; {CV_HINT}."
    fit = "title matches your search" if title >= 0.7 else "related to your search" if score >= 20 else "little in common with your search"
    parts = [fit, place_words]
    # No "send your CV" tip per job: the list's footer says it once (ten tips pushed a list over one message).
    return f"{strength(score)}: " + "; ".join(p for p in parts if p) + "."


def _skills_words(skills: SkillFit, job: JobFeatures) -> str:
    if not job.skills:
        return "the posting names no specific skills"
    if skills.required_total:
        shown = _listing(skills.required_matched) or _listing(skills.missing, prefix="missing ")
        return f"{len(skills.required_matched)} of {skills.required_total} required skills ({shown})"
    shown = _listing(skills.matched) or _listing(skills.missing, prefix="missing ")
    return f"{len(skills.matched)} of {len(job.skills)} skills asked for ({shown})"


def _title_words(title: float | None) -> str:
    if title is None:
        return ""
    if title >= 0.7:
        return "title fits your background"
    return "title partly fits your background" if title > 0 else "title is outside your field"


def _listing(skills: list[str], prefix: str = "") -> str:
    if not skills:
        return ""
    more = ", …" if len(skills) > _SHOWN_SKILLS else ""
    return prefix + ", ".join(skills[:_SHOWN_SKILLS]) + more
