"""Why a job scored what it did: one ``Explanation`` per job, the single source of a card's
counts, its ✓/✗ lists and its reason, in any language.

The scorer builds an ``Explanation``; ``JobScore`` takes its ✓ list (``matched``), ✗ list
(``missing``) and English reason from it, and each ranked match dict carries it as
``match["explanation"]`` (``Explanation.to_dict``), shape version 1::

    {"version": 1,
     "score": 70,                 # 0..100, after adjustments; the same as match["score"]
     "base_score": 82,            # the scorer's own; score = base_score + the adjustments' points, in 0..100
     "mode": "cv",                # "cv": ranked against a CV; "search": by the query alone (no CV);
                                  # "unranked": no CV and no search words
     "skills": {"matched": ["Python", "Django"],   # = match["matched_skills"] (✓), required first
                "missing": ["AWS"],                # = match["missing_skills"] (✗), required first
                "required": ["Python", "AWS"],     # of matched + missing, the ones the posting requires
                "counts": {"matched": 2, "total": 3, "required_matched": 1, "required_total": 2}},
     "title": {"verdict": "fits", "against": "cv"} | null,
         # verdict "fits" | "partly" | "outside" (mode "cv"), "fits" | "related" | "little" (mode
         # "search"); against "cv" (the CV's role) or "search" (the query), whichever fitted better
     "seniority": {"years": 8.0, "verdict": "fits", "level": "senior", "asked": 5} | null,
         # years as shown (domain.cv.years.display_years); verdict "fits" | "below" | "above";
         # level "student" | "junior" | "mid-level" | "senior" | "lead" | null (title names none)
     "place": {"verdict": "near", "place": "Potsdam", "home": "Berlin", "km": 27, "open_to": [...]} | null,
         # verdict "here" | "near" | "remote" | "remote_elsewhere" | "same_country" | "away" | "unknown"
     "adjustments": [{"kind": "passed", "reason": "agency", "points": -12, "params": {}}]}

Without a CV the ✓ and ✗ lists are empty: there is nothing to have a skill against.
``reason_text`` renders the dict in a Translator's language; ``with_adjustment`` moves a match's
score and keeps score, explanation and reason agreeing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.ranking.reasons import ADJUSTMENT_REASONS, adjustment_words, reason_text
from i18n import translator

__all__ = ["Explanation", "reason_text", "with_adjustment", "VERSION"]

VERSION = 1


@dataclass(frozen=True)
class Explanation:
    """The facts behind one score; see the module docstring for the JSON shape."""

    score: int
    mode: str  # "cv" | "search" | "unranked"
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    title: dict | None = None
    seniority: dict | None = None
    place: dict | None = None
    adjustments: tuple[dict, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        """JSON-ready, in the documented shape (version 1)."""
        required = set(self.required)
        return {
            "version": VERSION, "score": self.score, "base_score": self.score, "mode": self.mode,
            "skills": {
                "matched": list(self.matched), "missing": list(self.missing), "required": list(self.required),
                "counts": {"matched": len(self.matched), "total": len(self.matched) + len(self.missing),
                           "required_matched": sum(1 for s in self.matched if s in required),
                           "required_total": len(required)},
            },
            "title": _copy(self.title), "seniority": _copy(self.seniority), "place": _copy(self.place),
            "adjustments": [dict(a) for a in self.adjustments],
        }

    def reason(self) -> str:
        """The reason in English (the REST ``reason``)."""
        return reason_text(self.to_dict(), translator("en"))


def with_adjustment(match: dict, *, kind: str, reason: str, points: int, params: dict | None = None) -> dict:
    """A copy of ``match`` moved by ``points`` for one adjustment: score = the scorer's own score
    plus all adjustments' points, clamped to 0..100, so their order does not matter.

    ``kind`` "passed" (a "Not for me" reason: "too_senior", "wrong_place", "agency",
    "not_my_field") or "preference" ("salary_unknown", "seniority"); ``params`` fill its sentence
    ({"place": "London"}; {"amount": "€60,000"} or {"min_salary": 60000, "currency": "EUR"}).
    The same kind and reason again adds its points to the first, so a sentence is said once.
    Score, explanation and English reason are updated together; a match stored before
    explanations existed gets the sentence appended to its stored reason.
    Raises ValueError for an unknown kind or reason.
    """
    if reason not in ADJUSTMENT_REASONS.get(kind, ()):
        raise ValueError(f"unknown adjustment {kind!r}/{reason!r}")
    adjustment = {"kind": kind, "reason": reason, "points": points, "params": dict(params or {})}
    explanation = match.get("explanation")
    if not isinstance(explanation, dict):
        # An older match: no facts to re-render from, so its stored reason is kept and extended.
        return {**match, "score": _clamped(int(match.get("score") or 0) + points),
                "reason": _appended(match.get("reason") or "", adjustment)}
    base = int(explanation.get("base_score", explanation.get("score", match.get("score"))) or 0)
    adjustments = _merged(explanation.get("adjustments") or [], adjustment)
    score = _clamped(base + sum(int(a.get("points") or 0) for a in adjustments))
    updated = {**explanation, "score": score, "base_score": base, "adjustments": adjustments}
    return {**match, "score": score, "explanation": updated, "reason": reason_text(updated, translator("en"))}


def _clamped(score: int) -> int:
    return max(0, min(100, score))


def _merged(adjustments: list[dict], new: dict) -> list[dict]:
    out, found = [], False
    for old in adjustments:
        if not found and old.get("kind") == new["kind"] and old.get("reason") == new["reason"]:
            old = {**old, "points": int(old.get("points") or 0) + new["points"],
                   "params": {**(old.get("params") or {}), **new["params"]}}
            found = True
        out.append(dict(old))
    return out if found else [*out, new]


def _appended(reason: str, adjustment: dict) -> str:
    words = adjustment_words(adjustment, translator("en"))
    if not words:
        return reason
    return f"{reason.rstrip().rstrip('.')}; {words}." if reason.strip() else f"{words[:1].upper()}{words[1:]}."


def _copy(value: dict | None) -> dict | None:
    return {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in value.items()} if value else None
