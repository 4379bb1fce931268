"""The whole REST pipeline on a real worker: profile → discovery → matching → letter, plus a webhook."""
from __future__ import annotations

import json

import pytest

from delivery.signing import InvalidSignature, verify_signature
from tests.bot.api.conftest import KEY_A
from tests.support.polling import wait_finished
from tests.support.bad_pdfs import make_truncated_pdf
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import wait_for
from tests.support.stack import WEBHOOK_SECRET

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATUS_FIELDS = {"status", "progress", "created_at", "started_at", "completed_at", "failed_at", "error", "error_code"}


def _accepted(response, id_field: str, resource: str) -> str:
    assert response.status_code == 202, response.text
    body = response.json()
    record_id = body[id_field]
    assert body["status"] == "pending"
    assert body["status_url"] == f"/api/v1/{resource}/{record_id}/status"
    assert body["result_url"] == f"/api/v1/{resource}/{record_id}"
    return record_id


def _completed(client, resource: str, record_id: str) -> dict:
    status = wait_finished(client, f"/api/v1/{resource}/{record_id}/status")
    assert STATUS_FIELDS <= status.keys()
    assert status["status"] == "completed", status
    assert status["progress"] == 100 and status["completed_at"] and status["started_at"]
    response = client.get(f"/api/v1/{resource}/{record_id}")
    assert response.status_code == 200, response.text
    return response.json()


def _not_ready_or_done(client, resource: str, record_id: str) -> None:
    response = client.get(f"/api/v1/{resource}/{record_id}")
    assert response.status_code in (200, 202), response.text
    if response.status_code == 202:
        assert response.json()["status"] in ("pending", "processing")


def test_profile_discovery_matching_letter(api_stack, client_a, hook_receiver):
    persona = PERSONAS["python_dev_berlin"]
    files = [("pdf_files", ("../../etc/passwd.pdf", make_cv_pdf(persona), "application/pdf"))]
    response = client_a.post("/api/v1/profiling", files=files, data={"webhook_url": hook_receiver.url + "/hook"})
    profile_id = _accepted(response, "profile_id", "profiling")
    _not_ready_or_done(client_a, "profiling", profile_id)
    result = _completed(client_a, "profiling", profile_id)
    assert result["profile_id"] == profile_id and result["completed_at"]
    profile = result["profile"]
    assert {"name", "email", "phone", "location", "title", "years_experience", "skills", "languages",
            "summary"} <= profile.keys()
    assert profile["name"] == persona["name"] and profile["email"] == persona["email"]
    assert {"python", "kubernetes", "postgresql"} <= {skill.lower() for skill in profile["skills"]}
    assert isinstance(profile["languages"], list) and isinstance(profile["years_experience"], (int, float))
    assert persona["name"] in result["profile_text"]
    _assert_signed_event(hook_receiver, profile_id, api_stack.data_dir)

    search_id = _accepted(client_a.post("/api/v1/discovery", json={
        "query": "python developer", "location": "Berlin", "num_results": 10}), "job_search_id", "discovery")
    jobs = _completed(client_a, "discovery", search_id)["jobs"]
    assert 0 < len(jobs) <= 10
    for job in jobs:
        assert {"job_id", "title", "company_name", "location", "via", "description", "apply_link"} <= job.keys()
        assert job["job_id"] and job["title"] and job["company_name"]
    assert len({job["job_id"] for job in jobs}) == len(jobs)

    match_id = _accepted(client_a.post("/api/v1/matching", json={
        "profile_id": profile_id, "job_search_id": search_id}), "match_id", "matching")
    matches = _completed(client_a, "matching", match_id)["matches"]
    assert len(matches) == len(jobs)
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    for match in matches:
        assert {"job", "score", "matched_skills", "missing_skills", "reason"} <= match.keys()
        assert 0 <= match["score"] <= 100 and match["reason"]
        assert match["job"]["job_id"] in {job["job_id"] for job in jobs}
        # The lists and the score come from the explanation the API returns with them.
        explained = match["explanation"]
        assert (explained["score"], explained["skills"]["matched"], explained["skills"]["missing"]) == (
            match["score"], match["matched_skills"], match["missing_skills"])
    assert matches[0]["matched_skills"]

    best = matches[0]["job"]
    application_id = _accepted(client_a.post("/api/v1/jobs", json={
        "profile_id": profile_id, "job_id": best["job_id"]}), "application_id", "jobs")
    letter = _completed(client_a, "jobs", application_id)
    assert best["company_name"] in letter["cover_letter"]
    assert letter["cv_summary"] and letter["language"] in ("en", "de", "fr", "es", "it", "nl", "pt")
    assert letter["document_url"] == f"/api/v1/jobs/{application_id}/document"
    _assert_four_files(client_a, letter)


FILE_URLS = {"document_url": ("application/pdf", b"%PDF-", "application-", ".pdf"),
             "docx_url": (DOCX, b"PK\x03\x04", "application-", ".docx"),
             "tailored_cv_url": ("application/pdf", b"%PDF-", "cv-", ".pdf"),
             "tailored_cv_docx_url": (DOCX, b"PK\x03\x04", "cv-", ".docx")}


def _assert_four_files(client, letter: dict) -> dict[str, bytes]:
    """Each of the letter's four URLs serves its own file: type, download name and bytes; returns the bytes."""
    found = {}
    for field, (content_type, magic, prefix, suffix) in FILE_URLS.items():
        response = client.get(letter[field])
        assert response.status_code == 200, (field, response.text)
        assert response.headers["content-type"] == content_type and response.content.startswith(magic)
        disposition = response.headers["content-disposition"]
        assert disposition.startswith("attachment;") and f'filename="{prefix}' in disposition
        assert disposition.endswith(f'{suffix}"')
        found[field] = response.content
    assert len(set(found.values())) == 4
    return found


def _ready_profile_and_job(client) -> tuple[str, dict]:
    """A completed profile of Lena's and an English posting from a completed search, for this client's key."""
    from domain.jobs.types import JobPosting
    from domain.letters.language import job_language

    files = [("pdf_files", ("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]), "application/pdf"))]
    profile_id = _accepted(client.post("/api/v1/profiling", files=files), "profile_id", "profiling")
    search_id = _accepted(client.post("/api/v1/discovery", json={"query": "python developer", "location": "London"}),
                          "job_search_id", "discovery")
    _completed(client, "profiling", profile_id)
    jobs = _completed(client, "discovery", search_id)["jobs"]
    return profile_id, next(job for job in jobs if job_language(JobPosting.from_dict(job)) == "en")


def test_a_letter_in_the_language_asked_for_with_files_only_its_key_can_fetch(api_stack, client_a, client_b):
    profile_id, job = _ready_profile_and_job(client_a)
    application_id = _accepted(client_a.post("/api/v1/jobs", json={
        "profile_id": profile_id, "job_id": job["job_id"], "language": "DE"}), "application_id", "jobs")
    letter = _completed(client_a, "jobs", application_id)
    assert letter["language"] == "de" and "Sehr geehrte" in letter["cover_letter"]
    assert {field: letter[field] for field in FILE_URLS} == {
        "document_url": f"/api/v1/jobs/{application_id}/document",
        "docx_url": f"/api/v1/jobs/{application_id}/document/docx",
        "tailored_cv_url": f"/api/v1/jobs/{application_id}/tailored-cv",
        "tailored_cv_docx_url": f"/api/v1/jobs/{application_id}/tailored-cv/docx"}
    files = _assert_four_files(client_a, letter)
    assert "Sehr geehrte" in _word_text(files["docx_url"])
    for field in FILE_URLS:  # another key's letter is as good as missing, files included
        response = client_b.get(letter[field])
        assert response.status_code == 404 and "No application" in response.json()["detail"]
    assert client_b.get(f"/api/v1/jobs/{application_id}").status_code == 404

    from storage.models import Application

    with api_stack.session() as session:  # a file gone from disk (retention, a lost volume) is a clear 404
        name = session.get(Application, application_id).tailored_cv_docx_file
    (api_stack.data_dir / "documents" / name).unlink()
    response = client_a.get(letter["tailored_cv_docx_url"])
    assert response.status_code == 404 and "the tailored CV as DOCX" in response.json()["detail"]
    assert client_a.get(letter["tailored_cv_url"]).status_code == 200


@pytest.mark.parametrize("language", ["xx", "klingon", "", 7])
def test_an_unknown_letter_language_is_422_naming_the_seven_codes(client_a, language):
    response = client_a.post("/api/v1/jobs", json={"profile_id": "p", "job_id": "j", "language": language})
    if language == "":  # empty means "the posting's": the body is valid, and the profile is unknown
        assert response.status_code == 404
        return
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "language"]
    assert all(code in error["msg"] for code in ("en", "de", "fr", "es", "it", "nl", "pt")), error


def test_the_openapi_schema_lists_the_letter_languages_and_the_file_urls(client_a):
    schema = client_a.get("/openapi.json").json()["components"]["schemas"]
    [choice] = [c for c in schema["JobsRequest"]["properties"]["language"]["anyOf"] if c.get("enum")]
    assert choice["enum"] == ["en", "de", "fr", "es", "it", "nl", "pt"]
    assert set(FILE_URLS) | {"language"} <= set(schema["ApplicationResult"]["properties"])


def _word_text(docx: bytes) -> str:
    import io

    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(docx)).paragraphs)


def _assert_signed_event(receiver, profile_id: str, data_dir) -> None:
    wait_for(lambda: receiver.requests, timeout=30, message="the webhook event")
    request = receiver.requests[0]
    assert request.path == "/hook"
    # Callers' webhooks are signed with their own key (generated into the data folder when API_WEBHOOK_SECRET is
    # unset), never with the key the bot's /hooks/task-events trusts: a caller cannot replay an event there.
    verify_signature((data_dir / "api-webhook-secret").read_text().strip().encode(), request.headers, request.body)
    with pytest.raises(InvalidSignature):
        verify_signature(WEBHOOK_SECRET.encode(), request.headers, request.body)
    event = json.loads(request.body)
    assert event["event"] == "completed" and event["profile_id"] == profile_id
    assert event["record_type"] == "profile"
    assert event["result_url"].endswith(f"/api/v1/profiling/{profile_id}")
    assert event["status_url"].endswith(f"/api/v1/profiling/{profile_id}/status")
    assert len(receiver.requests) == 1


def test_failed_profile_is_422_with_reason(client_a):
    files = [("pdf_files", ("cut.pdf", make_truncated_pdf(), "application/pdf"))]
    profile_id = _accepted(client_a.post("/api/v1/profiling", files=files), "profile_id", "profiling")
    status = wait_finished(client_a, f"/api/v1/profiling/{profile_id}/status")
    assert status["status"] == "failed" and status["failed_at"] and status["error"] and status["error_code"]
    response = client_a.get(f"/api/v1/profiling/{profile_id}")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "failed" and body["error"] == status["error"] and body["error_code"]


def test_matching_refuses_unfinished_or_unknown_inputs(client_a):
    files = [("pdf_files", ("cut.pdf", make_truncated_pdf(), "application/pdf"))]
    failed_id = _accepted(client_a.post("/api/v1/profiling", files=files), "profile_id", "profiling")
    wait_finished(client_a, f"/api/v1/profiling/{failed_id}/status")
    search_id = _accepted(client_a.post("/api/v1/discovery", json={"query": "nurse"}), "job_search_id", "discovery")
    wait_finished(client_a, f"/api/v1/discovery/{search_id}/status")

    response = client_a.post("/api/v1/matching", json={"profile_id": failed_id, "job_search_id": search_id})
    assert response.status_code == 409 and "failed" in response.json()["detail"]
    response = client_a.post("/api/v1/matching", json={"profile_id": "nope", "job_search_id": search_id})
    assert response.status_code == 404 and "profile" in response.json()["detail"]
    response = client_a.post("/api/v1/jobs", json={"profile_id": failed_id, "job_id": "x"})
    assert response.status_code == 409


def test_discovery_rejects_absurd_input_with_a_clear_message(client_a):
    cases = [
        ({"query": "python", "num_results": 0}, "num_results"),
        ({"query": "python", "num_results": 5000}, "num_results"),
        ({"query": "x" * 400}, "query"),
        ({"query": "%%%% #### 1234"}, "query"),
        ({"query": "python", "location": "https://evil.example/"}, "location"),
        ({"query": "   "}, "query"),
    ]
    for body, field in cases:
        response = client_a.post("/api/v1/discovery", json=body)
        assert response.status_code == 422, (body, response.text)
        errors = response.json()["detail"]
        assert any(field in error["loc"] and error["msg"] for error in errors), errors


def test_key_header_is_checked_before_the_body(api_stack):
    import httpx

    response = httpx.post(api_stack.base_url + "/api/v1/discovery", json={"query": "python"})
    assert response.status_code == 401
    with httpx.Client(base_url=api_stack.base_url, headers={"X-API-Key": KEY_A}) as client:
        assert client.get("/api/v1/discovery/unknown").status_code == 404


def test_nul_bytes_in_ids_are_a_miss_not_a_server_error(client_a):
    """Found by the schema fuzzer: PostgreSQL refuses NUL in text, which used to surface as a 500."""
    for path in ("/api/v1/profiling/a%00b", "/api/v1/matching/%00/status", "/api/v1/jobs/%00/document"):
        assert client_a.get(path).status_code == 404, path
    assert client_a.post("/api/v1/matching", json={"profile_id": "\x00", "job_search_id": "x"}).status_code == 404


def test_discovery_says_when_its_jobs_are_the_sample_and_gives_every_posting_place_and_salary(client_a):
    search_id = _accepted(client_a.post("/api/v1/discovery", json={
        "query": "frontend developer", "location": "Paris", "num_results": 5, "max_age_days": 14}),
        "job_search_id", "discovery")
    result = _completed(client_a, "discovery", search_id)
    assert result["sample"] is True and result["boards"] == [] and result["max_age_days"] == 14
    assert "sample postings" in " ".join(result["notes"])
    first = result["jobs"][0]
    assert (first["city"], first["country"]) == ("Paris", "FR") and first["latitude"] and first["longitude"]
    assert first["via"] == "via job-agent sample" and first["source"] == "offline"
    assert first["salary_currency"] == "EUR" and first["salary_period"] in ("year", "month", "hour")


@pytest.mark.parametrize("max_age_days", [0, -3, 400, "soon", True, "7"])
def test_discovery_refuses_an_impossible_age_limit(client_a, max_age_days):
    response = client_a.post("/api/v1/discovery", json={"query": "nurse", "max_age_days": max_age_days})
    assert response.status_code == 422
    assert any("max_age_days" in error["loc"] for error in response.json()["detail"])
