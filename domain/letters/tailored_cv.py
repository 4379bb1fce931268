"""A one-page CV tailored to one job from the candidate's own content. Placeholder; issue 11 part 6."""
from __future__ import annotations

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.language import job_language
from domain.letters.types import TailoredCv
from domain.ranking import score_job
from domain.ranking.features import skill_key
from domain.ranking.types import JobScore


def tailor_cv(profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
              *, language: str | None = None) -> TailoredCv:
    """The profile's content for ``job``: matched skills first. ``language`` as for letters."""
    ranked = ranked or score_job(profile, job)
    matched = {skill_key(s) for s in ranked.matched_skills}
    skills = sorted(profile.skills, key=lambda s: skill_key(s) not in matched)
    contact = tuple(v.strip() for v in (profile.email, profile.phone, profile.location) if v and v.strip())
    return TailoredCv(name=(profile.name or "").strip(), headline=(profile.title or "").strip(), contact=contact,
                      summary=profile.summary, skills=tuple(skills), languages=tuple(profile.languages),
                      language=job_language(job, language))
