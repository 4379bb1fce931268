"""Skills vocabulary with synonyms. STUB: the CV helper replaces this with the full vocabulary.

Contract (keep these signatures):
- canonical_skill(name) -> canonical display name, or None when unknown
- extract_skills(text) -> canonical skills found in free text, unique, in order of first mention
"""
from __future__ import annotations

import re

_SYNONYMS = {
    "Python": ["python", "python3"],
    "Kubernetes": ["kubernetes", "k8s"],
    "PostgreSQL": ["postgresql", "postgres", "psql"],
    "Docker": ["docker"],
    "JavaScript": ["javascript", "js"],
    "React": ["react", "react.js", "reactjs"],
    "SQL": ["sql"],
    "Django": ["django"],
    "AWS": ["aws", "amazon web services"],
    "Nursing": ["nursing"],
    "Accounting": ["accounting"],
    "Excel": ["excel", "microsoft excel"],
}
_ALIASES = {alias: canon for canon, aliases in _SYNONYMS.items() for alias in aliases}
_PATTERN = re.compile(
    r"(?<![\w+#.])(" + "|".join(sorted(map(re.escape, _ALIASES), key=len, reverse=True)) + r")(?![\w+#])",
    re.IGNORECASE,
)


def canonical_skill(name: str) -> str | None:
    return _ALIASES.get(name.strip().lower())


def extract_skills(text: str) -> list[str]:
    found: dict[str, None] = {}
    for match in _PATTERN.finditer(text):
        found.setdefault(_ALIASES[match.group(1).lower()], None)
    return list(found)
