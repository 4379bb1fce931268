"""Platform-neutral commands: every adapter turns its events into one of these."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.ports import OriginRef, UserRef
from domain.jobs.preferences import Refinement


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
    refinement: Refinement | None = None  # said with the search ("remote python jobs"): stored first


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


@dataclass
class PlainWords(Command):
    """A message that is not a slash command: understood by bot.core.intents."""

    text: str


@dataclass
class ShowMore(Command):
    """The next page of a ranked list: the button's "RANKING_ID:SHOWN", or "" for the latest list."""

    reference: str = ""


@dataclass
class ShowDetails(Command):
    reference: str  # "N" or "RANKING_ID:N", as WriteLetter


@dataclass
class NotForMe(Command):
    """A pass on job N; without a reason the core asks for one with buttons."""

    reference: str
    reason: str | None = None  # "too_senior" | "wrong_place" | "agency" | "not_my_field"


@dataclass
class Refine(Command):
    refinement: Refinement


@dataclass
class ShowPrefs(Command):
    pass


@dataclass
class ResetPrefs(Command):
    pass


@dataclass
class SetLanguage(Command):
    language: str | None = None  # as typed ("de", "Deutsch"); None: show the choice


@dataclass
class SmallTalk(Command):
    """Greetings, thanks, and questions about privacy or what the bot can do."""

    kind: str  # "greeting" | "thanks" | "privacy" | "capabilities"


@dataclass
class Unclear(Command):
    suggestion: str | None = None  # one command built from what was understood
