"""One message read once: its tokens, the lexicon phrases found in it, its numbers and amounts.

The rules (``rules``, ``refine``) ask a ``Reading`` questions — "is there a letter word?", "is every
other word a filler?" — instead of each re-scanning the text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bot.core.intents.amounts import Amount, amounts, list_numbers
from bot.core.intents.lexicon import Match, scan
from bot.core.intents.text import Token, clean, tokenize
from bot.core.intents.types import CHAT_LANGUAGES, MAX_JOB

MAX_TOKENS = 80  # a request is a sentence or two; past this the words are not read
# Words that carry no argument: what may stand beside a kind's own words ("please show me more").
NEUTRAL = frozenset({"polite", "filler", "greeting", "thanks", "question"})
# Where a clause about the past ends and the wish may start ("…, now something in an office").
_CLAUSE_ENDS = frozenset({".", ",", ";", "!", "?", "…", "(", ")", "now", "jetzt", "nun", "maintenant", "ahora",
                          "something", "etwas", "algo", "quelque", "wondering", "hoping", "if"})
# Categories of words that help read a sentence but say nothing of its language ("es" is Spanish "is"
# and German "it"; "war" is German "was" and English "war").
# The small words around an alert or a tracker move ("me", "de", "a", "on") are shared by the languages too.
_NOT_EVIDENCE = frozenset({"reason_frame", "past", "anymore", "alert_about", "tracker_filler"})
# German spelling and German role compounds tell the language where the phrases are shared ("Jobs ... in"):
# "Köln", "Straße"; "Softwareentwickler", "Buchhalterin", "Pflegefachkraft".
_GERMAN_LETTERS = re.compile(r"[äöüß]")
_GERMAN_COMPOUND = re.compile(
    r"\w{3,}(?:entwickler|ingenieur|berater|leiter|techniker|mechaniker|kraft|pfleger|kaufmann|kauffrau"
    r"|sachbearbeiter|halter|arbeiter|helfer|verkäufer|lehrer|erzieher|meister|fahrer|händler|prüfer|gestalter"
    r"|programmierer|leitung|stelle|stellen)(?:in|innen)?$")


@dataclass
class Reading:
    text: str
    tokens: list[Token]
    matches: list[Match]
    amounts: list[Amount]
    numbers: dict[int, int] = field(default_factory=dict)  # token index -> a list number ("3", "2nd", "#3")

    def of(self, category: str) -> list[Match]:
        return [m for m in self.matches if m.category == category]

    def has(self, category: str) -> bool:
        return any(m.category == category for m in self.matches)

    def span(self, start: int, end: int) -> str:
        """The text of tokens[start:end] as typed (hyphens and inner spaces kept)."""
        return self.text[self.tokens[start].start:self.tokens[end - 1].end] if end > start else ""

    def covered(self, categories, *, extra: set[int] = frozenset()) -> set[int]:
        """Token indices inside a phrase of any of ``categories``, plus ``extra``."""
        wanted = set(categories)
        found = set(extra)
        for m in self.matches:
            if m.category in wanted:
                found.update(range(m.start, m.end))
        return found

    def only(self, categories, *, extra: set[int] = frozenset()) -> bool:
        """True when every word is inside a phrase of ``categories`` (or in ``extra``)."""
        covered = self.covered(categories, extra=extra)
        return all(i in covered for i, t in enumerate(self.tokens) if t.is_word)

    def job(self) -> tuple[int | None, set[int]]:
        """The list number the message points at and the tokens that say it (first one wins)."""
        refs: list[tuple[int, int, set[int]]] = [(i, n, {i}) for i, n in self.numbers.items()]
        for m in self.of("ordinal"):
            if isinstance(m.value, int):
                refs.append((m.start, m.value, set(range(m.start, m.end))))
        cues = {m.end for m in self.of("job_cue")}
        for m in self.of("cardinal"):
            if m.start in cues:
                refs.append((m.start, int(m.value), set(range(m.start, m.end))))
        refs = [r for r in refs if 1 <= r[1] <= MAX_JOB]
        if not refs:
            return None, set()
        first = min(refs)
        return first[1], first[2]

    @functools.cached_property
    def left_behind(self) -> frozenset[int]:
        """Token indices of what the person had or is tired of, not what they want: from a "past" phrase
        ("i used to", "tired of", "j'en ai marre de", "estoy cansada de") to the end of its clause (a
        "but", a stop, a comma) or to where the wish starts ("looking for", "want", "now", "something")."""
        found: set[int] = set()
        stops = {m.start for m in self.matches if m.category in ("clause", "search_cue")}
        for past in self.of("past"):
            at = past.start
            while at < len(self.tokens) and (at == past.start or at not in stops) \
                    and self.tokens[at].key not in _CLAUSE_ENDS:
                found.add(at)
                at += 1
        return frozenset(found)

    def out_of_range(self) -> set[int]:
        """Token indices of list numbers no list has ("details for 0", "letter for 77")."""
        return {i for i, n in self.numbers.items() if not 1 <= n <= MAX_JOB}

    def written_in(self) -> str | None:
        """The chat language most of the message's words belong to, if one leads.

        Each span of matched phrases votes once, split between the languages whose lexicons hold it
        (a word listed in two categories is not counted twice); a word with German letters (ä ö ü ß)
        or a German role compound ("Softwareentwickler") votes German.
        """
        spans: dict[tuple[int, int], set[str]] = {}
        for m in self.matches:
            if m.category not in _NOT_EVIDENCE:
                spans.setdefault((m.start, m.end), set()).update(m.languages)
        votes = dict.fromkeys(CHAT_LANGUAGES, 0.0)
        for (start, end), languages in spans.items():
            for lang in languages:
                votes[lang] += (end - start) / len(languages)
        for token in self.tokens:
            if token.is_word and (_GERMAN_LETTERS.search(token.text.lower()) or _GERMAN_COMPOUND.match(token.key)):
                votes["de"] += 1
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        if ranked[0][1] >= 1 and ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
        return None


def read(text: str) -> Reading:
    """Tokens, phrases, amounts and list numbers of ``text`` (cleaned and capped first)."""
    cleaned = clean(text)
    tokens = tokenize(cleaned, MAX_TOKENS)[:MAX_TOKENS]
    if tokens:
        cleaned = cleaned[:tokens[-1].end]
    found = amounts(cleaned)
    money = [(a.start, a.end) for a in found if a.marked]
    numbers = {}
    for start, end, number in list_numbers(cleaned):
        if any(s <= start < e for s, e in money):
            continue
        at = next((i for i, t in enumerate(tokens) if start <= t.start < end and t.key[:1].isdigit()), None)
        if at is not None:
            numbers[at] = number
    return Reading(cleaned, tokens, scan(tokens), found, numbers)
