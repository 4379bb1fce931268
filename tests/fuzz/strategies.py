"""Hypothesis strategies for what an attacker or a confused client sends: odd JSON, bodies that are not JSON,
and header values no client library would write."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Reproducible in CI (derandomize: the same examples every run, no example database), no per-example deadline
# (a request to the whole app takes a few milliseconds, but the first ones warm caches). The app is shared by
# the examples of a test on purpose (see conftest.app), so the function-scoped-fixture check does not apply.
FUZZ = settings(deadline=None, derandomize=True, database=None, max_examples=60,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


# Hypothesis warns about the size of an example's repr (a 10 kB body): the failure messages print the request short.
QUIET = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")


def fuzz(max_examples: int):
    return settings(FUZZ, max_examples=max_examples)


# Strings with what breaks encoders and databases: lone surrogates, NUL, right-to-left marks, emoji, long runs.
odd_characters = st.characters(codec=None, exclude_categories=())
ODD_STRINGS = ["a\ud800b", "\udfff", "\x00", "\u202e", "\ufeff", "😀" * 50, "x" * 5000, "", " ", "\r\n",
               "' OR 1=1 --", "../../etc/passwd", "%00", "{{7*7}}", "<script>", "\\", "null", "9" * 400]
odd_text = st.one_of(st.sampled_from(ODD_STRINGS), st.text(odd_characters, max_size=40))
odd_numbers = st.one_of(
    st.integers(), st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1, 10**30, 10**300]),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e308, -0.0, 5e-324]),
)
scalars = st.one_of(st.none(), st.booleans(), odd_numbers, odd_text)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(odd_text, children, max_size=4)),
    max_leaves=12,
)


def dumps(value) -> bytes:
    """JSON as a client would send it: non-ASCII escaped, so lone surrogates arrive as "\\ud800" escapes."""
    return json.dumps(value).encode()


# Bodies that are not JSON, or JSON no parser should have to take: raw bytes, invalid UTF-8, a BOM, NaN,
# numbers past Python's 4,300-digit limit or float range, nesting deeper than the interpreter's recursion.
RAW_BODIES = [
    b"", b"{", b"}", b"[", b"null", b"true", b"0", b'"x"', b"NaN", b"Infinity", b"-Infinity", b"1e999999",
    b"9" * 5000, b'{"update_id": ' + b"9" * 5000 + b"}", b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00", b"\xc3\x28",
    b'{"a": "\xed\xa0\x80"}',
    b"\x00" * 64, b"a=1&b=2", b"payload=%7B", b"payload=" + b"%5B" * 5000, b"--x\r\n\r\n--x--",
]
# JSON nested deeper than the interpreter's recursion limit (json.loads raises RecursionError, not ValueError).
DEEP_BODIES = [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000]
raw_bodies = st.one_of(st.sampled_from(RAW_BODIES + DEEP_BODIES), st.binary(max_size=200))
json_bodies = json_values.map(dumps)
any_body = st.one_of(raw_bodies, json_bodies)

CONTENT_TYPES = [b"application/json", b"application/x-www-form-urlencoded", b"multipart/form-data",
                 b"multipart/form-data; boundary=x", b"text/plain", b"application/json; charset=utf-16",
                 b"application/json; charset=\xff", b"", b"\x01\x7f", b";;;", b"*/*"]
content_types = st.one_of(st.sampled_from(CONTENT_TYPES), st.binary(max_size=30).filter(lambda b: b"\r" not in b
                                                                                          and b"\n" not in b))

# Header values as bytes: non-ASCII (obs-text), control characters and very long values, but never CR, LF or NUL,
# which no HTTP server passes on to the app.
header_bytes = st.one_of(
    st.sampled_from([b"", b" ", b"\t", b"\xff", b"\xc3\xa9", b"\xe2\x82\xac" * 10, b"\x01\x02\x7f", b"a" * 8000,
                     "ключ".encode(), b"null", b"v0=", b"v1=" + b"0" * 64, b"-1", b"1e10", b"99999999999999999999"]),
    st.binary(max_size=40).filter(lambda b: not set(b) & {0, 10, 13}),
)
