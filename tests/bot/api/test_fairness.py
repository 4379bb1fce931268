"""Fair scheduling with a real worker: one key floods the REST API with searches while another key asks for
one; the other key's search completes in bounded time, because the flooder has at most
MAX_OPEN_REQUESTS_PER_OWNER searches queued (issue 15: before, 200 were accepted and the other key's
search took 100 s)."""
from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import func, select

from bot.api.auth import api_key_id
from storage.models import JobSearch
from tests.support.processes import wait_for
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
FLOOD, OTHER = "fair-key-flood-0123456789", "fair-key-other-0123456789"
SEARCH = {"query": "python developer", "location": "Berlin"}


def test_a_flooding_key_cannot_starve_another_keys_search(tmp_path, redis_prefix):
    env = stack_env(tmp_path, database_url=None, redis_prefix=redis_prefix, API_KEYS=f"{FLOOD},{OTHER}",
                    MAX_OPEN_REQUESTS_PER_OWNER="5", API_REQUESTS_PER_MINUTE="1000", JOB_SOURCES="offline")
    with running_stack(env) as stack, \
            httpx.Client(base_url=stack.base_url, headers={"X-API-Key": FLOOD}, timeout=30) as flooder, \
            httpx.Client(base_url=stack.base_url, headers={"X-API-Key": OTHER}, timeout=30) as other:
        started = time.monotonic()
        statuses = [flooder.post("/api/v1/discovery", json=SEARCH).status_code for _ in range(200)]
        flood_seconds = time.monotonic() - started
        asked = time.monotonic()
        accepted = other.post("/api/v1/discovery", json=SEARCH)
        assert accepted.status_code == 202
        search_id = accepted.json()["job_search_id"]

        def done():
            body = other.get(f"/api/v1/discovery/{search_id}/status").json()
            return body if body["status"] in ("completed", "failed") else None

        outcome = wait_for(done, timeout=60, message="the other key's search to finish")
        waited = time.monotonic() - asked
        with stack.session() as session:
            flooded = session.scalar(select(func.count()).select_from(JobSearch)
                                     .where(JobSearch.api_key_id == api_key_id(FLOOD)))
            ours = session.get(JobSearch, search_id)
            # The flooder's searches that were still open when ours was accepted and ran before it. Those that
            # finished before ours was even asked for are not "ahead" of it: with fast searches a few of them
            # finish during the flood and let as many more in, which is the limit working, not starving.
            ahead = session.scalar(select(func.count()).select_from(JobSearch).where(
                JobSearch.api_key_id == api_key_id(FLOOD), JobSearch.started_at < ours.started_at,
                (JobSearch.completed_at.is_(None)) | (JobSearch.completed_at > ours.created_at)))
    accepted_count, refused_count = statuses.count(202), statuses.count(429)
    print(f"\nfairness: 200 searches from one key in {flood_seconds:.1f} s → {accepted_count} accepted, "
          f"{refused_count} refused (429); the other key's search ran after {ahead} of them and finished in "
          f"{waited:.1f} s")
    assert outcome["status"] == "completed"
    assert accepted_count + refused_count == 200 and flooded == accepted_count
    # Searches finish while the flood goes on, so a few more than 5 may get in over the 200 posts, never all.
    assert refused_count >= 150
    # The property, whatever the machine's speed: only the flooder's few open searches ran before it ...
    assert ahead <= 5
    # ... and so its wait is a few searches long, not the 100 s issue 15 measured (generous: CI shares 2 cores).
    assert waited < 90
