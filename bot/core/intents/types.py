"""What one plain-words chat message asks for: the shape every intent parser returns."""
from __future__ import annotations

from dataclasses import dataclass

from domain.jobs.preferences import Refinement

KINDS = ("search", "more", "details", "letter", "refine", "not_for_me", "greeting", "thanks", "privacy",
         "capabilities", "profile", "status", "forget", "prefs", "prefs_reset", "language", "alert", "alerts", "tracker", "tracker_move", "unclear")
REASONS = ("too_senior", "wrong_place", "agency", "not_my_field")
LETTER_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
CHAT_LANGUAGES = ("en", "de", "fr", "es")
FREQUENCIES = ("daily", "weekly")
STAGES = ("applied", "interview", "offer", "rejected", "withdrawn")  # the tracker's stages a person moves to
MAX_JOB = 50  # a number above any list the bot shows is no job reference ("top 100", a year)


@dataclass(frozen=True)
class Intent:
    """One message's meaning. ``kind`` is one of KINDS; the other fields apply to some kinds only:

    query, location: search (role words and place as typed); job: details / letter / not_for_me
    (1-based number on the last list); language: letter (a LETTER_LANGUAGES code) or language (a
    CHAT_LANGUAGES code); refinement: refine, or a search that carries one; reason: not_for_me
    (one of REASONS); written_in: the message's language when its words tell (CHAT_LANGUAGES);
    suggestion: unclear, one command to try built from what was understood; frequency: alert (one of
    FREQUENCIES, None: the alert's default); stage: tracker_move (one of STAGES; ``job`` is then the
    entry's number on the board); when: tracker_move to "interview", the date and time as typed
    ("Friday at 10"), read by the core in the person's language and time zone.
    """

    kind: str
    query: str | None = None
    location: str | None = None
    job: int | None = None
    language: str | None = None
    refinement: Refinement | None = None
    reason: str | None = None
    written_in: str | None = None
    suggestion: str | None = None
    frequency: str | None = None
    stage: str | None = None
    when: str | None = None
