"""The template letter writer: deterministic, offline, and states only what the CV contains.

The letter is a business letter (``LetterParts``): sender block (name, e-mail, phone, city — only
what the CV gives), recipient (company, posting's location), date line in the letter's locale
(Babel), subject, salutation, a body written from the CV's own evidence
(``domain.letters.evidence`` → ``domain.letters.template_body``), closing formula and name.
Every letter it writes passes ``domain.letters.checks.check_text``.
"""
from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.evidence import Evidence, select_evidence
from domain.letters.language import job_language, normalise_language
from domain.letters.phrases import PHRASES
from domain.letters.template_body import body_paragraphs
from domain.letters.types import LetterDocument, LetterParts
from domain.ranking import score_job
from domain.ranking.features import skill_key
from domain.ranking.types import JobScore

logger = logging.getLogger(__name__)


class TemplateLetterWriter:
    """Writes the letter in the posting's language (EN, DE, FR, ES, IT, NL, PT; else English)."""

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
        posting = job_language(job)
        lang = normalise_language(language) or posting
        parts = letter_parts(lang, profile, job, ranked, on or dt.date.today(), posting_language=posting)
        summary = _cv_summary(lang, profile, job, owned_skills(profile, ranked.matched_skills),
                              letter_years(select_evidence(profile, job, ranked, today=on), lang))
        logger.debug("template letter for job %s in %s: %d words", job.job_id, lang,
                     sum(len(p.split()) for p in parts.paragraphs))
        return LetterDocument(cover_letter=parts.as_text(), cv_summary=summary, language=lang, parts=parts)


def letter_parts(lang: str, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None,
                 on: dt.date, *, posting_language: str | None = None) -> LetterParts:
    """The letter's parts in ``lang`` (one of the seven) for ``profile`` and ``job``, dated ``on``.
    ``posting_language``: the posting's own language when already detected."""
    p = PHRASES[lang]
    evidence = select_evidence(profile, job, ranked, today=on)
    languages = [language_name(item.value, lang) for item in evidence.of_kind("language")]
    name = _clean(profile.name)
    return LetterParts(
        sender=tuple(v for v in (name, _clean(profile.email), _clean(profile.phone), _clean(profile.location)) if v),
        recipient=tuple(v for v in (_clean(job.company_name), _clean(job.location)) if v),
        date=date_line(lang, on, _city(profile.location)),
        subject=subject_line(lang, job),
        salutation=p["greeting"],
        paragraphs=body_paragraphs(lang, profile, job, evidence, letter_years(evidence, lang), languages,
                                   posting_language or job_language(job)),
        closing=p["signoff"],
        signature=name,
    )


def owned_skills(profile: CandidateProfile, skills: list[str]) -> list[str]:
    """The given skills that the profile really lists (guards against a stale or foreign score)."""
    have = {skill_key(s) for s in profile.skills}
    return [s for s in skills if skill_key(s) in have]


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _city(location: str | None) -> str:
    """"Berlin, Germany" -> "Berlin": the place in a date line is the town alone."""
    return _clean(location).split(",")[0].strip()


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


def _cv_summary(lang: str, profile: CandidateProfile, job: JobPosting, matched: list[str], years: str) -> str:
    p = PHRASES[lang]
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


def letter_years(evidence: Evidence, lang: str) -> str:
    """The years of experience as the letter writes them ("6", "1,5" in German; "" when unknown): the
    evidence's count, so letter and CV summary say what the CV itself says when it states one."""
    item = next(iter(evidence.of_kind("years")), None)
    return item.value.replace(".", PHRASES[lang]["decimal"]) if item else ""
