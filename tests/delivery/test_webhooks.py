"""Callers' webhook URLs at delivery: SSRF refused, checked again before each post, redirects not followed,
retries capped, one event when a worker and the sweeper race."""
from __future__ import annotations

import json

import httpx
import pytest

from config import Settings
from storage.models import Notification
from delivery.sender import GAVE_UP, MAX_WEBHOOK_ATTEMPTS, deliver_webhook
from delivery.signing import verify_signature
from delivery.webhook_safety import UnsafeWebhook, WebhookTarget, check_webhook_url, post_to_target
from tests.support.receivers import start_receiver
from tests.support.unsafe_webhooks import UNSAFE


@pytest.mark.parametrize("url, reason", UNSAFE)
def test_unsafe_urls_are_refused(url, reason):
    with pytest.raises(UnsafeWebhook, match=reason):
        check_webhook_url(url, allow_http_hosts=frozenset())


def test_allowlist_is_per_host_and_port():
    assert check_webhook_url("http://127.0.0.1:9/x", allow_http_hosts=frozenset({"127.0.0.1"})).allowlisted
    assert check_webhook_url("http://127.0.0.1:9/x", allow_http_hosts=frozenset({"127.0.0.1:9"})).allowlisted
    with pytest.raises(UnsafeWebhook):
        check_webhook_url("http://127.0.0.1:10/x", allow_http_hosts=frozenset({"127.0.0.1:9"}))
    with pytest.raises(UnsafeWebhook):
        check_webhook_url("http://localhost:9/x", allow_http_hosts=frozenset({"127.0.0.1"}))


def test_public_https_is_accepted():
    target = check_webhook_url("https://8.8.8.8:8443/hook?x=1#frag", allow_http_hosts=frozenset())
    assert target.addresses == ("8.8.8.8",) and target.url == "https://8.8.8.8:8443/hook?x=1"


def test_post_goes_to_the_vetted_address_keeping_the_host_name(receiver):
    port = receiver.server.server_address[1]
    target = WebhookTarget(url=f"http://hook.invalid:{port}/x", host="hook.invalid", port=port,
                           addresses=("127.0.0.1",), allowlisted=True)
    assert post_to_target(target, b"{}", {"Content-Type": "application/json"}) == 200
    assert receiver.requests[0].headers["Host"] == f"hook.invalid:{port}"  # no second DNS lookup happened


def _notification(url: str) -> Notification:
    return Notification(id=7, record_type="job_search", record_id="abc", event="completed", target="webhook",
                        target_url=url, attempts=0)


def _settings(tmp_path, **overrides) -> Settings:
    return Settings(job_agent_data_dir=tmp_path, webhook_secret="s3cret", **overrides)


def test_delivery_checks_the_url_again(tmp_path, receiver):
    """A URL accepted earlier (the operator since removed the allowlist entry) is not called."""
    notification = _notification(receiver.url + "/hook")
    assert deliver_webhook(notification, _settings(tmp_path)) is False
    assert receiver.requests == [] and notification.next_attempt_at == GAVE_UP
    assert "refused" in notification.last_error


def test_delivery_does_not_follow_redirects(tmp_path):
    target = start_receiver()
    redirector = start_receiver(status=302, location=target.url + "/stolen")
    try:
        notification = _notification(redirector.url + "/hook")
        settings = _settings(tmp_path, webhook_allow_http_hosts="127.0.0.1")
        assert deliver_webhook(notification, settings) is False
        assert len(redirector.requests) == 1 and target.requests == []
        assert "302" in notification.last_error and notification.attempts == 1
    finally:
        redirector.stop()
        target.stop()


def test_failing_receiver_is_retried_then_dropped(tmp_path):
    failing = start_receiver(status=500)
    try:
        notification = _notification(failing.url + "/hook")
        settings = _settings(tmp_path, webhook_allow_http_hosts="127.0.0.1")
        for _ in range(MAX_WEBHOOK_ATTEMPTS + 3):
            assert deliver_webhook(notification, settings) is False
        assert len(failing.requests) == MAX_WEBHOOK_ATTEMPTS
        assert notification.next_attempt_at == GAVE_UP and "gave up" in notification.last_error
    finally:
        failing.stop()


def test_signed_with_the_api_webhook_secret(tmp_path, receiver):
    settings = _settings(tmp_path, webhook_allow_http_hosts="127.0.0.1", api_webhook_secret="for-clients")
    notification = _notification(receiver.url + "/hook")
    assert deliver_webhook(notification, settings) is True and notification.delivered_at
    request = receiver.requests[0]
    verify_signature(b"for-clients", request.headers, request.body)
    assert json.loads(request.body)["job_search_id"] == "abc"


def test_https_is_pinned_but_verified_against_the_host_name(tmp_path):
    """TLS goes to the vetted address, with SNI and the certificate check on the name."""
    import datetime
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hook.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("hook.test")]), critical=False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    seen: list[str] = []
    sni: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers["Host"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server_context.sni_callback = lambda _sock, server_name, _ctx: sni.append(server_name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    trust = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
    try:
        target = WebhookTarget(url=f"https://hook.test:{port}/x", host="hook.test", port=port,
                               addresses=("127.0.0.1",), allowlisted=False)
        assert post_to_target(target, b"{}", {}, verify=trust) == 204
        assert sni == ["hook.test"] and seen == [f"hook.test:{port}"]
        wrong = WebhookTarget(url=f"https://other.test:{port}/x", host="other.test", port=port,
                              addresses=("127.0.0.1",), allowlisted=False)
        with pytest.raises(httpx.ConnectError):  # the certificate does not name other.test
            post_to_target(wrong, b"{}", {}, verify=trust)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.postgres
def test_worker_and_sweeper_racing_send_one_event(tmp_path, postgres_url):
    """Found by the pipeline test: both used to post the same outcome to the caller's webhook."""
    import threading

    from storage.db import session_factory
    from storage.migrate import upgrade_database
    from delivery.sender import deliver

    slow = start_receiver(delay=0.5)
    upgrade_database(postgres_url)
    sessions = session_factory(postgres_url)
    with sessions() as session:
        row = _notification(slow.url + "/hook")
        row.id = None
        session.add(row)
        session.commit()
        row_id = row.id
    settings = _settings(tmp_path, webhook_allow_http_hosts="127.0.0.1")

    def send() -> None:
        with sessions() as session:
            deliver(session, session.get(Notification, row_id), settings)
            session.commit()

    try:
        threads = [threading.Thread(target=send) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(slow.requests) == 1
        with sessions() as session:
            assert session.get(Notification, row_id).delivered_at is not None
    finally:
        slow.stop()
