"""Callers' webhook URLs through the REST API: unsafe ones refused at request time, redirects at delivery
not followed, end to end."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import JobSearch, Notification
from tests.bot.api.conftest import REDIRECT_PORT
from tests.support.polling import wait_finished
from tests.support.processes import wait_for
from tests.support.receivers import start_receiver
from tests.support.unsafe_webhooks import UNSAFE

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]


@pytest.mark.parametrize("url, reason", UNSAFE)
def test_api_refuses_unsafe_webhook_urls(api_stack, client_a, url, reason):
    response = client_a.post("/api/v1/discovery", json={"query": "ssrf probe", "webhook_url": url})
    assert response.status_code == 422, response.text
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "webhook_url"] and error["type"] == "unsafe_webhook_url"
    assert reason in error["msg"]
    with api_stack.session() as session:
        assert session.scalar(select(JobSearch).where(JobSearch.query == "ssrf probe")) is None


def test_redirect_at_delivery_is_not_followed_end_to_end(api_stack, client_a):
    target = start_receiver()
    redirector = start_receiver(status=302, location=target.url + "/stolen", port=REDIRECT_PORT)
    try:
        response = client_a.post("/api/v1/discovery", json={"query": "python developer", "num_results": 3,
                                                            "webhook_url": redirector.url + "/hook"})
        search_id = response.json()["job_search_id"]
        assert wait_finished(client_a, f"/api/v1/discovery/{search_id}/status")["status"] == "completed"
        wait_for(lambda: redirector.requests, timeout=30, message="the webhook attempt")
        with api_stack.session() as session:
            row = wait_for(lambda: session.scalar(select(Notification).where(
                Notification.record_id == search_id, Notification.last_error.is_not(None))), timeout=10)
            assert row.delivered_at is None and "302" in row.last_error
        assert target.requests == []
    finally:
        redirector.stop()
        target.stop()
