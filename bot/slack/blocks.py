"""Neutral messages as Block Kit, within Slack's limits, with a plain-text fallback for notifications.

Limits (docs.slack.dev/reference/block-kit): 50 blocks a message, 3000 characters per section text,
150 per header, 75 per button label, 2000 per button value.
"""
from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

from bot.core.ports import Button, JobCard, JobListMessage, Message, OutgoingMessage

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000
DANGER_ACTIONS = {"forget_confirm", "alert_delete"}
ACTION_SUFFIX = "#"  # "stage#2": the second button of one action in a block
MAX_ACTIONS = 25  # elements in one actions block


def escape(text: str) -> str:
    """Slack's three control characters; everything else in mrkdwn is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(message: OutgoingMessage) -> dict:
    """Keyword arguments for chat.postMessage / chat.update / chat.postEphemeral: blocks and text."""
    message = with_slack_commands(message)
    blocks = _job_list_blocks(message) if isinstance(message, JobListMessage) else _message_blocks(message)
    return {"blocks": blocks[:MAX_BLOCKS], "text": fallback_text(message)}


# Slack slash commands are global to a workspace, so ours carry a "job" prefix (slack-manifest.yaml);
# the core names the short forms every other platform has.
SLACK_COMMANDS = {"profile": "jobprofile", "status": "jobstatus", "help": "jobhelp", "start": "jobhelp",
                  "forget": "jobforget", "prefs": "jobprefs", "language": "joblanguage", "search": "jobsearch",
                  "letter": "apply", "alert": "jobalert", "alerts": "jobalerts", "tracker": "jobtracker"}
_COMMAND = re.compile(r"(?<![\w/])/(" + "|".join(SLACK_COMMANDS) + r")\b")


def slack_commands(text: str) -> str:
    """"/prefs reset" → "/jobprefs reset": the core's command names as this app's Slack commands."""
    return _COMMAND.sub(lambda match: "/" + SLACK_COMMANDS[match.group(1)], text) if "/" in text else text


def with_slack_commands(message: OutgoingMessage) -> OutgoingMessage:
    """The message with every command it names spelled as on Slack (text, items, notes, footer)."""
    if isinstance(message, JobListMessage):
        return dataclasses.replace(message, notes=[slack_commands(note) for note in message.notes],
                                   footer=slack_commands(message.footer) if message.footer else message.footer)
    return dataclasses.replace(message, text=slack_commands(message.text), items=[slack_commands(i) for i in message.items],
                               footer=slack_commands(message.footer) if message.footer else message.footer)


def fallback_text(message: OutgoingMessage) -> str:
    """What notifications and screen readers show; Slack wants it even when blocks are present."""
    parts = [message.title] if message.title else []
    if isinstance(message, Message):
        parts += [message.text] if message.text else []
        parts += [f"• {item}" for item in message.items]
    else:
        parts += [f"{job.number}. {job.title} — {job.company}" for job in message.jobs]
    return clip(escape("\n".join(parts)) or " ", MAX_FALLBACK_TEXT)


def _message_blocks(message: Message) -> list[dict]:
    blocks = [_header(message.title)] if message.title else []
    if message.text:
        blocks += [_section(chunk) for chunk in _chunks(escape(message.text))]
    if message.items:
        blocks += [_section(chunk) for chunk in _chunks("\n".join(f"• {escape(item)}" for item in message.items))]
    footer = [_context(message.footer)] if message.footer else []
    if message.buttons:
        actions = _button_blocks(message.buttons, room=MAX_BLOCKS - len(footer) - len(blocks))
        blocks = blocks[: MAX_BLOCKS - len(footer) - len(actions)] + actions
    return blocks[: MAX_BLOCKS - len(footer)] + footer


def _button_blocks(buttons: list[Button], *, room: int) -> list[dict]:
    """A message's buttons as actions blocks: one per numbered item (a tracked application's moves, an
    alert's Pause and Delete) when ``room`` blocks are left for them, so a board reads entry by entry;
    else as few blocks as hold them, 25 elements each (Slack's limit for one block). No button is lost
    either way: a board of 25 entries has up to 50 buttons."""
    groups: list[list[Button]] = []
    for button in buttons:
        if groups and groups[-1][-1].number == button.number:
            groups[-1].append(button)
        else:
            groups.append([button])
    if len(groups) > max(room, 1):
        packed: list[list[Button]] = [[]]
        for group in groups:
            if len(packed[-1]) + len(group) > MAX_ACTIONS:
                packed.append([])
            packed[-1].extend(group)
        groups = packed
    return [_actions(group) for group in groups]


def _job_list_blocks(message: JobListMessage) -> list[dict]:
    footer = [_context(message.footer)] if message.footer else []
    footer = ([_context("\n".join(f"ℹ️ {note}" for note in message.notes))] if message.notes else []) + footer
    footer += [_actions(message.buttons)] if message.buttons else []  # More and 🔔: one block
    blocks = [_header(message.title)]
    for job in message.jobs:
        job_blocks = [{"type": "divider"}, _section(_job_text(job))]
        if job.button is not None:
            job_blocks[1]["accessory"] = _button(job.button)
        if job.actions:
            job_blocks.append(_actions(job.actions))
        if len(blocks) + len(job_blocks) + len(footer) > MAX_BLOCKS:
            break
        blocks += job_blocks
    return blocks + footer


def _job_text(job: JobCard) -> str:
    title = escape(job.title)
    if _is_web_link(job.apply_link):
        title = f"<{job.apply_link}|{title.replace('|', '¦')}>"
    score = f" — *{job.score}/100*" if job.score is not None else ""
    lines = [f"*{job.number}. {title}*", f"{escape(job.company)} · {escape(job.location)}{score}"]
    if job.salary:
        lines.append(f"{escape(job.salary_label)}: {escape(job.salary)}")
    if job.matched_skills:
        lines.append("✓ " + escape(", ".join(job.matched_skills)))
    if job.missing_skills:
        lines.append("✗ " + escape(", ".join(job.missing_skills)))
    if job.reason:
        lines.append(f"_{escape(job.reason)}_")
    if job.source_line:
        lines.append(escape(job.source_line))
    return clip("\n".join(lines), MAX_SECTION_TEXT)


def _is_web_link(url: str) -> bool:
    # Only http(s), and nothing that would end Slack's <url|text> syntax early.
    return urlsplit(url).scheme in ("http", "https") and not any(c in url for c in "<>| \n")


def _header(title: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(title, MAX_HEADER_TEXT), "emoji": True}}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(escape(text), MAX_SECTION_TEXT)}]}


def _actions(buttons: list[Button]) -> dict:
    """An actions block (at most 25 elements). Slack refuses a block whose action_ids repeat
    (``invalid_blocks``), and a tracker board or a "why not?" question holds several buttons of one
    action: the second and later get ``action#2``, ``action#3`` … (``action_of`` reads them back)."""
    elements, seen = [], {}
    for button in buttons[:MAX_ACTIONS]:
        seen[button.action] = seen.get(button.action, 0) + 1
        elements.append(_button(button, seen[button.action]))
    return {"type": "actions", "elements": elements}


def action_of(action_id: str) -> str:
    """The core's action of a clicked button's ``action_id`` ("stage#3" → "stage")."""
    return action_id.split(ACTION_SUFFIX, 1)[0]


def _button(button: Button, occurrence: int = 1) -> dict:
    action_id = button.action if occurrence == 1 else f"{button.action}{ACTION_SUFFIX}{occurrence}"
    element = {"type": "button", "action_id": action_id, "value": button.value[:MAX_BUTTON_VALUE] or button.action,
               "text": {"type": "plain_text", "text": clip(button.label, MAX_BUTTON_LABEL), "emoji": True}}
    if button.action in DANGER_ACTIONS:
        element["style"] = "danger"
    return element


def _chunks(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split at line breaks where possible so no section passes Slack's per-text limit."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        chunks.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return chunks + ([text] if text else [])
