"""/alert, /alerts and /tracker as typed, and their buttons, to core commands (see ``bot.core.parse``).

What is only read here: the form of the words. Whether a time, a zone, a number or a date is
good is the use cases' to say (services.alerts, services.tracker), so every refusal has one wording.
"""
from __future__ import annotations

import re

from bot.core import commands as c
from bot.core.ports import OriginRef, UserRef

# How often, as typed after "/alert …" or "/alerts time N 07:30 …" (the rules read plain words).
FREQUENCY_WORDS = {"daily": "daily", "day": "daily", "täglich": "daily", "taglich": "daily", "quotidien": "daily",
                   "quotidienne": "daily", "diario": "daily", "diaria": "daily", "weekly": "weekly",
                   "week": "weekly", "wöchentlich": "weekly", "wochentlich": "weekly", "hebdomadaire": "weekly",
                   "semanal": "weekly"}
WEEKDAY_WORDS = {word: day for day, words in enumerate((
    "mon monday montag mo lundi lun lunes", "tue tuesday dienstag di mardi mar martes",
    "wed wednesday mittwoch mi mercredi mer miércoles miercoles mié", "thu thursday donnerstag do jeudi jeu jueves jue",
    "fri friday freitag fr vendredi ven viernes vie", "sat saturday samstag sa samedi sam sábado sabado sáb",
    "sun sunday sonntag so dimanche dim domingo dom")) for word in words.split()}
STAGE_WORDS = ("saved", "applied", "interview", "offer", "rejected", "withdrawn")
_ALERT_ACTIONS = {"pause": "pause", "stop": "pause", "resume": "resume", "start": "resume", "on": "resume",
                  "delete": "delete", "remove": "delete", "time": "time", "zone": "zone", "timezone": "zone",
                  "tz": "zone", "quiet": "quiet"}


def alert_command(user: UserRef, origin: OriginRef, argument: str) -> c.CreateAlert:
    """"python in Berlin weekly" → the search "python in Berlin", weekly; "" → the last search."""
    words = argument.split()
    frequency = None
    if words and words[-1].casefold() in FREQUENCY_WORDS:
        frequency = FREQUENCY_WORDS[words.pop().casefold()]
    return c.CreateAlert(user, origin, text=" ".join(words), frequency=frequency)


def alerts_command(user: UserRef, origin: OriginRef, argument: str) -> c.Command:
    """"" → the list; "pause 2", "resume 2", "delete 2", "time 2 07:30 [daily|weekly [monday]]",
    "zone Europe/Berlin", "quiet 22:00-07:00" / "quiet off"; anything else → the usage."""
    words = argument.split()
    if not words:
        return c.ShowAlerts(user, origin)
    action = _ALERT_ACTIONS.get(words[0].casefold())
    rest = words[1:]
    if action in ("pause", "resume", "delete") and len(rest) == 1:
        return c.ChangeAlert(user, origin, action=action, reference=rest[0])
    if action == "time" and len(rest) >= 2:
        frequency = weekday = None
        extra = [word.casefold() for word in rest[2:]]
        if extra and extra[0] in FREQUENCY_WORDS:
            frequency = FREQUENCY_WORDS[extra.pop(0)]
        if extra and extra[0] in WEEKDAY_WORDS:
            weekday = WEEKDAY_WORDS[extra.pop(0)]
        if not extra:
            return c.ChangeAlert(user, origin, action="time", reference=rest[0], value=rest[1], frequency=frequency,
                                 weekday=weekday)
    if action in ("zone", "quiet") and rest:
        return c.ChangeAlert(user, origin, action=action, value=" ".join(rest))
    return c.ChangeAlert(user, origin, action="usage", value=argument)


def tracker_command(user: UserRef, origin: OriginRef, argument: str) -> c.Command:
    """"" → the board; "export"; "followup 10"; "2 note called them"; "2 applied"; "2 interview 2026-12-04 14:00";
    anything else → the usage."""
    words = argument.split()
    if not words:
        return c.ShowTracker(user, origin)
    first = words[0].casefold()
    if first == "export" and len(words) == 1:
        return c.ExportTracker(user, origin)
    if first in ("followup", "follow-up", "follow_up") and len(words) == 2:
        return c.SetFollowUp(user, origin, days=words[1])
    if len(words) >= 2 and _REFERENCE.fullmatch(words[0]):
        what = words[1].casefold()
        if what == "note":
            return c.NoteTracked(user, origin, reference=words[0].lstrip("#"), text=argument.split(None, 2)[2]
                                 if len(words) > 2 else "")
        if what in STAGE_WORDS:
            when = " ".join(words[2:]) or None
            if when is None or what == "interview":
                return c.MoveTracked(user, origin, reference=words[0].lstrip("#"), stage=what, when=when)
    return c.TrackerUsage(user, origin, text=argument)


_REFERENCE = re.compile(r"#?[0-9]{1,4}")


def follow_button(user: UserRef, origin: OriginRef, action: str, value: str) -> c.Command | None:
    """The buttons of alerts and the tracker: "alert" (a list's search id), "alert_pause|resume|delete"
    (an alert's id), "stage" ("TRACKED_ID:STAGE"); None for any other action."""
    if action == "alert":
        return c.CreateAlert(user, origin, search_id=value)
    if action in ("alert_pause", "alert_resume", "alert_delete"):
        return c.ChangeAlert(user, origin, action=action.removeprefix("alert_"), reference=value)
    if action == "stage":
        reference, _, stage = value.rpartition(":")
        return c.MoveTracked(user, origin, reference=reference, stage=stage)
    return None
