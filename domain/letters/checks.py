"""Rules every letter must pass, whoever wrote it."""
from __future__ import annotations

from domain.cv.skills import extract_skills
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.types import LetterDocument, LetterRejected
from domain.ranking.features import skill_key


def allowed_skills(profile: CandidateProfile, job: JobPosting) -> set[str]:
    """Skill keys a letter may name: the CV's skills, plus those inside names it must quote.

    Naming the role ("Python Developer") or the company is not a claim to have the skill.
    """
    quoted = f"{job.title}\n{job.company_name}\n{profile.title or ''}\n{profile.name or ''}"
    return {skill_key(s) for s in profile.skills} | {skill_key(s) for s in extract_skills(quoted)}


def invented_skills(text: str, profile: CandidateProfile, job: JobPosting) -> list[str]:
    """Vocabulary skills named in ``text`` that the profile does not have."""
    allowed = allowed_skills(profile, job)
    return [s for s in extract_skills(text) if skill_key(s) not in allowed]


def check_document(doc: LetterDocument, profile: CandidateProfile, job: JobPosting) -> LetterDocument:
    """Return ``doc`` unchanged, or raise LetterRejected when it is empty or invents a skill."""
    if len(doc.cover_letter.strip()) < 40:
        raise LetterRejected("the letter is empty or too short")
    invented = invented_skills(f"{doc.cover_letter}\n{doc.cv_summary}", profile, job)
    if invented:
        raise LetterRejected(f"the letter names skills the CV does not list: {', '.join(invented)}")
    return doc
