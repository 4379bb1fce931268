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


@dataclass
class CreateAlert(Command):
    """Save a search and push its new jobs: "/alert python in Berlin weekly", plain words, or the 🔔 button.

    ``text``: the search as typed ("python in Berlin"; "" for the person's last search); ``search_id``:
    the list the 🔔 button was under (then ``text`` is unused)."""

    text: str = ""
    frequency: str | None = None  # "daily" | "weekly"; None: the alert's default (daily)
    search_id: str = ""
    refinement: Refinement | None = None  # said with it ("alert me about remote python jobs"): stored first


@dataclass
class ShowAlerts(Command):
    pass


@dataclass
class ChangeAlert(Command):
    """/alerts pause|resume|delete N, /alerts time N 07:30 [daily|weekly], /alerts zone Europe/Berlin,
    /alerts quiet 22:00-07:00|off, or an alert's button (``reference``: the alert's id).

    ``action``: "pause" | "resume" | "delete" | "time" | "zone" | "quiet" | "usage" (words the core
    could not read: it answers with the forms it takes); ``value``: the time, zone or quiet hours as typed."""

    action: str
    reference: str = ""
    value: str = ""
    frequency: str | None = None
    weekday: int | None = None  # weekly: 0 Monday … 6 Sunday, when typed


@dataclass
class ShowTracker(Command):
    pass


@dataclass
class MoveTracked(Command):
    """Entry ``reference`` (its number on the board, or its id from a button) to ``stage``; ``when``:
    an interview's date and time as typed ("2026-12-04 14:00", "Friday at 10"), read by the core."""

    reference: str
    stage: str
    when: str | None = None


@dataclass
class NoteTracked(Command):
    reference: str
    text: str


@dataclass
class SetFollowUp(Command):
    days: str  # as typed; the core checks it


@dataclass
class ExportTracker(Command):
    pass


@dataclass
class TrackerUsage(Command):
    """/tracker with words the core could not read: it answers with the forms /tracker takes."""

    text: str = ""
