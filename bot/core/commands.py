"""Platform-neutral commands: every adapter turns its events into one of these."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.ports import OriginRef, UserRef


@dataclass
class Command:
    user: UserRef
    origin: OriginRef


@dataclass(frozen=True)
class CvFile:
    """One file of a CV as the platform describes it before any download."""

    filename: str  # for display only
    size: int | None  # bytes, when the platform says
    fetch: Callable[[], Awaitable[bytes]]  # downloads the file; called only after the size check
    mime_type: str | None = None


@dataclass
class BuildProfile(Command):
    """A CV of one or more files sent together (a Telegram album, one Slack message with several
    files): the first file's fields, then ``more_files`` in the order the person sent them."""

    filename: str
    size: int | None
    fetch: Callable[[], Awaitable[bytes]]  # downloads the file; called only after the size check
    mime_type: str | None = None
    more_files: list[CvFile] = field(default_factory=list)

    @property
    def files(self) -> list[CvFile]:
        return [CvFile(self.filename, self.size, self.fetch, self.mime_type), *self.more_files]


@dataclass
class SearchJobs(Command):
    text: str


@dataclass
class WriteLetter(Command):
    reference: str  # "N" (from /apply N) or "MATCH_ID:N" (from a button)
    language: str | None = None  # as typed ("/apply 2 de"), checked by the core; None: the posting's


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
