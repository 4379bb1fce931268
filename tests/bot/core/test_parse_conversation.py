"""Plain words, buttons and the new slash commands to core commands (no platform, no database)."""
from __future__ import annotations

import pytest

from bot.core import commands as c
from bot.core.intents.types import Intent
from bot.core.parse import command_for_button, command_for_intent, parse_text
from bot.core.ports import OriginRef, UserRef
from domain.jobs.preferences import Refinement

ME, HERE = UserRef("local", "u1"), OriginRef("local", "c1")


def test_words_that_are_not_a_command_go_to_the_core_whole():
    command = parse_text(ME, HERE, "  hello, can you find me marketing jobs in London?  ")
    assert isinstance(command, c.PlainWords)
    assert command.text == "hello, can you find me marketing jobs in London?"


def test_an_unknown_slash_command_stays_one():
    assert isinstance(parse_text(ME, HERE, "/frobnicate now"), c.UnknownCommand)


@pytest.mark.parametrize("text, kind, fields", [
    ("/prefs", c.ShowPrefs, {}),
    ("/jobprefs", c.ShowPrefs, {}),
    ("/prefs reset", c.ResetPrefs, {}),
    ("/jobprefs RESET", c.ResetPrefs, {}),
    ("/prefs zurücksetzen", c.ResetPrefs, {}),
    ("/language", c.SetLanguage, {"language": None}),
    ("/joblanguage de", c.SetLanguage, {"language": "de"}),
    ("/language Français", c.SetLanguage, {"language": "Français"}),
    ("/more", c.ShowMore, {"reference": ""}),
    ("/details 3", c.ShowDetails, {"reference": "3"}),
    ("/details", c.ShowDetails, {"reference": "1"}),
    ("/pass 4 agency", c.NotForMe, {"reference": "4", "reason": "agency"}),
    ("/pass 4", c.NotForMe, {"reference": "4", "reason": None}),
    ("/notforme 2 too_senior", c.NotForMe, {"reference": "2", "reason": "too_senior"}),
    ("/pass 2 nonsense", c.NotForMe, {"reference": "2", "reason": None}),  # asked again with buttons
])
def test_new_slash_commands(text, kind, fields):
    command = parse_text(ME, HERE, text)
    assert type(command) is kind
    assert {name: getattr(command, name) for name in fields} == fields


@pytest.mark.parametrize("action, value, kind, fields", [
    ("more", "R1:10", c.ShowMore, {"reference": "R1:10"}),
    ("details", "R1:3", c.ShowDetails, {"reference": "R1:3"}),
    ("pass", "R1:3", c.NotForMe, {"reference": "R1:3", "reason": None}),
    ("pass", "R1:3:agency", c.NotForMe, {"reference": "R1:3", "reason": "agency"}),
    ("pass", "R1:3:wrong_place", c.NotForMe, {"reference": "R1:3", "reason": "wrong_place"}),
    ("pass", "R1:3:bogus", c.NotForMe, {"reference": "R1:3", "reason": None}),
    ("language", "fr", c.SetLanguage, {"language": "fr"}),
    ("letter", "R1:2", c.WriteLetter, {"reference": "R1:2"}),
])
def test_buttons(action, value, kind, fields):
    command = command_for_button(ME, HERE, action, value)
    assert type(command) is kind
    assert {name: getattr(command, name) for name in fields} == fields


REMOTE = Refinement(remote_only=True)


@pytest.mark.parametrize("intent, kind, fields", [
    (Intent("search", query="marketing", location="London"), c.SearchJobs, {"text": "marketing in London"}),
    (Intent("search", query="python", refinement=REMOTE), c.SearchJobs, {"text": "python", "refinement": REMOTE}),
    (Intent("search", location="Köln"), c.SearchJobs, {"text": "in Köln"}),  # the core takes the CV's role
    (Intent("more"), c.ShowMore, {"reference": ""}),
    (Intent("details", job=2), c.ShowDetails, {"reference": "2"}),
    (Intent("letter", job=3, language="de"), c.WriteLetter, {"reference": "3", "language": "de"}),
    (Intent("letter"), c.WriteLetter, {"reference": "1", "language": None}),
    (Intent("refine", refinement=REMOTE), c.Refine, {"refinement": REMOTE}),
    (Intent("refine"), c.Unclear, {}),  # a refinement the parser could not fill is not a change
    (Intent("not_for_me", job=3, reason="agency"), c.NotForMe, {"reference": "3", "reason": "agency"}),
    (Intent("not_for_me"), c.NotForMe, {"reference": "", "reason": None}),  # the core asks which job
    (Intent("greeting"), c.SmallTalk, {"kind": "greeting"}),
    (Intent("privacy"), c.SmallTalk, {"kind": "privacy"}),
    (Intent("language", language="es"), c.SetLanguage, {"language": "es"}),
    (Intent("prefs_reset"), c.ResetPrefs, {}),
    (Intent("forget"), c.Forget, {}),
    (Intent("unclear", suggestion="/jobsearch nurse"), c.Unclear, {"suggestion": "/jobsearch nurse"}),
])
def test_what_words_meant_becomes_the_command_that_does_it(intent, kind, fields):
    command = command_for_intent(intent, ME, HERE)
    assert type(command) is kind
    assert {name: getattr(command, name) for name in fields} == fields


@pytest.mark.parametrize("text, kind", [
    ("<@UBOT> jobsearch python in Berlin", c.SearchJobs),
    ("<@UBOT> /apply 2", c.WriteLetter),
    ("<@UBOT> prefs reset", c.ResetPrefs),
    ("<@UBOT>", c.ShowHelp),
    ("<@UBOT> any remote python work?", c.PlainWords),
    ("je cherche un poste de comptable à Lyon", c.PlainWords),  # a DM needs no mention
    ("help me find marketing jobs", c.PlainWords),  # "help" starts it, but the words are a request
])
def test_a_slack_mention_or_dm_is_a_command_when_it_starts_with_one_else_plain_words(text, kind):
    from bot.slack.translate import mention_command  # noqa: PLC0415

    event = {"user": "U1", "channel": "D1", "ts": "1.1", "text": text}
    assert type(mention_command({"team_id": "T1"}, event)) is kind
