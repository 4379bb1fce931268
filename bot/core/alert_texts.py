"""The words of alerts: what was saved and when it runs, the list with its buttons, the changes said back.

Times are the person's: an alert's send time is local already ("08:00" in its zone); its next run
(UTC in the database) is said in the alert's zone, in the reader's way (``bot.core.when``).
"""
from __future__ import annotations

from babel import Locale

from bot.core.ports import Button, Message
from bot.core.when import local_moment
from i18n import N_, Translator

USAGE = N_("/alerts — your alerts\n"
           "/alert python developer in Berlin [daily|weekly] — a new alert (/alert alone: for your last search)\n"
           "/alerts pause N, /alerts resume N, /alerts delete N\n"
           "/alerts time N 07:30 [daily|weekly] — when alert N runs\n"
           "/alerts zone Europe/Berlin — your time zone\n"
           "/alerts quiet 22:00-07:00 (or off) — hours when I send nothing")
NO_ALERTS = N_("No alerts yet. Press “🔔 Alert me” under a list of jobs, or type e.g. /alert python developer in Berlin "
               "— I'll send you only the new jobs every morning.")
NOT_YOURS = N_("That button belongs to an alert that is not yours (someone else's, or deleted). /alerts shows yours.")
NOTHING_TO_ALERT = N_("What should I alert you about? E.g. /alert python developer in Berlin, or search first and "
                      "press “🔔 Alert me” under the list.")


def search_words(alert, t: Translator) -> str:
    """"python developer in Berlin", "python developer" (no place)."""
    if alert.location:
        return t("{query} in {place}", query=alert.query, place=alert.location)
    return alert.query


def schedule_words(alert, t: Translator) -> str:
    """"every day at 08:00 (Europe/Berlin)", "every Monday at 08:00 (Europe/Berlin)"."""
    if alert.frequency == "weekly" and alert.weekday is not None:
        weekday = Locale(t.language).days["format"]["wide"][alert.weekday]
        return t("every {weekday} at {time} ({zone})", weekday=weekday, time=alert.send_at, zone=alert.timezone)
    return t("every day at {time} ({zone})", time=alert.send_at, zone=alert.timezone)


FROM_SAMPLE = N_("The jobs of that list were the bundled sample: no job board answered. An alert sends only "
                 "jobs the boards list, never the sample, so it stays quiet until a board answers.")


def saved_message(alert, t: Translator, *, from_sample: bool = False) -> Message:
    """"🔔 Saved: new python developer jobs in Berlin, every day at 08:00 (Europe/Berlin). /alerts to change it.";
    ``from_sample``: the search it was made from showed the bundled sample, which no digest ever holds
    (pipeline.alert_digests) — said, or the person waits for digests that never come."""
    if alert.location:
        text = t("🔔 Saved: new {query} jobs in {place}, {schedule}. /alerts to change it.", query=alert.query,
                 place=alert.location, schedule=schedule_words(alert, t))
    else:
        text = t("🔔 Saved: new {query} jobs, {schedule}. /alerts to change it.", query=alert.query,
                 schedule=schedule_words(alert, t))
    return Message(text=text, footer=t(FROM_SAMPLE) if from_sample else None)


def status_words(alert, t: Translator) -> str:
    """"next: Tue, Dec 1, 08:00", "paused", "paused — I could not reach this chat"."""
    if alert.status == "active":
        return t("next: {when}", when=local_moment(alert.next_run_at, alert.timezone, t))
    if alert.paused_reason in ("blocked", "removed"):
        return t("paused — I could not reach this chat")
    return t("paused")


def alerts_message(alerts: list, *, zone: str, quiet: str | None, t: Translator) -> Message:
    """The person's alerts numbered 1.. (``services.alerts.alerts_of`` order) with their schedule and
    status, a Pause or Resume and a Delete button each (``number``: the alert's, so a terminal shows
    "/alerts pause 2"); the footer names the time zone and quiet hours and the commands."""
    if not alerts:
        return Message(text=t(NO_ALERTS))
    items, buttons = [], []
    for number, alert in enumerate(alerts, start=1):
        items.append(t("{number}. {search} — {schedule} · {status}", number=number, search=search_words(alert, t),
                       schedule=schedule_words(alert, t), status=status_words(alert, t)))
        if alert.status == "active":
            buttons.append(Button(t("⏸ Pause {number}", number=number), "alert_pause", alert.id, number))
        else:
            buttons.append(Button(t("▶ Resume {number}", number=number), "alert_resume", alert.id, number))
        buttons.append(Button(t("🗑 Delete {number}", number=number), "alert_delete", alert.id, number))
    where = t("Time zone: {zone}", zone=zone) + " · " + (
        t("quiet hours {hours}", hours=quiet) if quiet else t("no quiet hours"))
    return Message(title=t("Your alerts"), items=items, buttons=buttons,
                   footer=where + "\n" + t("/alerts time N 07:30 changes when one runs; /alerts zone and "
                                           "/alerts quiet set your time zone and quiet hours."))


def changed_message(action: str, alert, t: Translator) -> Message:
    """A pause, resume, delete or new time said back, naming the alert by its search."""
    search = search_words(alert, t)
    if action == "pause":
        text = t("⏸ Paused: {search}. /alerts resume brings it back.", search=search)
    elif action == "resume":
        text = t("▶ On again: {search}, {schedule}.", search=search, schedule=schedule_words(alert, t))
    elif action == "delete":
        text = t("🗑 Deleted: {search}.", search=search)
    else:
        text = t("⏰ {search}: {schedule}.", search=search, schedule=schedule_words(alert, t))
    return Message(text=text)


def welcome_back(count: int, t: Translator) -> Message:
    return Message(text=t.ngettext("Welcome back — your {n} alert is on again.",
                                   "Welcome back — your {n} alerts are on again.", count))
