"""Which of a profile's skills the CV backs in its own words, not by a name that happens to match.

The reader finds vocabulary skills anywhere in the text, so an employer ("Werkstudentin — SAP SE",
"Sage Group"), a school, a link ("github.com/ppatel") or a job title ("Backend Engineer" →
Backend Development) yields a skill ("SAP", "Sage", "GitHub") the person never claimed as one. A letter or tailored CV that states such a skill states something the
CV does not say; ranking keeps the profile's skills as they are.
"""
from __future__ import annotations

import re

from domain.cv.outline_types import CvOutline
from domain.cv.skills import canonical_skill, find_skills
from domain.cv.types import CandidateProfile
from domain.ranking.features import skill_key

# Links and e-mail addresses: "https://…", "www.…", "github.com/ppatel", "linkedin.com/in/x", "a@b.de".
_LINK = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*", re.IGNORECASE)


def cv_backed_skills(profile: CandidateProfile, outline: CvOutline) -> list[str]:
    """The profile's skills (canonical, profile order) that the CV names outside employer and school
    names, job titles, links and e-mail addresses. A profile without text (built from fields alone) keeps all."""
    if not (profile.text or "").strip():
        return list(profile.skills)
    names = [n for e in outline.experience for n in (e.employer, e.role)] + [e.institution for e in outline.education]
    masked = _LINK.sub(" ", profile.text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        masked = masked.replace(name, " ")
    found = {skill_key(m.canonical) for m in find_skills(masked)}
    # A skills-section item outside the vocabulary ("Curas de heridas") is kept as the CV writes it;
    # a vocabulary skill must have been found above ("GitHub" inside "GitHub Actions" was not).
    folded = masked.casefold()
    return [skill for skill in profile.skills if skill_key(skill) in found
            or (canonical_skill(skill) is None and skill.casefold() in folded)]
