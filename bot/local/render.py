"""Neutral messages as plain terminal text; buttons become the commands that do the same."""
from __future__ import annotations

from bot.core.ports import Button, JobListMessage, OutgoingMessage

_BUTTON_COMMANDS = {"forget_confirm": "/forget yes", "forget_cancel": "/forget no", "more": "/more"}
_NUMBERED = {"letter": "/apply", "details": "/details", "pass": "/pass"}
# Alert buttons carry the alert's id, which nobody types: the hint names the alert by its number in /alerts.
_ALERT_ACTIONS = {"alert_pause": "pause", "alert_resume": "resume", "alert_delete": "delete"}


def button_hint(button: Button) -> str:
    """The command a terminal user types for what the button does ("/apply 2", "/pass 2 agency")."""
    if button.action in _NUMBERED:
        parts = button.value.split(":")  # RANKING_ID:JOB, or RANKING_ID:JOB:REASON for a pass's reason
        number = str(button.number) if button.number is not None else (parts[1] if len(parts) > 1 else "")
        return " ".join(part for part in (_NUMBERED[button.action], number, *parts[2:]) if part)
    if button.action == "language":
        return f"/language {button.value}"
    if button.action == "alert":  # an alert for the search the list came from: the last one, typed
        return "/alert"
    if button.action in _ALERT_ACTIONS:
        return f"/alerts {_ALERT_ACTIONS[button.action]} {button.number}" if button.number is not None else "/alerts"
    if button.action == "stage":  # "TRACKED_ID:STAGE" → "/tracker 2 applied"
        stage = button.value.rpartition(":")[2]
        return f"/tracker {button.number} {stage}" if button.number is not None else "/tracker"
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
            lines.append(f"   {job.salary_label}: {job.salary}")
        if job.matched_skills:
            lines.append("   ✓ " + ", ".join(job.matched_skills))
        if job.missing_skills:
            lines.append("   ✗ " + ", ".join(job.missing_skills))
        if job.reason:
            lines.append(f"   {job.reason}")
        if job.source_line:
            lines.append(f"   {job.source_line}")
        if job.apply_link:
            lines.append(f"   {job.apply_label}: {job.apply_link}")
        hints = [button for button in ([job.button] if job.button else []) + job.actions]
        if hints:
            lines.append("   → " + "   ".join(f"[{b.label}: {button_hint(b)}]" for b in hints))
    lines += [f"ℹ {note}" for note in message.notes]
    if message.buttons:
        lines.append("→ " + "   ".join(f"[{b.label}: {button_hint(b)}]" for b in message.buttons))
    if message.footer:
        lines.append(message.footer)
    return "\n".join(lines)
