"""What a letter for one job can honestly say: the CV's own lines that back the application.

``select_evidence`` reads the CV outline (``domain.cv.outline``) and the posting's skills
(``domain.ranking.features.job_features``: required ones first) and returns evidence items, each
with the CV line it comes from, so a writer quotes or paraphrases the CV and never the job:

* ``achievement``: a description line of a job (bullets and sentences of the experience section);
* ``current_role``: the job held now (else the latest), its heading row as the source;
* ``years``: years of experience (``CandidateProfile.years_experience``);
* ``degree``: a degree or training, only when the posting asks for one;
* ``language``: a spoken language of the CV, only when the posting names it;
* ``skill``: a job skill the CV lists that no achievement line mentions.

Strength (higher is stronger, no unit): 3 per required job skill a line mentions and 1.5 per other
job skill, 1.5 for a figure, 1 for an achievement word ("cut", "introduced", "Einführung",
"mise en place" …), 1 when the job's role shares a title word with the posting; the sum for an
achievement is weighed by recency (1 for the current job, 1 / (1 + 0.1 · years since it ended)).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from domain.cv.experience import explicit_years
from domain.cv.languages import extract_languages
from domain.cv.outline import read_outline
from domain.cv.outline_types import CvOutline, EducationEntry, WorkEntry
from domain.cv.sections import Line
from domain.cv.skills import extract_skills
from domain.cv.textlang import guess_language
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.language import detect_language
from domain.letters.skill_evidence import cv_backed_skills
from domain.cv.years import display_years
from domain.ranking.features import job_features, skill_key
from domain.jobs.titles import title_concepts
from domain.ranking.types import JobScore

KINDS = ("achievement", "current_role", "years", "degree", "language", "skill")

# A posting asks for a degree or a completed training (EN, DE, FR, ES, IT, NL, PT).
_DEGREE_ASKED = re.compile(
    r"\b(?:degree|bachelor|master|diploma|university|graduate|phd|studium|hochschul\w*|universität|"
    r"abschluss|ausbildung|diplôme|diplome|bac\s*\+\s*\d|licence|école d['’]ingénieur|formation supérieure|"
    r"titulación|título|grado|licenciatura|laurea|diploma|opleiding|hbo|wo-niveau|mbo|graduação|"
    r"formação superior|licenciatura|ensino superior)\b", re.IGNORECASE)
# "Sehr gute Deutschkenntnisse", "English-speaking", "Deutsch- und Englischkenntnisse".
_LANGUAGE_COMPOUND = re.compile(
    r"\b(englisch|deutsch|französisch|spanisch|italienisch|niederländisch|portugiesisch|polnisch|türkisch)"
    r"(?:kenntnisse|sprachig|-\s+und)|\b(english|german|french|spanish|italian|dutch|portuguese)[- ]speaking",
    re.IGNORECASE)
# Words that ask for a command of a language (seven languages).
_LANGUAGE_ASKED = re.compile(
    r"\b(?:fluen\w*|proficien\w*|command|knowledge|written|spoken|native|language|"
    r"kenntnisse|sprache|fließend|verhandlungssicher|muttersprach\w*|"
    r"maîtrise|maîtriser|courant|langue|parl\w+|bilingue|"
    r"dominio|idioma|fluido|nivel|conocimiento\w*|hablar|"
    r"conoscenza|lingua|ottim\w|madrelingua|"
    r"beheersing|taal|vloeiend|spreekt|"
    r"conhecimento\w*|fluência|avançado)\b", re.IGNORECASE)
_COMPOUND_NAMES = {"englisch": "English", "deutsch": "German", "französisch": "French", "spanisch": "Spanish",
                   "italienisch": "Italian", "niederländisch": "Dutch", "portugiesisch": "Portuguese",
                   "polnisch": "Polish", "türkisch": "Turkish"}
# Words of a result or an initiative at a line's start or inside it (seven languages).
_ACHIEVEMENT = re.compile(
    r"\b(?:built|build|cut|reduc\w+|increas\w+|improv\w+|introduc\w+|launch\w+|led|lead|manag\w+|grew|grow|saved|"
    r"won|deliver\w+|automat\w+|moved|migrat\w+|designed|created|founded|halved|doubled|own|ran|run|trained|"
    r"einführung|eingeführt|aufbau|aufgebaut|führung|leitung|verantwortung|steigerung|senkung|reduzierung|"
    r"entwicklung|mise en place|déploiement|création|réduction|pilotage|lancement|gestion|responsable|"
    r"implantación|implementación|introducción|reducción|diseño|lanzamiento|dirección|"
    r"introduzione|implementazione|riduzione|gestione|sviluppo|avvio|responsabile|"
    r"invoering|verbetering|leiding|opzet|implementatie|"
    r"implementação|implantação|redução|gestão|lançamento|criação)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d")
_CEFR = re.compile(r"\b[ABC][12]\b")
_MIN_WORDS_FOR_LINE_LANGUAGE = 8


@dataclass(frozen=True)
class EvidenceItem:
    """One fact the letter may state, with the CV's words for it.

    ``kind``: one of ``KINDS``. ``source``: the CV line it comes from, as written (a description
    line, the job's or degree's heading row, the languages or skills line; "" only for ``years``
    when the CV states no count of its own). ``value``: the fact where it is less than the line —
    the role (current_role), the years as a letter shows them ("6", "1.5"), the degree, the
    language's English name, the skill's canonical name; "" for achievements. ``skills``: canonical
    job skills the source names. ``entry``: the job or degree it belongs to. ``strength``: see the
    module doc. ``language``: the letter language the source is written in ("en" … "pt").
    """

    kind: str
    source: str
    value: str = ""
    skills: tuple[str, ...] = ()
    entry: WorkEntry | EducationEntry | None = None
    strength: float = 0.0
    language: str = ""


@dataclass(frozen=True)
class Evidence:
    """The evidence for one profile and job, strongest item first.

    ``matched``: the job's skills the CV has (canonical, required first, the ranking's order when
    given). ``missing``: required job skills the CV lacks. ``cv_language``: the language most of
    the CV is written in. ``outline``: the CV outline the items were read from.
    """

    items: tuple[EvidenceItem, ...] = ()
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    cv_language: str = "en"
    outline: CvOutline = field(default_factory=CvOutline)

    def of_kind(self, kind: str) -> list[EvidenceItem]:
        """The items of one kind, strongest first."""
        return [item for item in self.items if item.kind == kind]


def select_evidence(profile: CandidateProfile, job: JobPosting, ranked: JobScore | None = None,
                    outline: CvOutline | None = None, *, today: dt.date | None = None) -> Evidence:
    """Evidence for a letter from ``profile`` to ``job``.

    ``ranked`` (the job's score) orders the matched skills; a skill it names that the CV lacks is
    ignored. ``outline``: the CV outline when already read (else read from ``profile.text``).
    ``today`` weighs recency (default: today). Never raises; a profile without text gives the
    items its fields allow (role from the title, years, skills).
    """
    today = today or dt.date.today()
    outline = outline if outline is not None else read_outline(profile.text or "", today)
    features = job_features(job)
    own_text = "\n".join(t for t in (profile.title, profile.summary, profile.text) if t)
    cv_keys = {skill_key(s) for s in profile.skills} | {skill_key(s) for s in extract_skills(own_text)}
    ranked_order = [skill_key(s) for s in (ranked.matched_skills if ranked else [])]
    # A skill the ranking calls missing is not the candidate's, whatever a title or employer name suggests.
    ranked_missing = {skill_key(s) for s in (ranked.missing_skills if ranked else [])}
    matched = [s for s in features.skills if skill_key(s) in cv_keys and skill_key(s) not in ranked_missing]
    matched.sort(key=lambda s: (skill_key(s) not in features.required,
                                ranked_order.index(skill_key(s)) if skill_key(s) in ranked_order else len(ranked_order)))
    # A gap is named from the posting's requirements; a skill read from its title alone ("Infirmier" ->
    # Nursing) may be the candidate's own trade under another name, so it is no gap to confess.
    described = {skill_key(s) for s in extract_skills(_job_text(job).split("\n", 1)[-1])}
    missing = [s for s in features.skills if s.casefold() in features.required and skill_key(s) not in cv_keys
               and skill_key(s) in described and not words_in_cv(s, profile.text or "")]
    cv_language = _text_language(profile.text[:4000]) if profile.text and profile.text.strip() else "en"
    context = _Context(features.required, {skill_key(s) for s in matched}, title_concepts(job.title), today,
                       cv_language)
    items = _achievements(outline, context) + _current_role(profile, outline, context)
    items += _years(profile, outline, context)
    if _DEGREE_ASKED.search(_job_text(job)):
        items += _degrees(outline, context)
    items += _languages(profile, outline, job, context)
    mentioned = {skill_key(s) for item in items if item.kind == "achievement" for s in item.skills}
    backed = {skill_key(s) for s in cv_backed_skills(profile, outline)} & _listed(profile, outline)
    items += _skills(profile, outline, [s for s in matched if skill_key(s) in backed], mentioned, context)
    items.sort(key=lambda item: -item.strength)  # stable: CV order among equals
    return Evidence(tuple(items), tuple(matched), tuple(missing), cv_language, outline)


@lru_cache(maxsize=64)
def _text_language(text: str) -> str:
    """The language of a CV's text; cached, since one CV is written to many jobs."""
    return detect_language(text)


@dataclass(frozen=True)
class _Context:
    required: frozenset[str]  # casefolded canonical names (job_features.required)
    matched: set[str]  # skill keys
    title_words: frozenset[str]
    today: dt.date
    cv_language: str


def _job_text(job: JobPosting) -> str:
    items = " ".join(str(i) for h in job.highlights or [] for i in (h.get("items") or []))
    return f"{job.title}\n{job.description}\n{items}"


def _line_skills(text: str, context: _Context) -> tuple[str, ...]:
    return tuple(s for s in extract_skills(text) if skill_key(s) in context.matched)


def _line_language(text: str, context: _Context) -> str:
    """The line's own language when it is long enough to tell and both detectors agree on it (langdetect
    reads a short Dutch line as English now and then; the function-word vote of ``domain.cv.textlang``
    confirms), else the CV's."""
    if len(text.split()) >= _MIN_WORDS_FOR_LINE_LANGUAGE:
        found = detect_language(text)
        if found != context.cv_language and guess_language(text) == found:
            return found
    return context.cv_language


def _skill_points(skills: tuple[str, ...], context: _Context) -> float:
    return sum(3.0 if s.casefold() in context.required else 1.5 for s in skills)


def _recency(entry: WorkEntry, today: dt.date) -> float:
    if entry.end is None:
        return 1.0 if entry.start is not None else 0.8  # undated: CV order is all we know
    years_ago = max(0.0, (today - entry.end).days / 365.25)
    return 1 / (1 + 0.1 * years_ago)


def _role_points(entry: WorkEntry, context: _Context) -> float:
    return 1.0 if entry.role and title_concepts(entry.role) & context.title_words else 0.0


def _achievements(outline: CvOutline, context: _Context) -> list[EvidenceItem]:
    items = []
    for entry in outline.experience:
        for line in entry.lines:
            skills = _line_skills(line, context)
            points = (_skill_points(skills, context) + (1.5 if _FIGURE.search(line) else 0.0)
                      + (1.0 if _ACHIEVEMENT.search(line) else 0.0) + _role_points(entry, context))
            items.append(EvidenceItem("achievement", line, "", skills, entry,
                                      round(points * _recency(entry, context.today), 3),
                                      _line_language(line, context)))
    return items


def _current_role(profile: CandidateProfile, outline: CvOutline, context: _Context) -> list[EvidenceItem]:
    entries = [e for e in outline.experience if e.role]
    entry = next((e for e in entries if e.current), entries[0] if entries else None)
    if entry is not None:
        source = next((h for h in entry.head if entry.role in h), entry.head[0] if entry.head else entry.role)
        return [EvidenceItem("current_role", source, entry.role, _line_skills(source, context), entry,
                             2.0 + 2 * _role_points(entry, context), context.cv_language)]
    title = (profile.title or "").strip()
    if not title:
        return []
    points = 2.0 + (2.0 if title_concepts(title) & context.title_words else 0.0)
    return [EvidenceItem("current_role", title, title, _line_skills(title, context), None, points, context.cv_language)]


def _years(profile: CandidateProfile, outline: CvOutline, context: _Context) -> list[EvidenceItem]:
    """The years of experience the letter states: the CV's own count when it makes one ("mit 6 Jahren
    Berufserfahrung", "4 años de experiencia" — the candidate's word beats our arithmetic), else the
    years its jobs' dates give without student jobs and internships, else the profile's."""
    stated = explicit_years(profile.text or "")
    years = stated or _without_student_jobs(profile, outline)
    if not years or years <= 0:
        return []
    shown = display_years(years)  # as the letter shows it: rounded down, never more than the CV gives
    count = re.compile(rf"(?<![\d.,]){re.escape(shown)}\+?\s*(?:years?|jahren?|ans|années|años|anni|jaar|anos)\b",
                       re.IGNORECASE)
    # The CV's own statement of the count when it makes one ("10+ years of experience"), else no line:
    # a summary's "nine years" written long ago is no source for the dates' eleven.
    lines = (profile.text or "").splitlines() if stated else re.split(r"(?<=[.!?])\s+", outline.summary)
    source = next((line.strip() for line in lines if count.search(line)), "")
    return [EvidenceItem("years", source, shown, (), None, 2.0, context.cv_language)]


# Student jobs and internships (seven languages): no professional experience in a letter's year count.
_STUDENT_JOB = re.compile(
    r"werkstudent\w*|praktik\w*|praktikant\w*|azubi|auszubildende\w*|intern(?:ship)?\b|trainee|working student|"
    r"student assistant|\bstage\b|stagiaire|alternan\w*|apprenti\w*|becari[oa]|prácticas|pasant[ei]\w*|"
    r"tirocin\w*|stagista|stagiair\w*|\bstage\b|estági\w*|estagiári[oa]|jovem aprendiz", re.IGNORECASE)


def is_student_job(entry: WorkEntry) -> bool:
    """A student job or internship ("Werkstudentin Softwareentwicklung", "Stage — Data", "Becaria")."""
    return bool(_STUDENT_JOB.search(" ".join([entry.role, *entry.head])))


def _without_student_jobs(profile: CandidateProfile, outline: CvOutline) -> float | None:
    """The reader's years of experience, less what only student jobs and internships added: the
    count of the professional jobs when it is lower (the reader's own count stays the ceiling)."""
    total, professional = profile.years_experience, professional_years(outline)
    if professional and (not total or professional < total):
        return professional
    return total


def professional_years(outline: CvOutline, today: dt.date | None = None) -> float | None:
    """Years the CV's dated jobs cover, overlaps once, student jobs and internships left out (one
    decimal); None when no such job is dated. An open end counts to the month before ``today``."""
    today = today or dt.date.today()
    now = today.year * 12 + today.month - 2
    spans = []
    for entry in outline.experience:
        if entry.start is None or is_student_job(entry):
            continue
        first = entry.start.year * 12 + entry.start.month - 1
        last = now if entry.end is None else min(now, entry.end.year * 12 + entry.end.month - 1)
        if first <= last:
            spans.append((first, last))
    total, reach = 0, -1
    for first, last in sorted(spans):
        if last > reach:
            total += last - max(first, reach + 1) + 1
            reach = last
    return round(total / 12, 1) if total else None


_NAME_WORD = re.compile(r"[^\W\d_]{3,}")
# Head words of a skill's name that name a whole discipline: "marketing" in a CV does not back
# "Performance Marketing", nor "care" "Critical Care", so such a skill may still be a gap.
_BROAD_HEADS = frozenset("""
development management engineering analysis analytics design skills systems system services service data software
marketing care sales support testing planning research accounting learning science security operations writing
medicine therapy law finance nursing programming modeling modelling
""".split())


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def words_in_cv(skill: str, cv_text: str) -> bool:
    """True when the head word of the skill's name (its last word, singular or plural, any case) is a
    word of the CV and names no whole discipline: "REST APIs" by "the recommendations API",
    "Monitoring" by "Grafana monitoring" — the CV speaks of it, even where the vocabulary does not read
    it as the skill, so it is no gap to confess. "Critical Care" is not backed by "care"."""
    words = [w.casefold() for w in _NAME_WORD.findall(skill)]
    if not words or _singular(words[-1]) in _BROAD_HEADS or words[-1] in _BROAD_HEADS:
        return False
    return _singular(words[-1]) in {_singular(w.casefold()) for w in _NAME_WORD.findall(cv_text)}


def _degrees(outline: CvOutline, context: _Context) -> list[EvidenceItem]:
    items = []
    for rank, entry in enumerate(outline.education):
        if not entry.degree and not entry.institution:
            continue
        source = next((h for h in entry.head if entry.degree and entry.degree in h), entry.head[0] if entry.head else "")
        items.append(EvidenceItem("degree", source, entry.degree or entry.institution, _line_skills(source, context),
                                  entry, 2.5 - 0.25 * rank, context.cv_language))
    return items


def posting_languages(job: JobPosting) -> list[str]:
    """English names of the spoken languages a posting asks for ("Fluent German (C1) and good English",
    "Sehr gute Deutschkenntnisse"), in mention order."""
    text = _job_text(job)
    found = dict.fromkeys(extract_languages([Line(t, "other") for t in text.splitlines() if t.strip()]))
    for m in _LANGUAGE_COMPOUND.finditer(text):
        word = (m.group(1) or m.group(2)).casefold()
        found.setdefault(_COMPOUND_NAMES.get(word, word.capitalize()), None)
    # "Maîtrise du français", "Ottima conoscenza della lingua inglese": a language word on a line that asks
    # for a command of it (the languages reader wants a level next to the name, which a posting seldom gives).
    for asked in _LANGUAGE_ASKED.finditer(text):
        # The language named next to the asking word, on its line: "Maîtrise du français et de l'anglais".
        start = max(asked.start() - 20, text.rfind("\n", 0, asked.start()) + 1)
        end = text.find("\n", asked.end())
        near = text[start:min(asked.end() + 30, len(text) if end < 0 else end)]
        for word in re.findall(r"[^\W\d_]{4,}", near):
            for name in extract_languages([Line(word, "languages")]):
                found.setdefault(name, None)
    return list(found)


def _languages(profile: CandidateProfile, outline: CvOutline, job: JobPosting, context: _Context) -> list[EvidenceItem]:
    asked = posting_languages(job)
    if not asked:
        return []
    lines = list(outline.extra.get("languages", ())) or [t for t in (profile.text or "").splitlines() if t.strip()]
    items = []
    for name in profile.languages:
        english = name.split(" (")[0].strip()
        if english not in asked:
            continue
        source = next((t for t in lines if english in extract_languages([Line(t, "languages")])), "")
        level = _cefr_level(source, english) if "(" not in name else None
        value = f"{english} ({level})" if level else name
        items.append(EvidenceItem("language", source, value, (), None, 2.5, context.cv_language))
    return sorted(items, key=lambda item: asked.index(item.value.split(" (")[0]))  # the posting's order


def _listed(profile: CandidateProfile, outline: CvOutline) -> set[str]:
    """Skill keys the CV lists or describes: its skills section, job descriptions, summary and certificates
    — not a skill read from a job title alone ("Backend developer" is no statement of backend skills).
    Without any of those (a profile with no text), the profile's skills."""
    texts = [*outline.skill_lines, *(line for e in outline.experience for line in e.lines), outline.summary,
             *outline.certificates]
    if not any(texts):
        return {skill_key(s) for s in profile.skills}
    return {skill_key(s) for s in extract_skills("\n".join(texts))}


def _cefr_level(line: str, english: str) -> str | None:
    """The CEFR level the CV gives a language on its line ("Tedesco (A2)" -> "A2"), if any."""
    for part in re.split(r"[,;|•·]", line):
        if english in extract_languages([Line(part, "languages")]):
            level = _CEFR.search(part)
            return level.group(0) if level else None
    return None


def _skills(profile: CandidateProfile, outline: CvOutline, matched: list[str], mentioned: set[str],
            context: _Context) -> list[EvidenceItem]:
    """Matched job skills no achievement line names: each with the skills line that lists it."""
    items = []
    lines = list(outline.skill_lines)
    for skill in matched:
        if skill_key(skill) in mentioned:
            continue
        # The skills line that lists it, else the CV line that names it, else the profile's own entry.
        source = next((t for t in [*lines, *(profile.text or "").splitlines()]
                       if skill_key(skill) in {skill_key(s) for s in extract_skills(t)}), "")
        points = 1.5 if skill.casefold() in context.required else 0.75
        items.append(EvidenceItem("skill", source or skill, skill, (skill,), None, points, context.cv_language))
    return items
