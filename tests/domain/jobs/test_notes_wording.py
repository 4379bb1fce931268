"""The search's notes read right in German and French: German list parts carry no relative clause
(a list cannot place the comma that closes one: "27 Stellen, die nicht remote sind wegen …"), and
French sets a narrow no-break space before ";", "!" and "?" and a no-break space before ":",
whether the catalogue says it or the code joins parts."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from domain.jobs.fanout import BoardAnswer
from domain.jobs.preferences_text import _LEFT_OUT, describe_left_out
from domain.jobs.sources import _failures
from i18n import LOCALES_DIR, Phrase, translator

NARROW, WIDE = "\u202f", "\u00a0"
DE, FR = translator("de"), translator("fr")


def msgstrs(language: str) -> list[str]:
    with Path(LOCALES_DIR, language, "LC_MESSAGES", "messages.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    return [text for message in catalog if message.id
            for text in (message.string if isinstance(message.string, (list, tuple)) else [message.string])]


def test_german_left_out_sentence_with_two_parts():
    said = describe_left_out({"remote_only": 27, "passed": 3}, DE)
    assert said == "Nicht in der Liste: 3 von dir abgelehnte Stellen und 27 Stellen ohne Remote-Arbeit."


@pytest.mark.parametrize("reason", sorted(_LEFT_OUT))
@pytest.mark.parametrize("n", [1, 27])
def test_german_left_out_parts_open_no_clause_a_list_would_leave_unclosed(reason, n):
    assert "," not in _LEFT_OUT[reason](DE, n)


def test_french_failure_note_joins_boards_with_a_narrow_space_before_the_semicolon():
    failed = [BoardAnswer("a", "Arbeitnow", error="x", kind="unreachable"),
              BoardAnswer("b", "Remotive", error="x", kind="unavailable")]
    note = Phrase("Missing from this list: {failures}.", failures=_failures(failed, 8))
    assert note == "Missing from this list: Arbeitnow could not be reached; Remotive is not answering right now."
    assert f"n'a pas pu être joint{NARROW}; Remotive" in FR(note)
    assert "joint; " not in FR(note)
    assert DE(note).count("; ") == 1  # German keeps the plain separator


def test_every_french_entry_spaces_its_high_punctuation():
    bad = []
    for text in msgstrs("fr"):
        for match in re.finditer(r"[;:!?]", text):
            before, after = text[: match.start()], text[match.end():]
            if match.group() == ":" and (after.startswith("//") or re.match(r"\d", after)):
                continue  # a link or a time
            wanted = (NARROW, WIDE) if match.group() == ":" else (NARROW,)
            if not before.endswith(wanted):
                bad.append(text)
    assert bad == []
