"""What the conversation core needs from a chat platform, and the neutral messages it sends."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from services.ports import OriginRef, UserRef


@dataclass(frozen=True)
class Button:
    label: str
    # "letter", "details", "pass", "more", "language", "forget_confirm", "forget_cancel"; and for alerts and the
    # tracker: "alert" (value: a search id, the 🔔 under a list), "alert_pause" / "alert_resume" / "alert_delete"
    # (value: an alert id, number: its place in /alerts), "stage" (value "TRACKED_ID:STAGE", number: its
    # place on the board when shown there) — bot.core.parse_follow reads them.
    action: str
    value: str = ""
    number: int | None = None  # the job it is about, as numbered in the chat (a terminal shows "/apply 3")


@dataclass
class Message:
    """A neutral message: a title, paragraphs, bullet items, buttons. Adapters render it."""

    text: str = ""
    title: str | None = None
    items: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    footer: str | None = None
    # Only this user needs to see it (another user's button, personal data in a group chat):
    # platforms that can show a message to one person do so (Slack ephemeral); others send it normally.
    private_to: UserRef | None = None


@dataclass
class JobCard:
    number: int
    title: str
    company: str
    location: str
    score: int | None
    matched_skills: list[str]
    missing_skills: list[str]
    reason: str
    salary: str | None
    apply_link: str
    button: Button | None = None
    # "via Arbeitnow · posted 3 days ago": the board credited next to its posting, as its terms ask.
    source_line: str = ""
    actions: list[Button] = field(default_factory=list)  # beside the letter button: Details, Not for me
    # The words renderers put before the salary and on the apply link, in the reader's language.
    salary_label: str = "Salary"
    apply_label: str = "Apply"


@dataclass
class JobListMessage:
    title: str
    jobs: list[JobCard]
    footer: str | None = None
    notes: list[str] = field(default_factory=list)  # above the jobs: boards missing, sample, place mix
    buttons: list[Button] = field(default_factory=list)  # under the list: More


@dataclass
class Document:
    """A file to send: the name the person receives it under, its bytes, its MIME type."""

    filename: str
    data: bytes
    mime_type: str = "application/pdf"


OutgoingMessage = Message | JobListMessage


class ChatMessenger(Protocol):
    """One per platform; the core never knows which."""

    async def send(self, origin: OriginRef, message: OutgoingMessage) -> str | None:
        """Send into the origin's chat/thread, replying where the platform allows; returns the message id."""

    async def edit(self, origin: OriginRef, message_id: str, message: OutgoingMessage) -> None:
        """Replace the text of a message sent before (progress updates)."""

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        """Send files into the origin's chat/thread together (a Telegram album, one Slack upload), with
        ``caption`` once. All or nothing: raises when they were not delivered, so the caller retries
        the whole group and never sends part of it twice."""


class RecipientGone(Exception):
    """Raised by a messenger when the platform says the recipient cannot be reached any more (a
    Telegram user who blocked the bot, a Slack channel or workspace the app was removed from):
    not worth another try, and their alerts are paused."""

    def __init__(self, platform: str, reason: str):
        super().__init__(f"{platform}: {reason}")
        self.platform = platform
        self.reason = reason
