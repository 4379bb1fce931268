"""Where an application stands, and which moves make sense from there: data, not branches.

saved → applied → interview → offer, with rejected and withdrawn possible from any open stage.
A move may skip ahead (someone who applied elsewhere and got an interview), may go back one step
to fix a mis-tap, and a closed rejected/withdrawn application may reopen where it stood before.
Moving to the stage it is already in is no move and always allowed (a double-tapped button).
"""
from __future__ import annotations

from i18n import N_

SAVED, APPLIED, INTERVIEW, OFFER, REJECTED, WITHDRAWN = "saved", "applied", "interview", "offer", "rejected", "withdrawn"
STAGES = (SAVED, APPLIED, INTERVIEW, OFFER, REJECTED, WITHDRAWN)
PIPELINE = (SAVED, APPLIED, INTERVIEW, OFFER)
OPEN = (SAVED, APPLIED, INTERVIEW)
CLOSED = (OFFER, REJECTED, WITHDRAWN)
# Moves from a stage other than forward along PIPELINE and closing: the one step back.
BACK = {APPLIED: SAVED, INTERVIEW: APPLIED, OFFER: INTERVIEW}

# A stage as a word inside a sentence, in the reader's language ("… is rejected, so it cannot go to
# offer"); in English the word is the stage's own name, which REST callers send and read.
STAGE_WORDS = {SAVED: N_("saved"), APPLIED: N_("applied"), INTERVIEW: N_("interview"), OFFER: N_("offer"),
               REJECTED: N_("rejected"), WITHDRAWN: N_("withdrawn")}

# Why a move is refused, as codes the services turn into sentences.
UNKNOWN_STAGE, NOT_ALLOWED = "unknown_stage", "not_allowed"


def allowed_moves(current: str, *, reopen_to: str = SAVED) -> tuple[str, ...]:
    """The stages ``current`` may move to, in STAGES order (``current`` itself left out).

    ``reopen_to``: the open stage a rejected or withdrawn application stood in before it closed
    (see ``stage_before_closing``); it may go back there.
    """
    targets: set[str] = set()
    if current in PIPELINE:
        targets.update(PIPELINE[PIPELINE.index(current) + 1:])
    if current in OPEN:
        targets.update((REJECTED, WITHDRAWN))
    if current in BACK:
        targets.add(BACK[current])
    if current in (REJECTED, WITHDRAWN):
        targets.add(reopen_to)
    return tuple(stage for stage in STAGES if stage in targets and stage != current)


def move_refusal(current: str, target: str, *, reopen_to: str = SAVED) -> str | None:
    """None when ``current`` → ``target`` is allowed; else UNKNOWN_STAGE or NOT_ALLOWED."""
    if target not in STAGES:
        return UNKNOWN_STAGE
    if target == current or target in allowed_moves(current, reopen_to=reopen_to):
        return None
    return NOT_ALLOWED


def stage_before_closing(*, applied: bool, interviewed: bool) -> str:
    """The furthest open stage an application had reached, read from its dates (no history is kept)."""
    return INTERVIEW if interviewed else APPLIED if applied else SAVED
