"""Typed commands to core commands: /apply's job number and the letter language, in either order."""
from __future__ import annotations

import pytest

from bot.core import commands as c
from bot.core.parse import parse_text
from bot.core.ports import OriginRef, UserRef

ME, HERE = UserRef("local", "u1"), OriginRef("local", "c1")


@pytest.mark.parametrize("text, reference, language", [
    ("/apply", "1", None),
    ("/apply 2", "2", None),
    ("/apply 2 de", "2", "de"),
    ("/apply de 2", "2", "de"),
    ("/apply@job_agent_bot 3   EN", "3", "EN"),  # checked (and normalised) by the core, not here
    ("/letter 1 xx", "1", "xx"),
    ("/apply fr", "1", "fr"),
    ("/apply 1 brazilian portuguese", "1", "brazilian portuguese"),
    ("/apply RANKING-ID:4 it", "RANKING-ID:4", "it"),
    ("/apply -1", "-1", None),  # a number that is no job's: the core answers with the range, not the languages
    ("/apply #2 de", "#2", "de"),
])
def test_apply_takes_the_job_number_and_whatever_else_as_the_language(text, reference, language):
    command = parse_text(ME, HERE, text)
    assert isinstance(command, c.WriteLetter)
    assert (command.reference, command.language) == (reference, language)
