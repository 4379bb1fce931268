"""The OpenAI-compatible writer against a loopback stand-in of the chat-completions API."""
from __future__ import annotations

import json
import logging
import time

import pytest

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_text
from domain.letters.fallback import FallbackLetterWriter, make_letter_writer
from domain.letters.llm import OpenAILetterWriter
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterRejected

from tests.support.fake_llm import FakeChatServer

PROFILE = CandidateProfile(name="Ana Silva", title="Backend Developer", years_experience=5,
                           skills=["Python", "Django", "PostgreSQL"])
JOB = JobPosting(job_id="j9", title="Python Developer", company_name="Initech",
                 description="You build APIs with Python, Django and Kubernetes.")
GOOD = json.dumps({
    "cover_letter": "Dear Initech team,\n\nI am applying for the Python Developer role. I have five years of "
                    "Django and PostgreSQL work behind me.\n\nKind regards,\nAna Silva",
    "cv_summary": "Backend developer with Python, Django and PostgreSQL.",
})
INVENTING = json.dumps({
    "cover_letter": "Dear Initech team,\n\nI am an expert in Python, Django and Kubernetes, and I run "
                    "clusters daily.\n\nKind regards,\nAna Silva",
    "cv_summary": "Kubernetes expert.",
})


def _writer(server: FakeChatServer, **kw) -> OpenAILetterWriter:
    return OpenAILetterWriter(server.base_url, "test-key", "test-model", **{"max_retries": 0, **kw})


def _with_fallback(server: FakeChatServer, **kw) -> FallbackLetterWriter:
    return FallbackLetterWriter(_writer(server, **kw), TemplateLetterWriter())


def test_success_returns_the_model_letter_and_sends_model_and_messages():
    with FakeChatServer(GOOD) as server:
        doc = _with_fallback(server).write(PROFILE, JOB)
    # The body is the model's; sender, date, subject, salutation and closing are the frame's, once each.
    assert doc.parts.paragraphs == ("I am applying for the Python Developer role. I have five years of "
                                    "Django and PostgreSQL work behind me.",)
    assert doc.parts.salutation == "Dear Hiring Team," and "Dear Initech team" not in doc.cover_letter
    assert doc.cover_letter.count("Kind regards,") == 1 and doc.language == "en"
    assert doc.cv_summary.startswith("Backend developer")
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "test-model"
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user"]
    assert "Never claim a skill" in body["messages"][0]["content"]
    facts = json.loads(body["messages"][1]["content"])
    assert "Write only the body" in body["messages"][0]["content"] and facts["write_in"] == "English"
    assert {"kind": "current_role", "cv_line": "Backend Developer"} in [
        {k: f[k] for k in ("kind", "cv_line")} for f in facts["evidence"]]
    assert facts["candidate"]["skills"] == ["Python", "Django", "PostgreSQL"]
    assert facts["job"]["company"] == "Initech" and "Kubernetes" in facts["skills_the_candidate_lacks_never_claim_or_name_them"]
    assert server.headers[0]["authorization"] == "Bearer test-key"


def test_a_code_fenced_json_reply_is_accepted():
    with FakeChatServer(f"```json\n{GOOD}\n```") as server:
        assert "Initech" in _writer(server).write(PROFILE, JOB).cover_letter


def test_server_error_falls_back_to_the_template(caplog):
    with FakeChatServer(status=500) as server, caplog.at_level(logging.WARNING):
        doc = _with_fallback(server).write(PROFILE, JOB)
    assert doc == TemplateLetterWriter().write(PROFILE, JOB)
    assert "InternalServerError" in caplog.text and "using TemplateLetterWriter" in caplog.text


def test_timeout_falls_back_to_the_template_quickly(caplog):
    with FakeChatServer(GOOD, delay=2.0) as server, caplog.at_level(logging.WARNING):
        started = time.monotonic()
        doc = _with_fallback(server, timeout=0.3).write(PROFILE, JOB)
        elapsed = time.monotonic() - started
    assert doc == TemplateLetterWriter().write(PROFILE, JOB)
    assert elapsed < 1.5 and "Timeout" in caplog.text


def test_output_inventing_a_skill_is_rejected_and_falls_back(caplog):
    with FakeChatServer(INVENTING) as server:
        with pytest.raises(LetterRejected, match="Kubernetes"):
            _writer(server).write(PROFILE, JOB)
        with caplog.at_level(logging.WARNING):
            doc = _with_fallback(server).write(PROFILE, JOB)
    # The template letter may name the missing skill as the job's ("calls for Kubernetes"), never as hers.
    assert "Initech" in doc.cover_letter and "clusters" not in doc.cover_letter
    assert check_text(doc.cover_letter, PROFILE, JOB).ok
    assert "skill 'Kubernetes'" in caplog.text and '"reason": "unsupported_claims"' in caplog.text


@pytest.mark.parametrize("reply", ["Sure! Here is your letter: Dear team...", json.dumps({"letter": "x"}), ""])
def test_unparseable_or_empty_output_falls_back(reply):
    with FakeChatServer(reply) as server:
        doc = _with_fallback(server).write(PROFILE, JOB)
    assert doc == TemplateLetterWriter().write(PROFILE, JOB)


def test_make_letter_writer_picks_template_without_llm_settings_and_llm_with_them():
    assert isinstance(make_letter_writer(llm_base_url=None, llm_api_key=None, llm_model=None), TemplateLetterWriter)
    assert isinstance(make_letter_writer(llm_base_url="http://x", llm_api_key="k", llm_model=None), TemplateLetterWriter)
    with FakeChatServer(GOOD) as server:
        writer = make_letter_writer(llm_base_url=server.base_url, llm_api_key="k", llm_model="m")
        assert isinstance(writer, FallbackLetterWriter)
        assert "five years of Django" in writer.write(PROFILE, JOB).cover_letter
        assert server.requests[0]["body"]["model"] == "m"


GERMAN_JOB = JobPosting(job_id="j10", title="Python-Entwickler (m/w/d)", company_name="Initech GmbH", location="Berlin",
                        description="Du entwickelst APIs mit Python und Django in einem kleinen Team in Berlin.")
GERMAN_BODY = ["ich bewerbe mich um die Stelle als Python-Entwickler, weil ich seit Jahren mit Python und Django "
               "arbeite und genau diese Aufgaben in einem kleinen Team liebe.",
               "Über ein persönliches Gespräch würde ich mich sehr freuen."]


def test_the_model_body_gets_the_frame_of_the_letters_language():
    # Asked for "paragraphs" as the prompt says; the model still added a salutation and a closing.
    reply = json.dumps({"paragraphs": ["Sehr geehrte Damen und Herren,", *GERMAN_BODY,
                                       "Mit freundlichen Grüßen\nAna Silva"], "cv_summary": "Backend-Entwicklerin."})
    with FakeChatServer(reply) as server:
        doc = _writer(server).write(PROFILE, GERMAN_JOB)
    assert doc.language == "de" and doc.parts.paragraphs == tuple(GERMAN_BODY)
    assert doc.cover_letter.count("Sehr geehrte Damen und Herren,") == 1
    assert doc.cover_letter.count("Mit freundlichen Grüßen") == 1 and doc.parts.subject == "Bewerbung als Python-Entwickler (m/w/d)"
    facts = json.loads(server.requests[0]["body"]["messages"][1]["content"])
    assert facts["write_in"] == "German"


def test_a_language_override_reaches_the_prompt_and_the_language_check():
    reply = json.dumps({"paragraphs": GERMAN_BODY, "cv_summary": ""})
    with FakeChatServer(reply) as server:
        with pytest.raises(LetterRejected, match="the posting in 'fr'"):
            _writer(server).write(PROFILE, GERMAN_JOB, language="fr")
    assert json.loads(server.requests[0]["body"]["messages"][1]["content"])["write_in"] == "French"


def test_a_reply_that_is_only_formulas_is_rejected():
    with FakeChatServer(json.dumps({"paragraphs": ["Dear Hiring Team,", "Kind regards,\nAna Silva"]})) as server:
        with pytest.raises(LetterRejected, match="no body"):
            _writer(server).write(PROFILE, JOB)


@pytest.mark.parametrize("paragraphs, reason", [
    (["Python and Django are what I work with every day in my team."] * 40, "too_long"),
    (["My portfolio: " + "A" * 5000], "too_long"),
    (["I am applying for the Python Developer role at Initech and I look forward to it very much indeed.",
      "Ich arbeite seit vielen Jahren mit Python und Django in einem kleinen Team und freue mich auf Ihre Antwort."],
     "wrong_language"),
])
def test_a_runaway_or_mixed_language_answer_falls_back_with_its_reason(caplog, paragraphs, reason):
    with FakeChatServer(json.dumps({"paragraphs": paragraphs})) as server, caplog.at_level(logging.WARNING):
        doc = _with_fallback(server).write(PROFILE, JOB)
    assert doc == TemplateLetterWriter().write(PROFILE, JOB) and f'"reason": "{reason}"' in caplog.text


def test_characters_no_document_can_hold_are_dropped_from_the_answer():
    body = "I am applying for the Python Developer role.\u000b I have five years of Django work\ud83d behind me."
    with FakeChatServer(json.dumps({"paragraphs": [body]})) as server:
        doc = _writer(server).write(PROFILE, JOB)
    assert doc.parts.paragraphs == ("I am applying for the Python Developer role. I have five years of Django work behind me.",)


def test_the_tasks_own_time_limit_is_not_taken_for_a_model_failure():
    class SoftTimeLimitExceeded(Exception):  # Celery's, matched by name
        pass

    class Slow:
        def write(self, *args, **kwargs):
            raise SoftTimeLimitExceeded()

    with pytest.raises(SoftTimeLimitExceeded):
        FallbackLetterWriter(Slow(), TemplateLetterWriter()).write(PROFILE, JOB)
