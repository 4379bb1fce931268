"""Which language a posting is written in: German, French or (by default) English."""
from __future__ import annotations

import re

from domain.jobs.types import JobPosting

_WORD = re.compile(r"[a-zäöüßéèêàâçîôûœ']+")
_MARKERS = {
    "de": frozenset("und der die das wir sie ihr ihre mit für ist ein eine bei zu auf von den "
                    "dem nicht sind oder auch kenntnisse erfahrung aufgaben unser unsere du dein".split()),
    "fr": frozenset("et le la les des vous nous pour avec une est du au aux sur dans votre vos "
                    "nos notre poste expérience compétences qui être".split()),
    "en": frozenset("and the you we with for our is to of are your in on an be will this "
                    "experience skills role".split()),
}
_TITLE_HINTS = {"de": ("(m/w/d)", "(w/m/d)", "(m/f/d)", "(all genders)"), "fr": ("(h/f)", "(f/h)", "h/f")}


def detect_language(text: str, title: str = "") -> str:
    """Return "de", "fr" or "en" by counting common function words; English on a tie or no text."""
    words = _WORD.findall(text.lower())
    counts = {lang: sum(w in markers for w in words) for lang, markers in _MARKERS.items()}
    lowered = title.lower()
    for lang, hints in _TITLE_HINTS.items():
        if any(h in lowered for h in hints):
            counts[lang] += 3
    best = max(("de", "fr"), key=lambda lang: counts[lang])
    return best if counts[best] > counts["en"] and counts[best] >= 3 else "en"


def job_language(job: JobPosting) -> str:
    """The language to answer a posting in."""
    items = " ".join(str(i) for h in job.highlights or [] for i in (h.get("items") or []))
    return detect_language(f"{job.title}\n{job.description}\n{items}", job.title)
