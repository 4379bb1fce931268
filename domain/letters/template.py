"""The template letter writer: deterministic, offline, and only ever names the CV's own skills.

The letter is laid out as a business letter in plain text: sender block (name, e-mail, phone,
city — only what the CV gives), recipient (company, posting's location), date line in the
letter's locale (Babel), subject, salutation, body, closing formula and name.
"""
from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

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
    """Fills a fixed letter in the posting's language (EN, DE, FR, ES, IT, NL, PT; else English)."""

    def write(
        self, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
        *, language: str | None = None, on: dt.date | None = None,
    ) -> LetterDocument:
        """Write the letter and CV summary; ``ranked`` saves re-scoring when already known.

        ``language``: force the letter's language ("en", "de", "fr", "es", "it", "nl", "pt";
        "de-AT"/"PT_br" forms accepted) instead of detecting the posting's — what ``/apply N en``
        and the REST field pass. ``None``, empty or an unsupported code means "detect".
        ``on``: the date printed on the letter (default: today); pass it for reproducible output.
        """
        ranked = ranked or score_job(profile, job)
        lang = job_language(job, language)
        matched = owned_skills(profile, ranked.matched_skills)
        letter = _cover_letter(lang, profile, job, matched, bool(ranked.missing_skills), on or dt.date.today())
        summary = _cv_summary(lang, profile, job, matched)
        logger.debug("template letter for job %s in %s", job.job_id, lang)
        return LetterDocument(cover_letter=letter, cv_summary=summary)


def owned_skills(profile: CandidateProfile, skills: list[str]) -> list[str]:
    """The given skills that the profile really lists (guards against a stale or foreign score)."""
    have = {skill_key(s) for s in profile.skills}
    return [s for s in skills if skill_key(s) in have]


def _cover_letter(lang: str, profile: CandidateProfile, job: JobPosting, matched: list[str], gaps: bool,
                  on: dt.date) -> str:
    p = PHRASES[lang]
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
    head = [_sender_block(profile), _recipient_block(job), date_line(lang, on, _city(profile.location)),
            subject_line(lang, job)]
    return "\n\n".join([block for block in head + paragraphs if block] + [signoff])


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _city(location: str | None) -> str:
    """"Berlin, Germany" -> "Berlin": the place in a date line is the town alone."""
    return _clean(location).split(",")[0].strip()


def _sender_block(profile: CandidateProfile) -> str:
    """Name, e-mail, phone and city, one a line — only the ones the CV gives (may be "")."""
    return "\n".join(v for v in (_clean(profile.name), _clean(profile.email), _clean(profile.phone),
                                 _clean(profile.location)) if v)


def _recipient_block(job: JobPosting) -> str:
    return "\n".join(v for v in (_clean(job.company_name), _clean(job.location)) if v)


def date_line(lang: str, on: dt.date, city: str = "") -> str:
    """The date in the letter's locale, after the sender's town when known.

    ("de", 2026-11-30, "Berlin") -> "Berlin, 30. November 2026"; ("fr", …, "Lyon") ->
    "Lyon, le 30 novembre 2026"; ("en", …) -> "November 30, 2026" (no town in English letters).
    """
    date = format_date(on, format="long", locale=lang)
    if not city:
        return date
    return PHRASES[lang]["dateline"].format(city=city, date=date)


def subject_line(lang: str, job: JobPosting) -> str:
    """"Bewerbung als Python-Entwickler (m/w/d)" (postings carry no reference number yet)."""
    return PHRASES[lang]["subject"].format(title=job.title.strip())


def summary_label(lang: str) -> str:
    """The heading for the CV summary in ``lang`` ("CV summary", "Kurzprofil", …); English if unknown."""
    return PHRASES.get(lang, PHRASES["en"])["summary_label"]


@lru_cache(maxsize=None)
def _english_language_codes() -> dict[str, str]:
    return {name.casefold(): code for code, name in Locale("en").languages.items()}


def language_name(name: str, lang: str) -> str:
    """A CV language name ("German", "German (C1)") in ``lang`` ("Deutsch (C1)", "allemand (C1)").

    Names Babel does not know are kept as written.
    """
    head, sep, rest = name.strip().partition(" (")
    code = _english_language_codes().get(head.strip().casefold())
    if not code:
        return name.strip()
    return Locale(lang).languages.get(code, head) + (sep + rest if sep else "")


def _experience(p: dict, profile: CandidateProfile) -> str:
    years, ptitle = _years(profile, p), (profile.title or "").strip()
    if years and ptitle:
        return p["years_title"].format(years=years, ptitle=ptitle)
    if years:
        return p["years"].format(years=years)
    return p["title"].format(ptitle=ptitle) if ptitle else ""


def _cv_summary(lang: str, profile: CandidateProfile, job: JobPosting, matched: list[str]) -> str:
    p = PHRASES[lang]
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
        lines.append(p["summary_languages"].format(languages=", ".join(language_name(n, lang) for n in profile.languages)))
    return " ".join(lines)


def display_years(years: float) -> str:
    """"12" rather than "11.8": whole years read naturally in a letter; below two, halves."""
    return f"{round(years):d}" if years >= 2 else f"{round(years * 2) / 2:g}"


def _years(profile: CandidateProfile, p: dict) -> str:
    if not profile.years_experience or profile.years_experience <= 0:
        return ""
    shown = display_years(profile.years_experience)
    return shown.replace(".", p["decimal"])


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
