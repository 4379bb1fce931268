"""Which language a posting is written in: one of seven letter languages, else English.

Detector: langdetect (a port of Google's language-detection, profiles shipped inside the
package, ~2.5 MB, pure Python). lingua-language-detector was compared on 18 short postings
and titles in the seven languages: lingua 17/18, langdetect 16/18 unrestricted (one Spanish
title read as Italian, one Dutch line as English) — but lingua's wheel is ~96 MB and its
first detection costs ~1.4 s against ~0.7 s. Restricting langdetect's probabilities to the
seven languages and adding the title's gender tags ("(m/w/d)", "(h/f)", ...) closes most of
that gap on real postings, which are longer than a title. ``DetectorFactory.seed = 0``
makes its sampling deterministic: the same posting always gets the same answer.
"""
from __future__ import annotations

import re

from babel import Locale
from langdetect import DetectorFactory, LangDetectException, detect_langs

from domain.jobs.types import JobPosting

DetectorFactory.seed = 0

LETTER_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
DEFAULT_LANGUAGE = "en"

# Gender tags in a title are written in the posting's language: a strong hint on short text.
_TITLE_HINTS = {
    "de": ("(m/w/d)", "(w/m/d)", "(m/w/x)", "(d/m/w)", "(m/f/d)", "(all genders)", "(gn)"),
    "fr": ("(h/f)", "(f/h)", "h/f", "(h/f/x)"),
    "es": ("(h/m)", "(m/h)"),
    "nl": ("(m/v)", "(v/m)", "(m/v/x)"),
    "it": ("(m/f)", "(f/m)"),  # Italian postings write (m/f) by law; English ones rarely do
    "pt": ("(m/f)", "(f/m)"),
}
_HINT_WEIGHT = 0.35  # added to the language's probability; a full text still outweighs it
_MIN_LETTERS = 3


def normalise_language(code: str | None) -> str | None:
    """"DE", "de-AT", "pt_BR" -> "de", "de", "pt"; None when not one of the seven (or empty)."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LETTER_LANGUAGES else None


def detect_language(text: str, title: str = "") -> str:
    """One of ``LETTER_LANGUAGES`` for a posting's text (and title, for its gender tag).

    English when the text is empty or too short to tell, or its language is not one of the
    seven. Deterministic. Never raises.
    """
    scores: dict[str, float] = dict.fromkeys(LETTER_LANGUAGES, 0.0)
    if sum(ch.isalpha() for ch in text) >= _MIN_LETTERS:
        try:
            for guess in detect_langs(text):
                if guess.lang in scores:
                    scores[guess.lang] += guess.prob
        except LangDetectException:
            pass  # no features (digits, URLs only): fall through to the hints
    lowered = title.lower()
    for lang, hints in _TITLE_HINTS.items():
        if any(h in lowered for h in hints):
            scores[lang] += _HINT_WEIGHT if lang not in ("it", "pt") else _HINT_WEIGHT / 2
    best = max(LETTER_LANGUAGES, key=lambda lang: scores[lang])  # ties keep the tuple's order
    return best if scores[best] > 0.2 else DEFAULT_LANGUAGE


def job_language(job: JobPosting, override: str | None = None) -> str:
    """The language to answer a posting in: ``override`` when it is one of the seven, else detected."""
    forced = normalise_language(override)
    if forced:
        return forced
    items = " ".join(str(i) for h in job.highlights or [] for i in (h.get("items") or []))
    return detect_language(f"{job.title}\n{job.description}\n{items}", job.title)


def speaks(cv_languages: list[str], cv_text: str, code: str) -> bool:
    """Whether a CV shows the person writes ``code`` (one of the seven): a listed language of that name
    ("German", "German (C1)", "Deutsch"; names from Babel's CLDR data) or a CV written in it.

    True when the CV lists no languages at all — nothing to go on, so no doubt is raised.
    """
    if not cv_languages:
        return True
    names = {Locale("en").languages[code].casefold(), Locale(code).languages[code].casefold(), code}
    listed = {name.strip().partition(" (")[0].strip().casefold() for name in cv_languages}
    return bool(listed & names) or (bool(cv_text.strip()) and detect_language(cv_text[:4000]) == code)
