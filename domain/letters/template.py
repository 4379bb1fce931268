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
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.evidence import Evidence, posting_languages, select_evidence
from domain.letters.language import job_language, normalise_language
from domain.letters.phrases import PHRASES
from domain.letters.template_body import body_paragraphs, contract
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
        on = on or dt.date.today()
        evidence = select_evidence(profile, job, ranked, today=on)
        parts = letter_parts(lang, profile, job, ranked, on, posting_language=posting, evidence=evidence)
        summary = _cv_summary(lang, profile, job, owned_skills(profile, ranked.matched_skills),
                              letter_years(evidence, lang))
        logger.debug("template letter for job %s in %s: %d words", job.job_id, lang,
                     sum(len(p.split()) for p in parts.paragraphs))
        return LetterDocument(cover_letter=parts.as_text(), cv_summary=summary, language=lang, parts=parts)


def letter_parts(lang: str, profile: CandidateProfile, job: JobPosting, ranked: JobScore | None,
                 on: dt.date, *, posting_language: str | None = None, evidence: Evidence | None = None) -> LetterParts:
    """The letter's parts in ``lang`` (one of the seven) for ``profile`` and ``job``, dated ``on``.
    ``posting_language``: the posting's own language when already detected; ``evidence``: the
    evidence when already selected (``select_evidence`` for the same profile, job, score and day)."""
    p = PHRASES[lang]
    evidence = evidence if evidence is not None else select_evidence(profile, job, ranked, today=on)
    languages = [language_name(value, lang) for value in _languages_to_name(lang, profile, job, evidence)]
    name = _clean(profile.name)
    return LetterParts(
        sender=tuple(v for v in (name, _clean(profile.email), _clean(profile.phone), _clean(profile.location)) if v),
        recipient=tuple(v for v in (_clean(job.company_name), recipient_place(job.location)) if v),
        date=date_line(lang, on, _city(profile.location), us=_in_the_us(job.location)),
        subject=subject_line(lang, job),
        salutation=p["greeting"],
        paragraphs=body_paragraphs(lang, profile, job, evidence, letter_years(evidence, lang), languages,
                                   posting_language or job_language(job)),
        closing=p["signoff"],
        signature=name,
    )


def _languages_to_name(lang: str, profile: CandidateProfile, job: JobPosting, evidence: Evidence) -> list[str]:
    """The CV's languages a letter names (English names, with the CV's level): when the posting names
    any language, those it names (its order), with the letter's own language first when the CV lists
    it and the posting did not name it (an Italian letter says "italiano" before the asked "inglese");
    none otherwise."""
    asked = [item.value for item in evidence.of_kind("language")]
    if not asked and not posting_languages(job):
        return []
    own = Locale("en").languages.get(lang, "")
    if any(v.split(" (")[0].strip() == own for v in asked):
        return asked  # the posting's order, which already names the letter's language
    mine = next((n for n in profile.languages if n.split(" (")[0].strip() == own), "")
    return [mine, *asked] if mine else asked


def owned_skills(profile: CandidateProfile, skills: list[str]) -> list[str]:
    """The given skills that the profile really lists (guards against a stale or foreign score)."""
    have = {skill_key(s) for s in profile.skills}
    return [s for s in skills if skill_key(s) in have]


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _city(location: str | None) -> str:
    """"Berlin, Germany" -> "Berlin": the place in a date line is the town alone."""
    return _clean(location).split(",")[0].strip()


# A posting's place that is no address: a remote job has no town to write under the company's name.
_NO_PLACE = re.compile(r"\b(?:anywhere|remote|worldwide|work from home|home ?office|télétravail|teletrabajo|remoto|"
                       r"op afstand)\b\s*(?:\([^)]*\))?[\s,;/|–-]*", re.IGNORECASE)
_US_STATES = frozenset("""AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY""".split())


def recipient_place(location: str | None) -> str:
    """The posting's place for the recipient block without "Anywhere", "Remote", "Worldwide" and the like
    ("Remote, Germany" -> "Germany"; "Remote (EU)" -> "")."""
    return re.sub(r"\s*\(\s*\)", "", _NO_PLACE.sub("", _clean(location))).strip(" ,;/|–-")


def _in_the_us(location: str | None) -> bool:
    """True for a US posting ("Austin, TX", "New York, NY, United States", "Remote (USA)")."""
    place = _clean(location)
    if re.search(r"\b(?:United States|USA|U\.S\.A?\.?)(?!\w)", place):
        return True
    last = re.findall(r",\s*([A-Z]{2})\b", place)
    return bool(last) and last[-1] in _US_STATES


def date_line(lang: str, on: dt.date, city: str = "", *, us: bool = False) -> str:
    """The date in the letter's locale, after the sender's town when known.

    ("de", 2026-11-30, "Berlin") -> "Berlin, 30. November 2026"; ("fr", …, "Lyon") ->
    "Lyon, le 30 novembre 2026"; ("en", …) -> "30 November 2026" (British order, no town in English
    letters), or "November 30, 2026" when ``us`` (a posting in the United States).
    """
    locale = ("en_US" if us else "en_GB") if lang == "en" else lang
    date = format_date(on, format="long", locale=locale)
    if not city:
        return date
    return PHRASES[lang]["dateline"].format(city=city, date=date)


def subject_line(lang: str, job: JobPosting) -> str:
    """"Bewerbung als Python-Entwickler (m/w/d)" (postings carry no reference number yet)."""
    return contract(lang, PHRASES[lang]["subject"].format(title=job.title.strip()))


def summary_label(lang: str) -> str:
    """The heading for the CV summary in ``lang`` ("CV summary", "Kurzprofil", …); English if unknown."""
    return PHRASES.get(lang, PHRASES["en"])["summary_label"]


def summary_heading(lang: str) -> str:
    """The label with its colon as the language sets it: "CV summary:", French "Synthèse du CV :"
    (a space before the colon, as French typography wants)."""
    return summary_label(lang) + (" :" if lang == "fr" else ":")


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


def letter_years(evidence: Evidence, lang: str) -> str:
    """The years of experience as the letter writes them ("6", "1,5" in German; "" when unknown): the
    evidence's count, so letter and CV summary say what the CV itself says when it states one."""
    item = next(iter(evidence.of_kind("years")), None)
    return item.value.replace(".", PHRASES[lang]["decimal"]) if item else ""
