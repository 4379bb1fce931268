"""/alert, /alerts and /tracker as typed (and their Slack names), their buttons, and plain words about them,
read into core commands."""
from __future__ import annotations

import pytest

from bot.core import commands as c
from bot.core.intents import understand
from bot.core.parse import (
    COMMAND_NAMES,
    command_for_button,
    command_for_intent,
    parse_text,
    takes_words,
)
from bot.core.ports import OriginRef, UserRef

ME = UserRef(platform="local", external_user_id="u1")
HERE = OriginRef(platform="local", chat_id="c1")


def parsed(text: str) -> c.Command:
    return parse_text(ME, HERE, text)


def fields(command: c.Command) -> dict:
    return {name: value for name, value in vars(command).items() if name not in ("user", "origin")}


@pytest.mark.parametrize("name", ["alert", "jobalert", "alerts", "jobalerts", "tracker", "jobtracker"])
def test_the_commands_and_their_slack_names_are_routed_and_read_words(name):
    assert name in COMMAND_NAMES and takes_words(name)


@pytest.mark.parametrize("text, kind, expected", [
    ("/alert python developer in Berlin", c.CreateAlert, {"text": "python developer in Berlin", "frequency": None}),
    ("/jobalert nurse in Hamburg weekly", c.CreateAlert, {"text": "nurse in Hamburg", "frequency": "weekly"}),
    ("/alert täglich", c.CreateAlert, {"text": "", "frequency": "daily"}),
    ("/alert", c.CreateAlert, {"text": "", "frequency": None}),
    ("/alerts", c.ShowAlerts, {}),
    ("/jobalerts pause 2", c.ChangeAlert, {"action": "pause", "reference": "2"}),
    ("/alerts resume #1", c.ChangeAlert, {"action": "resume", "reference": "#1"}),
    ("/alerts delete 3", c.ChangeAlert, {"action": "delete", "reference": "3"}),
    ("/alerts time 1 07:30", c.ChangeAlert, {"action": "time", "reference": "1", "value": "07:30"}),
    ("/alerts time 1 7:30 weekly Montag", c.ChangeAlert,
     {"action": "time", "reference": "1", "value": "7:30", "frequency": "weekly", "weekday": 0}),
    ("/alerts zone Europe/Berlin", c.ChangeAlert, {"action": "zone", "value": "Europe/Berlin"}),
    ("/alerts quiet 22:00-07:00", c.ChangeAlert, {"action": "quiet", "value": "22:00-07:00"}),
    ("/alerts quiet off", c.ChangeAlert, {"action": "quiet", "value": "off"}),
    ("/alerts pause", c.ChangeAlert, {"action": "usage", "value": "pause"}),
    ("/alerts time 1 07:30 sometimes", c.ChangeAlert, {"action": "usage", "value": "time 1 07:30 sometimes"}),
])
def test_alert_commands(text, kind, expected):
    command = parsed(text)
    assert isinstance(command, kind)
    assert {name: value for name, value in fields(command).items() if name in expected} == expected


@pytest.mark.parametrize("text, kind, expected", [
    ("/tracker", c.ShowTracker, {}),
    ("/jobtracker export", c.ExportTracker, {}),
    ("/tracker followup 10", c.SetFollowUp, {"days": "10"}),
    ("/tracker 2 applied", c.MoveTracked, {"reference": "2", "stage": "applied", "when": None}),
    ("/tracker #3 rejected", c.MoveTracked, {"reference": "3", "stage": "rejected", "when": None}),
    ("/tracker 1 interview 2026-12-04 14:00", c.MoveTracked,
     {"reference": "1", "stage": "interview", "when": "2026-12-04 14:00"}),
    ("/tracker 1 note Called  Anna, twice", c.NoteTracked, {"reference": "1", "text": "Called  Anna, twice"}),
    ("/tracker 1 applied yesterday", c.TrackerUsage, {}),  # only an interview takes a date
    ("/tracker 1 dance", c.TrackerUsage, {"text": "1 dance"}),
    ("/tracker export now", c.TrackerUsage, {}),
])
def test_tracker_commands(text, kind, expected):
    command = parsed(text)
    assert isinstance(command, kind)
    assert {name: value for name, value in fields(command).items() if name in expected} == expected


def test_the_buttons_of_alerts_and_the_tracker():
    search, alert, tracked = "3f1c…search", "9a0b…alert", "5e5e5e5e-0000-4000-8000-000000000000"
    assert fields(command_for_button(ME, HERE, "alert", search)) == {
        "text": "", "frequency": None, "search_id": search, "refinement": None}
    for action in ("pause", "resume", "delete"):
        command = command_for_button(ME, HERE, f"alert_{action}", alert)
        assert (type(command), command.action, command.reference) == (c.ChangeAlert, action, alert)
    command = command_for_button(ME, HERE, "stage", f"{tracked}:interview")
    assert fields(command) == {"reference": tracked, "stage": "interview", "when": None}


@pytest.mark.parametrize("text, kind, expected", [
    ("tell me every morning about new data jobs in Hamburg", c.CreateAlert,
     {"text": "data in Hamburg", "frequency": "daily"}),
    ("préviens-moi chaque matin des nouvelles offres data à Hambourg", c.CreateAlert,
     {"text": "data in Hambourg", "frequency": "daily"}),
    ("alert me", c.CreateAlert, {"text": "", "frequency": None}),
    ("mis alertas", c.ShowAlerts, {}),
    ("meine Bewerbungen", c.ShowTracker, {}),
    ("I have an interview for 3 on Friday at 10", c.MoveTracked,
     {"reference": "3", "stage": "interview", "when": "Friday at 10"}),
    ("j'ai postulé au 2", c.MoveTracked, {"reference": "2", "stage": "applied", "when": None}),
])
def test_plain_words_become_the_same_commands(text, kind, expected):
    command = command_for_intent(understand(text), ME, HERE)
    assert isinstance(command, kind)
    assert {name: value for name, value in fields(command).items() if name in expected} == expected
