"""A loopback stand-in for the Slack Web API, speaking Slack's wire format, plus Slack's request signing.

It implements what job-agent calls (auth.test, chat.postMessage/update/postEphemeral, files.info,
the files_upload_v2 flow, response_url) and serves shared files only to a bearer of the bot token,
like files.slack.com. Files can be cloud documents (Google Docs: a link, no bytes), Slack Connect
stubs, refused by files.info, or fail to download. Every call is recorded so tests can assert on
what reached "Slack".

Opt in to chat.postMessage's limit with ``SlackStandIn(rate_limited=True)`` (about one message a
second per channel, short bursts allowed; over it: HTTP 429, ``Retry-After``, ``ratelimited``), and
make a channel or the whole workspace unreachable with :meth:`SlackStandIn.refuse_channel` /
:meth:`SlackStandIn.revoke_token` (``channel_not_found``, ``is_archived``, ``token_revoked``…).
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit

from tests.support.http_server import StandInServer
from tests.support.rate_limits import RateLimit, admit, retry_after_seconds

BOT_TOKEN = "xoxb-test-token"
TEAM_ID, BOT_USER_ID, BOT_ID = "T0TEST", "U0BOT", "B0BOT"
# Methods that post into a channel, and the argument naming it (api.slack.com/methods).
CHANNEL_METHODS = {"chat.postMessage": "channel", "chat.postEphemeral": "channel", "chat.update": "channel",
                   "files.completeUploadExternal": "channel_id"}
# chat.postMessage: "1 message per second per channel, with short bursts allowed" (api.slack.com/apis/rate-limits).
POST_INTERVAL, POST_BURST = 1.0, 3


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack sends: v0 HMAC-SHA256 over "v0:{timestamp}:{body}" with the signing secret."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = b"v0:" + str(timestamp).encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Call:
    method: str  # Web API method, or "download", "upload", "respond"
    params: dict
    headers: dict
    at: float = field(default_factory=time.monotonic)


class SlackStandIn:
    """Start with ``with SlackStandIn() as slack:``; point SLACK_API_BASE_URL at ``slack.api_url``."""

    def __init__(self, token: str = BOT_TOKEN, *, rate_limited: bool = False):
        self.token = token
        self._posts = RateLimit(POST_INTERVAL, POST_BURST) if rate_limited else None
        self.too_many_requests = 0  # posts answered 429 by the per-channel limit
        self.channel_errors: dict[str, str] = {}  # channel id -> the error its posts get
        self.token_error: str | None = None  # every call's error once the app is gone
        self.calls: list[Call] = []
        self.files: dict[str, dict] = {}  # file id -> file object (with bytes under "_data")
        self.uploads: dict[str, bytes] = {}
        self.closed_channels: set[str] = set()
        self.file_info_errors: dict[str, str] = {}  # file id -> files.info error
        self.download_errors: dict[str, int] = {}  # file id -> HTTP status of its download
        self.user_locales: dict[str, str] = {}  # user id -> locale users.info reports ("de-DE")
        self.failures: list[tuple[str, str | None, int, int]] = []  # (method, channel, HTTP status, Retry-After)
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self.server = StandInServer(("127.0.0.1", 0), _handler_for(self))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def __enter__(self) -> "SlackStandIn":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- test helpers -------------------------------------------------------------------------
    def add_file(self, name: str, data: bytes, *, mimetype: str = "application/pdf", filetype: str = "pdf") -> dict:
        """A file as Slack describes it in a file_share event; downloadable with the bearer token."""
        file_id = f"F{next(self._ts):08d}"
        file = {"id": file_id, "name": name, "title": name, "mimetype": mimetype, "filetype": filetype,
                "size": len(data), "url_private": f"{self.base_url}/files-pri/{TEAM_ID}-{file_id}/{name}",
                "url_private_download": f"{self.base_url}/files-pri/{TEAM_ID}-{file_id}/download/{name}"}
        self.files[file_id] = dict(file, _data=data)
        return file

    def add_external_file(self, name: str, *, filetype: str = "gdoc", external_type: str = "gdrive",
                          mimetype: str = "application/vnd.google-apps.document") -> dict:
        """A cloud document shared into Slack (a Google Doc by default), as Slack describes it.

        Slack holds only a link: ``mode: external``, ``is_external``, ``external_type``, no
        ``url_private_download``, and ``url_private`` pointing at the cloud service.
        """
        file_id = f"F{next(self._ts):08d}"
        file = {"id": file_id, "name": name, "title": name, "mimetype": mimetype, "filetype": filetype,
                "pretty_type": "Google Docs" if filetype == "gdoc" else filetype, "mode": "external",
                "is_external": True, "external_type": external_type, "is_public": False, "size": 0,
                "external_id": file_id.lower(), "url_private": f"https://docs.google.com/document/d/{file_id}/edit",
                "permalink": f"{self.base_url}/files/{file_id}", "has_rich_preview": True}
        self.files[file_id] = dict(file, _data=b"")
        return file

    @staticmethod
    def connect_stub(file: dict) -> dict:
        """What a message event carries for a file shared over Slack Connect: only its id."""
        return {"id": file["id"], "mode": "file_access", "file_access": "check_file_info", "created": 0,
                "timestamp": 0, "user": ""}

    def refuse_file_info(self, file_id: str, error: str = "file_not_found") -> None:
        """files.info answers ``ok: false`` with ``error`` for this file."""
        self.file_info_errors[file_id] = error

    def fail_download(self, file_id: str, status: int) -> None:
        """Downloads of this file answer with HTTP ``status`` (404 deleted, 500 Slack trouble)."""
        self.download_errors[file_id] = status

    def fail_next(self, method: str, *, channel: str | None = None, status: int = 429, retry_after: int = 1,
                  times: int = 1) -> None:
        """The next ``times`` calls of ``method`` (to ``channel``, if given) fail like Slack under load."""
        self.failures.extend([(method, channel, status, retry_after)] * times)

    def refuse_channel(self, channel: str, error: str = "channel_not_found") -> None:
        """Posts into ``channel`` answer ``ok: false`` with ``error`` (channel_not_found, not_in_channel,
        is_archived), as Slack does with HTTP 200."""
        self.channel_errors[channel] = error

    def revoke_token(self, error: str = "token_revoked") -> None:
        """Every later call answers ``error``: the app was uninstalled (token_revoked), or the workspace
        or its bot user deleted (account_inactive)."""
        self.token_error = error

    def rate_limit_wait(self, method: str, params: dict) -> int | None:
        """Whole seconds to wait when this post runs ahead of its channel's limit (it is refused), else None."""
        if self._posts is None or method != "chat.postMessage":
            return None
        with self._lock:
            wait = admit((self._posts, params.get("channel")))
            if not wait:
                return None
            self.too_many_requests += 1
        return retry_after_seconds(wait)

    def refusal(self, method: str, params: dict) -> str | None:
        """The error a call gets because the app or the channel is gone, if it is."""
        if self.token_error:
            return self.token_error
        argument = CHANNEL_METHODS.get(method)
        return self.channel_errors.get(params.get(argument)) if argument else None

    def take_failure(self, method: str, params: dict) -> tuple[int, int] | None:
        with self._lock:
            for index, (name, channel, status, retry_after) in enumerate(self.failures):
                if name == method and channel in (None, params.get("channel")):
                    del self.failures[index]
                    return status, retry_after
        return None

    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def posts(self, channel: str | None = None, thread_ts: str | None = None) -> list[dict]:
        """Messages posted (with their final text after chat.update), oldest first."""
        found = [call.params for call in self.calls_of("chat.postMessage") if "ts" in call.params]  # accepted ones
        return [p for p in found if (channel is None or p.get("channel") == channel)
                and (thread_ts is None or p.get("thread_ts") == thread_ts)]

    def wait_for(self, predicate, timeout: float = 60, message: str = "a Slack call"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {message}; calls: {[c.method for c in self.calls]}")

    # --- the Web API ----------------------------------------------------------------------------
    def call(self, method: str, params: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "job-agent",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            if params.get("channel") in self.closed_channels:
                return {"ok": False, "error": "not_in_channel"}
            ts = self._new_ts()
            params["ts"] = ts
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"ts": ts, "text": params.get("text"), "bot_id": BOT_ID}}
        if method == "chat.update":
            known = [p for p in self.posts(params.get("channel")) if p.get("ts") == params.get("ts")]
            if not known:
                return {"ok": False, "error": "message_not_found"}
            known[0].setdefault("edits", []).append(params)
            return {"ok": True, "channel": params["channel"], "ts": params["ts"], "text": params.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._new_ts()}
        if method == "users.info":  # https://api.slack.com/methods/users.info (locale with include_locale=true)
            locale = self.user_locales.get(params.get("user", ""))
            user = {"id": params.get("user"), "team_id": TEAM_ID, "name": "someone", "tz": "Europe/Berlin"}
            if str(params.get("include_locale", "")).lower() in ("true", "1") and locale:
                user["locale"] = locale
            return {"ok": True, "user": user}
        if method == "files.info":
            if params.get("file") in self.file_info_errors:
                return {"ok": False, "error": self.file_info_errors[params["file"]]}
            file = self.files.get(params.get("file", ""))
            return {"ok": True, "file": _public(file)} if file else {"ok": False, "error": "file_not_found"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/v1/{file_id}"}
        if method == "files.completeUploadExternal":
            files = json.loads(params["files"]) if isinstance(params.get("files"), str) else params.get("files")
            missing = [f["id"] for f in files if f["id"] not in self.uploads]
            if missing:
                return {"ok": False, "error": "invalid_arguments", "detail": f"never uploaded: {missing}"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return {"ok": False, "error": "unknown_method"}

    def _new_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    def record(self, method: str, params: dict, headers: dict) -> None:
        with self._lock:
            self.calls.append(Call(method, params, headers))


def _public(file: dict) -> dict:
    return {key: value for key, value in file.items() if not key.startswith("_")}


def _handler_for(slack: SlackStandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without this, Nagle plus the client's delayed
        # ACK stalls every keep-alive response by ~40 ms and the stand-in dominates timings.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path.startswith("/files-pri/"):
                self._download(path)
            elif path.startswith("/api/"):  # slack_sdk calls some methods (files.info) with GET and a query
                self.do_POST()
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = urlsplit(self.path).path
            headers = {k.lower(): v for k, v in self.headers.items()}
            if path.startswith("/upload/v1/"):
                slack.uploads[path.rsplit("/", 1)[1]] = body
                slack.record("upload", {"file_id": path.rsplit("/", 1)[1], "size": len(body)}, headers)
                return self._send(200, f"OK - {len(body)}".encode(), "text/plain")
            if path.startswith("/respond/"):
                slack.record("respond", json.loads(body or b"{}"), headers)
                return self._send(200, b"ok", "text/plain")
            method = path.removeprefix("/api/")
            # slack_sdk sends some methods' arguments in the query string, others as a form or JSON body.
            params = dict(parse_qsl(urlsplit(self.path).query), **_params(body, headers.get("content-type", "")))
            slack.record(method, params, headers)
            failure = slack.take_failure(method, params)
            if failure:
                status, retry_after = failure
                error = "ratelimited" if status == 429 else "internal_error"
                return self._send(status, json.dumps({"ok": False, "error": error}).encode(),
                                  extra={"Retry-After": str(retry_after)})
            if headers.get("authorization") != f"Bearer {slack.token}" and method != "api.test":
                return self._json({"ok": False, "error": "invalid_auth"})
            refused = slack.refusal(method, params)
            if refused:
                return self._json({"ok": False, "error": refused})
            retry_after = slack.rate_limit_wait(method, params)
            if retry_after:
                return self._send(429, json.dumps({"ok": False, "error": "ratelimited"}).encode(),
                                  extra={"Retry-After": str(retry_after)})
            try:
                self._json(slack.call(method, params))
            except Exception as exc:  # a malformed call: answer like Slack would, don't drop the connection
                self._json({"ok": False, "error": "invalid_arguments", "detail": repr(exc)})

        def _download(self, path: str) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            file_id = path.split("/")[2].split("-", 1)[-1]
            slack.record("download", {"file_id": file_id}, headers)
            if headers.get("authorization") != f"Bearer {slack.token}":
                # Slack answers a tokenless download with a redirect to its sign-in page.
                return self._send(302, b"", "text/html", extra={"Location": f"{slack.base_url}/signin"})
            file = slack.files.get(file_id)
            if file is None:
                return self._send(404, b"not found", "text/plain")
            if file_id in slack.download_errors:
                return self._send(slack.download_errors[file_id], b"error", "text/plain")
            self._send(200, file["_data"], file["mimetype"])

        def _json(self, payload: dict) -> None:
            self._send(200, json.dumps(payload).encode())

        def _send(self, status: int, data: bytes, content_type: str = "application/json", extra=None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _params(body: bytes, content_type: str) -> dict:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


if __name__ == "__main__":  # a stand-in in its own process, for benchmarks: prints its API URL
    import sys

    with SlackStandIn() as standin:
        print(standin.api_url, flush=True)
        sys.stdin.read()  # until the parent closes our stdin
