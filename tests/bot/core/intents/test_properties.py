"""Any text at all: an Intent of a known kind with well-formed arguments, no exception, no echo."""
from __future__ import annotations

import dataclasses
import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.intents import KINDS, understand
from bot.core.intents.fuzzy import CUTOFF
from bot.core.intents.lexicon import LANGUAGES
from bot.core.intents.rules import understand_rules
from bot.core.intents.text import clean, tokenize
from bot.core.intents.types import (
    FREQUENCIES,
    LETTER_LANGUAGES,
    MAX_JOB,
    REASONS,
    STAGES,
)
from domain.cv.gazetteer import fold
from domain.jobs.preferences import JOB_TYPES, SENIORITY_LEVELS, Preferences

# Phrases from the lexicons mixed with places, numbers, money and noise: texts the rules must read.
_PHRASES = sorted({phrase.strip() for phrases in LANGUAGES.values() for listed in phrases.values()
                   for phrase in (listed if isinstance(listed, dict) else listed.split("|"))})
_PIECES = st.sampled_from(_PHRASES) | st.sampled_from(
    ["London", "Köln", "Frankfurt am Main", "San Sebastián", "Amazon", "3", "60k", "£50k", "60.000 €", "#2",
     "2nd", "?", ",", "🙂", "\u200b", "C++", "-", "'", "d'", "\n", "0", "51", "99999999999999999999"])
_SENTENCES = st.lists(_PIECES | st.text(max_size=12), max_size=14).map(" ".join)
_PREFERENCE_FIELDS = {field.name for field in dataclasses.fields(Preferences)}


def _check(text: str) -> None:
    intent = understand_rules(text)  # the rules bare: understand() would turn a crash into "unclear"
    assert understand(text) == intent
    assert intent.kind in KINDS
    assert intent.job is None or 1 <= intent.job <= MAX_JOB
    assert intent.language is None or intent.language in LETTER_LANGUAGES
    assert intent.reason is None or intent.reason in REASONS
    assert intent.written_in in (None, "en", "de", "fr", "es")
    assert intent.frequency is None or intent.frequency in FREQUENCIES
    assert (intent.stage is not None) == (intent.kind == "tracker_move") and intent.stage in (None, *STAGES)
    assert intent.when is None or (intent.stage == "interview" and intent.when in clean(text))
    refinement = intent.refinement
    if refinement is not None:
        assert not refinement.empty
        assert set(refinement.job_types) <= set(JOB_TYPES)
        assert refinement.seniority is None or refinement.seniority in SENIORITY_LEVELS
        assert set(refinement.clear) <= _PREFERENCE_FIELDS
        assert refinement.min_salary is None or refinement.min_salary >= 1000
    if intent.kind == "unclear":
        assert intent.suggestion and intent.suggestion.startswith("/")
    if intent.suggestion:
        _assert_no_echo(intent.suggestion, text)
    for argument in (intent.query, intent.location):
        assert argument is None or (argument.strip() == argument and argument in clean(text))


def _assert_no_echo(suggestion: str, text: str) -> None:
    """Every word of a suggestion after the command is a whole word of the text (or "in"): nothing cut."""
    words = {token.text for token in tokenize(clean(text))}
    command, *rest = suggestion.split()
    assert command in ("/help", "/jobsearch", "/language", "/prefs", "/details", "/apply",
                       "/alert")
    assert len(suggestion) <= 120
    if command in ("/details", "/apply"):  # for a job number no list has: the first job, never the number typed
        assert rest == ["1"]
        return
    for word in rest:
        assert word == "in" or all(token.text in words for token in tokenize(word)) or _corrects(word, words)


def _corrects(word: str, typed: set[str]) -> bool:
    """True when ``word`` is a typed word with a typo read back: as near as ``fuzzy.CUTOFF`` or two letters
    swapped; checked here by difflib and sorting, not by the parser's own look-up."""
    key = fold(word)
    return any(difflib.SequenceMatcher(None, key, fold(other)).ratio() >= CUTOFF
               or (len(key) == len(other) and sorted(key) == sorted(fold(other))) for other in typed)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    _check(text)


@settings(max_examples=600, deadline=None)
@given(_SENTENCES)
def test_sentences_of_lexicon_phrases(text):
    _check(text)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=3000, max_size=5000))
def test_long_texts(text):
    _check(text)


def test_four_thousand_characters_of_words():
    _check(("Jobs als Buchhalter in Köln, mindestens 60.000 € " * 100)[:4000])
