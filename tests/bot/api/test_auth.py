"""X-API-Key on the real server: missing or wrong keys refused, each key sees only its own records."""
from __future__ import annotations

import httpx
import pytest

from bot.api.auth import api_key_id
from storage.models import JobSearch
from tests.bot.api.conftest import KEY_A, KEY_B
from tests.support.polling import wait_finished
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
PROTECTED = [
    ("POST", "/api/v1/discovery"), ("POST", "/api/v1/matching"), ("POST", "/api/v1/jobs"),
    ("POST", "/api/v1/profiling"), ("GET", "/api/v1/discovery/some-id"), ("GET", "/api/v1/profiling/x/status"),
    ("GET", "/api/v1/jobs/x/document"),
]


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": ""}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY_A + "x"},
                                     {"X-API-Key": KEY_A[:-1]}])
def test_missing_or_wrong_key_is_401(api_stack, headers):
    for method, path in PROTECTED:
        response = httpx.request(method, api_stack.base_url + path, headers=headers, json={"query": "python"})
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"] == "ApiKey"


def test_a_key_sees_only_its_own_records(api_stack, client_a, client_b):
    created = client_a.post("/api/v1/discovery", json={"query": "python developer", "num_results": 5})
    search_id = created.json()["job_search_id"]
    wait_finished(client_a, f"/api/v1/discovery/{search_id}/status")
    assert client_a.get(f"/api/v1/discovery/{search_id}").status_code == 200
    for path in (f"/api/v1/discovery/{search_id}", f"/api/v1/discovery/{search_id}/status"):
        response = client_b.get(path)
        assert response.status_code == 404 and response.json() == {"detail": "No job search with that id."}
    response = client_b.post("/api/v1/matching", json={"profile_id": "x", "job_search_id": search_id})
    assert response.status_code == 404
    job_id = client_a.get(f"/api/v1/discovery/{search_id}").json()["jobs"][0]["job_id"]
    response = client_b.post("/api/v1/jobs", json={"profile_id": "x", "job_id": job_id})
    assert response.status_code == 404

    with api_stack.session() as session:
        record = session.get(JobSearch, search_id)
        assert record.api_key_id == api_key_id(KEY_A) != api_key_id(KEY_B)
        assert KEY_A not in record.api_key_id


def test_no_configured_keys_refuses_everything_but_health(tmp_path, postgres_url, redis_prefix):
    env = stack_env(tmp_path, database_url=postgres_url, redis_prefix=redis_prefix)
    with running_stack(env, worker=False) as stack:
        assert httpx.get(stack.base_url + "/health").status_code == 200
        for headers in ({}, {"X-API-Key": KEY_A}, {"X-API-Key": ""}):
            for method, path in PROTECTED:
                response = httpx.request(method, stack.base_url + path, headers=headers, json={"query": "x"})
                assert response.status_code == 403, (method, path, response.text)
        assert KEY_B not in httpx.get(stack.base_url + "/openapi.json").text
