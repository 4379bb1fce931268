"""A posting's text split by what its parts are about: requirements, nice-to-haves, benefits, the rest.

One vocabulary of headings and one way of finding them, read two ways:

- the ranking (``description_sections``, ``highlight_sections``) reads skills per part: what a
  requirements part names is required, a nice-to-have part's a plus, and what a benefits part
  names ("Health insurance", "Company car") is no skill at all;
- "Details" (``listed_sections``) shows the requirement and benefit lines in the posting's words.

Headings are phrases in English, German, French and Spanish ("What you bring", "Ihr Profil",
"Profil recherché", "Requisitos"; "What we offer", "Was wir Ihnen bieten", "Nous vous proposons",
"Qué te ofrecemos"), accents optional, a plural or inflection allowed at the end ("Profile",
"Anforderungen"). A heading stands on a line of its own (as a markdown heading, a bold line, after
an emoji or bullet, with one more word: "Benefits & Perks", "Skills required"), before a dash on
its line ("Your profile – 5 years of Python"), or before a colon inside a paragraph with up to
three more words ("… Requirements for the role: SQL", SerpApi's one-paragraph descriptions).
SerpApi's ``job_highlights`` carry a title per part ("Qualifications", "Benefits").
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from domain.trie_regex import trie_regex

REQUIRED, NICE, BENEFITS, OTHER = "required", "nice", "benefits", "other"
KINDS = (REQUIRED, NICE, BENEFITS, OTHER)

_NICE_HEADINGS = (
    "nice to have", "nice-to-have", "nice to haves", "bonus", "preferred qualification", "a plus", "pluses",
    "desirable", "wünschenswert", "von vorteil", "idealerweise", "un plus", "serait un plus", "atout",
    "se valorará", "valorable", "deseable", "requisitos deseados",
)
_REQUIREMENT_HEADINGS = (
    # English
    "requirement", "job requirements", "key requirements", "minimum requirements", "what you bring",
    "what you'll bring", "what you will bring", "what we're looking for", "what we are looking for",
    "what we look for", "who you are", "about you", "your profile", "profile", "qualification",
    "minimum qualifications", "basic qualifications", "required qualifications", "your qualifications",
    "skills", "required skills", "key skills", "your skills", "skills and experience", "skills & experience",
    "experience", "must have", "must-have", "must haves", "must-haves", "you have", "you bring", "you are",
    "what you need", "what you'll need", "what you will need", "you will need", "you'll need", "essential",
    "essentials", "we are looking for", "we're looking for", "ideal candidate", "the ideal candidate",
    "candidate profile", "person specification", "what you should bring", "your background",
    "requirements and qualifications", "competence", "competencies",
    # German
    "anforderung", "ihre anforderungen", "anforderungsprofil", "ihr profil", "dein profil", "profil",
    "das bringst du mit", "das bringen sie mit", "was du mitbringst", "was sie mitbringen",
    "was du mitbringen solltest", "was sie mitbringen sollten", "das solltest du mitbringen",
    "das sollten sie mitbringen", "qualifikation", "ihre qualifikationen", "deine qualifikationen",
    "ihre qualifikation", "deine qualifikation", "voraussetzung", "wir erwarten", "was wir erwarten",
    "was wir von dir erwarten", "was wir von ihnen erwarten", "du bringst mit", "sie bringen mit",
    "deine skills", "ihre skills", "das zeichnet dich aus", "das zeichnet sie aus", "du passt zu uns",
    "sie passen zu uns", "was dich auszeichnet", "was sie auszeichnet", "dein background", "ihr hintergrund",
    "das wünschen wir uns", "das wuenschen wir uns", "wen wir suchen", "wir suchen",
    # French
    "profil recherché", "votre profil", "ton profil", "profil souhaité", "compétences", "compétences requises",
    "qualifications requises", "prérequis", "pré-requis", "exigences", "ce que nous recherchons", "vous êtes",
    "qui êtes-vous", "qui es-tu", "tu es", "le profil", "profil du candidat", "votre expérience",
    # Spanish
    "requisitos", "requisitos mínimos", "buscamos", "qué buscamos", "lo que buscamos", "perfil", "tu perfil",
    "su perfil", "perfil buscado", "perfil requerido", "se requiere", "requerimos", "qué necesitas",
    "qué pedimos", "experiencia requerida", "requisitos del puesto", "competencias",
)
_BENEFIT_HEADINGS = (
    # English
    "benefits", "benefit", "what we offer", "we offer", "our offer", "perks", "perks and benefits",
    "perks & benefits", "benefits and perks", "benefits & perks", "what's in it for you", "whats in it for you",
    "what you get", "what you'll get", "what you will get", "why join us", "why us", "why work with us",
    "compensation and benefits", "compensation & benefits", "rewards", "what we provide", "in return",
    "our benefits", "your benefits", "the package", "we provide", "what we can offer you", "what we offer you",
    "in return we offer",
    # German
    "wir bieten", "das bieten wir", "was wir bieten", "was wir dir bieten", "was wir ihnen bieten",
    "das bieten wir dir", "das bieten wir ihnen", "wir bieten dir", "wir bieten ihnen", "unser angebot",
    "deine vorteile", "ihre vorteile", "deine benefits", "ihre benefits", "unsere benefits",
    "darauf kannst du dich freuen", "darauf können sie sich freuen", "was dich bei uns erwartet",
    "was sie bei uns erwartet", "warum wir", "warum du zu uns passt", "unsere leistungen",
    # French
    "nous offrons", "nous proposons", "ce que nous offrons", "ce que nous proposons", "ce que nous t'offrons",
    "ce que nous vous offrons", "ce que nous vous proposons", "nous vous offrons", "nous vous proposons",
    "nous t'offrons", "nous te proposons", "pourquoi nous rejoindre", "avantages", "nos avantages",
    "vos avantages", "les avantages", "les plus du poste", "rémunération et avantages", "ce que l'on t'offre",
    "ce que l'on vous offre",
    # Spanish
    "ofrecemos", "te ofrecemos", "le ofrecemos", "qué ofrecemos", "qué te ofrecemos", "lo que ofrecemos",
    "lo que te ofrecemos", "beneficios", "nuestros beneficios", "se ofrece", "ventajas", "qué ofrecemos a cambio",
)
# Headings of other parts: they end a requirements or benefits part.
_OTHER_HEADINGS = (
    "responsibilities", "your responsibilities", "key responsibilities", "tasks", "your tasks", "duties",
    "what you will do", "what you'll do", "what you'll be doing", "your role", "the role", "about the role",
    "role", "about us", "who we are", "about the company", "the company", "job description", "description",
    "the job", "your mission", "mission", "how to apply", "apply", "contact", "interested", "next steps",
    "our process", "hiring process", "location", "salary", "team", "the team", "about the team",
    "aufgaben", "deine aufgaben", "ihre aufgaben", "ihr aufgabengebiet", "dein aufgabengebiet", "das erwartet dich",
    "das erwartet sie", "das sind deine aufgaben", "das sind ihre aufgaben", "über uns", "wer wir sind", "kontakt",
    "bewerbung", "ansprechpartner", "interessiert", "deine mission", "stellenbeschreibung", "unternehmen",
    "das unternehmen", "arbeitsort",
    "vos missions", "missions", "tes missions", "vos responsabilités", "le poste", "descriptif du poste",
    "description du poste", "qui sommes-nous", "l'entreprise", "entreprise", "votre mission", "ta mission",
    "processus de recrutement", "candidature",
    "tareas", "tus tareas", "funciones", "tus funciones", "responsabilidades", "tus responsabilidades",
    "sobre nosotros", "quiénes somos", "descripción", "descripción del puesto", "la empresa", "empresa", "misión",
)
# Checked in this order where a highlight title holds phrases of two kinds: "Preferred qualifications"
# is a plus though it says "qualification".
_HEADINGS = {NICE: _NICE_HEADINGS, BENEFITS: _BENEFIT_HEADINGS, REQUIRED: _REQUIREMENT_HEADINGS,
             OTHER: _OTHER_HEADINGS}
# A phrase may end in a plural or inflection: "Profile:" opens a part, "Profiling" does not.
_INFLECTIONS = ("s", "e", "es", "en", "n")


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character: its lower case without accents."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char.lower())
        folded = "'" if char == "’" else decomposed[0] if decomposed else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for each character of ``text`` (so positions
    found in the folded text cut the original): "Qualifikationen Über" → "qualifikationen uber"."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def _heading_key(text: str) -> str:
    """A heading's comparison form: folded, hyphens and punctuation as single spaces ("Nice-to-have" →
    "nice to have"), "&", "+" and apostrophes kept."""
    return " ".join(re.sub(r"[^\w'&+]+", " ", fold_same_length(text).replace("’", "'")).split())


# Later kinds win where two lists hold one phrase: a benefit heading is never taken for a requirement.
_KINDS = {_heading_key(phrase): kind for kind in (OTHER, REQUIRED, NICE, BENEFITS) for phrase in _HEADINGS[kind]}


def _lookup(phrase: str) -> str | None:
    """The kind of a heading key, allowing a plural or inflection at its end; None when unknown."""
    kind = _KINDS.get(phrase)
    if kind is None:
        for ending in _INFLECTIONS:
            if phrase.endswith(ending) and (kind := _KINDS.get(phrase[:-len(ending)])) is not None:
                break
    return kind


@lru_cache(maxsize=1024)  # boards title their highlights with a handful of words
def heading_kind(title: str) -> str:
    """What a highlight title announces ("Qualifications" → REQUIRED): one of ``KINDS``, OTHER when
    no phrase of the vocabulary occurs in it."""
    folded = _heading_key(title)
    return next((kind for kind, phrases in _FOLDED_HEADINGS.items() if any(p in folded for p in phrases)), OTHER)


_FOLDED_HEADINGS = {kind: tuple(_heading_key(p) for p in phrases) for kind, phrases in _HEADINGS.items()}


def highlight_sections(highlights: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Highlights ``((title, items), ...)`` as ``{kind: text}`` over all ``KINDS``."""
    parts: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for title, items in highlights:
        parts[heading_kind(title)].append(" \n".join(items))
    return {kind: " \n".join(texts) for kind, texts in parts.items()}


def description_sections(text: str) -> dict[str, str]:
    """A description as ``{kind: text}`` over all ``KINDS``, cut where a known heading starts; text
    before the first heading is OTHER. A heading the vocabulary does not know ("Tech stack:") opens
    no part: its lines stay with the part before."""
    parts: dict[str, list[str]] = {kind: [] for kind in KINDS}
    current, start = OTHER, 0
    cuts = _cuts(text)
    # Only the lines (as ``lines`` cuts them) that open with a heading phrase are read: most do not.
    candidates = sorted({m.start() for m in _LINE_MAY_OPEN.finditer("\n" + text)}
                        | {cut for cut in cuts if _MAY_OPEN.match(text, cut)})
    for offset in candidates:
        newline, after = text.find("\n", offset), bisect_right(cuts, offset)
        end = min(newline if newline >= 0 else len(text), cuts[after] if after < len(cuts) else len(text))
        if end - offset > _MAX_LINE_CHARS and len(text[offset:end].strip()) > _MAX_LINE_CHARS:
            continue  # as ``heading`` would say
        # A heading's kind is decided within its first characters (a colon within 80, a dash within 120).
        found = heading(text[offset:min(end, offset + _KIND_CHARS)])
        if found is None or found[0] is None:
            continue
        # The heading stays with its part: a line taken for one by mistake keeps its skills.
        parts[current].append(text[start:offset])
        current, start = found[0], offset
    parts[current].append(text[start:])
    return {kind: " \n".join(texts) for kind, texts in parts.items()}


def listed_sections(text: str) -> dict[str, list[str]]:
    """Lines under requirement (and nice-to-have) and benefit headings of a plain text, in order,
    not yet clipped: {"requirements": [...], "benefits": [...]}.

    A section runs from its heading to the next heading, to a paragraph after its list or after a
    blank line, or to the closing words of the advert ("Apply now", "Wir freuen uns auf",
    "equal opportunity employer"), which SerpApi's one-paragraph texts put right after the benefits.
    Without a benefits heading, sentences such as "We offer a company car …" are the benefits.
    """
    found: dict[str, list[str]] = {"requirements": [], "benefits": []}
    current, bulleted, blank_since = None, False, False
    for _, line in _lines(text):
        if not line.strip():
            blank_since = True
            continue
        head = heading(line)
        if head is not None:
            kind, rest = head
            current, bulleted, blank_since = _LISTED.get(kind), False, False
            if current and rest and not _added(found[current], sentences(rest)):
                current = None
            continue
        bullet = BULLET.match(line.strip())
        body = line.strip()[bullet.end():] if bullet else line.strip()
        if current is not None and not bullet and _OFFER_SENTENCE.search(fold_same_length(body)):
            current, bulleted = "benefits", False  # "We offer …" right after the requirements
        if current is None:
            continue
        if not bullet and found[current] and (blank_since or (bulleted and _looks_like_heading(body))):
            current = None  # a paragraph after the list: the section is over
            continue
        if not _added(found[current], [body] if bullet else sentences(body)):
            current = None
        bulleted = bulleted or bool(bullet)
        blank_since = False
    if not found["benefits"]:
        found["benefits"] = _offer_sentences(text)
    return found


_LISTED = {REQUIRED: "requirements", NICE: "requirements", BENEFITS: "benefits"}

# The advert's closing words: where a section without a next heading ends.
_CLOSING = re.compile(
    r"^(?:apply|to apply|interested|are you interested|sounds? (?:good|interesting)|ready to|send (?:us )?your|"
    r"please (?:apply|send)|we look forward|join us|click|bewirb|bewerben sie|jetzt bewerben|interessiert|"
    r"haben wir (?:dein|ihr) interesse|klingt gut|wir freuen uns|schick uns|senden sie|postule|envoie|envoyez|"
    r"interesse|vous etes interesse|candidatez|envia|envianos|inscribete|si te interesa|te esperamos)\b"
    r"|equal opportunit|equal employment|regardless of|chancengleich|schwerbehindert|diversity|discriminat|"
    r"egalite des chances|igualdad de oportunidades|not a real vacancy|keine echte stelle"
)


def is_closing(line: str) -> bool:
    """Whether ``line`` is the advert's closing words ("Apply now", "Wir freuen uns auf …")."""
    return bool(_CLOSING.search(fold_same_length(line.strip())))


def _added(items: list[str], lines: list[str]) -> bool:
    """Append ``lines`` to ``items`` up to the advert's closing words; False once they are met."""
    for line in lines:
        if is_closing(line):
            return False
        items.append(line)
    return True


# "We offer a company car and 30 days of holiday." — benefits in a sentence, when no heading names them.
_OFFER_SENTENCE = re.compile(r"^(?:we offer|we provide|benefits include|our benefits include|wir bieten|"
                             r"nous (?:vous |t')?(?:offrons|proposons)|(?:te |le )?ofrecemos)\s+\S")


def _offer_sentences(text: str) -> list[str]:
    return [sentence for _, line in _lines(text) for sentence in sentences(BULLET.sub("", line.strip(), count=1))
            if _OFFER_SENTENCE.search(fold_same_length(sentence))]


# "… Benefits: …" inside a paragraph: each colon's preceding words, read backwards, against every heading
# phrase written backwards (an inflection and up to three more words between it and the colon: "Requirements
# for the role:") — one anchored match per colon instead of a search over the whole text.
_HEADING_BEFORE_COLON = re.compile(
    r"\s*(?:[\w'&]+[ \t]+){0,3}(?:s|e|se|ne|n)??" + trie_regex([key[::-1] for key in _KINDS], space=r"[\s-]+") + r"(?![\w'-])")
_COLON = re.compile(r":(?!//)")
_ACCENTED = {"a": "[aàáâä]", "e": "[eéèêë]", "i": "[iíîï]", "o": "[oóôö]", "u": "[uúùûü]", "c": "[cç]",
             "n": "[nñ]", "'": "['’]"}
# Whether a line may open with a heading phrase, on the line as written (any case, accents or not) after
# bullets, numbers, markup or an emoji: most lines of a posting are decided by this one match.
_PHRASES = trie_regex(list(_KINDS), char=lambda char: _ACCENTED.get(char) or re.escape(char), space=r"[\s-]+")
_MAY_OPEN = re.compile(r"[\W_]*(?:\d{1,2}[.)][\W_]*)?" + _PHRASES, re.IGNORECASE)
# The same at each line start of "\n" + text, in one scan: a match's start is its line's offset in the text.
_LINE_MAY_OPEN = re.compile(r"\n(?:[^\w\n]|_)*+(?:\d{1,2}[.)](?:[^\w\n]|_)*+)?" + _PHRASES, re.IGNORECASE)
MAX_INLINE_HEADINGS = 1_000  # colons looked at for "Heading:" inside a paragraph
_LOOK_BACK = 60  # characters before a colon that may hold an inline heading
_INLINE_BULLET = re.compile(r"[•▪●◦➢✓✔■►](?<!\n.)")  # one opening a line needs no cut
_INLINE_ITEM = re.compile(r"[.:;!?]\s+(?=(?:[-*–]|\d{1,2}[.)])\s)")  # "… end. - next item", "… end. 2) next"
BULLET = re.compile(r"^(?:[•▪●◦➢✓✔■►·*+\-–—]+|\d{1,2}[.)](?!\d))\s*")


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[tuple[int, str], ...]:
    """``(offset, line)`` for each line of ``text``, cut where ``_cuts`` says. Remembered for the few
    texts of one call (the parts, the offer sentences and a summary read the same)."""
    cuts = _cuts(text)
    out: list[tuple[int, str]] = []
    offset, number = 0, 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        while number < len(cuts) and cuts[number] <= start:
            number += 1
        while number < len(cuts) and cuts[number] < end:
            out.append((start, text[start:cuts[number]]))
            start, number = cuts[number], number + 1
        out.append((start, text[start:end]))
        offset = end + 1
    return tuple(out)


@lru_cache(maxsize=8)
def _cuts(text: str) -> tuple[int, ...]:
    """Where a line of ``text`` is cut besides its line breaks, in order: before each inline heading
    ("… Benefits: …") and bullet."""
    cuts = {m.end() for m in _INLINE_ITEM.finditer(text)}
    if not text.isascii():  # bullets are no ASCII characters
        cuts.update(m.start() for m in _INLINE_BULLET.finditer(text))
    for number, colon in enumerate(_COLON.finditer(text)):
        if number == MAX_INLINE_HEADINGS:
            break
        # Only the few characters before a colon are folded: folding a whole text cost more than the rest.
        start = max(0, colon.start() - _LOOK_BACK)
        found = _HEADING_BEFORE_COLON.match(fold_same_length(text[start:colon.start()])[::-1])
        if found and not _after_bullet(text, colon.start() - found.end()):
            cuts.add(colon.start() - found.end())
    return tuple(cut for cut in sorted(cuts) if cut and text[cut - 1] != "\n")  # a line's start is one already


def lines(text: str) -> tuple[str, ...]:
    """``text`` split into lines, with a break before each inline heading ("… Benefits: …") and bullet."""
    return tuple(line for _, line in _lines(text))


def _after_bullet(text: str, at: int) -> bool:
    """"• Team: great colleagues": a list item's label, not a heading to cut before."""
    return text[max(0, at - 4):at].rstrip().endswith(_BULLET_CHARS)


_BULLET_CHARS = tuple("•▪●◦➢✓✔■►·*-–")


_MARKUP_START = re.compile(r"^[#*_=\s]+")
_MARKUP_CHARS = "#*_="
_MAX_LINE_CHARS = 2000  # a longer line is a paragraph whatever it opens with
_KIND_CHARS = 400
_SHORT_LINE = 130  # a colon further on ends no heading (one is at most 80 characters after its bullet)


def _unmarked(text: str) -> str:
    """``text`` without markdown heading or emphasis marks and spaces at either end ("## Benefits **")."""
    text = _MARKUP_START.sub("", text, count=1)
    end = len(text)
    while end and (text[end - 1] in _MARKUP_CHARS or text[end - 1].isspace()):
        end -= 1
    return text[:end]
_JOINERS = re.compile(r"\s+(?:&|and|und|et|y|/)\s+|\s*[&/,]\s*")
_ENDS_SENTENCE = re.compile(r"[.!?;,]$")
_HEADING_PARTS = re.compile(r"\s+[-–—|/]\s+")  # "Your profile – what you bring"
_MAX_HEADING_CHARS = 60


@lru_cache(maxsize=4096)  # a board's postings share their headings ("Dein Profil:", "What we offer")
def heading(line: str) -> tuple[str | None, str] | None:
    """``(kind, text after the colon or dash)`` when ``line`` is a heading, kind one of ``KINDS``, or
    None for a part the vocabulary does not name ("Deine Mission:", "## Tech stack"); None when the
    line is no heading."""
    line = line.strip()
    if len(line) > _MAX_LINE_CHARS:
        return None
    if ":" not in line[:_SHORT_LINE] and not line.startswith(("#", "**")) and not _MAY_OPEN.match(line):
        return None  # most lines of a posting, decided without the work below
    bullet = BULLET.match(line)
    stripped = _unmarked(line[bullet.end():] if bullet else line)
    head, colon, rest = stripped.partition(":")
    if colon and len(head) <= 80:
        if bullet and rest.strip():
            return None  # "• Team: great colleagues" is an item of the list
        key = _heading_key(_unmarked(head))
        kind = _kind(key, prefix=True)
        if kind is not None:
            return kind, rest.strip()
        if not rest.strip() and 0 < len(key.split()) <= 6:
            return None, ""  # "Deine Mission:" — some other part
        return None
    dash = _HEADING_PARTS.search(stripped, 0, 2 * _MAX_HEADING_CHARS)
    first, after = (stripped[:dash.start()], stripped[dash.end():]) if dash else (stripped, "")
    if len(first) > 2 * _MAX_HEADING_CHARS:
        return None
    key = _heading_key(first.rstrip("!?"))
    kind = _kind(key, prefix=False) if len(key) <= _MAX_HEADING_CHARS else None
    if kind is None and not bullet and not after and len(key) <= _MAX_HEADING_CHARS:
        kind = _kind(key.rsplit(" ", 1)[0], prefix=False) if " " in key else None  # "Skills required"
    if kind is not None and after and _kind(_heading_key(after), prefix=False) is None:
        return kind, after.strip()  # "Requirements – 5 years of Python"
    if kind is not None and not _ENDS_SENTENCE.search(stripped):
        return kind, ""
    if line.startswith(("#", "**")) and 0 < len(key.split()) <= 6:
        return None, ""  # a markdown heading of another part
    return None


def _kind(key: str, *, prefix: bool) -> str | None:
    """The kind of a folded heading text, or None. Alone on a line the text must be a heading phrase
    (or two joined: "Benefits & Perks"); before a colon it may go on ("Requirements for the role")."""
    kind = _lookup(key)
    if kind is not None:
        return kind
    parts = [part.strip() for part in _JOINERS.split(key) if part.strip()]
    if parts and (kind := _lookup(parts[0])) is not None \
            and (prefix or all(_lookup(part) is not None for part in parts)):
        return kind
    if prefix and len(key.split()) <= 8:
        words = key.split()
        for size in range(min(len(words), 6), 0, -1):
            if (kind := _lookup(" ".join(words[:size]))) is not None:
                return kind
    return None


def _looks_like_heading(body: str) -> bool:
    """A short line without closing punctuation after a list: the next part's heading ("Deine Mission")."""
    return len(body) <= 50 and len(body.split()) <= 6 and not _ENDS_SENTENCE.search(body)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡]?[A-ZÀ-ÖØ-ÞĀ-Ž0-9])")
_ABBREVIATIONS = frozenset("z b e g i e bzw ca etc inkl ggf usw evtl ev dr mr mrs ms nr vs vgl d h u a sog min max "
                           "approx incl resp p ex env".split())
_LAST_WORD = re.compile(r"(\w+)\W*$")


def sentences(text: str) -> list[str]:
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
