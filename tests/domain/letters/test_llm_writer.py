"""The OpenAI-compatible writer against a loopback stand-in of the chat-completions API."""
from __future__ import annotations

import json
import logging
import time

import pytest

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
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
    assert doc.cover_letter.startswith("Dear Initech team,") and "five years" in doc.cover_letter
    assert doc.cv_summary.startswith("Backend developer")
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "test-model"
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user"]
    assert "Never claim a skill" in body["messages"][0]["content"]
    facts = json.loads(body["messages"][1]["content"])
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
    assert "Kubernetes" not in doc.cover_letter and "Initech" in doc.cover_letter
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
        assert writer.write(PROFILE, JOB).cover_letter.startswith("Dear Initech team,")
        assert server.requests[0]["body"]["model"] == "m"
