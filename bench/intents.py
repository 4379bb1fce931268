"""Intent parser: accuracy on the main and held-back tables, and time per utterance.

``python bench/intents.py [--rounds 20] [--show-wrong]``

Accuracy: share of rows fully right (kind and every argument, ``tests/bot/core/intents/expect.py``)
per language, for the main table (``table.py``, tuned on) and the held-back table
(``heldback_table.py``, written before the rules). Speed: ``understand`` per utterance with the
rules only (no LLM), in microseconds — the first calls of a process (they build the GeoNames index,
the skills vocabulary and the typo look-up's lists),
a first pass over every utterance with a warm gazetteer but cold place cache, then ``--rounds``
passes (wall clock: its p99 includes whatever else the machine is doing) and the same in this
thread's CPU time (the parser's own cost), and 4,000-character messages (the longest a chat sends).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile  # noqa: E402
from bot.core.intents import understand  # noqa: E402
from bot.core.intents.fuzzy import correct  # noqa: E402
from bot.core.intents.role import names_role  # noqa: E402
from bot.core.intents.where import is_place  # noqa: E402
from domain.jobs.places import _resolve  # noqa: E402
from tests.bot.core.intents.expect import mismatches  # noqa: E402
from tests.bot.core.intents.heldback_table import ROWS as HELD_BACK  # noqa: E402
from tests.bot.core.intents.table import ROWS as MAIN  # noqa: E402

LANGUAGES = ("en", "de", "fr", "es")


def accuracy(rows, show_wrong: bool) -> dict[str, tuple[int, int]]:
    right, total = Counter(), Counter()
    for lang, text, expected in rows:
        problems = mismatches(understand(text), expected)
        total[lang] += 1
        right[lang] += not problems
        if problems and show_wrong:
            print(f"  wrong [{lang}] {text!r}: {'; '.join(problems)}")
    return {lang: (right[lang], total[lang]) for lang in LANGUAGES}


def timed(texts: list[str]) -> list[float]:
    """Microseconds per call."""
    found = []
    for text in texts:
        start = time.perf_counter()
        understand(text)
        found.append((time.perf_counter() - start) * 1e6)
    return found


def cpu_timed(texts: list[str]) -> list[float]:
    """CPU microseconds per call (this thread's CPU clock): the parser's own cost, without the time
    slices other processes take from it on a busy machine."""
    found = []
    for text in texts:
        start = time.thread_time_ns()
        understand(text)
        found.append((time.thread_time_ns() - start) / 1e3)
    return found


def _clear_caches() -> None:
    """Forget the places, roles and typos already looked up (the GeoNames, skills and typo indexes stay built)."""
    is_place.cache_clear()
    correct.cache_clear()
    names_role.cache_clear()
    _resolve.cache_clear()


def long_messages(count: int) -> list[str]:
    rng = random.Random(13)
    words = [text for _, text, _ in MAIN] + ["🙂", "Frankfurt am Main", "60.000 €", "C++", "https://example.com"]
    return [" ".join(rng.choice(words) for _ in range(600))[:4000] for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    understand("Jobs als Buchhalter in Köln")
    understand("python")  # the skills vocabulary, also built on first use
    understand("pythn develper berln")  # the typo look-up's role and place lists, built on the first typo
    first_ms = (time.perf_counter() - start) * 1e3
    texts = [text for _, text, _ in MAIN + HELD_BACK]
    _clear_caches()
    cold = timed(texts)
    _clear_caches()
    cold_cpu = cpu_timed(texts)
    warm = [us for _ in range(args.rounds) for us in timed(texts)]
    own = [us for _ in range(args.rounds) for us in cpu_timed(texts)]
    long = timed(long_messages(50))

    print("| table | rows | " + " | ".join(LANGUAGES) + " | all |")
    print("|---|---|" + "---|" * (len(LANGUAGES) + 1))
    for name, rows in (("main (tuned on)", MAIN), ("held-back", HELD_BACK)):
        figures = accuracy(rows, args.show_wrong)
        right = sum(r for r, _ in figures.values())
        cells = " | ".join(f"{r}/{t} ({r / t:.0%})" for r, t in figures.values())
        print(f"| {name} | {len(rows)} | {cells} | {right / len(rows):.1%} |")
    print()
    print("| calls | n | p50 µs | p99 µs | max µs |")
    print("|---|---|---|---|---|")
    for name, values in (("first pass (place cache cold)", cold), ("first pass, CPU time", cold_cpu),
                         (f"{args.rounds} more passes", warm),
                         (f"{args.rounds} passes, CPU time", own), ("4,000-character messages", long)):
        print(f"| {name} | {len(values)} | {percentile(values, 0.5):.0f} | {percentile(values, 0.99):.0f} "
              f"| {max(values):.0f} |")
    print(f"\nfirst calls of the process (build the gazetteer index, skills vocabulary and typo lists): {first_ms:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
