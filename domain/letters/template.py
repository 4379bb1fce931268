"""The template letter writer: deterministic, offline, and only ever names the CV's own skills."""
from __future__ import annotations

import logging

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.language import job_language
from domain.letters.phrases import PHRASES
from domain.letters.types import LetterDocument
from domain.ranking import score_job
from domain.ranking.features import skill_key
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)

MAX_LETTER_SKILLS = 5


class TemplateLetterWriter:
    """Fills a fixed letter in the posting's language (German, French, else English)."""

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None
    ) -> LetterDocument:
        """Write the letter and CV summary; ``ranked`` saves re-scoring when already known."""
        ranked = ranked or score_job(profile, job)
        lang = job_language(job)
        matched = owned_skills(profile, ranked.matched_skills)
        letter = _cover_letter(PHRASES[lang], profile, job, matched, bool(ranked.missing_skills))
        summary = _cv_summary(PHRASES[lang], profile, job, matched)
        logger.debug("template letter for job %s in %s", job.job_id, lang)
        return LetterDocument(cover_letter=letter, cv_summary=summary)


def owned_skills(profile: CandidateProfile, skills: list[str]) -> list[str]:
    """The given skills that the profile really lists (guards against a stale or foreign score)."""
    have = {skill_key(s) for s in profile.skills}
    return [s for s in skills if skill_key(s) in have]


def _cover_letter(p: dict, profile: CandidateProfile, job: JobPosting, matched: list[str], gaps: bool) -> str:
    fill = {"company": job.company_name.strip() or "—", "title": job.title.strip()}
    opening = [p["intro"].format(**fill), _experience(p, profile)]
    fit = []
    if matched:
        fit.append(p["matched"].format(skills=_join(matched[:MAX_LETTER_SKILLS], p["and"])))
    elif profile.skills:
        fit.append(p["background"].format(skills=_join(profile.skills[:4], p["and"])))
    if gaps:
        fit.append(p["eager"])
    paragraphs = [p["greeting"].format(**fill), " ".join(s for s in opening if s), " ".join(fit),
                  p["closing"].format(**fill)]
    signoff = p["signoff"] + (f"\n{profile.name.strip()}" if profile.name and profile.name.strip() else "")
    return "\n\n".join([para for para in paragraphs if para] + [signoff])


def _experience(p: dict, profile: CandidateProfile) -> str:
    years, ptitle = _years(profile, p), (profile.title or "").strip()
    if years and ptitle:
        return p["years_title"].format(years=years, ptitle=ptitle)
    if years:
        return p["years"].format(years=years)
    return p["title"].format(ptitle=ptitle) if ptitle else ""


def _cv_summary(p: dict, profile: CandidateProfile, job: JobPosting, matched: list[str]) -> str:
    years = _years(profile, p)
    who = (profile.name or p["candidate"]).strip()
    ptitle = f", {profile.title.strip()}" if profile.title and profile.title.strip() else ""
    head = p["summary_head"].format(
        who=who, ptitle=ptitle, years=", " + p["summary_years"].format(years=years) if years else ""
    )
    lines = [head]
    if matched:
        lines.append(p["summary_matched"].format(title=job.title, company=job.company_name, skills=", ".join(matched)))
    others = [s for s in profile.skills if s not in matched][:6]
    if others:
        lines.append(p["summary_more"].format(skills=", ".join(others)))
    if profile.languages:
        lines.append(p["summary_languages"].format(languages=", ".join(profile.languages)))
    return " ".join(lines)


def display_years(years: float) -> str:
    """"12" rather than "11.8": whole years read naturally in a letter; below two, halves."""
    return f"{round(years):d}" if years >= 2 else f"{round(years * 2) / 2:g}"


def _years(profile: CandidateProfile, p: dict) -> str:
    if not profile.years_experience or profile.years_experience <= 0:
        return ""
    shown = display_years(profile.years_experience)
    return shown if p["and"] == "and" else shown.replace(".", ",")


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
