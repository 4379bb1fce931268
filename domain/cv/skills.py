"""Skills vocabulary with synonyms, loaded from ``data/skills.json``.

Contract (other modules rely on these signatures):
- canonical_skill(name) -> canonical display name, or None when unknown
- extract_skills(text) -> canonical skills found in free text, unique, in order of first mention
- skill_category(name) -> the vocabulary category of a skill, or None
- all_skills() -> every canonical name
- find_skills(text) -> every vocabulary mention with its position (SkillMention)
- is_tool(name) -> True for named products/technologies, False for general abilities ("Nursing")

Matching is one compiled, trie-shaped regex (fast on long texts) plus a cheap check for
the few aliases that are also ordinary words: those must match in an exact spelling
("React" but not "react quickly") and the shortest ones ("Go", "R", "C") also need
list-like context around them ("Python, Go, Rust" but not "Go to market").
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from domain.trie_regex import trie_regex

logger = logging.getLogger(__name__)

_DATA_PATH = Path(__file__).parent / "data" / "skills.json"

# Characters that make a neighbouring token "list context" for ambiguous aliases.
_LEFT_CONTEXT = set("\n,;/|(•·:–-*[")
_RIGHT_CONTEXT = set("\n,;/|)•·:[(")
_CONJUNCTIONS = re.compile(r"(?:and|und|et|or|oder|ou)\b")
_LEFT_WORDS = re.compile(r"(?:\b(?:and|und|et|or|oder|ou|with|mit|avec)|&)$")


@dataclass(frozen=True)
class _Alias:
    canonical: str
    exact: frozenset[str] | None  # accepted spellings; None = any case
    needs_context: bool


# Categories matched only inside a skills section, never in running text ("English" in a job ad).
SECTION_ONLY_CATEGORIES = frozenset({"languages_spoken"})
# Categories of general abilities named by ordinary words ("Nursing", "Typography", "Banking"):
# in running text these need a context that means a skill (see domain/cv/skill_lists.py).
_ABILITY_CATEGORIES = frozenset({
    "software_practice", "design", "marketing", "sales", "finance_accounting", "healthcare", "education",
    "logistics", "hospitality", "engineering", "legal", "hr", "trades", "business", "healthcare_more",
    "finance_more", "trades_more", "ux"})
# Ordinary words: each capitalised at most on its first letter ("Patient Care", not "CATIA" or "HubSpot").
_PLAIN_WORDS = re.compile(r"[A-Za-zÀ-Þà-ÿ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ]?[a-zß-ÿ]+)*")
_BRANDS = ("Adobe ", "Google ", "Microsoft ", "Autodesk ", "Siemens ", "Meta ", "LinkedIn ", "Apache ", "Amazon ")


@dataclass(frozen=True)
class SkillMention:
    """One vocabulary match in a text: canonical name, the text as written and its [start, end)."""

    canonical: str
    matched: str
    start: int
    end: int


@dataclass(frozen=True)
class _Vocabulary:
    aliases: dict[str, _Alias]  # lower-cased alias -> entry
    categories: dict[str, str]  # canonical -> category
    pattern: re.Pattern
    concepts: frozenset[str]  # general abilities listed in tool categories ("Microservices")


def _short_acronym(alias: str) -> bool:
    return len(alias) <= 3 and alias.isalpha()


def _make_alias(canonical: str, spelled: str, strict: dict[str, set[str]], ctx: set[str]) -> _Alias:
    key = spelled.lower()
    forms = set(strict.get(key, ()))
    if _short_acronym(key) and key not in ctx:
        # Short acronyms are everyday words in lower case ("ai", "pr", "ar"), so only the
        # upper-case form or the vocabulary's own spelling ("iOS", "dbt") counts.
        forms |= {key.upper()} | {s for s in (spelled, canonical) if s.lower() == key and (s == canonical or not s.islower())}
    if key in ctx:  # names that are also ordinary words: only as the name is written, capitalised
        forms |= {s for s in (spelled, canonical, key.capitalize()) if s.lower() == key and not s.islower()}
    return _Alias(canonical, frozenset(forms) if forms else None, key in ctx)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    raw = json.loads(_DATA_PATH.read_text(encoding="utf-8"))
    strict: dict[str, set[str]] = {}
    for form in raw["case_sensitive"]:
        strict.setdefault(form.lower(), set()).add(form)
    ctx = {form.lower() for form in raw["context_required"]}
    aliases: dict[str, _Alias] = {}
    categories: dict[str, str] = {}
    for category, entries in raw["categories"].items():
        for canonical, synonyms in entries.items():
            categories[canonical] = category
            for spelled in [canonical, *synonyms]:
                if spelled.lower() in aliases:
                    continue  # the first owner of an alias keeps it
                aliases[spelled.lower()] = _make_alias(canonical, spelled, strict, ctx)
    # Boundaries: no word character, '.', '+', '#', '@' glued on the left (so "js" in
    # "Node.js" or "python" in an e-mail never count); no word character, '+', '#' or
    # ".x" on the right ("C" vs "C++", "Node" vs "Node.js"); a hyphen on the right is
    # fine ("Python-Entwickler").
    body = trie_regex(sorted(a for a, e in aliases.items() if categories[e.canonical] not in SECTION_ONLY_CATEGORIES))
    pattern = re.compile(r"(?<![\w.+#@])(?<!\w-)(" + body + r")(?![\w+#]|\.\w)", re.IGNORECASE)
    logger.debug("skills vocabulary: %d canonical, %d aliases", len(categories), len(aliases))
    return _Vocabulary(aliases, categories, pattern, frozenset(raw.get("concepts", ())))


def _normal_key(matched: str) -> str:
    return " ".join(matched.split()).lower()


def _has_list_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t")
    after = text[end:end + 8].lstrip(" \t")
    left_ok = not before or before[-1] in _LEFT_CONTEXT or _LEFT_WORDS.search(before) is not None
    right_ok = (
        not after
        or after[0] in _RIGHT_CONTEXT
        or (after[0] == "." and (len(after) == 1 or after[1].isspace()))
        or _CONJUNCTIONS.match(after) is not None
    )
    return left_ok and right_ok


def canonical_skill(name: str) -> str | None:
    """Canonical display name for a skill name or synonym (any case), or None if unknown."""
    entry = _vocabulary().aliases.get(_normal_key(name))
    return entry.canonical if entry else None


def skill_category(name: str) -> str | None:
    """Vocabulary category ("programming", "healthcare", ...) of a skill or synonym."""
    canonical = canonical_skill(name)
    return _vocabulary().categories.get(canonical) if canonical else None


def all_skills() -> list[str]:
    """Every canonical skill name in the vocabulary."""
    return list(_vocabulary().categories)


def is_tool(name: str) -> bool:
    """True when a known skill is a named product or technology ("Figma", "Kubernetes", "SAP FI/CO");
    False for a general ability named by ordinary words ("Nursing", "Typography") or an unknown name."""
    canonical = canonical_skill(name)
    if canonical is None:
        return False
    category = _vocabulary().categories[canonical]
    if canonical in _vocabulary().concepts:
        return False
    if category not in _ABILITY_CATEGORIES or canonical in _PROPER_NAMES or canonical.startswith(_BRANDS):
        return True
    return not (_PLAIN_WORDS.fullmatch(canonical) or _is_general_field(canonical))


# Abilities written with an acronym, a digit or a slash are still general fields, not products:
# "UX Design", "B2B Sales", "KPI Reporting", "E-commerce", "Import/Export", "CRM", "VAT".
_GENERAL_ACRONYMS = frozenset({"CRM", "VAT", "CAD", "HVAC", "OKRs", "SCADA", "ERP", "KPI", "SEO", "SEA", "HR"})
_ACTIVITY_END = re.compile(
    r"(?:^|[\s/-])(?:design|modeling|modelling|sales|programming|reporting|systems|learning|commerce|export|"
    r"management|analysis|analytics|marketing|planning|accounting|engineering|development|testing|research)$",
    re.IGNORECASE)


def _is_general_field(canonical: str) -> bool:
    name = re.sub(r"\s*\([^)]*\)", "", canonical)  # "Forecasting (Finance)"
    return (name in _GENERAL_ACRONYMS or _PLAIN_WORDS.fullmatch(name) is not None
            or _ACTIVITY_END.search(name) is not None)


# Products in ability categories whose names look like ordinary words.
_PROPER_NAMES = frozenset({
    "Figma", "Sketch", "Canva", "Salesforce", "Pipedrive", "Zendesk", "Xero", "Sage", "Cegid", "Excel", "Moodle",
    "Semrush", "Ahrefs", "Hootsuite", "Revit", "Simulink", "Jira", "Confluence", "Kanban", "Scrum", "Tableau",
    "Snowflake", "Databricks", "Looker", "Qlik", "Keras", "Jupyter", "Stata", "Balsamiq", "Framer", "Zeplin",
    "Hotjar", "Maze", "Procreate", "Inkscape", "Lightroom", "Blender", "Lottie", "Dovetail", "Axure", "Principle",
    "Optimal Workshop", "Affinity Designer", "Affinity Photo", "Substance Painter", "Unity", "Unreal Engine",
    "Final Cut Pro", "Logic Pro", "Pro Tools", "Ableton Live", "Avid Media Composer", "Epic", "Cerner"})


def find_skills(text: str) -> list[SkillMention]:
    """Every vocabulary skill mentioned in ``text``, in order (repeats included)."""
    vocab = _vocabulary()
    found: list[SkillMention] = []
    for match in vocab.pattern.finditer(text):
        matched = match.group(1)
        entry = vocab.aliases[_normal_key(matched)]
        if entry.exact is not None and " ".join(matched.split()) not in entry.exact:
            continue
        if entry.needs_context and not _has_list_context(text, match.start(1), match.end(1)):
            continue
        found.append(SkillMention(entry.canonical, matched, match.start(1), match.end(1)))
    return found


def extract_skills(text: str) -> list[str]:
    """Canonical skills mentioned in ``text``: unique, in order of first mention."""
    return list(dict.fromkeys(m.canonical for m in find_skills(text)))
