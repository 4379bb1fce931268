"""The local-chat routes (/local/messages, /local/cv, /local/updates) under fuzzing: a wrong, missing or
undecodable X-Local-Token is 401 and stores nothing; with the token, odd bodies and query strings are answered
below 500 and the messages they start are handled without an unhandled exception."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import shown
from tests.fuzz.strategies import (
    QUIET,
    any_body,
    content_types,
    dumps,
    fuzz,
    header_bytes,
    json_values,
    odd_text,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]
chats = st.one_of(st.sampled_from(["terminal", "fuzz-1", "a_b", "", "../x", "x" * 100]), odd_text, json_values)
messages = st.one_of(
    st.fixed_dictionaries({}, optional={"text": st.one_of(odd_text, json_values), "chat": chats,
                                        "locale": st.one_of(odd_text, json_values)}),
    json_values)


@fuzz(60)
@given(token=st.one_of(st.none(), header_bytes), path=st.sampled_from(["/local/messages", "/local/cv"]),
       body=any_body, content_type=content_types)
def test_a_wrong_or_missing_token_is_refused_and_nothing_is_stored(app, token, path, body, content_type):
    headers = {"Content-Type": content_type} | ({} if token is None else {"X-Local-Token": token})
    before = app.counts()
    response = app.request("POST", path, content=body, headers=headers)
    assert response.status_code in (401, 413), shown(response)
    assert app.counts() == before


@fuzz(40)
@given(token=st.one_of(st.none(), header_bytes), chat=odd_text)
def test_updates_with_a_wrong_or_missing_token_are_refused(app, token, chat):
    headers = {} if token is None else {"X-Local-Token": token}
    response = app.request("GET", "/local/updates", params={"chat": chat.encode("utf-8", "surrogatepass"), "timeout": 0},
                           headers=headers)
    assert response.status_code == 401, shown(response)


@fuzz(40)
@given(body=st.one_of(messages.map(dumps), any_body), content_type=content_types)
def test_odd_messages_with_the_token_are_answered_below_500(app, body, content_type):
    response = app.request("POST", "/local/messages", content=body,
                           headers={"X-Local-Token": app.local_token, "Content-Type": content_type})
    assert response.status_code in (202, 400, 413, 415, 422), shown(response)


@fuzz(40)
@given(fields=st.dictionaries(st.sampled_from(["chat", "locale", "size", "filename", "zzz"]), odd_text, max_size=4),
       file=st.one_of(st.none(), st.tuples(odd_text, st.binary(max_size=64), st.sampled_from(
           ["application/pdf", "text/plain", "", "x/\xff"]))))
def test_odd_cv_forms_with_the_token_are_answered_below_500(app, fields, file):
    data = {key: value.encode("utf-8", "surrogatepass") for key, value in fields.items()}
    files = None if file is None else {"file": (file[0].encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
                                                file[1], file[2])}
    response = app.request("POST", "/local/cv", data=data, files=files or {"none": ("", b"")},
                           headers={"X-Local-Token": app.local_token})
    assert response.status_code in (202, 400, 413, 415, 422), shown(response)


@fuzz(40)
@given(params=st.dictionaries(st.sampled_from(["chat", "after", "timeout"]),
                              st.one_of(odd_text, st.sampled_from(["-1", "0", "1e309", "nan", "inf", "-inf",
                                                                   "99999999999999999999999"])), max_size=3))
def test_odd_update_queries_with_the_token_are_answered_below_500(app, params):
    params.setdefault("timeout", "0")
    query = {key: value.encode("utf-8", "surrogatepass") for key, value in params.items()}
    response = app.request("GET", "/local/updates", params=query, headers={"X-Local-Token": app.local_token})
    assert response.status_code in (200, 400, 422), shown(response)
