"""Recognise CV section headings (English, German, French) and label each line.

pypdf may interleave the two columns of a sidebar layout line by line, so a "section"
here is only a hint: callers combine it with line-level checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HEADINGS = {
    "summary": ["summary", "professional summary", "profile", "professional profile", "about me", "about",
                "objective", "career objective", "personal statement", "profil", "kurzprofil", "über mich",
                "zusammenfassung", "résumé", "à propos", "à propos de moi", "profil professionnel"],
    "experience": ["experience", "work experience", "professional experience", "employment history",
                   "work history", "employment", "career history", "berufserfahrung", "berufliche erfahrung",
                   "beruflicher werdegang", "praxiserfahrung", "werdegang", "expérience", "expériences",
                   "expérience professionnelle", "expériences professionnelles", "parcours professionnel"],
    "education": ["education", "academic background", "education and training", "ausbildung", "bildung",
                  "studium", "bildungsweg", "schulbildung", "aus- und weiterbildung", "formation",
                  "formations", "diplômes", "études", "éducation", "formation et diplômes"],
    "skills": ["skills", "technical skills", "key skills", "core competencies", "competencies", "expertise",
               "kenntnisse", "fähigkeiten", "kompetenzen", "fachkenntnisse", "it-kenntnisse",
               "edv-kenntnisse", "compétences", "compétences techniques", "savoir-faire", "outils"],
    "languages": ["languages", "language skills", "sprachen", "sprachkenntnisse", "langues",
                  "compétences linguistiques"],
    "contact": ["contact", "contact details", "personal details", "personal information", "kontakt",
                "kontaktdaten", "persönliche daten", "coordonnées", "informations personnelles"],
    "other": ["certifications", "certificates", "zertifikate", "weiterbildung", "projects", "projekte",
              "projets", "interests", "hobbies", "interessen", "centres d'intérêt", "loisirs", "references",
              "referenzen", "références", "awards", "publications", "volunteering", "ehrenamt", "bénévolat"],
}
_HEADING_TO_SECTION = {h: key for key, heads in _HEADINGS.items() for h in heads}
_CLEAN = re.compile(r"^[\s•·\-–*#|]+|[\s:|]+$")


@dataclass(frozen=True)
class Line:
    text: str
    section: str  # "top" before the first heading, else a key of _HEADINGS


def heading_section(line: str) -> str | None:
    """The section a heading line opens ("skills", ...), or None if it is no heading."""
    cleaned = _CLEAN.sub("", line).lower()
    if not cleaned or len(cleaned) > 40:
        return None
    return _HEADING_TO_SECTION.get(" ".join(cleaned.split()))


def label_lines(text: str) -> list[Line]:
    """Every non-empty line with the section it appears under; heading lines are dropped."""
    current = "top"
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        section = heading_section(stripped)
        if section:
            current = section
            continue
        lines.append(Line(stripped, current))
    return lines


def is_heading(line: str) -> bool:
    return heading_section(line) is not None
