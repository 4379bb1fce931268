"""Neutral messages as Telegram HTML chunks (each within 4096 characters) with inline keyboards."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html import escape as _html_escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.ports import Button, JobCard, JobListMessage, Message, OutgoingMessage

logger = logging.getLogger(__name__)
MAX_MESSAGE = 4096  # Telegram's limit; we measure the HTML source, which is never shorter than the shown text
MAX_CALLBACK_DATA = 64  # bytes
BUTTONS_PER_ROW = 3


@dataclass
class Block:
    """Lines that belong together (one job, one paragraph); each line is balanced HTML."""

    lines: list[str]
    buttons: list[list[InlineKeyboardButton]] = field(default_factory=list)  # rows, each cut to BUTTONS_PER_ROW


@dataclass
class Chunk:
    """One Telegram message: HTML text and the keyboard under it."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


def escape(text: str, quote: bool = False) -> str:
    """HTML-escape user text; quotes only need escaping inside attributes."""
    return _html_escape(text, quote=quote)


def size(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def callback_data(button: Button) -> str | None:
    """"action:value", or None when it would not fit Telegram's 64 bytes."""
    data = f"{button.action}:{button.value}"
    if len(data.encode()) > MAX_CALLBACK_DATA:
        logger.warning("button %r dropped: callback data of %d bytes", button.action, len(data.encode()))
        return None
    return data


def parse_callback_data(data: str) -> tuple[str, str]:
    action, _, value = (data or "").partition(":")
    return action, value


def render_message(message: OutgoingMessage, limit: int = MAX_MESSAGE) -> list[Chunk]:
    """Render and split between blocks (never inside a tag); keyboards ride on the chunk their block is in."""
    blocks = _job_blocks(message) if isinstance(message, JobListMessage) else _message_blocks(message)
    return pack(blocks, limit)


def pack(blocks: list[Block], limit: int = MAX_MESSAGE) -> list[Chunk]:
    chunks: list[tuple[list[str], list[list[InlineKeyboardButton]]]] = []
    for block in blocks:
        for index, line in enumerate(_fit_lines(block.lines, limit)):
            separator = "\n\n" if index == 0 else "\n"
            current = chunks[-1][0] if chunks else None
            if current is not None and size("".join(current) + separator + line) <= limit:
                current.append(separator + line)
            else:
                chunks.append(([line], []))
            if index == 0:
                chunks[-1][1].extend(block.buttons)
    return [Chunk("".join(parts), _keyboard(buttons)) for parts, buttons in chunks if "".join(parts).strip()]


def _fit_lines(lines: list[str], limit: int) -> list[str]:
    """Join a block's lines into as few pieces as fit; every line already fits on its own."""
    pieces: list[str] = []
    for line in lines:
        if pieces and size(pieces[-1] + "\n" + line) <= limit:
            pieces[-1] += "\n" + line
        else:
            pieces.append(line)
    return pieces


def _keyboard(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    rows = [row[i:i + BUTTONS_PER_ROW] for row in rows for i in range(0, len(row), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows) if rows else None


def _rows(buttons: list[Button]) -> list[list[InlineKeyboardButton]]:
    """A message's buttons as keyboard rows: the buttons about one numbered item (a tracked application's
    moves, an alert's Pause and Delete) share a row of their own, so a board reads entry by entry."""
    rows: list[list[InlineKeyboardButton]] = []
    previous = object()
    for button in buttons:
        rendered = _button(button)
        if not rendered:
            continue
        if button.number != previous or not rows:
            rows.append([])
        rows[-1].extend(rendered)
        previous = button.number
    return rows


def _button(button: Button, label: str | None = None) -> list[InlineKeyboardButton]:
    data = callback_data(button)
    return [InlineKeyboardButton(label or button.label, callback_data=data)] if data else []


def plain_lines(text: str, limit: int = MAX_MESSAGE, wrap: tuple[str, str] = ("", "")) -> list[str]:
    """Escape text line by line; a line too long is cut at whitespace (before escaping, so never inside an entity)."""
    room = limit - size(wrap[0] + wrap[1])
    lines: list[str] = []
    for raw in text.split("\n"):
        for piece in _cut(raw, room):
            lines.append(f"{wrap[0]}{piece}{wrap[1]}")
    return lines


def _cut(raw: str, room: int) -> list[str]:
    pieces, current = [], ""
    for word in re.split(r"(?<=\s)", raw):
        while size(escape(word)) > room:  # a single "word" longer than a message: hard cut
            head = _longest_prefix(word, room)
            if current:
                pieces.append(escape(current))
                current = ""
            pieces.append(escape(head))
            word = word[len(head):]
        if size(escape(current + word)) > room:
            pieces.append(escape(current))
            current = ""
        current += word
    pieces.append(escape(current))
    return pieces


def _longest_prefix(word: str, room: int) -> str:
    end = min(len(word), room)
    while end > 1 and size(escape(word[:end])) > room:
        end -= 1
    return word[:end]


def _message_blocks(message: Message) -> list[Block]:
    blocks = []
    if message.title:
        blocks.append(Block(plain_lines(message.title, wrap=("<b>", "</b>"))))
    for paragraph in (message.text or "").split("\n\n"):
        if paragraph.strip():
            blocks.append(Block(plain_lines(paragraph)))
    if message.items:
        blocks.append(Block([line for item in message.items for line in plain_lines(f"• {item}")]))
    if message.footer:
        blocks.append(Block(plain_lines(message.footer, wrap=("<i>", "</i>"))))
    rows = _rows(message.buttons)
    if rows:
        if not blocks:
            blocks.append(Block(["…"]))
        blocks[-1].buttons.extend(rows)
    return blocks


def _job_blocks(message: JobListMessage) -> list[Block]:
    blocks = [Block(plain_lines(message.title, wrap=("<b>", "</b>")))]
    blocks += [_job_block(job) for job in message.jobs]
    if message.notes:
        blocks.append(Block([line for note in message.notes for line in plain_lines(f"ℹ️ {note}")]))
    if message.footer:
        blocks.append(Block(plain_lines(message.footer, wrap=("<i>", "</i>"))))
    footer = [b for button in message.buttons for b in _button(button)]
    if footer:
        blocks[-1].buttons.append(footer)
    return blocks


def _job_block(job: JobCard) -> Block:
    score = f" — <b>{job.score}/100</b>" if job.score is not None else ""
    # The board credit rides on the company line: a line of its own pushed ten jobs over one message.
    where = " · ".join(escape(part) for part in (job.company, job.location, job.source_line) if part)
    lines = [f"<b>{job.number}. {escape(job.title)}</b>{score}", where] if where else [
        f"<b>{job.number}. {escape(job.title)}</b>{score}"]
    if job.salary:
        lines += plain_lines(f"💰 {job.salary}")
    if job.matched_skills:
        lines += plain_lines("✓ " + ", ".join(job.matched_skills))
    if job.missing_skills:
        lines += plain_lines("✗ " + ", ".join(job.missing_skills))
    if job.reason:
        lines += plain_lines(job.reason, wrap=("<i>", "</i>"))
    if job.apply_link.startswith(("https://", "http://")) and size(job.apply_link) < 2000:
        lines.append(f'<a href="{escape(job.apply_link, quote=True)}">{escape(job.apply_label)}</a>')
    buttons = _button(job.button, f"✉ {job.button.label} #{job.number}") if job.button else []
    buttons += [b for action in job.actions for b in _button(action, f"{ACTION_ICONS.get(action.action, '')}{action.label} #{job.number}")]
    return Block([line for line in lines if line], [buttons] if buttons else [])


ACTION_ICONS = {"details": "ℹ️ ", "pass": "👎 "}
