"""Callers' webhook URLs: public https targets only, and the POST goes to the address we vetted.

A URL is checked when the request arrives and again before every delivery: https only
(plain http and internal addresses only for hosts an operator allowlists), no credentials
in it, and every address its host resolves to must be public. The POST then connects to
one of those vetted addresses while keeping the name for ``Host`` and TLS (SNI and the
certificate check), so a DNS answer that changes in between (rebinding) cannot steer it
elsewhere. Redirects are never followed and environment proxies are ignored.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
from functools import cache
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import httpx

logger = logging.getLogger(__name__)

MAX_URL_CHARS = 500  # the column size of record.webhook_url
RESOLVE_TIMEOUT_SECONDS = 3.0
WEBHOOK_TIMEOUT = httpx.Timeout(5.0, connect=3.0)
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhook-dns")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeWebhook(ValueError):
    """The URL may not be called; ``reason`` says why in words a caller can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class WebhookTarget:
    """A checked URL and the addresses it may be delivered to."""

    url: str
    host: str
    port: int
    addresses: tuple[str, ...]
    allowlisted: bool


def check_webhook_url(url: str, *, allow_http_hosts: frozenset[str]) -> WebhookTarget:
    """Return the vetted target for ``url`` or raise ``UnsafeWebhook``; resolves DNS (blocking)."""
    parsed = _parse(url)
    host, port = parsed.host.lower().rstrip("."), parsed.port or (443 if parsed.scheme == "https" else 80)
    allowlisted = host in allow_http_hosts or f"{host}:{port}" in allow_http_hosts
    if parsed.scheme != "https" and not allowlisted:
        raise UnsafeWebhook("webhook_url must use https")
    addresses = resolve_host(host, port)
    if not allowlisted:
        for address in addresses:
            _require_public(address)
    return WebhookTarget(url=str(parsed), host=host, port=port, addresses=tuple(map(str, addresses)),
                         allowlisted=allowlisted)


def _parse(url: str) -> httpx.URL:
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS:
        raise UnsafeWebhook(f"webhook_url must be an absolute https URL of at most {MAX_URL_CHARS} characters")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise UnsafeWebhook("webhook_url must not contain spaces or control characters")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise UnsafeWebhook("webhook_url is not a valid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise UnsafeWebhook("webhook_url must be an absolute https URL")
    if parsed.userinfo:
        raise UnsafeWebhook("webhook_url must not contain a user name or password")
    return parsed.copy_with(fragment=None)


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` names (an IP literal names itself), or ``UnsafeWebhook``."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    future = _resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=RESOLVE_TIMEOUT_SECONDS)
    except (OSError, UnicodeError, FutureTimeout):
        raise UnsafeWebhook(f"the host of webhook_url ({host}) could not be resolved") from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))
    if not addresses:
        raise UnsafeWebhook(f"the host of webhook_url ({host}) has no address")
    return addresses


def _require_public(address: IPAddress) -> None:
    inner = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None) or address
    for candidate in {address, inner}:
        if (not candidate.is_global or candidate.is_private or candidate.is_loopback or candidate.is_link_local
                or candidate.is_multicast or candidate.is_reserved or candidate.is_unspecified):
            raise UnsafeWebhook(f"webhook_url points to a non-public address ({address})")


@cache
def _trust_store() -> ssl.SSLContext:
    """The default certificate check, built once: loading the CA bundle took 28 ms of CPU a post.
    Only the context is shared; each post still has a client (and connections) of its own."""
    return httpx.create_ssl_context(trust_env=False)


def post_to_target(target: WebhookTarget, body: bytes, headers: dict[str, str], *,
                   verify: ssl.SSLContext | bool = True) -> int:
    """POST ``body`` to the first vetted address that accepts a connection; returns the status code.

    The certificate is checked against the host name (sent as SNI), not the address. The
    response body is never read (a hostile receiver could send gigabytes). A fresh client each
    time: a pooled connection to a shared address could carry one host's request over a TLS
    session verified for another.
    """
    if verify is True:
        verify = _trust_store()
    url = httpx.URL(target.url)
    default_port = 443 if url.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{_bracketed(target.host)}:{target.port}"
    extensions = {"sni_hostname": target.host} if url.scheme == "https" else {}
    last_error: httpx.HTTPError | None = None
    with httpx.Client(timeout=WEBHOOK_TIMEOUT, follow_redirects=False, trust_env=False, verify=verify) as client:
        for address in target.addresses:
            pinned = url.copy_with(host=address, port=target.port)
            try:
                with client.stream("POST", pinned, content=body, headers={**headers, "Host": host_header},
                                   extensions=extensions) as response:
                    return response.status_code
            except httpx.ConnectError as exc:
                logger.info("webhook host %s at %s refused the connection: %s", target.host, address, exc)
                last_error = exc
    raise last_error or httpx.ConnectError("no address to connect to")


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
