"""Uploads on the real server: every CV kind accepted from its bytes; oversized, unreadable and malformed
bodies refused with nothing written, each kind with its own status and message."""
from __future__ import annotations

import os
import socket

import pytest
from sqlalchemy import func, select

from storage.models import UserProfile
from tests.bot.api.conftest import KEY_A, MAX_UPLOAD_MB
from tests.support import cv_kinds
from tests.support.bad_pdfs import make_garbage_bytes, make_oversized_pdf
from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
LIMIT = MAX_UPLOAD_MB * 1024 * 1024


@pytest.fixture
def nothing_written(api_stack):
    """Fail the test if it left a file in the uploads folder or a profile in the database."""
    uploads = api_stack.data_dir / "uploads"

    def snapshot():
        with api_stack.session() as session:
            count = session.scalar(select(func.count()).select_from(UserProfile))
        return set(os.listdir(uploads)) if uploads.exists() else set(), count

    before = snapshot()
    yield
    assert snapshot() == before


def _post(client, files=None, **kwargs):
    return client.post("/api/v1/profiling", files=files, **kwargs)


def test_oversized_pdf_is_413(client_a, nothing_written):
    response = _post(client_a, [("pdf_files", ("big.pdf", make_oversized_pdf(LIMIT + 4096), "application/pdf"))])
    assert response.status_code == 413 and "MB" in response.json()["detail"]


def test_oversized_second_file_removes_the_first(client_a, nothing_written):
    files = [("pdf_files", ("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]), "application/pdf")),
             ("pdf_files", ("big.pdf", make_oversized_pdf(LIMIT + 4096), "application/pdf"))]
    assert _post(client_a, files).status_code == 413


def test_declared_content_length_over_the_cap_is_refused_before_reading(api_stack, nothing_written):
    """Only headers are sent: the answer must come without the server waiting for a body."""
    port = int(api_stack.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/profiling HTTP/1.1\r\nHost: t\r\nX-API-Key: " + KEY_A.encode()
            + b"\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 999999999\r\n\r\n")
        head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 413"), head


def test_streamed_body_is_refused_as_soon_as_it_passes_the_cap(api_stack, nothing_written):
    """Chunked, no Content-Length, and the client stalls after the cap: the 413 must come anyway."""
    port = int(api_stack.base_url.rsplit(":", 1)[1])
    part = (b"--xyz\r\nContent-Disposition: form-data; name=\"pdf_files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\n"
            + b"0" * (LIMIT + 65536))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/profiling HTTP/1.1\r\nHost: t\r\nX-API-Key: " + KEY_A.encode()
            + b"\r\nContent-Type: multipart/form-data; boundary=xyz\r\nTransfer-Encoding: chunked\r\n\r\n")
        for offset in range(0, len(part), 65536):
            chunk = part[offset:offset + 65536]
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        head = sock.recv(4096)  # the body never ends: only a server that counts as it reads answers
    assert head.startswith(b"HTTP/1.1 413"), head


@pytest.mark.parametrize("data", [make_garbage_bytes(), b"<html><body>cv</body></html>"])
def test_not_a_cv_format_is_415(client_a, nothing_written, data):
    response = _post(client_a, [("pdf_files", ("cv.pdf", data, "application/pdf"))])
    assert response.status_code == 415 and "can't read this kind of file" in response.json()["detail"]


def test_a_zip_header_without_its_directory_is_a_damaged_file_422(client_a, nothing_written):
    response = _post(client_a, [("pdf_files", ("cv.docx", b"PK\x03\x04docx", "application/octet-stream"))])
    assert response.status_code == 422 and "looks damaged" in response.json()["detail"][0]["msg"]


def test_empty_file_and_missing_field_are_422(client_a, nothing_written):
    assert _post(client_a, [("pdf_files", ("cv.pdf", b"", "application/pdf"))]).status_code == 422
    response = _post(client_a, [("cv", ("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]), "application/pdf"))])
    assert response.status_code == 422 and "pdf_files" in response.json()["detail"][0]["msg"]
    assert _post(client_a, data={"webhook_url": "https://example.com"}).status_code in (415, 422)


@pytest.mark.parametrize("content_type, body, expected", [
    ("multipart/form-data", b"--x\r\n", 400),  # no boundary
    ("multipart/form-data; boundary=xyz", b"garbage without any boundary", 400),
    ("multipart/form-data; boundary=xyz",
     b"--xyz\r\nContent-Disposition: form-data; name=\"pdf_files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 cut", 400),
    ("application/json", b'{"pdf_files": []}', 415),
    ("application/pdf", b"%PDF-1.7", 415),
])
def test_malformed_bodies_are_4xx(client_a, nothing_written, content_type, body, expected):
    response = client_a.post("/api/v1/profiling", content=body, headers={"Content-Type": content_type})
    assert response.status_code == expected, response.text


def test_unsafe_webhook_in_upload_writes_nothing(client_a, nothing_written):
    files = [("pdf_files", ("cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]), "application/pdf"))]
    response = _post(client_a, files, data={"webhook_url": "https://169.254.169.254/latest/meta-data"})
    assert response.status_code == 422 and "non-public" in response.json()["detail"][0]["msg"]


def test_client_file_name_never_reaches_a_path(api_stack, client_a):
    files = [("pdf_files", ("../../../../tmp/evil\x00.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]),
                            "application/pdf"))]
    profile_id = _post(client_a, files).json()["profile_id"]
    with api_stack.session() as session:
        record = session.get(UserProfile, profile_id)
        assert all(len(name) == 36 and name.endswith(".pdf") and "/" not in name for name in record.source_files)
        assert "/" not in (record.original_filename or "")
    assert not os.path.exists("/tmp/evil.pdf")


@pytest.mark.parametrize("make, filename, suffix", [
    (cv_kinds.make_pdf, "cv.pdf", "pdf"),
    (cv_kinds.make_docx, "cv.docx", "docx"),
    (cv_kinds.make_odt, "cv.odt", "odt"),
    (cv_kinds.make_jpeg, "photo.jpg", "jpeg"),
    (cv_kinds.make_png, "scan.png", "png"),
    (cv_kinds.make_docx, "cv.pdf", "docx"),  # named PDF, sent as application/pdf, but a Word file
])
def test_every_readable_kind_is_accepted_in_pdf_files(api_stack, client_a, make, filename, suffix):
    data = make()
    response = _post(client_a, [("pdf_files", (filename, data, "application/pdf"))])
    assert response.status_code == 202, response.text
    with api_stack.session() as session:
        record = session.get(UserProfile, response.json()["profile_id"])
        [name] = record.source_files
    assert name.endswith(f".{suffix}")
    assert (api_stack.data_dir / "uploads" / name).read_bytes() == data


@pytest.mark.parametrize("kind, status", [
    ("empty", 422), ("unknown", 415), ("xlsx", 415), ("legacy_doc", 415), ("rtf", 415), ("pages", 415),
    ("encrypted_docx", 422), ("truncated_docx", 422),
])
def test_each_refused_kind_gets_its_status_and_own_message(client_a, nothing_written, kind, status):
    data, phrase = cv_kinds.REFUSED[kind]
    response = _post(client_a, [("pdf_files", ("cv.docx", data, "application/octet-stream"))])
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    message = detail if status != 422 else detail[0]["msg"]
    assert phrase in message


def test_a_refused_second_file_removes_the_accepted_first(client_a, nothing_written):
    files = [("pdf_files", ("cv.docx", cv_kinds.make_docx(), cv_kinds.DOCX_MIME)),
             ("pdf_files", ("old.doc", cv_kinds.make_legacy_doc(), "application/msword"))]
    response = _post(client_a, files)
    assert response.status_code == 415 and "Word 97" in response.json()["detail"]


def test_the_openapi_description_says_which_kinds_pdf_files_takes(client_a):
    spec = client_a.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/profiling"]["post"]
    content = operation["requestBody"]["content"]["multipart/form-data"]
    described = content["schema"]["properties"]["pdf_files"]["description"]
    for kind in ("PDF", "Word (.docx)", "OpenDocument (.odt)", "JPEG", "PNG", ".doc", "RTF", "Pages"):
        assert kind in described, kind
    accepted = content["encoding"]["pdf_files"]["contentType"]
    assert "image/jpeg" in accepted and "application/vnd.oasis.opendocument.text" in accepted
    assert "DOCX" in operation["responses"]["415"]["description"]
