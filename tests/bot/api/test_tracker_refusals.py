"""The tracker's refusals are 422s that can always be written (found by tests/fuzz): a body that is not UTF-8
under a form content type, NaN where an object belongs, a lone surrogate — never a 500."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from config import Settings

KEY = "k-0123456789abcdef"


@pytest.mark.parametrize("method, path, content_type, body, echoed", [
    ("POST", "/api/v1/tracker", "application/x-www-form-urlencoded", b"\x80", "\ufffd"),
    ("PATCH", "/api/v1/tracker/1", "application/json", b"NaN", "nan"),
    ("POST", "/api/v1/tracker", "application/json", b"Infinity", "inf"),
    ("POST", "/api/v1/tracker", "application/json", b'{"title": "Dev \\ud800"}', None),
], ids=["not-utf8", "nan", "infinity", "lone-surrogate"])
def test_a_refused_tracker_body_is_a_422_whatever_it_holds(tmp_path, method, path, content_type, body, echoed):
    app = create_app(Settings(_env_file=None, job_agent_data_dir=tmp_path, api_keys=KEY))
    client = TestClient(app, raise_server_exceptions=False)  # no lifespan: nothing but the route runs
    response = client.request(method, path, content=body, headers={"X-API-Key": KEY, "Content-Type": content_type})
    assert response.status_code == 422, response.text
    if echoed is not None:
        assert response.json()["detail"][0]["input"] == echoed
