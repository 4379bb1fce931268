"""Typed chat commands ("/jobsearch …", "/apply 2") to core commands; shared by every text adapter."""
from __future__ import annotations

import re
import unicodedata

from bot.core import commands as c
from bot.core.parse_follow import (
    alert_command,
    alerts_command,
    follow_button,
    tracker_command,
)
from bot.core.ports import OriginRef, UserRef

_ALIASES = {
    "start": "help", "help": "help", "jobhelp": "help",
    "jobsearch": "jobsearch", "search": "jobsearch",
    "apply": "apply", "letter": "apply",
    "profile": "profile", "jobprofile": "profile",
    "status": "status", "jobstatus": "status",
    "forget": "forget", "jobforget": "forget",
    "prefs": "prefs", "jobprefs": "prefs", "preferences": "prefs",
    "language": "language", "joblanguage": "language", "lang": "language",
    "more": "more", "jobmore": "more",
    "details": "details", "jobdetails": "details",
    "pass": "pass", "notforme": "pass",
    "alert": "alert", "jobalert": "alert",  # Slack's names carry "job", as its other commands do
    "alerts": "alerts", "jobalerts": "alerts",
    "tracker": "tracker", "jobtracker": "tracker",
}
COMMAND_NAMES = tuple(_ALIASES)  # every slash command a platform should route here
RESET_WORDS = ("reset", "clear", "zurücksetzen", "réinitialiser", "effacer", "restablecer", "borrar")


def is_command_word(word: str) -> bool:
    """"jobsearch", "apply", "prefs" ...: a command's name, typed without its slash (a Slack mention)."""
    return word.split("@", 1)[0].casefold() in _ALIASES


def takes_words(word: str) -> bool:
    """Whether the command ``word`` names reads words after it ("jobsearch python", "prefs reset")."""
    return _ALIASES.get(word.split("@", 1)[0].casefold()) in ("jobsearch", "apply", "forget", "prefs", "language",
                                                               "details", "pass", "alert", "alerts", "tracker")


def split_command(text: str) -> tuple[str, str]:
    """"/jobsearch@MyBot python in Berlin" → ("jobsearch", "python in Berlin")."""
    head, _, rest = text.strip().partition(" ")
    return head.lstrip("/").split("@", 1)[0].lower(), rest.strip()


def clean_text(text: str) -> str:
    """Text as a person could have typed it: a lone UTF-16 surrogate (a JSON "\\ud800" decodes to one)
    becomes U+FFFD, and control characters (but line breaks and tabs) and bidi overrides go, so nothing
    echoed back can break a platform's JSON or turn a chat line around. Joiners stay (emoji, Persian)."""
    if text.isprintable():
        return text
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return "".join(ch for ch in text if ch in "\n\t" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI))


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def parse_text(user: UserRef, origin: OriginRef, text: str) -> c.Command:
    """A slash command, an unknown one, or plain words for the core to understand."""
    text = clean_text(text)
    if not text.strip().startswith("/"):
        return c.PlainWords(user, origin, text=text.strip())
    name, argument = split_command(text)
    kind = _ALIASES.get(name)
    if kind is None:
        return c.UnknownCommand(user, origin, text=text.strip())
    return command_for(kind, user, origin, argument)


def command_for(kind: str, user: UserRef, origin: OriginRef, argument: str) -> c.Command:
    if kind == "jobsearch":
        return c.SearchJobs(user, origin, text=argument)
    if kind == "apply":
        return letter_command(user, origin, argument)
    if kind == "forget":
        if argument.lower() in ("yes", "confirm"):
            return c.ConfirmForget(user, origin)
        if argument.lower() in ("no", "cancel"):
            return c.CancelForget(user, origin)
        return c.Forget(user, origin)
    if kind == "prefs":
        return c.ResetPrefs(user, origin) if argument.casefold() in RESET_WORDS else c.ShowPrefs(user, origin)
    if kind == "language":
        return c.SetLanguage(user, origin, language=argument or None)
    if kind == "more":
        return c.ShowMore(user, origin)
    if kind == "details":
        return c.ShowDetails(user, origin, reference=argument.split()[0] if argument else "1")
    if kind == "alert":
        return alert_command(user, origin, argument)
    if kind == "alerts":
        return alerts_command(user, origin, argument)
    if kind == "tracker":
        return tracker_command(user, origin, argument)
    if kind == "pass":
        number, _, reason = argument.partition(" ")
        return c.NotForMe(user, origin, reference=number or "1", reason=PASS_REASONS.get(reason.strip().casefold()))
    return {"help": c.ShowHelp, "profile": c.ShowProfile, "status": c.ShowStatus}[kind](user, origin)


# "/pass 3 agency": the reasons as typed after the number (the buttons carry the codes themselves).
PASS_REASONS = {"too_senior": "too_senior", "senior": "too_senior", "wrong_place": "wrong_place",
                "place": "wrong_place", "agency": "agency", "not_my_field": "not_my_field", "field": "not_my_field"}


def letter_command(user: UserRef, origin: OriginRef, argument: str) -> c.WriteLetter:
    """"2" → job 2; "2 de" or "de 2" → job 2, letter in German; "" → job 1. Whatever is not the job's
    number is the language as typed: the core checks it and answers an unknown one."""
    words = argument.split()
    at = next((index for index, word in enumerate(words) if _is_job_reference(word)), None)
    reference = words.pop(at) if at is not None else "1"
    return c.WriteLetter(user, origin, reference=reference, language=" ".join(words) or None)


def _is_job_reference(word: str) -> bool:
    """"2", or a button's "RANKING_ID:2" — or a number that is no job's ("-1", "#2", "1.5"), which the
    core answers with the range to pick from rather than as a language."""
    return _NUMBERISH.fullmatch(word.rpartition(":")[2]) is not None


_NUMBERISH = re.compile(r"[-+#]?[0-9]+(?:[.,][0-9]+)?\.?|[²³¹⁰-⁹]+")  # "²" is a digit to str.isdigit, not to int()


def command_for_button(user: UserRef, origin: OriginRef, action: str, value: str) -> c.Command:
    action, value = clean_text(action), clean_text(value)
    if action == "letter":
        return c.WriteLetter(user, origin, reference=value)
    if action == "forget_confirm":
        return c.ConfirmForget(user, origin)
    if action == "forget_cancel":
        return c.CancelForget(user, origin)
    if action == "more":
        return c.ShowMore(user, origin, reference=value)
    if action == "details":
        return c.ShowDetails(user, origin, reference=value)
    if action == "pass":  # "RANKING_ID:N" asks why; "RANKING_ID:N:REASON" is the answer
        reference, _, reason = value.rpartition(":") if value.count(":") >= 2 else (value, "", "")
        return c.NotForMe(user, origin, reference=reference, reason=PASS_REASONS.get(reason) if reason else None)
    if action == "language":
        return c.SetLanguage(user, origin, language=value)
    followed = follow_button(user, origin, action, value)
    return followed if followed is not None else c.UnknownCommand(user, origin, text=action)


def command_for_intent(intent, user: UserRef, origin: OriginRef) -> c.Command:
    """What plain words meant (a ``bot.core.intents.Intent``) as the command the core runs; a search's
    own refinement ("any remote python work?") is stored first by the search handler."""
    kind = intent.kind
    number = str(intent.job) if intent.job else ""
    if kind == "search":
        where = f" in {intent.location}" if intent.location else ""
        return c.SearchJobs(user, origin, text=f"{intent.query or ''}{where}".strip(), refinement=intent.refinement)
    if kind == "more":
        return c.ShowMore(user, origin)
    if kind == "details":
        return c.ShowDetails(user, origin, reference=number or "1")
    if kind == "letter":
        return c.WriteLetter(user, origin, reference=number or "1", language=intent.language)
    if kind == "refine" and intent.refinement is not None:
        return c.Refine(user, origin, refinement=intent.refinement)
    if kind == "not_for_me":
        return c.NotForMe(user, origin, reference=number, reason=intent.reason)
    if kind in ("greeting", "thanks", "privacy", "capabilities"):
        return c.SmallTalk(user, origin, kind=kind)
    if kind == "language":
        return c.SetLanguage(user, origin, language=intent.language)
    if kind == "alert":
        where = f" in {intent.location}" if intent.location else ""
        return c.CreateAlert(user, origin, text=f"{intent.query or ''}{where}".strip(), frequency=intent.frequency,
                             refinement=intent.refinement)
    if kind == "tracker_move" and intent.stage:
        return c.MoveTracked(user, origin, reference=number, stage=intent.stage, when=intent.when)
    simple = {"profile": c.ShowProfile, "status": c.ShowStatus, "forget": c.Forget, "prefs": c.ShowPrefs,
              "prefs_reset": c.ResetPrefs, "alerts": c.ShowAlerts, "tracker": c.ShowTracker}
    if kind in simple:
        return simple[kind](user, origin)
    return c.Unclear(user, origin, suggestion=intent.suggestion)
