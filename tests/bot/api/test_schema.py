"""Property-based: every /api/v1 operation of the real server, fuzzed from its own OpenAPI schema.

No 5xx, and every status code, content type, header and body matches what the schema
declares. (schemathesis' lazy pytest loader does not run under pytest 9, so the
operations are driven through their Hypothesis strategies here.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance, status_code_conformance,
)

from tests.bot.api.conftest import KEY_A

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
EXAMPLES_PER_OPERATION = 60


@pytest.fixture(scope="module")
def operations(api_stack):
    schema = schemathesis.openapi.from_url(api_stack.base_url + "/openapi.json").include(path_regex="^/api/v1/")
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) == 29, [f"{op.method} {op.path}" for op in found]
    return found


def _fuzz(operation, check_case, max_examples: int) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        check_case(case)

    run()


def test_every_operation_conforms_to_the_schema(operations):
    failures = []
    for operation in operations:
        try:
            _fuzz(operation, lambda case: case.call_and_validate(headers={"X-API-Key": KEY_A}, checks=CHECKS,
                                                                 timeout=30), EXAMPLES_PER_OPERATION)
        except Exception as exc:  # collect every operation's failure, not only the first
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_every_operation_without_a_key_is_401(operations):
    def unauthenticated(case):
        case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "x-api-key"}
        response = case.call(timeout=30)
        assert response.status_code == 401, (case.method, case.path, response.text)

    for operation in operations:
        _fuzz(operation, unauthenticated, 5)


def test_real_records_in_every_state_conform(operations, api_stack, client_a):
    """Fuzzing only finds unknown ids; this checks 200, 202 and 422 bodies of real records."""
    ids = _records_in_every_state(api_stack, client_a)
    seen = set()
    for operation in operations:
        names = [param.name for param in operation.path_parameters]
        if operation.method.upper() != "GET" or len(names) != 1 or names[0] not in ids:
            continue  # a list or an export (no id) is fuzzed above
        (name,) = names
        for record_id in ids[name]:
            case = operation.Case(path_parameters={name: record_id}, headers={"X-API-Key": KEY_A})
            seen.add(case.call_and_validate(checks=CHECKS, timeout=30).status_code)
    assert {200, 202, 422} <= seen


def _records_in_every_state(api_stack, client) -> dict[str, list[str]]:
    from bot.api.auth import api_key_id
    from storage.models import JobSearch, utcnow
    from tests.support.polling import wait_finished
    from tests.support.bad_pdfs import make_truncated_pdf
    from tests.support.pdf_factory import PERSONAS, make_cv_pdf

    def finished(resource: str, response) -> str:
        body = response.json()
        record_id = body[next(key for key in body if key.endswith("_id"))]
        wait_finished(client, f"/api/v1/{resource}/{record_id}/status")
        return record_id

    cv = [("pdf_files", ("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]), "application/pdf"))]
    profile = finished("profiling", client.post("/api/v1/profiling", files=cv))
    # A damaged PDF is accepted (it is a PDF) and fails in the worker; a scan would now be read.
    damaged = [("pdf_files", ("cut.pdf", make_truncated_pdf(), "application/pdf"))]
    failed = finished("profiling", client.post("/api/v1/profiling", files=damaged))
    search = finished("discovery", client.post("/api/v1/discovery", json={"query": "python developer"}))
    match = finished("matching", client.post("/api/v1/matching", json={"profile_id": profile, "job_search_id": search}))
    job_id = client.get(f"/api/v1/discovery/{search}").json()["jobs"][0]["job_id"]
    letter = finished("jobs", client.post("/api/v1/jobs", json={"profile_id": profile, "job_id": job_id}))
    with api_stack.session() as session:  # a search a worker holds right now (not dispatched: stays put)
        running = JobSearch(query="held", api_key_id=api_key_id(KEY_A), status="processing", started_at=utcnow(),
                            dispatched_at=utcnow(), progress_percent=40)
        session.add(running)
        session.commit()
    # the letter put its job on the key's tracker, once
    (tracked,) = [e["id"] for e in client.get("/api/v1/tracker").json()["entries"] if e["application_id"] == letter]
    return {"profile_id": [profile, failed], "job_search_id": [search, running.id], "match_id": [match],
            "application_id": [letter], "tracked_id": [tracked]}
