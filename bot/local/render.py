"""Neutral messages as plain terminal text; buttons become the commands that do the same."""
from __future__ import annotations

from bot.core.ports import Button, JobListMessage, OutgoingMessage

_BUTTON_COMMANDS = {"forget_confirm": "/forget yes", "forget_cancel": "/forget no"}


def button_hint(button: Button) -> str:
    if button.action == "letter":
        return f"/apply {button.value.rpartition(':')[2]}"
    return _BUTTON_COMMANDS.get(button.action, button.label)


def render_text(message: OutgoingMessage) -> str:
    if isinstance(message, JobListMessage):
        return _render_jobs(message)
    lines = [f"【{message.title}】"] if message.title else []
    if message.text:
        lines.append(message.text)
    lines += [f"  • {item}" for item in message.items]
    if message.buttons:
        lines.append("  → " + "   ".join(f"[{b.label}: {button_hint(b)}]" for b in message.buttons))
    if message.footer:
        lines.append(message.footer)
    return "\n".join(lines)


def _render_jobs(message: JobListMessage) -> str:
    lines = [f"【{message.title}】"]
    for job in message.jobs:
        score = f" — {job.score}/100" if job.score is not None else ""
        lines.append(f"{job.number}. {job.title} · {job.company} · {job.location}{score}")
        if job.salary:
            lines.append(f"   Salary: {job.salary}")
        if job.matched_skills:
            lines.append("   ✓ " + ", ".join(job.matched_skills))
        if job.missing_skills:
            lines.append("   ✗ " + ", ".join(job.missing_skills))
        if job.reason:
            lines.append(f"   {job.reason}")
        if job.source_line:
            lines.append(f"   {job.source_line}")
        if job.apply_link:
            lines.append(f"   Apply: {job.apply_link}")
    lines += [f"ℹ {note}" for note in message.notes]
    if message.footer:
        lines.append(message.footer)
    return "\n".join(lines)
