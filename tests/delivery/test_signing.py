import pytest

from delivery.signing import (
    SIGNATURE_HEADER, TIMESTAMP_HEADER, InvalidSignature, check_fresh, compute_signature, signature_headers,
    verify_signature,
)

SECRET = b"s3cret"
BODY = b'{"type":"outcome","notification_id":1}'


def test_a_signed_body_verifies():
    headers = signature_headers(SECRET, BODY, now=1_000_000)
    verify_signature(SECRET, headers, BODY, now=1_000_010)
    assert headers[SIGNATURE_HEADER].startswith("v1=")


@pytest.mark.parametrize(
    "headers, body, now, reason",
    [
        ({}, BODY, 1_000_000, "missing"),
        ({TIMESTAMP_HEADER: "1000000", SIGNATURE_HEADER: "v1=00"}, BODY, 1_000_000, "mismatch"),
        (signature_headers(SECRET, BODY, now=1_000_000), BODY + b" ", 1_000_000, "mismatch"),
        (signature_headers(b"other-key", BODY, now=1_000_000), BODY, 1_000_000, "mismatch"),
        (signature_headers(SECRET, BODY, now=1_000_000), BODY, 1_000_301, "replay window"),
        (signature_headers(SECRET, BODY, now=1_000_400), BODY, 1_000_000, "replay window"),
        ({TIMESTAMP_HEADER: "yesterday", SIGNATURE_HEADER: "v1=00"}, BODY, 1_000_000, "malformed"),
        ({TIMESTAMP_HEADER: "1000000", SIGNATURE_HEADER: "v1=é"}, BODY, 1_000_000, "malformed"),
        ({TIMESTAMP_HEADER: "١٠٠٠٠٠٠", SIGNATURE_HEADER: "v1=00"}, BODY, 1_000_000, "malformed"),
    ],
)
def test_forged_tampered_and_stale_requests_are_refused(headers, body, now, reason):
    with pytest.raises(InvalidSignature, match=reason):
        verify_signature(SECRET, headers, body, now=now)


def test_signature_covers_the_timestamp():
    assert compute_signature(SECRET, "1", BODY) != compute_signature(SECRET, "2", BODY)


def test_freshness_is_judged_from_the_headers_alone():
    """The HTTP edge refuses an unsigned or stale event before reading its body: no body is needed."""
    headers = signature_headers(SECRET, BODY, now=1_000_000)
    assert check_fresh(headers, now=1_000_299) == (headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER])
    with pytest.raises(InvalidSignature, match="replay window"):
        check_fresh(headers, now=1_000_301)
    with pytest.raises(InvalidSignature, match="missing"):
        check_fresh({TIMESTAMP_HEADER: "1000000"}, now=1_000_000)
