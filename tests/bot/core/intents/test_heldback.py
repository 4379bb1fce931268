"""The held-back table (written before the rules, never edited after): an accuracy floor, not every row."""
from __future__ import annotations

from collections import Counter

from bot.core.intents import understand
from tests.bot.core.intents.expect import mismatches
from tests.bot.core.intents.heldback_table import ROWS

FLOOR = 0.85  # share of rows fully right (kind and every argument)


def test_heldback_table_is_big_enough_in_every_language():
    per_language = Counter(lang for lang, _, _ in ROWS)
    assert len(ROWS) >= 60
    assert all(per_language[lang] >= 15 for lang in ("en", "de", "fr", "es")), per_language


def test_heldback_accuracy_floor(capsys):
    right, total = Counter(), Counter()
    wrong = []
    for lang, text, expected in ROWS:
        problems = mismatches(understand(text), expected)
        total[lang] += 1
        right[lang] += not problems
        if problems:
            wrong.append(f"{lang} {text!r}: {'; '.join(problems)}")
    share = sum(right.values()) / sum(total.values())
    with capsys.disabled():
        figures = ", ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in total)
        print(f"\nheld-back intents: {share:.1%} fully right ({figures})")
        for line in wrong:
            print("  wrong:", line)
    assert share >= FLOOR, "\n".join(wrong)
