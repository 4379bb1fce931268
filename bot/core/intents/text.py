"""Chat text as tokens that keep their place in the original (so arguments come back as typed).

Words are compared by ``domain.cv.gazetteer.fold`` (case and accents ignored: "Köln" = "koln",
"MÁS" = "mas"); a hyphen separates words ("part-time" = "part time"), and a French elision is
its own token ("d'infirmière" -> "d'", "infirmière") so lexicon phrases match either way.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.cv.gazetteer import fold

MAX_CHARS = 4000  # a chat message's length on the platforms we serve; longer text is cut first
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*[+#]*|[#€£$%°/?!.,;:()…]")
_ELISION = re.compile(r"(?i)^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’](?=\w)")


@dataclass(frozen=True)
class Token:
    text: str  # as typed
    key: str  # folded, for comparison
    start: int  # offsets in the cleaned text
    end: int

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum()

    @property
    def is_number(self) -> bool:
        return self.key.isdigit()


def clean(text: str) -> str:
    """At most MAX_CHARS, invisible format characters dropped, whitespace collapsed."""
    text = (text or "")[:MAX_CHARS]
    if not text.isprintable():  # rare: only then look at every character
        text = "".join(ch if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co") else ""
                       for ch in text)
    return " ".join(text.split())


def tokenize(text: str, limit: int | None = None) -> list[Token]:
    """Tokens of already ``clean`` text, elisions split off; at most ``limit`` (about) when given."""
    tokens = []
    for match in _WORD.finditer(text):
        if limit is not None and len(tokens) >= limit:
            break
        word, start = match.group(), match.start()
        elided = _ELISION.match(word)
        if elided:
            cut = elided.end()
            tokens.append(Token(word[:cut], fold(word[:cut]), start, start + cut))
            word, start = word[cut:], start + cut
        tokens.append(Token(word, fold(word), start, start + len(word)))
    return tokens


def keys(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the token keys it must match ("d'" too, though no word follows it)."""
    phrase = clean(phrase)
    if phrase.endswith(("'", "’")):
        return tuple(token.key for token in tokenize(phrase + "x"))[:-1]
    return tuple(token.key for token in tokenize(phrase))
