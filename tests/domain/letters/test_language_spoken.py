"""Whether a CV shows the person writes the letter's language."""
from __future__ import annotations

import pytest

from domain.letters.language import speaks


@pytest.mark.parametrize("listed, text, code, expected", [
    (["English (C1)", "Gujarati", "Hindi"], "Backend engineer building payment services in Python.", "de", False),
    (["Deutsch (Muttersprache)", "Englisch (gut)"], "", "de", True),  # named in the language itself
    (["German (B2)"], "", "de", True),
    (["English"], "Ich arbeite seit Jahren als Entwicklerin mit Python in einem kleinen Team in Berlin.", "de", True),
    (["Français (langue maternelle)"], "", "fr", True),
    (["Spanish"], "", "pt", False),
    ([], "", "it", True),  # nothing to go on
])
def test_a_language_is_spoken_when_listed_by_any_name_or_when_the_cv_is_written_in_it(listed, text, code, expected):
    assert speaks(listed, text, code) is expected
