"""The template letter's body, written from evidence (``domain.letters.evidence``).

Layout of the body (each part only when the evidence has it; nothing is padded):

1. opening: the role and company, and where the posting was seen (``job.via``: "on LinkedIn",
   "über StepStone"), then the years of experience and the current (else latest) job, the CV's own
   summary line (when in the letter's language and free of a year count) and one task of the
   posting as the reason to apply (only in the posting's language, and only one that names
   nothing the CV lacks);
2. the current job's strongest lines, quoted as the CV writes them after a short frame ("There, I
   built …", "Zu meinen Aufgaben dort gehört zum Beispiel: Entwicklung von …");
3. earlier jobs (their strongest line, else role and employer), the job's skills the CV lists that
   no quoted line named (once, never a repeated list), the degree when the posting asks for one,
   the languages it names;
4. one honest line naming required skills the CV lacks (as the job's, never the candidate's);
5. the closing.

A CV line in another language than the letter is not pasted: its job is cited by role and employer
with the skills the line names, in the letter's language. Variants are chosen by a stable hash of
the job id, the candidate's name and the slot. Numbers appear only inside quoted CV lines, years
of experience as ``display_years`` shows them.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from domain.cv.outline_types import EducationEntry, WorkEntry
from domain.cv.skills import extract_skills, find_skills, is_tool
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_text
from domain.letters.evidence import Evidence, EvidenceItem
from domain.letters.language import detect_language
from domain.letters.phrases import PHRASES
from domain.ranking.features import skill_key

MIN_WORDS = 200  # below this a weaker line of the CV is still worth quoting (200-350 words is the target)
MAX_WORDS = 300  # the body stops adding evidence here (the posting's requests and the closing follow)
MAX_BODY = 350  # the body is trimmed to this, weakest sentences first
MAX_DUTIES = 3  # posting tasks paired with the CV line that does that work
MAX_LINE_WORDS = 45  # longer CV lines are not quoted whole, and never cut
MAX_HERE_LINES = 3
MAX_EARLIER_JOBS = 2
MAX_EXTRA_SKILLS = 4
MAX_MISSING = 3
MAX_CITED_SKILLS = 5  # skills that stand for a CV line in another language
# English CV lines that start with a verb take "I" ("Built …" -> "I built …"); others a noun frame.
_EN_VERBS = frozenset("""
build built cut run ran lead led own owned make made grow grew win won drive drove set sell sold teach taught bring
brought keep kept hold held give gave take took write wrote oversee oversaw fine-tune schedule track manage support
develop design deliver create maintain coordinate supervise implement prepare analyse analyze administer monitor
train test plan publish launch introduce migrate move automate optimise optimize improve reduce increase handle
organise organize provide conduct review mentor coach negotiate advise serve treat assist help work operate install
repair process report research edit present promote recruit hire audit reconcile document resolve ensure establish
direct head chair deploy ship scale lower raise halve double cover care
""".split())
_YEAR_COUNT = re.compile(r"\b\w+\+?\s+(?:years?|yrs|jahren?|ans|années|años|anni|anno|jaar|jaren|anos)\b",
                         re.IGNORECASE)
# Highlight sections listing the job's tasks (SerpApi "Responsibilities"; board and language variants).
_TASK_SECTION = re.compile(r"responsib|duties|what you will do|aufgaben|tätigkeit|missions?|tâches|tareas|funciones|"
                           r"mansioni|attività|taken|werkzaamheden|atividades|responsabilidades", re.IGNORECASE)
# Tasks written to the reader ("Du organisierst …", "Vous préparez …") are not quoted as the candidate's wish.
_PRONOUN_START = re.compile(r"(?:du|sie|you|vous|tu|usted|tú|lei|voi|je|jij|u|você|vocês)\b", re.IGNORECASE)
_A_BEFORE_A = re.compile(r"\ba (?=[Aa])")
# The first letter of "Wound care" / "Curas de heridas": a capital on the first word only.
_SENTENCE_CASE = re.compile(r"^[A-ZÀ-Þ](?=[a-zß-ÿ]+(?:[ -][a-zß-ÿ]+)*$)")
_DOUBLE_STOP = re.compile(r"(?<=\.)\.(?=\s|$)")
_VOWEL_AFTER_DE = re.compile(r"\b([Dd])e ([AEIOUYÉÈÊÀÂÎÔÛaeiouyéèêàâîôû])")
_VOWEL_AFTER_QUE = re.compile(r"\b([Qq])ue ([AEIOUYÉÈÊÀÂÎÔÛaeiouyéèêàâîôû])")
# French "à"/"de" before a name's own article: "à Les Tilleuls" -> "aux Tilleuls", "de Le Bon" -> "du Bon".
_FR_ARTICLE = re.compile(r"\b(à|de) (Les|Le) (?=\w)")
_FR_CONTRACTED = {("à", "Les"): "aux", ("à", "Le"): "au", ("de", "Les"): "des", ("de", "Le"): "du"}
# Italian "a"/"di"/"da"/"su" before a name's article: "a Il Sole" -> "al Sole", "di La Rinascente" -> "della …".
_IT_ARTICLE = re.compile(r"\b(a|di|da|su) (Il|La|Lo|I|Gli|Le) (?=\w)")
_IT_STEMS = {"a": "a", "di": "de", "da": "da", "su": "su"}
_IT_SUFFIX = {"Il": "l", "La": "lla", "Lo": "llo", "Gli": "gli", "Le": "lle"}


def _opener(sentence: str) -> str:
    """A sentence's first two words, case and punctuation aside: what makes two sentences start alike."""
    return " ".join(re.findall(r"\w+", sentence.casefold())[:2])


def contract(lang: str, text: str) -> str:
    """A sentence with a name or title inserted, as the language writes it: French elision and
    contraction ("poste de Ingénieur" -> "poste d'Ingénieur", "en tant que Analyste" -> "en tant
    qu'Analyste", "à Les Tilleuls" -> "aux Tilleuls", "de Le Bon Coin" -> "du Bon Coin"), Italian "ad"
    before a vowel ("a Albion" -> "ad Albion") and articulated prepositions ("a Il Sole" -> "al Sole")."""
    if lang == "fr":
        text = _FR_ARTICLE.sub(lambda m: _FR_CONTRACTED[(m.group(1), m.group(2))] + " ", text)
        text = _VOWEL_AFTER_DE.sub(r"\1'\2", text)
        return _VOWEL_AFTER_QUE.sub(r"\1u'\2", text)
    if lang == "it":
        text = _IT_ARTICLE.sub(lambda m: _it_articulated(m.group(1), m.group(2)) + " ", text)
        return _A_BEFORE_A.sub("ad ", text)
    return text


def _it_articulated(preposition: str, article: str) -> str:
    """"di" + "La" -> "della", "a" + "I" -> "ai", "su" + "Lo" -> "sullo" (the articulated prepositions)."""
    stem = _IT_STEMS[preposition]
    return stem + ("i" if article == "I" else _IT_SUFFIX[article])


@dataclass
class _Body:
    """The body being written: how each slot's variant is chosen, how skills are spelled, which
    skills the candidate's sentences named so far (keys) and how many words were written."""

    lang: str
    seed: str
    spellings: dict[str, str] = field(default_factory=dict)  # skill key -> the name the letter uses
    named: set[str] = field(default_factory=set)  # skill keys the candidate's sentences named
    words: int = 0
    used: dict[str, int] = field(default_factory=dict)  # times each slot was filled
    asked: set[str] = field(default_factory=set)  # skill keys the posting's own text asks for
    asking: list[str] = field(default_factory=list)  # sentences naming what the posting asks (trimmed first)
    filled: dict[str, str] = field(default_factory=dict)  # slot -> the sentence last written for it
    cv_text: str = ""  # the CV's text: a job's year is shown only when the CV writes it
    fields: list[str] = field(default_factory=list)  # general fields a cited line names, said once later
    openers: set[str] = field(default_factory=set)  # the first two words of each sentence written

    def tools(self, skills: list[str]) -> list[str]:
        """The products among ``skills`` ("I work with Docker"); the general fields ("DevOps", "Data
        Analysis") are kept for the sentence on what the experience covers, never "I work with DevOps"."""
        self.fields += [s for s in skills if not is_tool(s) and s not in self.fields]
        return [s for s in skills if is_tool(s)]

    def last(self, slot: str) -> str:
        return self.filled.get(slot, "")

    def pick(self, slot: str, verb: bool = False) -> str:
        """A variant of ``slot`` (its ``_verb`` form for an English verb line when there is one); a slot
        used again takes the next variant, so two earlier jobs are not introduced alike."""
        phrases = PHRASES[self.lang]
        key = f"{slot}_verb" if verb and f"{slot}_verb" in phrases else slot
        variants = phrases[key]
        if isinstance(variants, str):
            return variants
        digest = hashlib.sha256(f"{self.seed}\x1f{key}".encode()).hexdigest()
        turn = self.used.get(key, 0)
        self.used[key] = turn + 1
        start = int(digest, 16) + turn
        # A variant opening like a sentence already written ("Dazu gehört …" twice) yields to the next one.
        order = [variants[(start + k) % len(variants)] for k in range(len(variants))]
        return next((v for v in order if _opener(v) not in self.openers), order[0])

    def fill(self, slot: str, *, line: str = "", verb: bool = False, counts: bool = True, **values: str) -> str:
        """``slot`` filled in; a quoted ``line`` goes in last, so no rule rewrites the CV's words.
        ``counts=False``: skills in the sentence do not count as named (the posting's title, a role
        name: "Python Backend Developer" states no Python experience by itself)."""
        text = self.pick(slot, verb).format(line="\x00", **values)
        text = _DOUBLE_STOP.sub("", text)  # "… Campinas Agro S.A.." -> "… S.A."
        text = contract(self.lang, text)
        text = text.replace("\x00", line)
        self.openers.add(_opener(text))
        self.words += len(text.split())
        self.filled[slot] = text
        if counts:
            self.named.update(skill_key(m.canonical) for m in find_skills(text))
        return text

    def skills(self, names: list[str]) -> str:
        """Skills joined, each spelled as the CV (or, for the job's, the posting) writes it; an ability
        written in sentence case as a list item ("Wound care", "Geriatrie") goes to lower case inside a
        sentence, except in German, where nouns keep their capital."""
        spelled = [self.spellings.get(skill_key(n), n) for n in names]
        if self.lang != "de":
            spelled = [_SENTENCE_CASE.sub(lambda m: m.group(0).lower(), n) if not is_tool(n) else n for n in spelled]
        return self.join(list(dict.fromkeys(spelled)))

    def join(self, items: list[str]) -> str:
        """"A, B and C" in the letter's language (Spanish "y" is "e" before an i-sound)."""
        word = PHRASES[self.lang]["and"]
        if len(items) == 1:
            return items[0]
        if self.lang == "es" and re.match(r"(?:[iI]|[hH][iI])(?![aeiouáéó])", items[-1]):
            word = "e"
        return f"{', '.join(items[:-1])} {word} {items[-1]}"


def body_paragraphs(lang: str, profile: CandidateProfile, job: JobPosting, evidence: Evidence, years: str,
                    language_names: list[str], posting_language: str) -> tuple[str, ...]:
    """The letter body in ``lang`` as paragraphs (without salutation and closing formula).

    ``years``: the years of experience as the letter shows them ("6", "1,5"; "" when unknown).
    ``language_names``: the CV's languages the posting names, already in ``lang``.
    ``posting_language``: the language the posting is written in (its words are quoted only in it).
    """
    body = _Body(lang, f"{job.job_id}\x1f{profile.name or ''}", _spellings(lang, profile, job, evidence,
                                                                          posting_language))
    role_item = next(iter(evidence.of_kind("current_role")), None)
    here = role_item.entry if role_item and isinstance(role_item.entry, WorkEntry) else None
    own = posting_language == lang  # the posting's words are quoted only in its own language
    body.asked, body.cv_text = _asked_skills(job, evidence), profile.text or ""
    company = _company_sentence(body, profile, job) if own else []
    groups = _groups(evidence, lang)
    pairs, paired_tasks = _duty_pairs(body, profile, job, groups) if own else ([], set())
    opening = [_opening(body, job), *company, *_years_asked(body, years, job), *_hook(body, role_item, here, years),
               *_profile_sentence(body, evidence),
               *(_task_sentence(body, profile, job, skip=paired_tasks) if own else [])]
    current_sentences = _here_sentences(body, here, groups.pop(here, [])) if here else []
    earlier = [s for entry, items in _ranked(groups) for s in _earlier_sentences(body, entry, items)]
    earlier += _plain_earlier_roles(body, evidence, here, groups)
    extra = _skills_sentence(body, evidence, first=not (current_sentences or earlier or pairs))
    extra += _degree_sentence(body, evidence, profile, job) + _languages_sentence(body, language_names)
    if current_sentences or pairs:
        first, second = current_sentences + pairs, earlier + extra
    else:  # no line of the current job: the earlier jobs make the first body paragraph
        first, second = earlier, extra
    paragraphs = [opening, first, second]
    missing = _missing_sentences(body, evidence)
    if missing:
        paragraphs.append(missing)
    paragraphs.append([body.fill("closing", company=_company(job), counts=False), body.fill("enclosed"),
                       body.fill("thanks")])
    _trim(paragraphs, [*company, body.last("enclosed"), *body.asking, body.last("asked_years")])
    return tuple(" ".join(p) for p in paragraphs if p)


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def body_words(paragraphs) -> int:
    """Words of the body as a reader counts them (a hyphenated or elided word is one)."""
    return sum(len(_WORD.findall(" ".join(p) if isinstance(p, list) else p)) for p in paragraphs)


def _trim(paragraphs: list[list[str]], optional: list[str]) -> None:
    """Drop the weakest sentences (``optional``, weakest first: the posting's words about itself,
    the enclosure note, the posting's requests) until the body is at most ``MAX_BODY`` words."""
    for sentence in optional:
        if body_words(paragraphs) <= MAX_BODY:
            return
        for p in paragraphs:
            if sentence in p:
                p.remove(sentence)
                break


def _spellings(lang: str, profile: CandidateProfile, job: JobPosting, evidence: Evidence,
               posting_language: str) -> dict[str, str]:
    """How the letter names each skill: as the CV writes it when the CV is in the letter's language
    ("Curas de heridas"), a skill the CV lacks as the posting writes it when the posting is
    ("Tourenplanung"), else the vocabulary's name ("Wound Care")."""
    forms: dict[str, str] = {}
    if evidence.cv_language == lang:
        cv_text = "\n".join([*evidence.outline.skill_lines, profile.text or ""])
        for mention in find_skills(cv_text):
            forms.setdefault(skill_key(mention.canonical), " ".join(mention.matched.split()))
    if posting_language == lang:
        for mention in find_skills(_job_text(job)):
            key = skill_key(mention.canonical)
            if key not in forms and mention.canonical in evidence.missing:
                forms[key] = " ".join(mention.matched.split())
    return forms


def _job_text(job: JobPosting) -> str:
    items = " ".join(str(i) for h in job.highlights or [] for i in (h.get("items") or []))
    return f"{job.title}\n{job.description}\n{items}"


def _company(job: JobPosting) -> str:
    return job.company_name.strip() or "—"


def board_name(job: JobPosting) -> str:
    """Where the posting was seen: "via LinkedIn" -> "LinkedIn"; "" when unknown or the company itself."""
    board = re.sub(r"^\s*via\s+", "", job.via or "", flags=re.IGNORECASE).strip()
    if not board or (job.company_name and job.company_name.strip().casefold() in board.casefold()):
        return ""
    return board


def _opening(body: _Body, job: JobPosting) -> str:
    board = board_name(job)
    slot = "open_board" if board else "open_plain"
    return body.fill(slot, title=job.title.strip(), company=_company(job), board=board, counts=False)


def _hook(body: _Body, item: EvidenceItem | None, entry: WorkEntry | None, years: str) -> list[str]:
    role = item.value.strip() if item else ""
    employer = _dated(body, entry) if entry and entry.employer.strip() else ""
    tense = "now" if entry is None or entry.current or entry.start is None else "last"
    if years and role and employer:
        return [body.fill(f"hook_years_{tense}", years=years, role=role, employer=employer, counts=False)]
    if years and role:
        return [body.fill("hook_years_role", years=years, role=role, counts=False)]
    if role and employer:
        return [body.fill(f"hook_role_{tense}", role=role, employer=employer, counts=False)]
    if role:
        return [body.fill("hook_role", role=role, counts=False)]
    if years:
        return [body.fill("hook_years", years=years)]
    return []


def _profile_sentence(body: _Body, evidence: Evidence) -> list[str]:
    """The CV's own summary line, quoted when it is in the letter's language and states no year
    count (the CV's "nine years" may be older than the years its dates give)."""
    summary = " ".join(evidence.outline.summary.split())
    if not summary or summary.endswith("…") or len(summary.split()) > MAX_LINE_WORDS or _YEAR_COUNT.search(summary):
        return []
    language = detect_language(summary) if len(summary.split()) >= 6 else evidence.cv_language
    if language != body.lang:
        return []
    return [_quoted(body, "profile", summary)]


def _groups(evidence: Evidence, lang: str) -> dict[WorkEntry, list[EvidenceItem]]:
    """Usable achievement lines by job, strongest first: quotable ones (in the letter's language and
    not too long) and foreign ones that name a job skill (cited by their skills)."""
    groups: dict[WorkEntry, list[EvidenceItem]] = {}
    for item in evidence.of_kind("achievement"):
        if not isinstance(item.entry, WorkEntry):
            continue
        quotable = item.language == lang and len(item.source.split()) <= MAX_LINE_WORDS
        if quotable or _line_skills(item):
            groups.setdefault(item.entry, []).append(item)
    return groups


def _line_skills(item: EvidenceItem) -> list[str]:
    """The skills a CV line names, the job's first, then the products it names ("Terraform", not
    "Mobile Development" read from "the mobile apps"): what a line in another language is cited by
    (products after "I work with", fields in ``_Body.fields``)."""
    return list(dict.fromkeys([*item.skills, *(s for s in extract_skills(item.source) if is_tool(s))]))


def _ranked(groups: dict[WorkEntry, list[EvidenceItem]]) -> list[tuple[WorkEntry, list[EvidenceItem]]]:
    """Earlier jobs with usable lines, the strongest first, at most ``MAX_EARLIER_JOBS``."""
    ordered = sorted(groups.items(), key=lambda kv: -kv[1][0].strength)
    return ordered[:MAX_EARLIER_JOBS]


def _here_sentences(body: _Body, entry: WorkEntry, items: list[EvidenceItem]) -> list[str]:
    """The current (or latest) job's lines; the hook already named its role and employer."""
    tense = "now" if entry.current or entry.start is None else "past"
    sentences: list[str] = []
    foreign: list[str] = []
    for item in items:
        if len(sentences) - len(set(sentences) & set(body.asking)) >= MAX_HERE_LINES or body.words >= MAX_WORDS:
            break
        if item.language != body.lang or len(item.source.split()) > MAX_LINE_WORDS:
            foreign += [s for s in _line_skills(item) if s not in foreign]
            continue
        if sentences and item.strength <= 0 and body.words >= MIN_WORDS + 40:
            break  # a further line only when it backs the application, or the letter is still short
        slot = f"here_{'first' if not sentences else 'more'}_{tense}"
        sentences += [*_asking(body, item), _quoted(body, slot, item.source)]
    fresh = body.tools([s for s in foreign if skill_key(s) not in body.named])[:MAX_CITED_SKILLS]
    if fresh and not sentences:
        sentences.append(body.fill(f"here_skills_{tense}", skills=body.skills(fresh)))
    return sentences


def _earlier_sentences(body: _Body, entry: WorkEntry, items: list[EvidenceItem]) -> list[str]:
    """One earlier job: its strongest line after its role and employer (a second when strong)."""
    if body.words >= MAX_WORDS:
        return []
    role, employer = entry.role.strip(), _dated(body, entry) if entry.employer.strip() else ""
    quotable = [i for i in items if i.language == body.lang and len(i.source.split()) <= MAX_LINE_WORDS]
    if quotable and role and employer:
        sentences = [*_asking(body, quotable[0]),
                     _quoted(body, "past_first", quotable[0].source, role=role, employer=employer)]
        if len(quotable) > 1 and (quotable[1].strength >= 3 or body.words < MIN_WORDS) and body.words < MAX_WORDS - 40:
            sentences.append(_quoted(body, "past_more", quotable[1].source))
        return sentences
    skills = body.tools(list(dict.fromkeys(s for i in items for s in _line_skills(i) if skill_key(s) not in body.named)))
    skills = skills[:MAX_CITED_SKILLS]
    if skills and role:
        slot, values = ("past_skills", {"employer": employer}) if employer else ("past_skills_only", {})
        return [body.fill(slot, role=role, skills=body.skills(skills), **values)]
    return []


def _plain_earlier_roles(body: _Body, evidence: Evidence, here: WorkEntry | None,
                         groups: dict[WorkEntry, list[EvidenceItem]]) -> list[str]:
    """Earlier jobs without a usable line, named by role and employer: the career in brief."""
    cited = {entry for entry, _ in _ranked(groups)}
    sentences = []
    for entry in evidence.outline.experience:
        if entry is here or entry in cited or not entry.role or len(cited) + len(sentences) >= MAX_EARLIER_JOBS:
            continue
        if body.words >= MAX_WORDS:
            break
        if entry.employer:
            sentences.append(body.fill("past_role", role=entry.role.strip(), employer=_dated(body, entry)))
        else:
            sentences.append(body.fill("past_role_only", role=entry.role.strip()))
    return sentences


def _skills_sentence(body: _Body, evidence: Evidence, first: bool) -> list[str]:
    """The job's skills the CV lists that the letter has not named yet, once (``first``: no job
    was cited before it, so it opens the body rather than adding to it). "I work confidently with …"
    suits a product (``is_tool``: Tableau, Docker); a general field (Data Analysis, DevOps) is named
    as what the experience covers."""
    fresh = [i.value for i in evidence.of_kind("skill") if skill_key(i.value) not in body.named]
    fresh = list(dict.fromkeys(fresh))[:MAX_EXTRA_SKILLS]
    tools = body.tools(fresh)
    fields = [s for s in dict.fromkeys(body.fields) if skill_key(s) not in body.named][:MAX_EXTRA_SKILLS]
    if not (tools or fields) or body.words >= MAX_WORDS:
        return []
    sentences = [body.fill("main_skills" if first else "also_skills", skills=body.skills(tools))] if tools else []
    if fields:
        sentences.append(body.fill("fields", skills=body.skills(fields)))
    return sentences


def _degree_sentence(body: _Body, evidence: Evidence, profile: CandidateProfile, job: JobPosting) -> list[str]:
    """The degree the posting asks for; else, while the letter is short, the CV's latest degree."""
    degree = next(iter(evidence.of_kind("degree")), None)
    entry = degree.entry if degree is not None else None
    if entry is None and body.words < MIN_WORDS:
        entry = next((e for e in evidence.outline.education if e.degree and e.institution), None)
        if entry is not None:
            trial = _Body(body.lang, body.seed, body.spellings, used=dict(body.used))
            if not check_text(trial.fill("degree_plain", degree=entry.degree.strip(),
                                         institution=entry.institution.strip()), profile, job).ok:
                return []
            return [body.fill("degree_plain", degree=entry.degree.strip(), institution=entry.institution.strip())]
    if not isinstance(entry, EducationEntry):
        return []
    if entry.degree and entry.institution:
        return [body.fill("degree", degree=entry.degree.strip(), institution=entry.institution.strip())]
    return [body.fill("degree_only", degree=(entry.degree or entry.institution).strip())]


def _languages_sentence(body: _Body, names: list[str]) -> list[str]:
    return [body.fill("languages", languages=body.join(names))] if names else []


def _missing_sentences(body: _Body, evidence: Evidence) -> list[str]:
    """One honest line on required skills the CV lacks, named as the posting's. A name with a full
    stop ("Node.js") would split the sentence for the truthfulness check, and one with a figure
    ("Microsoft 365") would state a number the CV lacks, so those stay unnamed."""
    if not evidence.missing:
        return []
    named = [s for s in evidence.missing
             if not re.search(r"[.!?\d]", s + body.spellings.get(skill_key(s), ""))][:MAX_MISSING]
    if not named:
        return [body.fill("gap_unnamed")]
    listed = body.fill("missing", skills=body.skills(named), counts=False)
    return [listed, body.fill("gap_many" if len(named) > 1 or _plural_name(named[0]) else "gap_one")]


# A name that is a plural: an acronym's ("REST APIs", "OKRs") or a general field's ("Microservices").
_PLURAL_ACRONYM = re.compile(r"\b[A-Z]{2,}s$")
_PLURAL_WORD = re.compile(r"[a-z]{3,}(?<![siu])(?<!ic)s$", re.IGNORECASE)


def _plural_name(skill: str) -> bool:
    """True when the skill's name is a plural ("REST APIs", "Microservices"), so the gap line says
    "them"; a product ending in s ("Kubernetes", "Jenkins") and "-ics" fields ("Logistics") are singular."""
    return bool(_PLURAL_ACRONYM.search(skill) or (not is_tool(skill) and _PLURAL_WORD.search(skill)))


def _task_sentence(body: _Body, profile: CandidateProfile, job: JobPosting, skip: set[str] = frozenset()) -> list[str]:
    """One task of the posting, quoted as its own (the first of its responsibilities that is in the
    letter's language, starts with no pronoun, and names nothing the CV lacks), as the reason to apply.
    Only for a letter in the posting's own language."""
    if body.words >= MAX_WORDS:
        return []
    for highlight in job.highlights or []:
        if not _TASK_SECTION.search(str(highlight.get("title", ""))):
            continue
        for task in highlight.get("items") or []:
            task = " ".join(str(task).split())
            if not task or task in skip or _PRONOUN_START.match(task) or len(task.split()) > MAX_LINE_WORDS:
                continue
            trial = _Body(body.lang, body.seed, body.spellings, used=dict(body.used))
            sentence = _quoted(trial, "task", task)
            if check_text(sentence, profile, job).ok:
                return [_quoted(body, "task", task, counts=False)]  # the posting's words: nothing of the candidate's
        return []
    return []


def _quoted(body: _Body, slot: str, line: str, *, counts: bool = True, **values: str) -> str:
    """A CV line after its frame: lower-cased first letter where the language allows (not German, not
    a name or skill), a full stop added when the CV line has none; the words are the CV's."""
    line = " ".join(line.split())
    if body.lang == "en" and line.startswith("I ") and len(line.split()) > 2:
        line = line[2:]  # "I built …" is a verb line whose "I" the frame already says
    verb = body.lang == "en" and _starts_with_verb(line)
    if not line.endswith((".", "!", "?")):
        line += "."
    return body.fill(slot, line=_lower_first(line, body.lang), verb=verb, counts=counts, **values)


def _starts_with_verb(line: str) -> bool:
    first = line.split()[0].casefold().strip(",;:")
    return first in _EN_VERBS or (len(first) > 4 and first.endswith("ed") and not first.endswith("eed"))


def _lower_first(line: str, lang: str) -> str:
    if lang == "de":
        return line
    first = line.split()[0]
    mention = next(iter(find_skills(line)), None)
    if (mention and mention.start == 0 and is_tool(mention.canonical)) or not first[:1].isupper() \
            or not first[1:].replace("-", "").islower():
        return line  # a product, a name or an acronym keeps its capital ("React front ends …", "SAP …")
    return first[0].lower() + line[1:]


def _dated(body: _Body, entry: WorkEntry) -> str:
    """The employer with the job's years as the CV dates it: "Coastal Port Services (since 2020)",
    "Peach State Distribution (2016–2020)"; a year the CV text does not write is left out."""
    employer = entry.employer.strip()
    start = entry.start.year if entry.start and str(entry.start.year) in body.cv_text else None
    end = entry.end.year if entry.end and str(entry.end.year) in body.cv_text else None
    if start and entry.current:
        return f"{employer} ({PHRASES[body.lang]['since']} {start})"
    if start and end and not entry.current:
        return f"{employer} ({start})" if start == end else f"{employer} ({start}–{end})"
    return employer


def _asked_skills(job: JobPosting, evidence: Evidence) -> set[str]:
    """Keys of the CV's skills that the posting's own text (not its title alone) asks for."""
    text = _job_text(job).split("\n", 1)[-1]
    return {skill_key(s) for s in extract_skills(text)} & {skill_key(s) for s in evidence.matched}


def _asking(body: _Body, item: EvidenceItem) -> list[str]:
    """"Your posting asks for experience with SAP." before the CV line that shows it, once per skill
    and at most twice a letter (the line that follows is the evidence)."""
    skills = [s for s in item.skills if skill_key(s) in body.asked][:3]
    if not skills or len(body.asking) >= 3 or body.words >= MAX_WORDS:
        return []
    body.asked -= {skill_key(s) for s in skills}
    sentence = body.fill("asked", skills=body.skills(skills), counts=False)
    body.asking.append(sentence)
    return [sentence]


_YEARS_ASKED = re.compile(r"(?<![\d.,])(\d{1,2})\s*\+?\s*(?:years?|Jahren?|ans|années|años|anni|jaar|anos)\b",
                          re.IGNORECASE)


def _years_asked(body: _Body, years: str, job: JobPosting) -> list[str]:
    """The posting's years of experience, named as its request, when the candidate has them (the
    hook that follows says how many); the count is the posting's, so it reads in any language."""
    found = _YEARS_ASKED.search(_job_text(job).split("\n", 1)[-1])
    if not found or not years or float(years.replace(",", ".")) < int(found.group(1)) \
            or int(found.group(1)) < 2:  # "at least 1 year" says little (and would need a singular)
        return []
    return [body.fill("asked_years", asked=found.group(1), counts=False)]


# The company speaking of itself ("we", "our" …) and a sentence addressed to the reader.
_WE = re.compile(r"\b(?:we|our|us|wir|uns|unser\w*|nous|notre|nos|nosotros|nuestr\w+|somos|siamo|noi|nostr\w|"
                 r"wij|ons|onze|nós|noss\w+)\b", re.IGNORECASE)
# A sentence about the vacancy ("nous recherchons un(e) Comptable") is no word about the company.
_RECRUITING = re.compile(r"\b(?:looking for|seeking|hiring|recruit\w*|suchen|recherchons|recrutons|buscamos|"
                         r"cerchiamo|zoeken|procuramos|contratando)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your|du|dich|dein\w*|dir|sie|ihr\w*|vous|votre|vos|tu|te|ton|ta|usted\w*|su|sus|"
                  r"voi|vostr\w|lei|je|jij|jou\w*|u|uw|você\w*|teu|tua)\b", re.IGNORECASE)


def _company_sentence(body: _Body, profile: CandidateProfile, job: JobPosting) -> list[str]:
    """What the company says of itself in the posting's first lines ("Founded in 1958, we have grown to
    150 colleagues across Europe."), quoted as the posting's; none that names what the CV lacks."""
    lines = []
    for line in (job.description or "").splitlines()[:6]:
        if line.strip().startswith(("•", "-", "*")) or line.strip().endswith(":"):
            break
        lines.append(line.strip())
    for sentence in re.split(r"(?<=[.!])\s+", " ".join(lines)):
        sentence = sentence.strip()
        if not (5 <= len(sentence.split()) <= 30) or not sentence.endswith((".", "!")) \
                or not _WE.search(sentence) or _YOU.search(sentence) or _RECRUITING.search(sentence) \
                or job.title.strip().casefold() in sentence.casefold():
            continue
        trial = _Body(body.lang, body.seed, body.spellings, used=dict(body.used))
        if check_text(trial.fill("company", line=sentence, company=_company(job), counts=False), profile, job).ok:
            return [body.fill("company", line=sentence, company=_company(job), counts=False)]
    return []


_GENERIC_STEMS = frozenset("""
their other about which where these those based using withi daily colle inclu unser ihren deine sowie allem
durch notre votre leurs selon ainsi nuest sobre entre todos nostr della delle degli samen nossa nosso
""".split())


def _stems(text: str) -> set[str]:
    return {w[:5].casefold() for w in re.findall(r"[^\W\d_]{5,}", text)} - _GENERIC_STEMS


def _duty_pairs(body: _Body, profile: CandidateProfile, job: JobPosting,
                groups: dict[WorkEntry, list[EvidenceItem]]) -> tuple[list[str], set[str]]:
    """Tasks of the posting, each quoted as the posting's and followed by the CV line that does that
    work ("Among the tasks you describe …: “Plan shipments …” At Coastal Port Services, I schedule …").
    A line matches a task by the skills both name (2 points each) and shared word stems (1 each; five
    letters, so "shipments"/"shipment" meet); 2 points at least. Paired lines leave ``groups``.
    Returns the sentences and the tasks used."""
    tasks = [" ".join(str(t).split()) for h in job.highlights or [] if _TASK_SECTION.search(str(h.get("title", "")))
             for t in h.get("items") or []]
    sentences: list[str] = []
    used: set[str] = set()
    for task in tasks:
        if len(used) >= MAX_DUTIES or not task or len(task.split()) > MAX_LINE_WORDS:
            continue
        task_skills, task_stems = {skill_key(s) for s in extract_skills(task)}, _stems(task)
        best, best_score = None, 0
        for entry, items in groups.items():
            for item in items:
                if item.language != body.lang or len(item.source.split()) > MAX_LINE_WORDS or not entry.employer:
                    continue
                score = (2 * len(task_skills & {skill_key(s) for s in extract_skills(item.source)})
                         + len(task_stems & _stems(item.source)))
                if score > best_score:
                    best, best_score = (entry, item), score
        if best is None:
            continue
        line = task if task.endswith((".", "!", "?")) else task + "."
        trial = _Body(body.lang, body.seed, body.spellings, used=dict(body.used))
        if not check_text(trial.fill("duty", line=line, counts=False), profile, job).ok:
            continue
        entry, item = best
        sentences += [body.fill("duty", line=line, counts=False),
                      _quoted(body, "duty_match", item.source, employer=entry.employer.strip())]
        used.add(task)
        groups[entry].remove(item)
        if not groups[entry]:
            del groups[entry]
    return sentences, used
