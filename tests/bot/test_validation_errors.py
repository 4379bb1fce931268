"""A refused request is a 422 naming the field on every route, even when the refused value cannot be
written as it came (a lone surrogate in the JSON): never a 500."""
from __future__ import annotations

from fastapi.testclient import TestClient

from bot.app import create_app
from config import Settings

KEY = "k-0123456789abcdef"


def test_a_lone_surrogate_in_a_refused_field_is_echoed_as_a_replacement_character(tmp_path):
    app = create_app(Settings(_env_file=None, job_agent_data_dir=tmp_path, api_keys=KEY))
    client = TestClient(app, raise_server_exceptions=False)  # no lifespan: nothing but the route runs
    response = client.post("/api/v1/discovery", headers={"X-API-Key": KEY, "Content-Type": "application/json"},
                           content=b'{"query": "python", "num_results": "x\\ud800"}')
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "num_results"] and error["input"] == "x\ufffd"
