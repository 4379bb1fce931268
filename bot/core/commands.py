"""Platform-neutral commands: every adapter turns its events into one of these."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.ports import OriginRef, UserRef


@dataclass
class Command:
    user: UserRef
    origin: OriginRef


@dataclass
class BuildProfile(Command):
    filename: str
    size: int | None
    fetch: Callable[[], Awaitable[bytes]]  # downloads the file; called only after the size check
    mime_type: str | None = None


@dataclass
class SearchJobs(Command):
    text: str


@dataclass
class WriteLetter(Command):
    reference: str  # "N" (from /apply N) or "MATCH_ID:N" (from a button)


@dataclass
class ShowProfile(Command):
    pass


@dataclass
class ShowStatus(Command):
    pass


@dataclass
class ShowHelp(Command):
    pass


@dataclass
class Forget(Command):
    pass


@dataclass
class ConfirmForget(Command):
    pass


@dataclass
class CancelForget(Command):
    pass


@dataclass
class UnknownCommand(Command):
    text: str
