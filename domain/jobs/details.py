"""What the "Details" button shows about one posting: its requirements and benefits in its own
words, or one or two sentences about the role when it has no such sections, with its job types,
level and whether an agency posts it.

Sections are found by their headings in English, German, French and Spanish ("What you bring",
"Ihr Profil", "Profil recherché", "Requisitos"; "What we offer", "Wir bieten", "Avantages",
"Ofrecemos"), on a line of their own or followed by a colon inside a paragraph (SerpApi's
one-paragraph descriptions), with bullets (•, -, *, numbers) or sentences as items. SerpApi's
``job_highlights`` ("Qualifications", "Benefits") come first when the posting has them. Nothing is
rewritten: every line is the posting's own words, at most clipped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from domain.cv.repair import printable
from domain.jobs.agency import is_agency
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.enrich import _UNSEEN
from domain.jobs.job_type import job_types as types_of
from domain.jobs.level import seniority_level
from domain.jobs.preferences import JOB_TYPES
from domain.jobs.types import JobPosting

MAX_REQUIREMENTS = 6
MAX_BENEFITS = 5
MAX_LINE_CHARS = 160
MAX_SUMMARY_CHARS = 300
MAX_SCANNED_CHARS = 50_000  # real postings are under 20 000 (enrich keeps 20 000); a 200 KB one is read this far
MAX_INLINE_HEADINGS = 1_000  # colons looked at for "Heading:" inside a paragraph

_REQUIREMENT_HEADINGS = (
    # English
    "requirements", "requirement", "job requirements", "key requirements", "minimum requirements",
    "what you bring", "what you'll bring", "what you will bring", "what we're looking for",
    "what we are looking for", "what we look for", "who you are", "about you", "your profile", "profile",
    "qualifications", "minimum qualifications", "basic qualifications", "preferred qualifications",
    "required qualifications", "your qualifications", "skills", "required skills", "key skills", "your skills",
    "skills and experience", "skills & experience", "experience", "must have", "must-have", "must haves",
    "must-haves", "nice to have", "nice-to-have", "nice to haves", "you have", "you bring", "you are",
    "what you need", "what you'll need", "what you will need", "you will need", "you'll need", "essential",
    "essentials", "desirable", "we are looking for", "we're looking for", "ideal candidate",
    "the ideal candidate", "candidate profile", "person specification", "what you should bring",
    "your background", "requirements and qualifications",
    # German
    "anforderungen", "ihre anforderungen", "anforderungsprofil", "ihr profil", "dein profil", "profil",
    "das bringst du mit", "das bringen sie mit", "was du mitbringst", "was sie mitbringen",
    "was du mitbringen solltest", "was sie mitbringen sollten", "das solltest du mitbringen",
    "das sollten sie mitbringen", "qualifikationen", "qualifikation", "ihre qualifikationen",
    "deine qualifikationen", "ihre qualifikation", "deine qualifikation", "voraussetzungen",
    "wir erwarten", "was wir erwarten", "was wir von dir erwarten", "was wir von ihnen erwarten",
    "du bringst mit", "sie bringen mit", "deine skills", "ihre skills", "das zeichnet dich aus",
    "das zeichnet sie aus", "du passt zu uns", "sie passen zu uns", "was dich auszeichnet",
    "was sie auszeichnet", "dein background", "ihr hintergrund", "das wünschen wir uns",
    "das wuenschen wir uns", "das wunschen wir uns", "wen wir suchen", "wir suchen",
    # French
    "profil recherché", "profil recherche", "votre profil", "ton profil", "profil souhaité", "profil souhaite",
    "compétences", "competences", "compétences requises", "competences requises", "qualifications requises",
    "prérequis", "prerequis", "pré-requis", "pre-requis", "exigences", "ce que nous recherchons",
    "vous êtes", "vous etes", "qui êtes-vous", "qui etes-vous", "qui es-tu", "tu es", "le profil",
    "profil du candidat", "votre expérience", "votre experience",
    # Spanish
    "requisitos", "requisitos mínimos", "requisitos minimos", "requisitos deseados", "buscamos",
    "qué buscamos", "que buscamos", "lo que buscamos", "perfil", "tu perfil", "su perfil",
    "perfil buscado", "perfil requerido", "se requiere", "requerimos", "qué necesitas", "que necesitas",
    "qué pedimos", "que pedimos", "experiencia requerida", "requisitos del puesto",
)
_BENEFIT_HEADINGS = (
    # English
    "benefits", "what we offer", "we offer", "our offer", "perks", "perks and benefits", "perks & benefits",
    "benefits and perks", "benefits & perks", "what's in it for you", "whats in it for you",
    "what you get", "what you'll get", "what you will get", "why join us", "why us", "why work with us",
    "compensation and benefits", "compensation & benefits", "rewards", "what we provide", "in return",
    "our benefits", "your benefits", "the package", "we provide", "what we can offer you",
    "what we offer you", "in return we offer",
    # German
    "wir bieten", "das bieten wir", "was wir bieten", "was wir dir bieten", "was wir ihnen bieten",
    "das bieten wir dir", "das bieten wir ihnen", "wir bieten dir", "wir bieten ihnen", "unser angebot",
    "deine vorteile", "ihre vorteile", "deine benefits", "ihre benefits", "unsere benefits",
    "darauf kannst du dich freuen", "darauf können sie sich freuen", "darauf konnen sie sich freuen",
    "was dich bei uns erwartet", "was sie bei uns erwartet", "warum wir", "warum du zu uns passt",
    "unsere leistungen",
    # French
    "nous offrons", "nous proposons", "ce que nous offrons", "ce que nous proposons", "ce que nous t'offrons",
    "ce que nous vous offrons", "ce que nous vous proposons", "nous vous offrons", "nous vous proposons",
    "nous t'offrons", "nous te proposons", "pourquoi nous rejoindre", "avantages", "nos avantages",
    "vos avantages", "les avantages", "les plus du poste", "rémunération et avantages",
    "remuneration et avantages", "ce que l'on t'offre", "ce que l'on vous offre",
    # Spanish
    "ofrecemos", "te ofrecemos", "le ofrecemos", "qué ofrecemos", "que ofrecemos", "qué te ofrecemos",
    "que te ofrecemos", "lo que ofrecemos", "lo que te ofrecemos", "beneficios", "nuestros beneficios",
    "se ofrece", "ventajas", "qué ofrecemos a cambio",
)
# Headings of other parts: they end a requirements or benefits section.
_OTHER_HEADINGS = (
    "responsibilities", "your responsibilities", "key responsibilities", "tasks", "your tasks",
    "what you will do", "what you'll do", "what you'll be doing", "your role", "the role", "about the role",
    "role", "about us", "who we are", "about the company", "the company", "job description", "description",
    "the job", "your mission", "mission", "how to apply", "apply", "contact", "interested", "next steps",
    "our process", "hiring process", "location", "salary", "team", "the team", "about the team",
    "aufgaben", "deine aufgaben", "ihre aufgaben", "ihr aufgabengebiet", "dein aufgabengebiet", "das erwartet dich",
    "das erwartet sie", "das sind deine aufgaben", "das sind ihre aufgaben", "über uns", "uber uns",
    "wer wir sind", "kontakt", "bewerbung", "ansprechpartner", "interessiert", "deine mission",
    "stellenbeschreibung", "unternehmen", "das unternehmen", "arbeitsort",
    "vos missions", "missions", "tes missions", "vos responsabilités", "vos responsabilites", "le poste",
    "descriptif du poste", "description du poste", "qui sommes-nous", "qui sommes nous", "l'entreprise",
    "entreprise", "votre mission", "ta mission", "processus de recrutement", "candidature",
    "tus tareas", "funciones", "tus funciones", "responsabilidades", "tus responsabilidades",
    "sobre nosotros", "quiénes somos", "quienes somos", "descripción", "descripcion",
    "descripción del puesto", "descripcion del puesto", "la empresa", "empresa", "misión", "mision",
)
_HEADINGS = {**{h: None for h in _OTHER_HEADINGS}, **{h: "requirements" for h in _REQUIREMENT_HEADINGS},
             **{h: "benefits" for h in _BENEFIT_HEADINGS}}


@dataclass(frozen=True)
class JobDetails:
    """The facts "Details" shows; every string is plain text from the posting (no HTML, no control characters)."""

    requirements: list[str] = field(default_factory=list)  # up to MAX_REQUIREMENTS lines
    benefits: list[str] = field(default_factory=list)  # up to MAX_BENEFITS lines
    summary: str = ""  # 1–2 sentences, only when neither section was found
    job_types: list[str] = field(default_factory=list)  # of JOB_TYPES, in that order
    level: str | None = None  # of SENIORITY_LEVELS
    agency: bool = False


def job_details(job: JobPosting) -> JobDetails:
    """The posting's requirements, benefits (or summary), job types, level and agency flag.

    Work is linear in the description, read up to ``MAX_SCANNED_CHARS``.
    """
    text = plain_text(job.description or "")
    found = sections(text)
    requirements = _merged(_highlight_items(job, "requirements"), found["requirements"], MAX_REQUIREMENTS)
    benefits = _merged(_highlight_items(job, "benefits"), found["benefits"], MAX_BENEFITS)
    kinds = types_of(job)
    return JobDetails(
        requirements=requirements,
        benefits=benefits,
        summary="" if requirements or benefits else summary_of(text),
        job_types=[kind for kind in JOB_TYPES if kind in kinds],
        level=seniority_level(job),
        agency=is_agency(job),
    )


_TAG = re.compile(r"</?[a-zA-Z!][^<>]{0,300}>")  # a stray tag or comment in text that is not HTML
_HTML_HINT = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|em|span|table|section)\b", re.IGNORECASE)


def plain_text(description: str) -> str:
    """The description as plain lines: HTML converted (the boards' own converter), stray tags and
    control characters gone, at most ``MAX_SCANNED_CHARS``."""
    # Control characters first: the HTML parser refuses text that holds them.
    text = _UNSEEN.sub("", printable(description[: MAX_SCANNED_CHARS * 2])).replace("\u200b", "")
    if _HTML_HINT.search(text):
        text = html_to_text(text)
        text = _UNSEEN.sub("", printable(text))  # entities may have spelt some ("&#27;")
    text = _TAG.sub(" ", text)[:MAX_SCANNED_CHARS]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")



@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return decomposed[0] if decomposed else ch


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for each character of ``text`` (so positions
    found in the folded text cut the original): "Qualifikationen Über" → "qualifikationen uber"."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text).replace("’", "'")


def _heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w'&+-]+", " ", fold_same_length(text).replace("’", "'")).split())


_KINDS = {_heading_key(h): kind for h, kind in _HEADINGS.items()}
# "… Benefits: …" inside a paragraph: each colon's preceding words, read backwards, against every heading
# phrase written backwards — one anchored match per colon instead of a search over the whole text.
_HEADING_BEFORE_COLON = re.compile(
    r"\s?(?:" + "|".join(re.escape(h[::-1]) for h in sorted(_KINDS, key=len, reverse=True)) + r")(?![\w'-])")
_COLON = re.compile(r":(?=\s|$)")
_INLINE_BREAK = re.compile(r"[•▪●◦➢✓✔■►]|(?<=[.:;!?])\s+(?=(?:[-*–]|\d{1,2}[.)])\s)")
_BULLET = re.compile(r"^(?:[•▪●◦➢✓✔■►·*+\-–—]+|\d{1,2}[.)](?!\d))\s*")
_MARKUP = re.compile(r"^[#*_=\s]+|[#*_=\s]+$")
_JOINERS = re.compile(r"\s+(?:&|and|und|et|y|/)\s+|\s*[&/,]\s*")
_ENDS_SENTENCE = re.compile(r"[.!?;,]$")
_HEADING_PARTS = re.compile(r"\s+[-–—|/]\s+")  # "Your profile – what you bring"


def sections(text: str) -> dict[str, list[str]]:
    """Lines under requirement and benefit headings of a plain text (``plain_text``), in order,
    not yet clipped: {"requirements": [...], "benefits": [...]}.

    A section runs from its heading to the next heading, to a paragraph after its list or after a
    blank line, or to the closing words of the advert ("Apply now", "Wir freuen uns auf",
    "equal opportunity employer"), which SerpApi's one-paragraph texts put right after the benefits.
    """
    found: dict[str, list[str]] = {"requirements": [], "benefits": []}
    current, bulleted, blank_since = None, False, False
    for line in _lines(text):
        if not line.strip():
            blank_since = True
            continue
        heading = _heading(line)
        if heading is not None:
            kind, rest = heading
            current, bulleted, blank_since = kind, False, False
            if kind and rest and not _added(found[kind], _sentences(rest)):
                current = None
            continue
        bullet = _BULLET.match(line.strip())
        body = line.strip()[bullet.end():] if bullet else line.strip()
        if current is not None and not bullet and _OFFER_SENTENCE.search(fold_same_length(body)):
            current, bulleted = "benefits", False  # "We offer …" right after the requirements
        if current is None:
            continue
        if not bullet and found[current] and (blank_since or (bulleted and _looks_like_heading(body))):
            current = None  # a paragraph after the list: the section is over
            continue
        if not _added(found[current], [body] if bullet else _sentences(body)):
            current = None
        bulleted = bulleted or bool(bullet)
        blank_since = False
    if not found["benefits"]:
        found["benefits"] = _offer_sentences(text)
    return found


# The advert's closing words: where a section without a next heading ends.
_CLOSING = re.compile(
    r"^(?:apply|to apply|interested|are you interested|sounds? (?:good|interesting)|ready to|send (?:us )?your|"
    r"please (?:apply|send)|we look forward|join us|click|bewirb|bewerben sie|jetzt bewerben|interessiert|"
    r"haben wir (?:dein|ihr) interesse|klingt gut|wir freuen uns|schick uns|senden sie|postule|envoie|envoyez|"
    r"interesse|vous etes interesse|candidatez|envia|envianos|inscribete|si te interesa|te esperamos)\b"
    r"|equal opportunit|equal employment|regardless of|chancengleich|schwerbehindert|diversity|discriminat|"
    r"egalite des chances|igualdad de oportunidades|not a real vacancy|keine echte stelle"
)


def _added(items: list[str], lines: list[str]) -> bool:
    """Append ``lines`` to ``items`` up to the advert's closing words; False once they are met."""
    for line in lines:
        if _CLOSING.search(fold_same_length(line.strip())):
            return False
        items.append(line)
    return True


# "We offer a company car and 30 days of holiday." — benefits in a sentence, when no heading names them.
_OFFER_SENTENCE = re.compile(r"^(?:we offer|we provide|benefits include|our benefits include|wir bieten|"
                             r"nous (?:vous |t')?(?:offrons|proposons)|(?:te |le )?ofrecemos)\s+\S")


def _offer_sentences(text: str) -> list[str]:
    return [sentence for line in _lines(text) for sentence in _sentences(_BULLET.sub("", line.strip(), count=1))
            if _OFFER_SENTENCE.search(fold_same_length(sentence))]


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    """``text`` split into lines, with a break before each inline heading ("… Benefits: …") and bullet.
    Remembered for the few texts of one call (sections, offer sentences and summary read the same)."""
    folded = fold_same_length(text)
    cuts = {m.end() if m.group().isspace() else m.start() for m in _INLINE_BREAK.finditer(text)}
    for number, colon in enumerate(_COLON.finditer(folded)):
        if number == MAX_INLINE_HEADINGS:
            break
        start = max(0, colon.start() - 60)
        found = _HEADING_BEFORE_COLON.match(folded[start:colon.start()][::-1])
        if found and not _after_bullet(folded, colon.start() - found.end()):
            cuts.add(colon.start() - found.end())
    pieces, last = [], 0
    for cut in sorted(cuts):
        if cut > last:
            pieces.append(text[last:cut])
            last = cut
    pieces.append(text[last:])
    return tuple("\n".join(pieces).split("\n"))


def _after_bullet(folded: str, at: int) -> bool:
    """"• Team: great colleagues": a list item's label, not a heading to cut before."""
    return folded[max(0, at - 4):at].rstrip().endswith(tuple("•▪●◦➢✓✔■►·*-–"))


def _heading(line: str) -> tuple[str | None, str] | None:
    """(kind, text after the colon) when ``line`` is a heading: kind "requirements", "benefits" or
    None for another part ("Your tasks", "Über uns"); None when the line is no heading."""
    if len(line) > 2000:
        return None
    bullet = _BULLET.match(line.strip())
    stripped = _MARKUP.sub("", line.strip()[bullet.end():] if bullet else line.strip())
    head, colon, rest = stripped.partition(":")
    if colon and bullet and rest.strip():
        return None  # "• Team: great colleagues" is an item of the list
    if colon and len(head) <= 80:
        key = _heading_key(_MARKUP.sub("", head))
        kind = _kind(key, prefix=True)
        if kind != "unknown":
            return kind, rest.strip()
        if not rest.strip() and 0 < len(key.split()) <= 6:
            return None, ""  # "Deine Mission:" — some other part
        return None
    first, after = (_HEADING_PARTS.split(stripped, maxsplit=1) + [""])[:2]
    key = _heading_key(first.rstrip("!?"))
    kind = _kind(key, prefix=False) if len(key) <= 60 else "unknown"
    if kind != "unknown" and after and _kind(_heading_key(after), prefix=False) == "unknown":
        return kind, after.strip()  # "Requirements – 5 years of Python"
    if kind != "unknown" and not _ENDS_SENTENCE.search(stripped):
        return kind, ""
    if line.strip().startswith(("#", "**")) and 0 < len(key.split()) <= 6:
        return None, ""  # a markdown heading of another part
    return None


def _kind(key: str, *, prefix: bool) -> str | None:
    """The heading kind of a folded heading text, or "unknown". Alone on a line the text must be a
    heading phrase (or two joined: "Benefits & Perks"); before a colon it may go on ("Your profile –
    what you bring")."""
    if key in _KINDS:
        return _KINDS[key]
    first = _JOINERS.split(key, maxsplit=1)[0].strip()
    if first in _KINDS and (prefix or all(part.strip() in _KINDS for part in _JOINERS.split(key) if part.strip())):
        return _KINDS[first]
    if prefix and len(key.split()) <= 8:
        words = key.split()
        for size in range(min(len(words), 6), 0, -1):
            if " ".join(words[:size]) in _KINDS:
                return _KINDS[" ".join(words[:size])]
    return "unknown"


def _looks_like_heading(body: str) -> bool:
    """A short line without closing punctuation after a list: the next part's heading ("Deine Mission")."""
    return len(body) <= 50 and len(body.split()) <= 6 and not _ENDS_SENTENCE.search(body)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡]?[A-ZÀ-ÖØ-ÞĀ-Ž0-9])")
_ABBREVIATIONS = frozenset("z b e g i e bzw ca etc inkl ggf usw evtl ev dr mr mrs ms nr vs vgl d h u a sog min max "
                           "approx incl resp p ex env".split())


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not split after abbreviations ("z. B.", "e.g.", "ca.")."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        last_word = _LAST_WORD.search(out[-1][-40:]) if out else None
        if last_word and len(out[-1]) < 1000 \
                and (last_word.group(1).lower() in _ABBREVIATIONS or len(last_word.group(1)) == 1):
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece.strip())
    return out


def clip(line: str, limit: int = MAX_LINE_CHARS) -> str:
    """``line`` on one line, at most ``limit`` characters, cut at a word boundary with "…"."""
    line = " ".join(_TAG.sub(" ", line).split()).strip(" ;,")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-–") + "…"


def _merged(first: list[str], then: list[str], limit: int) -> list[str]:
    """Up to ``limit`` clipped lines, highlights first, without repeats or lines without a letter."""
    out, seen = [], set()
    for line in (*first, *then):
        clean = clip(line)
        key = clean.casefold().rstrip(".…")
        if len(clean) < 3 or not any(ch.isalpha() for ch in clean) or key in seen:
            continue
        seen.add(key)
        out.append(clean)
        if len(out) == limit:
            break
    return out


def _highlight_items(job: JobPosting, kind: str) -> list[str]:
    """Items of SerpApi's ``job_highlights`` blocks whose title is a ``kind`` heading ("Qualifications", "Benefits")."""
    items: list[str] = []
    for block in job.highlights or []:
        if isinstance(block, dict) and _kind(_heading_key(str(block.get("title") or "")), prefix=True) == kind:
            items.extend(plain_text(str(item)) for item in block.get("items") or [] if isinstance(item, str))
    return items


def summary_of(text: str) -> str:
    """The first one or two sentences of the description, at most ``MAX_SUMMARY_CHARS``; headings,
    fragments and closing words ("Apply now", "not a real vacancy") left out."""
    chosen: list[str] = []
    for line in _lines(text[:20_000]):
        body = _BULLET.sub("", line.strip(), count=1)
        if len(body) < 25 or _heading(line) is not None or body.endswith(":"):
            continue
        for sentence in _sentences(body):
            if _CLOSING.search(fold_same_length(sentence)):
                continue
            if chosen and len(" ".join([*chosen, sentence])) > MAX_SUMMARY_CHARS:
                return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
            chosen.append(sentence)
            if len(chosen) == 2:
                return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
    return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
