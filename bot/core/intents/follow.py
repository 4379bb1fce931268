"""Plain words about coming back: saved searches with alerts, and the application tracker.

"tell me every morning about new data jobs in Hamburg" is an alert for a search; "my alerts" lists
them; "my applications" shows the tracker's board; "I applied to 2", "I have an interview for 3 on
Friday at 10" move entry N of the board on. Each is a rule of ``bot.core.intents.rules`` (a plain
function of a ``Reading``), tried before the list rules, since "apply to 2" is a letter and
"I applied to 2" is not.
"""
from __future__ import annotations

from collections.abc import Callable

from bot.core.intents.reading import NEUTRAL, Reading
from bot.core.intents.types import Intent

# Words that may stand beside a tracker move's stage and number ("I applied to 2", "got an offer from 2").
_MOVE_WORDS = NEUTRAL | {"stage_said", "tracker_filler", "job_cue", "connector", "company_prep", "ordinal",
                         "cardinal", "tracker_board", "past"}
# Words that open the date of an interview and say nothing of it ("on Friday", "am Freitag", "le 3").
_DATE_OPENERS = frozenset({"on", "at", "am", "um", "le", "el", "for", "fur", "pour", "para"})


def alerts_rule(r: Reading) -> Intent | None:
    """"my alerts", "meine Alarme", "mes alertes", "mis alertas": the list of saved searches."""
    if r.has("alerts_list") and r.only(NEUTRAL | {"alerts_list", "show"}):
        return Intent("alerts")
    return None


def tracker_rule(r: Reading) -> Intent | None:
    """"my applications", "meine Bewerbungen", "mes candidatures", "mis candidaturas": the board."""
    if r.has("tracker_board") and r.only(NEUTRAL | {"tracker_board", "show"}):
        return Intent("tracker")
    return None


def tracker_move_rule(r: Reading) -> Intent | None:
    """A stage said of entry N: "I applied to 2", "got an offer from 2", "ich habe mich auf 2 beworben";
    for an interview the words after the number are its date as typed ("on Friday at 10" -> "Friday at 10")."""
    stages = r.of("stage_said")
    if not stages:
        return None
    job, said = r.job()
    if job is None:
        return None
    stage = max(stages, key=lambda m: (m.end - m.start, m.start)).value
    last = max(said)
    when, date_words = None, set()
    if stage == "interview":
        date_words = set(range(last + 1, len(r.tokens)))
        at = last + 1
        while at < len(r.tokens) and r.tokens[at].key in _DATE_OPENERS:
            at += 1
        when = r.span(at, len(r.tokens)).strip(" .,!?") or None
    if not r.only(_MOVE_WORDS, extra=said | date_words):
        return None
    return Intent("tracker_move", job=job, stage=stage, when=when)


def alert_rule(understand: Callable[[str], Intent]) -> Callable[[Reading], Intent | None]:
    """The rule for an alert: an alert word ("alert me", "benachrichtige mich", "préviens-moi", "avísame"),
    or a "tell me" with how often ("tell me every morning"); what is left of the message is read by
    ``understand`` (the rules) as a search, whose role and place the alert keeps. Nothing left: an alert
    for the person's last search. Left words that are no search: unclear, suggesting /alert."""
    def rule(r: Reading) -> Intent | None:
        cues, tells, often = r.of("alert_cue"), r.of("alert_tell"), r.of("frequency")
        if not cues and not (tells and often):
            return None
        frequency = often[-1].value if often else None
        dropped = r.covered({"alert_cue", "alert_tell", "frequency"})
        for m in sorted(r.of("alert_about"), key=lambda m: m.start):  # "about" right after "alert me" / "daily"
            if m.start - 1 in dropped:
                dropped.update(range(m.start, m.end))
        rest = _without(r, dropped)
        if not any(t.is_word for i, t in enumerate(r.tokens) if i not in dropped and t.key not in _SELF):
            return Intent("alert", frequency=frequency)
        meant = understand(rest)
        if any(said and said not in r.text for said in (meant.query, meant.location)):
            return Intent("unclear", suggestion="/alert")  # words joined across a gap: not what was typed
        if meant.kind == "search" and (meant.query or meant.location):  # "jobs in Hamburg": the CV's role, there
            return Intent("alert", query=meant.query, location=meant.location, refinement=meant.refinement,
                          frequency=frequency)
        if meant.kind in ("greeting", "thanks") or (meant.kind == "search" and not meant.location):
            return Intent("alert", frequency=frequency)  # "alert me about this search, thanks"
        return Intent("unclear", suggestion="/alert")
    return rule


# Words that name the search already shown: "alert me about this", "an alert for that search".
_SELF = frozenset({"this", "that", "it", "these", "them", "me", "search", "one", "dies", "das", "diese", "mich",
                   "ca", "cela", "cette", "recherche", "moi", "esto", "eso", "esta", "busqueda"})


def _without(r: Reading, dropped: set[int]) -> str:
    """The message's text with the tokens ``dropped`` left out (the rest as typed)."""
    parts, at = [], 0
    for index, token in enumerate(r.tokens):
        if index in dropped:
            # What stood between two dropped words goes with them: the hyphen of "préviens-moi".
            parts.append(" " if index - 1 in dropped else r.text[at:token.start])
            at = token.end
    parts.append(r.text[at:])
    return " ".join("".join(parts).split())
