"""Alerts and the tracker on Telegram: their buttons, which name a tracked application or an alert by its
full id, fit Telegram's 64-byte callback data and come back as the action and value they were."""
from __future__ import annotations

import uuid

from bot.core.ports import Button, JobCard, JobListMessage, Message
from bot.telegram.render import MAX_CALLBACK_DATA, parse_callback_data, render_message

STAGES = ("saved", "applied", "interview", "offer", "rejected", "withdrawn")


def keyboard_data(message) -> list[str]:
    return [button.callback_data for chunk in render_message(message) if chunk.keyboard
            for row in chunk.keyboard.inline_keyboard for button in row]


def test_stage_and_alert_buttons_with_full_ids_fit_telegrams_callback_data_and_read_back():
    tracked, alert = str(uuid.uuid4()), str(uuid.uuid4())
    buttons = [Button(stage.title(), "stage", f"{tracked}:{stage}", number=1) for stage in STAGES]
    buttons += [Button(label, action, alert, number=1)
                for label, action in (("Pause", "alert_pause"), ("Resume", "alert_resume"), ("Delete", "alert_delete"))]
    data = keyboard_data(Message(title="Your applications", text="1. Data analyst — Acme", buttons=buttons))
    assert len(data) == len(buttons)  # none dropped for being too long
    assert max(len(d.encode()) for d in data) <= MAX_CALLBACK_DATA
    assert [parse_callback_data(d) for d in data] == [(b.action, b.value) for b in buttons]


def test_the_alert_me_button_under_a_job_list_keeps_its_search_id():
    search = str(uuid.uuid4())
    job = JobCard(1, "Data analyst", "Acme", "Hamburg", 80, [], [], "", None, "https://example.com/1")
    listing = JobListMessage("🔔 1 new job for your alert: data in Hamburg", [job],
                             buttons=[Button("🔔 Alert me", "alert", search)])
    assert keyboard_data(listing) == [f"alert:{search}"]

