"""The skills of a CV: every item listed in a skills section, plus vocabulary skills in running text.

Inside a skills section (or after a "Skills:"/"Tools:"/"Kenntnisse:" label) every listed item is a
skill: items are split on commas, bullets, pipes, semicolons and the word "and" in the seven
languages; a known item is normalised to the vocabulary's canonical name, an unknown one is kept
as written unless it is a level ("Advanced", "Fortgeschritten", "C1"), a sentence or too long.
In running text only vocabulary skills count, and a general ability named by ordinary words
("Nursing", "Typography", "Banking") only where the context means a skill: a cue before it
("experience in", "Kenntnisse in", "compétences en", ...) and no noun after it ("nursing staff"),
never on a client or industry list.
"""
from __future__ import annotations

import re

from domain.cv.bullets import starts_with_bullet, strip_bullet
from domain.cv.dates import is_date_text
from domain.cv.experience import is_degree_line
from domain.cv.languages import names_a_language
from domain.cv.roles import role_words
from domain.cv.sections import Line, heading_section
from domain.cv.skill_entries import entry_rows, is_entry_item, is_entry_line
from domain.cv.skills import (
    SkillMention,
    canonical_skill,
    extract_skills,
    find_skills,
    is_tool,
    skill_category,
)

MAX_ITEM_CHARS = 40
MAX_ITEM_WORDS = 5
MIN_PHRASE_WORDS = 3  # an unknown item this long that holds a known skill is a phrase about it
_LABEL = re.compile(
    r"^\W*(?:(?:key |core |technical |tech |it |soft |hard |other )?skills|tools|technologies|tech stack|stack|"
    r"software|kenntnisse|fähigkeiten|kompetenzen|edv(?:-kenntnisse)?|it-kenntnisse|compétences|outils|"
    r"logiciels|habilidades|competencias|competências|herramientas|ferramentas|competenze|strumenti|"
    r"vaardigheden|tools en technieken)\s*:\s*", re.IGNORECASE)
_SUBLABEL = re.compile(r"^([^:]{2,30}):\s+(?=\S)")  # "Cloud: AWS, GCP" inside a skills section
_SPLIT = re.compile(r"\s*(?:[,;|•·‣∙→⇒\u2190-\u21ff\u25a0-\u25ff\u2700-\u27bf\ue000-\uf8ff]|\s[–—]\s)\s*")
# Joining words split an item only when a part is a known skill ("Python en Django"), never a phrase
# ("Aprendizaje basado en proyectos", "Team leadership and mentoring").
_JOIN = re.compile(r"\s(?:/|&|\+|and|und|et|y|e|en|og|och|or|oder|ou|o)\s", re.IGNORECASE)
_NOT_SKILLS = ("languages", "contact", "other")
# Levels said only of spoken languages: a skills line holding one is a language line
# ("Gujarati • fluent", "Español (nativo)") misplaced by the text layer.
_LANGUAGE_LEVEL = re.compile(
    r"\b(?:native|fluent|mother tongue|bilingual|muttersprache|muttersprachlich|fließend|verhandlungssicher|"
    r"langue maternelle|courant|bilingue|nativo|nativa|lengua materna|fluido|língua materna|fluente|"
    r"madrelingua|lingua madre|moedertaal|vloeiend)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^)]*)\)|\[([^]]*)\]")
_LEVEL_WORDS = (
    r"(?:[ABC][12]|native|fluent|basic|basics|beginner|intermediate|advanced|expert|proficient|good|very good|"
    r"excellent|working knowledge|familiar|novice|grundkenntnisse|gut|sehr gut|fortgeschritten|experte|"
    r"verhandlungssicher|fließend|débutant|intermédiaire|avancé|confirmé|notions|courant|expert|básico|basico|"
    r"intermedio|avanzado|experto|avançado|avancado|intermediário|base|buono|ottimo|avanzato|esperto|"
    r"goed|zeer goed|gevorderd|basis|(?:proficient|independent|basic) user|\d+\s*(?:%|/\s*\d+|years?|yrs?|jahre|ans|"
    r"años|anos|anni|jaar)|[★☆●○■□]+)")
_LEVEL = re.compile(r"^" + _LEVEL_WORDS + r"$", re.IGNORECASE)
# "Go – Fortgeschritten", "Figma ★★★★☆", "Excel 90 %": the level after the skill is dropped.
_LEVEL_TAIL = re.compile(r"\s*[-–:]\s*" + _LEVEL_WORDS + r"$|\s+[★☆●○■□]+$|\s+\d+\s*%$", re.IGNORECASE)
_VERB_OR_SENTENCE = re.compile(r"[.!?]$|\b(?:i|we|my|our|was|were|have|has|is|are|the|with|for|to)\b", re.IGNORECASE)
_CUE = re.compile(
    r"(?:experience|experienced|expertise|skilled|skills?|knowledge|proficien\w*|specialis\w*|specializ\w*|"
    r"background|trained|certified|qualified|focus|kenntnisse|erfahrung|erfahren|fachkraft|spezialisiert|"
    r"ausgebildet|expérience|compétences?|connaissances?|spécialis\w*|experiencia|conocimientos?|especializad\w*|"
    r"experiência|conhecimentos?|esperienza|competenze|conoscenz\w*|ervaring|kennis|gespecialiseerd)"
    r"\b[^.;]{0,40}$", re.IGNORECASE)
# Nouns an ability word qualifies when it is no skill: "nursing staff", "retail clients", "banking sector".
_HEAD_NOUN = re.compile(
    r"^[ \t\n-]+(?:staff|team|teams|department|departments|ward|wards|unit|units|sector|sectors|industry|industries|"
    r"clients?|customers?|compan(?:y|ies)|firms?|market|markets|homes?|facilit(?:y|ies)|agenc(?:y|ies)|office|"
    r"group|personnel|station|division|partners?|provider|providers|personal|abteilung|branche|kunden|"
    r"unternehmen|équipe|secteur|entreprises?|equipo|clientes|empresas?|equipe|setor|reparto|settore|clienti|"
    r"aziende|afdeling|klanten|bedrijven)\b", re.IGNORECASE)
_CLIENT_LIST = re.compile(
    r"^\W*(?:clients?|customers?|industries|sectors?|kunden|branchen|références clients|secteurs|clientes|"
    r"sectores|setores|clienti|settori|klanten|sectoren)\b", re.IGNORECASE)


def split_items(text: str) -> list[str]:
    """The items of one skills line ("Python (Django, Flask), Go | Docker" -> ["Python", "Go", "Docker",
    "Django", "Flask"]): bracketed parts come after the head items."""
    text = strip_bullet(_LABEL.sub("", strip_bullet(text)))
    inner = [a or b for a, b in _PAREN.findall(text)]
    head = _PAREN.sub(" ", text)
    # A leading dot is part of a name (".NET"); a trailing one ends the list.
    items = [strip_bullet(i).strip(" :-–").rstrip(".") for part in [head, *inner] for i in _SPLIT.split(part)]
    return [j for i in items if i for j in _split_joined(i)]


def _split_joined(item: str) -> list[str]:
    parts = [p.strip() for p in _JOIN.split(item) if p.strip()]
    if len(parts) > 1 and canonical_skill(item) is None and any(canonical_skill(p) for p in parts):
        return parts
    return [item]


def listed_skills(item: str) -> list[str]:
    """The skills one listed item names: the canonical name when known, else the item as written when
    it looks like a skill ("SAP EWM" stays itself, not "SAP"). Empty for a level, a sentence, a
    date, a number, a copyright footer or an over-long item."""
    item = _LEVEL_TAIL.sub("", " ".join(item.split())).strip(" :-–").rstrip(".")
    known = canonical_skill(item)
    if known:
        return [known]
    if not item or _LEVEL.match(item) or len(item) > MAX_ITEM_CHARS or len(item.split()) > MAX_ITEM_WORDS:
        return []
    if is_entry_item(item):  # "UX Researcher", "Ghent University": an entry's row; "SAP Consultant" names SAP
        return [skill for skill in extract_skills(item) if is_tool(skill)]
    inner = extract_skills(item)
    if inner and (len(item.split()) >= MIN_PHRASE_WORDS or _VERB_OR_SENTENCE.search(item)):
        return inner  # "Proficient in Python": the phrase names a known skill
    if not re.search(r"[^\W\d_]", item) or _VERB_OR_SENTENCE.search(item) or "©" in item or is_date_text(item):
        return []
    return [item]


def _label_section(line: str) -> tuple[str | None, str]:
    """The section named by a label that starts ``line`` ("Sprachen: Deutsch", or a Europass label
    column read into the same line: "Sprachen Deutsch") and the rest of the line."""
    sub = _SUBLABEL.match(line)
    if sub:
        return heading_section(sub.group(1)), line[sub.end():]
    words = line.split()
    if canonical_skill(_SPLIT.split(line)[0]):  # "Software Engineering, Python": no label
        return None, line
    for n in (3, 2, 1):
        if len(words) > n and words[n][:1].isupper() and (section := heading_section(" ".join(words[:n]))):
            return section, " ".join(words[n:])
    return None, line


def _section_skills(line: str) -> list[str]:
    section, text = _label_section(_LABEL.sub("", strip_bullet(line)))
    if section in _NOT_SKILLS or _LANGUAGE_LEVEL.search(text):
        return []  # "Languages: German, English" inside a skills block
    found = [s for s in _head_skills(text) if skill_category(s) != "languages_spoken"]
    return found


def _head_skills(text: str) -> list[str]:
    head_items = split_items(_PAREN.sub(" ", text))
    if is_entry_line(head_items):
        return []  # "Referendar, Staatliches Seminar Freiburg": a job's row, not a list
    found = [s for item in head_items for s in listed_skills(item)]
    # Bracketed parts are qualifiers ("Excel (tableaux croisés dynamiques)") unless they name tools.
    for a, b in _PAREN.findall(text):
        found += extract_skills(a or b)
    if not found and len(head_items) == 1:  # a sentence in the skills section: its vocabulary skills
        found = extract_skills(text)
    return found


def _in_a_role_or_degree(text: str, mention: SkillMention, line: str) -> bool:
    """True when an ability word is part of a job title or a degree: "Développeuse Full Stack",
    "Machine Learning Engineer", "Chargé de communication", "M.S. Statistics"."""
    if is_degree_line(line):
        return True
    # Only within the same item: "Disponent, Tourenplanung" lists a skill after a role.
    before = re.split(r"[,;|•·:]", text[:mention.start].rsplit("\n", 1)[-1])[-1].split()[-3:]
    after = text[mention.end:].split("\n", 1)[0].split()[:1]
    return bool(role_words(" ".join([*before, mention.matched, *after])))


def _means_a_skill(text: str, mention: SkillMention) -> bool:
    if is_tool(mention.canonical):
        return True
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if _CLIENT_LIST.match(line) or _in_a_role_or_degree(text, mention, line):
        return False
    if _HEAD_NOUN.match(text[mention.end:]):
        return False  # "nursing staff", "retail clients": the word qualifies a noun
    return _CUE.search(text[max(0, mention.start - 80):mention.start]) is not None or _is_list(text, mention)


def _is_list(text: str, mention: SkillMention) -> bool:
    # "SEO, copywriting, typography" - a list of two or more skills is itself the context.
    before, after = text[:mention.start].rstrip(), text[mention.end:].lstrip()
    return before.endswith((",", ";", "|", "•", ":")) or after.startswith((",", ";", "|", "•"))


MIN_LIST_ITEMS = 4
AUTHORITATIVE_LIST_ITEMS = 4  # listed skills that make the CV's own list authoritative over its prose
MIN_KNOWN_SHARE = 0.6


def _looks_like_a_skill_list(text: str) -> bool:
    """A line of four or more short items, most of them known skills ("SAP FI, BMD, IFRS, UGB, Excel"):
    a skills list even where the text layer lost its heading or put every heading first."""
    if _SEPARATOR_IN.search(text) is None:
        return False
    items = split_items(text)
    if len(items) < MIN_LIST_ITEMS or any(len(i.split()) > MAX_ITEM_WORDS for i in items):
        return False
    return sum(1 for i in items if canonical_skill(i)) >= MIN_KNOWN_SHARE * len(items)


def _grid_cell(text: str) -> bool:
    """True for a line under a languages heading that is the second column of a skills grid the text
    layer read after it ("Docker, Terraform", "Wundversorgung"): short items, at least half of them known
    skills, no language name and no level."""
    if names_a_language(text) or _LANGUAGE_LEVEL.search(text):
        return False
    items = split_items(text)
    if not items or any(len(i.split()) > MAX_ITEM_WORDS or _LEVEL.match(i) for i in items):
        return False
    return 2 * sum(1 for i in items if canonical_skill(i)) >= len(items)


def _listed(line: Line) -> bool:
    if line.section == "languages":
        return _grid_cell(line.text)
    return line.section == "skills" or _LABEL.match(line.text) is not None or _looks_like_a_skill_list(line.text)


def _prose_skills(paragraph: list[str], listed: list[str]) -> list[str]:
    # Lines are joined first: a skill phrase may wrap ("rapprochements" / "bancaires").
    text = "\n".join(paragraph)
    return [m.canonical for m in find_skills(text)
            if _means_a_skill(text, m) and not _inside_listed(text, m, listed)]


def _inside_listed(text: str, mention: SkillMention, listed: list[str]) -> bool:
    """True when the mention is part of an item the skills section lists as a whole: "SAP" in
    "Lager in SAP EWM" when the list says "SAP EWM"."""
    window = text[max(0, mention.start - MAX_ITEM_CHARS):mention.end + MAX_ITEM_CHARS].casefold()
    return any(len(item) > len(mention.matched) and mention.matched.casefold() in item.casefold()
               and item.casefold() in window for item in listed)


_SEPARATOR_IN = re.compile(r"[,;|•·]")
_SEPARATOR_END = re.compile(r"[,;|•·:]\s*$")


def _wraps_into(previous: str, line: str) -> bool:
    """True when a list line was wrapped inside a narrow column ("Wundversorgung, Erste" / "Hilfe,
    Hygiene"; "Salesforce, brand" / "management"): the previous line is a list that does not end in
    a separator, and the next one goes on in lower case or completes a known skill."""
    if not _SEPARATOR_IN.search(previous) or _SEPARATOR_END.search(previous):
        return False
    if starts_with_bullet(line) or _SUBLABEL.match(line) or _LABEL.match(line):
        return False
    last, first = _SPLIT.split(previous)[-1], _SPLIT.split(line)[0]
    return line[:1].islower() or canonical_skill(f"{last} {first}") is not None


def _listed_lines(lines: list[Line]) -> list[str | list[str]]:
    """Listed lines (wrapped ones joined back) as strings, runs of running text as lists of lines."""
    blocks: list[str | list[str]] = []
    entries = entry_rows(lines)
    for index, line in enumerate(lines):
        if index not in entries and _listed(line):
            if blocks and isinstance(blocks[-1], str) and _wraps_into(blocks[-1], line.text):
                blocks[-1] += " " + line.text
            else:
                blocks.append(line.text)
        elif blocks and isinstance(blocks[-1], list):
            blocks[-1].append(line.text)
        else:
            blocks.append([line.text])
    return blocks


def extract_cv_skills(lines: list[Line]) -> list[str]:
    """Skills of a CV (canonical names, or as written when unknown), unique, in order of mention.

    With a list of at least AUTHORITATIVE_LIST_ITEMS skills, running text adds only tools (is_tool)."""
    blocks = _listed_lines(lines)
    listed = [name for block in blocks if isinstance(block, str) for name in _section_skills(block)]
    # A CV's own list of several skills is authoritative: running text adds only named tools and
    # technologies to it, never general competences ("Statistics", "Recruiting") the list left out.
    tools_only = len({name.casefold() for name in listed}) >= AUTHORITATIVE_LIST_ITEMS
    names: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            names += _section_skills(block)
        else:
            names += [n for n in _prose_skills(block, listed) if not tools_only or is_tool(n)]
    found: dict[str, str] = {}  # case-folded -> as reported
    for name in names:
        found.setdefault(name.casefold(), name)
    return list(found.values())
