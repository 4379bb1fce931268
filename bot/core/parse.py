"""Typed chat commands ("/jobsearch …", "/apply 2") to core commands; shared by every text adapter."""
from __future__ import annotations

import re

from bot.core import commands as c
from bot.core.ports import OriginRef, UserRef

_ALIASES = {
    "start": "help", "help": "help", "jobhelp": "help",
    "jobsearch": "jobsearch", "search": "jobsearch",
    "apply": "apply", "letter": "apply",
    "profile": "profile", "jobprofile": "profile",
    "status": "status", "jobstatus": "status",
    "forget": "forget", "jobforget": "forget",
}


def split_command(text: str) -> tuple[str, str]:
    """"/jobsearch@MyBot python in Berlin" → ("jobsearch", "python in Berlin")."""
    head, _, rest = text.strip().partition(" ")
    return head.lstrip("/").split("@", 1)[0].lower(), rest.strip()


def parse_text(user: UserRef, origin: OriginRef, text: str) -> c.Command:
    name, argument = split_command(text)
    kind = _ALIASES.get(name) if text.strip().startswith("/") else None
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
    return {"help": c.ShowHelp, "profile": c.ShowProfile, "status": c.ShowStatus}[kind](user, origin)


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
    if action == "letter":
        return c.WriteLetter(user, origin, reference=value)
    if action == "forget_confirm":
        return c.ConfirmForget(user, origin)
    if action == "forget_cancel":
        return c.CancelForget(user, origin)
    return c.UnknownCommand(user, origin, text=action)
