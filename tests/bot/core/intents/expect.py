"""How a table row's expectation is compared with an Intent (shared by the main and held-back tables).

The expectation names ``kind`` and any arguments; an argument not named must be empty. Query
and location compare case-insensitively; ``refinement`` names the Refinement fields that must
be set (the others must keep their defaults), and no refinement may be given when none is named.
"""
from __future__ import annotations

import dataclasses

from bot.core.intents.types import Intent
from domain.jobs.preferences import Refinement

_ARGUMENTS = ("query", "location", "job", "language", "reason", "frequency", "stage", "when")


def mismatches(intent: Intent, expected: dict) -> list[str]:
    """What differs, one line each; empty when the intent is fully right."""
    wrong = []
    if intent.kind != expected["kind"]:
        wrong.append(f"kind {intent.kind!r} != {expected['kind']!r}")
    for name in _ARGUMENTS:
        got, want = getattr(intent, name), expected.get(name)
        if isinstance(got, str) and isinstance(want, str):
            got, want = got.casefold(), want.casefold()
        if got != want:
            wrong.append(f"{name} {getattr(intent, name)!r} != {expected.get(name)!r}")
    want_refinement = Refinement(**expected.get("refinement", {}))
    got_refinement = intent.refinement or Refinement()
    if got_refinement != want_refinement:
        changed = {f.name: getattr(got_refinement, f.name) for f in dataclasses.fields(Refinement)
                   if getattr(got_refinement, f.name) != f.default}
        wrong.append(f"refinement {changed} != {expected.get('refinement', {})}")
    return wrong
