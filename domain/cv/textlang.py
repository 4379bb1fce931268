"""Which of the six CV languages (en, de, fr, es, pt, it) or Dutch a text is written in.

A stop-word vote: the language whose most frequent function words occur most often wins.
CV text is short and full of names, but its connecting words ("and", "und", "et", "y",
"e", "en") are reliable; this is the classic approach of Cavnar & Trenkle's successors
reduced to function words, enough to pick a default phone region.
"""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of to in for with at on my as from by experience skills education years",
    "de": "und der die das mit für von zu im bei auf ist des den als berufserfahrung kenntnisse seit",
    "fr": "et le la les des du de en pour avec au dans une sur expérience compétences formation depuis",
    "es": "y el la los las del de en con para por una experiencia formación habilidades desde actualidad",
    "pt": "e o a os as do da dos das em com para por uma experiência formação competências atual desde",
    "it": "e il la le gli dei delle del della di in con per una esperienza formazione competenze presso",
    "nl": "en de het van een met voor in op bij als ervaring opleiding vaardigheden",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN_RE = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when no language has a clear lead."""
    votes: Counter[str] = Counter()
    for token in _TOKEN_RE.findall(text[:20000].lower()):
        for lang, words in _WORDS.items():
            if token in words:
                votes[lang] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[1][1] * 1.2 >= ranked[0][1]:
        return None
    return ranked[0][0]
