"""What makes two requests the same one for an Idempotency-Key, and the key's own syntax: a new multipart
boundary or another JSON spacing is the same request, any other byte of a file is not; an upload is hashed in
constant memory, never held."""
from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.api.idempotency import KeyRefused, RequestFingerprint, parse_key

MB = 1024 * 1024


def _scope(content_type: bytes, path: str = "/api/v1/profiling", query: bytes = b"") -> dict:
    return {"type": "http", "method": "POST", "path": path, "query_string": query,
            "headers": [(b"content-type", content_type)]}


def _multipart(boundary: bytes, files: list[tuple[bytes, bytes, bytes]]) -> bytes:
    body = b""
    for field, name, content in files:
        body += (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"" + field + b"\"; filename=\""
                 + name + b"\"\r\nContent-Type: application/pdf\r\n\r\n" + content + b"\r\n")
    return body + b"--" + boundary + b"--\r\n"


def _digest(scope: dict, body: bytes, chunk: int = 7) -> str:
    fingerprint = RequestFingerprint(scope)
    pieces = [body[start:start + chunk] for start in range(0, len(body), chunk)] or [b""]
    for number, piece in enumerate(pieces, start=1):
        fingerprint.update(piece, more_body=number < len(pieces))
    assert fingerprint.complete
    return fingerprint.hexdigest()


def _upload_digest(boundary: bytes, files, chunk: int = 7) -> str:
    return _digest(_scope(b"multipart/form-data; boundary=" + boundary), _multipart(boundary, files), chunk)


FILES = [(b"pdf_files", b"cv.pdf", b"%PDF-1.4 Jane Doe\r\n--not-a-boundary"), (b"webhook_url", b"", b"https://x")]


def test_an_upload_sent_again_with_a_new_boundary_and_other_chunks_is_the_same_request():
    assert _upload_digest(b"aaaa1111", FILES, chunk=7) == _upload_digest(b"zz-9876543210", FILES, chunk=1000)


@pytest.mark.parametrize("changed", [
    [(b"pdf_files", b"cv.pdf", b"%PDF-1.4 Jane Dot\r\n--not-a-boundary"), FILES[1]],  # one byte of the file
    [(b"pdf_files", b"cv2.pdf", FILES[0][2]), FILES[1]],  # its name
    [(b"other", b"cv.pdf", FILES[0][2]), FILES[1]],  # its field
    [FILES[1], FILES[0]],  # their order
    FILES[:1],  # one part fewer
])
def test_any_other_part_makes_another_request(changed):
    assert _upload_digest(b"b1", changed) != _upload_digest(b"b1", FILES)


def test_json_is_compared_by_its_value():
    scope = _scope(b"application/json", path="/api/v1/discovery")
    same = _digest(scope, b'{"query": "python", "num_results": 5}')
    assert _digest(scope, b'{"num_results":5,"query":"python"}', chunk=3) == same
    assert _digest(_scope(b"application/json; charset=utf-8", path="/api/v1/discovery"),
                   b'{"query":"python","num_results":5}') == same
    assert _digest(scope, b'{"query": "python", "num_results": 6}') != same
    assert _digest(scope, b'{"query": "python", "num_results": 5.0}') != same
    assert _digest(scope, b'not json {') != _digest(scope, b'not json  {')
    assert _digest(scope, b"[" * 100_000) != same  # too deep to read: hashed as bytes, no error


def test_the_path_query_and_media_type_belong_to_the_request():
    body = b'{"title": "x"}'
    base = _digest(_scope(b"application/json", path="/api/v1/tracker"), body)
    assert _digest(_scope(b"application/json", path="/api/v1/alerts"), body) != base
    assert _digest(_scope(b"application/json", path="/api/v1/tracker", query=b"a=1"), body) != base
    assert _digest(_scope(b"text/plain", path="/api/v1/tracker"), body) != base


def test_a_malformed_upload_still_gets_a_fingerprint():
    scope = _scope(b"multipart/form-data; boundary=b1")
    assert _digest(scope, b"garbage without any boundary") != _digest(scope, b"garbage without any boundarx")


def test_a_large_upload_is_hashed_in_constant_memory():
    boundary, chunk, total = b"big-boundary", 64 * 1024, 40 * MB
    fingerprint = RequestFingerprint(_scope(b"multipart/form-data; boundary=" + boundary))
    head = b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"pdf_files\"; filename=\"cv.pdf\"\r\n\r\n"
    data = bytes(range(256)) * (chunk // 256)
    tracemalloc.start()
    try:
        fingerprint.update(head, more_body=True)
        for _ in range(total // chunk):
            fingerprint.update(data, more_body=True)
        fingerprint.update(b"\r\n--" + boundary + b"--\r\n", more_body=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert fingerprint.complete and peak < 1 * MB, peak


@pytest.mark.parametrize(("raw", "key"), [
    (b"8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"),
    (b'"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"),
    (b'"say \\"hi\\" \\\\ bye"', 'say "hi" \\ bye'),
    (b"a", "a"), (b"~" * 255, "~" * 255), (b"with spaces inside", "with spaces inside"),
])
def test_keys_taken(raw, key):
    assert parse_key([raw]) == key


@pytest.mark.parametrize("values", [[], [b"a", b"a"], [b""], [b'""'], [b"x" * 256], [b'"' + b"x" * 256 + b'"'],
                                    [b"\x00"], [b"\x1f"], [b"\x7f"], ["é".encode()], [b'"a\\b"'], [b'"a\\"'],
                                    [b'"a"b"']])
def test_keys_refused(values):
    with pytest.raises(KeyRefused):
        parse_key(values)


@settings(max_examples=300, deadline=None)
@given(content_type=st.one_of(st.binary(max_size=80), st.builds(
           lambda boundary: b"multipart/form-data; boundary=" + boundary, st.binary(min_size=1, max_size=400))),
       chunks=st.lists(st.binary(max_size=200), max_size=6), path=st.text(max_size=30))
@example(content_type=b"multipart/form-data; boundary=" + b"x" * 300, chunks=[b"--x"], path="")  # over 256: refused
@example(content_type=b"application/json", chunks=[b"[" * 50_000], path="\ud800")  # too deep; a lone surrogate
def test_any_headers_and_body_get_a_fingerprint_without_an_error(content_type, chunks, path):
    fingerprint = RequestFingerprint(_scope(content_type, path="/api/v1/" + path))
    for number, chunk in enumerate(chunks or [b""], start=1):
        fingerprint.update(chunk, more_body=number < len(chunks or [b""]))
    assert fingerprint.complete and len(fingerprint.hexdigest()) == 64


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.binary(max_size=300), max_size=3))
def test_any_header_value_is_a_key_or_a_400_never_an_error(values):
    try:
        key = parse_key(values)
    except KeyRefused:
        return
    assert 1 <= len(key) <= 255 and key.isascii() and key.isprintable()
