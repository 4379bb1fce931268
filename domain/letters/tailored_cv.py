"""A one-page CV tailored to one job from the candidate's own content (issue 11 part 6).

Nothing is written, only chosen and ordered: every string of the result is the profile's
(name, headline, contact, canonical skills) or the CV outline's (summary, entries, lines,
certificates, language lines), as the reader found them. What the job changes is the order
and what is left out:

* skills: those the CV backs in its own words (not an employer's, school's or link's name), the
  ones the job asks for first (in the job's order), then the rest, each as the CV's skills section
  spells it;
* experience: the most relevant entries — required skills the entry mentions, its role against the
  job title (role concepts, so "Buchhalter" meets "Accountant"), and recency; at most
  ``MAX_ENTRIES`` entries, each with its most relevant lines first (fewer for lower ranks), printed
  most recent first as a career reads (the outline's order when an entry is undated);
* summary: the CV's own, cut at sentence ends only (a sentence the reader cut is dropped).

The renderer (``tailored_cv_render``) trims further, from the oldest end, until the page is full.
"""
from __future__ import annotations

import datetime as dt
import math
import re

from domain.cv.entry_blocks import ends_with_abbreviation
from domain.cv.languages import names_a_language
from domain.cv.outline import read_outline
from domain.cv.outline_types import CvOutline, EducationEntry, WorkEntry
from domain.cv.skills import find_skills
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.cv_labels import cv_labels
from domain.letters.language import job_language
from domain.letters.skill_evidence import cv_backed_skills
from domain.letters.template import language_name
from domain.letters.types import TailoredCv
from domain.ranking import score_job
from domain.ranking.features import skill_key
from domain.jobs.titles import title_concepts
from domain.ranking.types import JobScore

MAX_ENTRIES = 5
_SKILL_ITEM_SPLIT = re.compile(r"\s*[,;|•·]\s*|:\s+")
LINES_BY_RANK = (4, 3, 2, 2, 1)  # lines kept for the most relevant entry, the next, …
MAX_SUMMARY_CHARS = 420
MAX_EDUCATION, MAX_CERTIFICATES, MAX_LANGUAGES = 4, 6, 6
# Relevance weights: a required skill mentioned, the role matching the job title, a figure in a line.
SKILL_WEIGHT, ROLE_WEIGHT, FIGURE_WEIGHT = 2.0, 2.0, 0.5
RECENCY_WEIGHT, RECENCY_YEARS = 3.0, 5.0  # a current job scores 3; one that ended 5 years ago ~1.1
# Role concepts shared by unrelated jobs ("Support Engineer" and "Backend Engineer"): half weight.
_GENERIC_ROLES = frozenset("engineer developer manager analyst consultant specialist assistant it software".split())


def tailor_cv(profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
              *, language: str | None = None) -> TailoredCv:
    """The profile's content for ``job``, read through the CV outline of ``profile.text``.

    ``ranked``: the job's score for this profile (computed when None). ``language``: force the
    headings' language as for letters (None: the posting's). Never raises on odd CV text.
    """
    return tailor_outline(profile, read_outline(profile.text or ""), job, ranked, language=language)


def tailor_outline(profile: CandidateProfile, outline: CvOutline, job: JobPosting,
                   ranked: JobScore | None = None, *, language: str | None = None,
                   today: dt.date | None = None) -> TailoredCv:
    """As ``tailor_cv`` with the outline given (``today`` dates recency; default: today)."""
    ranked = ranked or score_job(profile, job)
    lang = job_language(job, language)
    required = {skill_key(s) for s in [*ranked.matched_skills, *ranked.missing_skills]}
    wanted_roles = title_concepts(job.title)
    entries = sorted(enumerate(outline.experience),
                     key=lambda item: (-_entry_score(item[1], required, wanted_roles, today or dt.date.today()),
                                       item[0]))
    chosen = [(index, _with_best_lines(_tidy_entry(entry), required, LINES_BY_RANK[rank]))
              for rank, (index, entry) in enumerate(entries[:MAX_ENTRIES])]
    experience = tuple(entry for _, entry in _most_recent_first(chosen))
    return TailoredCv(
        name=_clean(profile.name), headline=_clean(profile.title),
        contact=tuple(v for v in (_clean(profile.email), _clean(profile.phone), _clean(profile.location)) if v),
        summary=shorten_at_sentences(_own_summary(profile, outline), MAX_SUMMARY_CHARS),
        skills=tuple(skills_for_job(profile, ranked, outline)),
        experience=experience,
        education=tuple(EducationEntry(_clean(e.degree), _clean(e.institution), _clean(e.dates),
                                       tuple(_clean(x) for x in e.lines if len(x.split()) >= 3)[:1], e.head)
                        for e in outline.education[:MAX_EDUCATION]),
        certificates=tuple(_clean(c) for c in outline.certificates[:MAX_CERTIFICATES] if c.strip()),
        languages=_languages(profile, outline, lang),
        language=lang,
        labels=cv_labels(lang),
    )


def skills_for_job(profile: CandidateProfile, ranked: JobScore, outline: CvOutline | None = None) -> list[str]:
    """The skills the CV backs in its own words, those the job asks for first (in the job's order),
    then the rest; never one the ranking counts as missing.

    Backed: named outside employer, school, job title and link (``skill_evidence.cv_backed_skills``),
    so "SAP SE", "Sage Group" or "github.com/…" put no SAP, Sage or GitHub on the page. Each is named
    as the CV's skills section writes it when the outline has that section ("SAP FI", "Soins des
    plaies"), else by the profile's canonical name ("SAP FI/CO", "Wound Care"). ``outline`` None: read
    from ``profile.text``.
    """
    outline = outline if outline is not None else read_outline(profile.text or "")
    written = {}
    for m in find_skills("\n".join(outline.skill_lines)):
        written.setdefault(skill_key(m.canonical), " ".join(m.matched.split()))
    missing = {skill_key(s) for s in ranked.missing_skills}
    # The skills section is the person's own list, also for a skill outside the vocabulary ("Triaje"):
    # a whole item, so "GitHub Actions" lists no GitHub.
    items = {" ".join(i.split()).casefold() for line in outline.skill_lines for i in _SKILL_ITEM_SPLIT.split(line)}
    backed = ({skill_key(s) for s in cv_backed_skills(profile, outline)} | set(written)
              | {skill_key(s) for s in profile.skills if s.casefold() in items})
    have = {skill_key(s): s for s in profile.skills if skill_key(s) in backed and skill_key(s) not in missing}
    first = [k for k in dict.fromkeys(skill_key(s) for s in ranked.matched_skills) if k in have]
    keys = first + [k for k in have if k not in first]
    return [written.get(k, have[k]) for k in keys]


def shorten_at_sentences(text: str, limit: int) -> str:
    """``text``'s leading whole sentences up to ``limit`` characters (at least the first whole one).

    A sentence without its end (the reader's "…" cut) is dropped; "" when none is whole.
    """
    text = " ".join(text.split())
    sentences = _sentences(text)
    if sentences and not re.search(r"[.!?]$", sentences[-1]):
        sentences.pop()  # cut by the reader mid-sentence: not the CV's sentence any more
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


def _sentences(text: str) -> list[str]:
    """Split after . ! ? followed by a capital, except after abbreviations and initials."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[\"'(«„]?[A-ZÀ-Þ0-9])", text):
        if m.group(0) == "." and ends_with_abbreviation(text[start:m.end()]):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    return out + [tail] if tail else out


def _own_summary(profile: CandidateProfile, outline: CvOutline) -> str:
    """The outline's summary; else the profile's only when the CV's text holds it (never a made-up one)."""
    if outline.summary:
        return outline.summary
    summary, text = " ".join((profile.summary or "").split()), " ".join((profile.text or "").split())
    return summary if summary and summary.rstrip("…") in text else ""


def _entry_score(entry: WorkEntry, required: set[str], wanted_roles: frozenset[str], today: dt.date) -> float:
    text = " ".join([entry.role, *entry.lines])
    skills = {skill_key(m.canonical) for m in find_skills(text)} & required
    shared = title_concepts(entry.role) & wanted_roles
    role = min(1.0, sum(0.5 if c in _GENERIC_ROLES else 1.0 for c in shared))
    return SKILL_WEIGHT * len(skills) + ROLE_WEIGHT * role + _recency(entry, today)


def _recency(entry: WorkEntry, today: dt.date) -> float:
    """RECENCY_WEIGHT for a current job, decaying with the years since it ended; half when undated."""
    if entry.start is None:
        return RECENCY_WEIGHT / 2 if entry.end is None else RECENCY_WEIGHT * 0.25
    if entry.end is None:
        return RECENCY_WEIGHT
    years = max((today - entry.end).days / 365.25, 0.0)
    return RECENCY_WEIGHT * math.exp(-years / RECENCY_YEARS)


def _tidy_entry(entry: WorkEntry) -> WorkEntry:
    """The entry's strings with runs of spaces collapsed (column layouts), and a fragment of one or
    two words ("Cloud.", "EUR Budget.") put back on the line the reader broke it from."""
    lines: list[str] = []
    for line in (_clean(x) for x in entry.lines):
        if lines and line and len(line.split()) <= 2 and line[-1] in ".!?":
            lines[-1] = f"{lines[-1]} {line}"
        elif line:
            lines.append(line)
    return WorkEntry(_clean(entry.role), _clean(entry.employer), _clean(entry.dates), entry.start, entry.end,
                     tuple(lines), entry.head)


def _most_recent_first(chosen: list[tuple[int, WorkEntry]]) -> list[tuple[int, WorkEntry]]:
    """(outline index, entry) pairs in the order a reader expects: most recent start first when every
    entry is dated (ties and undated CVs in the outline's order). Relevance chose the entries and
    their lines; it does not reorder the career ("Earlier, at BBC [2016]" above "Ocado [2019]")."""
    by_index = sorted(chosen, key=lambda pair: pair[0])
    if all(entry.start for _, entry in by_index):
        return sorted(by_index, key=lambda pair: pair[1].start, reverse=True)
    return by_index


def _with_best_lines(entry: WorkEntry, required: set[str], keep: int) -> WorkEntry:
    """The entry with its ``keep`` most relevant lines, most relevant first (ties in CV order)."""
    def score(line: str) -> float:
        skills = {skill_key(m.canonical) for m in find_skills(line)} & required
        return SKILL_WEIGHT * len(skills) + FIGURE_WEIGHT * bool(re.search(r"\d", line))

    ranked = sorted(range(len(entry.lines)), key=lambda i: (-score(entry.lines[i]), i))
    lines = tuple(entry.lines[i] for i in ranked[:keep])
    return WorkEntry(entry.role, entry.employer, entry.dates, entry.start, entry.end, lines, entry.head)


def _languages(profile: CandidateProfile, outline: CvOutline, lang: str) -> tuple[str, ...]:
    """The CV's language lines as written (they carry the levels); else the profile's language names
    in ``lang`` ("German" -> "Deutsch"). A line naming no language is left out: a page footer the
    section ran into ("© Union européenne … Page 1 / 1"), a level printed apart from its language."""
    written = tuple(_clean(line).rstrip(",;") for line in outline.extra.get("languages", ())
                    if names_a_language(line))
    if written:
        return written[:MAX_LANGUAGES]
    return tuple(language_name(n, lang) for n in profile.languages[:MAX_LANGUAGES])


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())
