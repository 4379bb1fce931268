"""The LLM intent parser against a loopback stand-in of an OpenAI-compatible chat API: a valid
answer is used; garbage, server errors, timeouts and answers that break the checks fall back to
the rules."""
from __future__ import annotations

import json
import logging

import pytest

from bot.core.intents import understand
from bot.core.intents.llm import IntentRejected, parse_intent
from bot.core.intents.rules import understand_rules
from bot.core.intents.types import Intent
from config.settings import Settings
from domain.jobs.preferences import Refinement
from tests.support.fake_llm import FakeChatServer

# The rules read this as a search for "was in der Pflege"; a model may know better.
MESSAGE = "irgendwas in der Pflege, am liebsten Bremen, aber nicht über Zeitarbeit"
GOOD = {"kind": "search", "query": "Pflege", "location": "Bremen", "refinement": {"no_agencies": True},
        "written_in": "de"}


def _settings(server: FakeChatServer, **overrides) -> Settings:
    return Settings(_env_file=None, llm_base_url=server.base_url, llm_model="intent-model",
                    llm_api_key="test-key", **overrides)


def test_a_valid_answer_is_used_and_the_request_is_a_chat_completion():
    with FakeChatServer(json.dumps(GOOD)) as server:
        intent = understand(MESSAGE, settings=_settings(server))
    assert intent == Intent("search", query="Pflege", location="Bremen", refinement=Refinement(no_agencies=True),
                            written_in="de")
    assert intent != understand_rules(MESSAGE)
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "intent-model"
    assert [m["role"] for m in request["body"]["messages"]] == ["system", "user"]
    assert json.loads(request["body"]["messages"][1]["content"]) == {"message": MESSAGE}
    assert server.headers[0]["authorization"] == "Bearer test-key"


def test_a_code_fenced_answer_is_accepted():
    with FakeChatServer("```json\n" + json.dumps({"kind": "details", "job": 2}) + "\n```") as server:
        assert understand("the second one", settings=_settings(server)) == Intent("details", job=2)


def test_an_unclear_answer_gets_the_rules_suggestion_never_the_models():
    reply = json.dumps({"kind": "unclear", "suggestion": "/jobsearch irgendwas in der Pflege, am lieb"})
    with FakeChatServer(reply) as server:
        intent = understand("blah blah nurse blah blah", settings=_settings(server))
    assert (intent.kind, intent.suggestion) == ("unclear", "/jobsearch nurse")


@pytest.mark.parametrize("reply", [
    "I think they want nursing jobs in Bremen.",
    "",
    "[]",
    json.dumps({"kind": "order_pizza"}),
    json.dumps({"kind": "search", "query": "Krankenpfleger", "location": "Bremen"}),  # not the person's words
    json.dumps({"kind": "search", "query": "Pflege", "job": 2}),  # job on a search
    json.dumps({"kind": "details", "job": 0}),
    json.dumps({"kind": "details", "job": 51}),
    json.dumps({"kind": "details", "job": "2"}),
    json.dumps({"kind": "details", "job": True}),
    json.dumps({"kind": "details"}),
    json.dumps({"kind": "letter", "job": 1, "language": "ru"}),
    json.dumps({"kind": "language", "language": "it"}),  # letters may be Italian, the chat may not
    json.dumps({"kind": "not_for_me", "job": 1, "reason": "boring"}),
    json.dumps({"kind": "refine", "refinement": {}}),
    json.dumps({"kind": "refine", "refinement": {"remote_only": "yes"}}),
    json.dumps({"kind": "refine", "refinement": {"min_salary": -5}}),
    json.dumps({"kind": "refine", "refinement": {"min_salary": 60000.5}}),
    json.dumps({"kind": "refine", "refinement": {"salary_currency": "euro", "min_salary": 60000}}),
    json.dumps({"kind": "refine", "refinement": {"seniority": "intern"}}),
    json.dumps({"kind": "refine", "refinement": {"seniority_step": 2}}),
    json.dumps({"kind": "refine", "refinement": {"job_types": ["gig"]}}),
    json.dumps({"kind": "refine", "refinement": {"clear": ["password"]}}),
    json.dumps({"kind": "refine", "refinement": {"excluded_companies": ["Initech"]}}),  # not in the message
    json.dumps({"kind": "refine", "refinement": {"excluded_places": [None]}}),
    json.dumps({"kind": "refine", "refinement": {"bonus": True}}),
    json.dumps({"kind": "greeting", "written_in": "klingon"}),
    json.dumps({"kind": "greeting", "mood": "happy"}),
    json.dumps({"kind": "alert"}),  # how often, and which search: the rules read an alert
    json.dumps({"kind": "tracker_move"}),  # which entry, which stage, when: the rules read a move
])
def test_parse_intent_rejects_answers_that_break_the_rules(reply):
    with pytest.raises(IntentRejected):
        parse_intent(reply, MESSAGE)


@pytest.mark.parametrize("reply", ["not json at all", json.dumps({"kind": "details", "job": 99}),
                                   json.dumps({"kind": "search", "query": "Astronaut"})])
def test_an_invalid_answer_falls_back_to_the_rules(reply, caplog):
    with FakeChatServer(reply) as server, caplog.at_level(logging.WARNING):
        intent = understand(MESSAGE, settings=_settings(server))
    assert intent == understand_rules(MESSAGE)
    assert "IntentRejected" in caplog.text


def test_a_server_error_falls_back_to_the_rules(caplog):
    with FakeChatServer(status=500) as server, caplog.at_level(logging.WARNING):
        intent = understand("Jobs als Buchhalter in Köln", settings=_settings(server))
    assert (intent.kind, intent.query, intent.location) == ("search", "Buchhalter", "Köln")
    assert "InternalServerError" in caplog.text


def test_a_timeout_falls_back_to_the_rules(caplog):
    with FakeChatServer(json.dumps(GOOD), delay=2.0) as server, caplog.at_level(logging.WARNING):
        intent = understand("more", settings=_settings(server, llm_timeout_seconds=0.3))
    assert intent.kind == "more"
    assert "Timeout" in caplog.text


def test_no_server_listening_falls_back_to_the_rules():
    settings = Settings(_env_file=None, llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_timeout_seconds=1)
    assert understand("the second one", settings=settings) == understand_rules("the second one")


def test_without_llm_settings_the_model_is_not_asked():
    with FakeChatServer(json.dumps({"kind": "greeting"})) as server:
        intent = understand("more", settings=Settings(_env_file=None, llm_model="m"))
    assert intent.kind == "more" and server.requests == []
