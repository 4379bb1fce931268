"""The tracker's words: the board grouped by stage, a move said back, the follow-up reminder.

Every button moves an entry on ("stage", value "TRACKED_ID:STAGE", ``number`` its place on the
board, so a terminal shows "/tracker 2 applied"); each offers only the moves that make sense next.
"""
from __future__ import annotations

from datetime import UTC, datetime

from bot.core.ports import Button, Message
from bot.core.when import local_moment
from i18n import N_, Translator
from services.tracker import numbers_of

STAGE_NAMES = {"saved": N_("Saved"), "applied": N_("Applied"), "interview": N_("Interview"), "offer": N_("Offer"),
               "rejected": N_("Rejected"), "withdrawn": N_("Withdrawn")}
# The buttons under an entry: the moves a person most likely makes next (every move stays typeable).
NEXT_MOVES = {"saved": ("applied",), "applied": ("interview", "rejected"), "interview": ("offer", "rejected"),
              "offer": (), "rejected": (), "withdrawn": ()}
FOLLOW_UP_MOVES = ("interview", "rejected", "withdrawn")
NOTE_CHARS_SHOWN = 80
# Entries one board message shows: a chat message has room for about this many lines and buttons (Slack's
# 3,000 characters a section, Telegram's 4,096 a message); the board's order puts closed ones last.
MAX_BOARD_ENTRIES = 25
USAGE = N_("/tracker — your applications by stage\n"
           "/tracker N applied|interview|offer|rejected|withdrawn — move application N on\n"
           "/tracker N interview 2026-12-04 14:00 — the interview's date and time\n"
           "/tracker N note TEXT — add a note\n"
           "/tracker followup DAYS — when to remind you to follow up\n"
           "/tracker export — a spreadsheet (CSV) and a calendar of your interviews (.ics)")
EMPTY = N_("No applications yet. Every cover letter you ask for lands here as “Saved”; "
           "tell me when you applied (“I applied to 1”) and I'll remind you to follow up.")


def stage_name(stage: str, t: Translator) -> str:
    return t(STAGE_NAMES[stage]) if stage in STAGE_NAMES else stage


def stage_buttons(entry, number: int, stages, t: Translator) -> list[Button]:
    """One button per stage of ``stages``: "2 → Applied" (``number``: the entry's place on the board)."""
    return [Button(t("{number} → {stage}", number=number, stage=stage_name(stage, t)), "stage",
                   f"{entry.id}:{stage}", number) for stage in stages]


def board_message(entries: list, *, zone: str, now: datetime, t: Translator) -> Message:
    """The board: a section per stage that has entries (saved, applied, interview, offer, rejected,
    withdrawn), each entry with its number (services.tracker.numbers_of), its title,
    company, days in its stage, interview date (in ``zone``) and last note; buttons to move it on."""
    if not entries:
        return Message(text=t(EMPTY))
    sections: dict[str, list[str]] = {}
    buttons: list[Button] = []
    numbers = numbers_of(entries)
    for entry in entries[:MAX_BOARD_ENTRIES]:
        number = numbers[entry.id]
        sections.setdefault(entry.stage, []).append(entry_line(entry, number, zone=zone, now=now, t=t))
        buttons += stage_buttons(entry, number, NEXT_MOVES.get(entry.stage, ()), t)
    text = "\n\n".join(f"{stage_name(stage, t)} ({len(lines)})\n" + "\n".join(lines)
                       for stage, lines in sections.items())
    footer = t("/tracker N applied|interview|offer|rejected|withdrawn moves one on; /tracker N note "
               "TEXT adds a note; /tracker export gives a spreadsheet and a calendar.")
    if len(entries) > MAX_BOARD_ENTRIES:
        footer = t.ngettext("{n} more not shown — /tracker export has them all.",
                            "{n} more not shown — /tracker export has them all.",
                            len(entries) - MAX_BOARD_ENTRIES) + "\n" + footer
    return Message(title=t("Your applications"), text=text, buttons=buttons, footer=footer)


def entry_line(entry, number: int, *, zone: str, now: datetime, t: Translator) -> str:
    """"2. Backend Developer — Acme GmbH · 3 days · interview Fri, Dec 4, 14:00 · “called Anna”"."""
    what = f"{entry.title} — {entry.company}" if entry.company else entry.title or entry.job_id
    days = max(0, (now - _aware(entry.stage_changed_at)).days)
    parts = [t("{number}. {what}", number=number, what=what),
             t.ngettext("{n} day", "{n} days", days)]
    if entry.interview_at is not None and entry.stage == "interview":
        parts.append(t("interview {when}", when=local_moment(entry.interview_at, zone, t)))
    if entry.notes:
        note = str(entry.notes[-1].get("text", ""))
        parts.append(f"“{note[:NOTE_CHARS_SHOWN]}{'…' if len(note) > NOTE_CHARS_SHOWN else ''}”")
    return " · ".join(parts)


def moved_message(entry, number: int | None, *, zone: str, t: Translator) -> Message:
    """A move said back ("✓ Backend Developer at Acme GmbH: Interview, Fri, Dec 4, 14:00"), with the next moves."""
    said = t("✓ {title} at {company}: {stage}", title=entry.title, company=entry.company or "—",
             stage=stage_name(entry.stage, t))
    if entry.stage == "interview" and entry.interview_at is not None:
        said += t(", {when}", when=local_moment(entry.interview_at, zone, t))
    if entry.stage == "applied":
        said += ". " + t("I'll remind you to follow up if you hear nothing.")
    return Message(text=said, buttons=stage_buttons(entry, number or 0, NEXT_MOVES.get(entry.stage, ()), t)
                   if number else [])


def follow_up_message(entry, *, now: datetime, t: Translator) -> Message:
    """"⏰ It's been 8 days since you applied to TITLE at COMPANY. Time to follow up?" with Interview,
    Rejected and Withdrawn buttons (no board number: the reminder stands on its own)."""
    since = entry.applied_at or entry.stage_changed_at
    days = max(1, (now - _aware(since)).days)
    return Message(
        text=t.ngettext("⏰ It's been {n} day since you applied to {title} at {company}. Time to follow up?",
                        "⏰ It's been {n} days since you applied to {title} at {company}. Time to follow up?",
                        days, title=entry.title, company=entry.company or "—"),
        buttons=[Button(stage_name(stage, t), "stage", f"{entry.id}:{stage}") for stage in FOLLOW_UP_MOVES])


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC
