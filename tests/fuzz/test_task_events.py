"""POST /hooks/task-events under fuzzing: unsigned or badly signed events are 401 and store nothing; signed
events of odd shapes are 400/404 (or 503 where the route says delivery failed or is still running), never 500,
and store nothing."""
from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delivery.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_headers
from tests.fuzz.conftest import WEBHOOK_SECRET, shown
from tests.fuzz.strategies import (
    QUIET,
    any_body,
    dumps,
    fuzz,
    header_bytes,
    json_values,
    odd_numbers,
    odd_text,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]
RECORD_TYPES = ["profile", "job_search", "match_run", "application", "alert_run", "tracker"]
value = st.one_of(json_values, odd_numbers, odd_text)
events = st.one_of(
    st.fixed_dictionaries({"type": st.just("progress"), "record_type": st.one_of(st.sampled_from(RECORD_TYPES), value),
                           "record_id": value, "percent": value, "stage": value}),
    st.fixed_dictionaries({"type": st.just("outcome"), "notification_id": value}),
    st.dictionaries(st.sampled_from(["type", "record_type", "record_id", "percent", "stage", "notification_id"]),
                    value, max_size=6),
    json_values,
)


@fuzz(100)
@given(body=st.one_of(any_body, events.map(dumps)), timestamp=st.one_of(st.none(), header_bytes),
       signature=st.one_of(st.none(), header_bytes, st.just(b"v1=" + b"0" * 64)))
def test_unsigned_or_badly_signed_events_are_refused_and_nothing_is_stored(app, body, timestamp, signature):
    headers = {}
    if timestamp is not None:
        headers[TIMESTAMP_HEADER] = timestamp
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    before = app.counts()
    response = app.request("POST", "/hooks/task-events", content=body, headers=headers)
    assert response.status_code in (401, 413), shown(response)
    assert app.counts() == before


@fuzz(100)
@given(body=st.one_of(any_body, events.map(dumps)))
def test_signed_events_of_odd_shapes_are_refused_below_500_and_nothing_is_stored(app, body):
    before = app.counts()
    headers = signature_headers(WEBHOOK_SECRET.encode(), body, now=time.time())
    response = app.request("POST", "/hooks/task-events", content=body, headers=headers)
    assert response.status_code < 500 or response.status_code == 503, shown(response)
    assert app.counts() == before
