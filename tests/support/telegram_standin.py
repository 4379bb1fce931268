"""A stand-in Telegram Bot API server on 127.0.0.1, speaking the real wire format.

Methods at ``POST|GET /bot{token}/{method}`` take JSON, url-encoded or multipart bodies (what
python-telegram-bot sends) and answer ``{"ok": true, "result": ...}`` with real-shaped
objects, or ``{"ok": false, "error_code", "description"}`` with the real error texts for the
mistakes we care about (message too long, bad HTML, unchanged edits, oversized button data).
Files registered with :meth:`TelegramStandIn.add_file` are served at ``/file/bot{token}/PATH``.
Every call is recorded for assertions, and the ``*_update`` helpers build real-shaped Update JSON.

Opt in to Telegram's flood limits with ``TelegramStandIn(limits=FloodLimits())`` (about 30 messages a
second overall, one a second per chat with short bursts; a call over them answers 429 with
``retry_after`` and costs nothing), and make a chat unreachable with :meth:`TelegramStandIn.block`
(403 "Forbidden: bot was blocked by the user", or the group's "kicked" text).
"""
from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.support.telegram_updates import (  # noqa: F401 (re-exported for tests)
    buttons_of, callback_update, document_update, forum_chat, group_chat, photo_update, private_chat, text_update,
    user,
)
from tests.support.http_server import StandInServer
from tests.support.rate_limits import RateLimit, admit, retry_after_seconds
from tests.support.telegram_wire import (
    MAX_CAPTION, MAX_TEXT, BotApiError, check_markup, check_text, parse_body,
)

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvw"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Job Agent", "username": "job_agent_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
BLOCKED = "Forbidden: bot was blocked by the user"
KICKED = "Forbidden: bot was kicked from the group chat"
DEACTIVATED = "Forbidden: user is deactivated"
# What counts as a message against the flood limits (edits and answers to button taps do not).
MESSAGE_METHODS = frozenset({"sendMessage", "sendDocument", "sendMediaGroup", "sendPhoto", "copyMessage",
                             "forwardMessage"})


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's limits for bots (core.telegram.org/bots/faq: "no more than 30 messages per second"
    in bulk, "no more than one message per second" in one chat, "short bursts" allowed)."""

    overall_per_second: float = 30
    # A bot's own limiter (PTB's AIORateLimiter) may send 30 at once; three more are room for the
    # network's jitter, without which two calls sent 33 ms apart can arrive 30 ms apart and be refused.
    overall_burst: int = 33
    chat_interval: float = 1.0
    chat_burst: int = 3


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)
    status: int = 200  # the HTTP status the stand-in answered (429 refused by the flood limits, 403 blocked)


class TelegramStandIn:
    """Start with ``with TelegramStandIn() as api:``; ``api.root`` is TELEGRAM_API_BASE_URL."""

    def __init__(self, token: str = TOKEN, port: int = 0, *, limits: FloodLimits | None = None):
        self.token = token
        self.limits = limits
        self._overall = RateLimit(1 / limits.overall_per_second, limits.overall_burst) if limits else None
        self._per_chat = RateLimit(limits.chat_interval, limits.chat_burst) if limits else None
        self.gone: dict[str, str] = {}  # chat id -> the 403 description its calls get
        self.too_many_requests = 0  # calls answered 429 by the flood limits
        self.calls: list[Call] = []
        self.files: dict[str, dict] = {}  # file_id -> {"path", "data", "unique_id"}
        self.messages: dict[tuple[int, int], dict] = {}  # (chat_id, message_id) -> Message
        self.pending_updates: list[dict] = []
        self.failures: dict[str, list[BotApiError]] = {}
        self.webhook: dict = {}
        self._ids = itertools.count(1000)
        self._update_ids = itertools.count(int(time.time() * 1000) % 10**9)
        self._lock = threading.Condition()
        self._server = StandInServer(("127.0.0.1", port), _handler_for(self))

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> "TelegramStandIn":
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def root(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- assertions ----------------------------------------------------------------------------
    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for_call(self, method: str, predicate=lambda call: True, *, timeout: float = 30, count: int = 1) -> list[Call]:
        """Block until ``count`` calls of ``method`` match ``predicate``; return them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method and predicate(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params.get("text", "")[:80]) for c in self.calls]
                    raise AssertionError(f"no {count}× {method} within {timeout}s; calls: {seen}")
                self._lock.wait(min(left, 0.2))

    def fail_next(self, method: str, code: int, description: str, parameters: dict | None = None) -> None:
        """Make the next call of ``method`` answer with this error (e.g. 429 with retry_after)."""
        with self._lock:
            self.failures.setdefault(method, []).append(BotApiError(code, description, parameters))

    def block(self, chat_id: int | str, description: str = BLOCKED) -> None:
        """Every later call into this chat answers 403 with ``description`` (blocked, kicked, deactivated)."""
        with self._lock:
            self.gone[str(chat_id)] = description

    def messages_sent(self) -> list[Call]:
        """The message calls Telegram accepted, in order."""
        with self._lock:
            return [call for call in self.calls if call.method in MESSAGE_METHODS and call.status == 200]

    # -- inputs ----------------------------------------------------------------------------------
    def add_file(self, data: bytes, *, suffix: str = "pdf") -> tuple[str, str]:
        """Make ``data`` downloadable; returns (file_id, file_unique_id) for a document update."""
        file_id, unique = "BQACAgIAAxkBAAI" + uuid.uuid4().hex, "AgAD" + uuid.uuid4().hex[:12]
        with self._lock:
            self.files[file_id] = {"path": f"documents/file_{next(self._ids)}.{suffix}", "data": data,
                                   "unique_id": unique}
        return file_id, unique

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def queue_update(self, update: dict) -> None:
        """Deliver an update through getUpdates (long-polling mode)."""
        with self._lock:
            self.pending_updates.append(update)
            self._lock.notify_all()

    def remember(self, message: dict) -> dict:
        with self._lock:
            self.messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def message_from_user(self, *, chat: dict, user: dict, thread_id: int | None = None, **content) -> dict:
        message = {"message_id": next(self._ids), "from": user, "chat": chat, "date": int(time.time()), **content}
        if thread_id is not None:
            message.update(message_thread_id=thread_id, is_topic_message=True)
        return self.remember(message)

    # -- the Bot API -----------------------------------------------------------------------------
    def dispatch(self, method: str, params: dict):
        call = Call(method, params)
        try:
            with self._lock:
                self.calls.append(call)
                self._lock.notify_all()
                queued = self.failures.get(method)
                if queued:
                    raise queued.pop(0)
                self._enforce(method, params)
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                raise BotApiError(404, "Not Found")
            return handler(params)
        except BotApiError as exc:
            call.status = exc.code
            raise

    def _enforce(self, method: str, params: dict) -> None:
        """A chat that blocked the bot answers 403 to anything; a message over the limits 429."""
        chat = str(params.get("chat_id", ""))
        if chat in self.gone:
            raise BotApiError(403, self.gone[chat])
        if self.limits is None or method not in MESSAGE_METHODS:
            return
        wait = admit((self._per_chat, chat), (self._overall, None))
        if wait > 0:
            self.too_many_requests += 1
            seconds = retry_after_seconds(wait)
            raise BotApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})

    def api_getMe(self, params):
        return BOT_USER

    def api_setWebhook(self, params):
        self.webhook = {"url": params.get("url"), "secret_token": params.get("secret_token"),
                        "allowed_updates": params.get("allowed_updates")}
        return True

    def api_deleteWebhook(self, params):
        self.webhook = {}
        return True

    def api_getUpdates(self, params):
        if self.webhook.get("url"):
            raise BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                   "use deleteWebhook to delete the webhook first")
        offset, timeout = int(params.get("offset") or 0), float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 5)
        with self._lock:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
            while not self.pending_updates and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            return list(self.pending_updates[: int(params.get("limit") or 100)])

    def api_getFile(self, params):
        entry = self.files.get(params.get("file_id"))
        if entry is None:
            raise BotApiError(400, "Bad Request: invalid file_id")
        if len(entry["data"]) > 20 * 1024 * 1024:
            raise BotApiError(400, "Bad Request: file is too big")
        return {"file_id": params["file_id"], "file_unique_id": entry["unique_id"], "file_size": len(entry["data"]),
                "file_path": entry["path"]}

    def api_sendMessage(self, params):
        text = params.get("text") or ""
        check_text(text, params.get("parse_mode"), MAX_TEXT)
        check_markup(params.get("reply_markup"))
        return self._new_bot_message(params, text=text)

    def api_editMessageText(self, params):
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        text = params.get("text") or ""
        check_text(text, params.get("parse_mode"), MAX_TEXT)
        check_markup(params.get("reply_markup"))
        if message.get("text") == text and message.get("reply_markup") == params.get("reply_markup"):
            raise BotApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                   "markup are exactly the same as a content and reply markup of the current message")
        message = dict(message, text=text, edit_date=int(time.time()))
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return self.remember(message)

    def api_editMessageReplyMarkup(self, params):
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        check_markup(params.get("reply_markup"))
        message = {k: v for k, v in message.items() if k != "reply_markup"}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return self.remember(dict(message, edit_date=int(time.time())))

    def api_sendDocument(self, params):
        document = params.get("document")
        if not isinstance(document, tuple):
            raise BotApiError(400, "Bad Request: there is no document in the request")
        filename, data = document
        check_text(params.get("caption") or "", params.get("parse_mode"), MAX_CAPTION)
        file_id, unique = self.add_file(data)
        doc = {"file_name": filename, "mime_type": "application/pdf", "file_id": file_id,
               "file_unique_id": unique, "file_size": len(data)}
        return self._new_bot_message(params, document=doc, caption=params.get("caption") or None)

    def api_answerCallbackQuery(self, params):
        if not params.get("callback_query_id"):
            raise BotApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    def _new_bot_message(self, params: dict, **content) -> dict:
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        message = {"message_id": next(self._ids), "from": BOT_USER, "chat": chat, "date": int(time.time()),
                   **{k: v for k, v in content.items() if v is not None}}
        if params.get("message_thread_id"):
            message.update(message_thread_id=int(params["message_thread_id"]), is_topic_message=True)
        reply = params.get("reply_parameters") or {}
        if reply.get("message_id"):
            target = self.messages.get((chat_id, int(reply["message_id"])))
            if target is not None:
                message["reply_to_message"] = target
            elif not reply.get("allow_sending_without_reply"):
                raise BotApiError(400, "Bad Request: message to be replied not found")
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return self.remember(message)

    def download(self, path: str) -> bytes | None:
        with self._lock:
            self.calls.append(Call("download", {"file_path": path}))
            self._lock.notify_all()
            return next((entry["data"] for entry in self.files.values() if entry["path"] == path), None)


# -- HTTP ----------------------------------------------------------------------------------------------
def _handler_for(api: TelegramStandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without this, Nagle plus the client's delayed
        # ACK stalls every keep-alive response by ~40 ms and the stand-in dominates timings.
        disable_nagle_algorithm = True

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self._serve()

        def do_POST(self):
            self._serve()

        def _serve(self):
            path = urlsplit(self.path)
            path = path._replace(path=unquote(path.path))  # PTB percent-encodes file paths (the token's ':')
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            file_prefix = f"/file/bot{api.token}/"
            if path.path.startswith(file_prefix):
                data = api.download(path.path[len(file_prefix):])
                found = data is not None  # an empty file is still a file
                return self._reply(200 if found else 404, data if found else b"Not Found", "application/octet-stream")
            prefix, _, method = path.path.rpartition("/")
            if prefix != f"/bot{api.token}":
                return self._json(401 if prefix.startswith("/bot") else 404,
                                  {"ok": False, "error_code": 401, "description": "Unauthorized"})
            params = dict(parse_qsl(path.query))
            params.update(parse_body(self.headers.get("Content-Type", ""), body))
            try:
                result = api.dispatch(method, params)
            except BotApiError as exc:
                error = {"ok": False, "error_code": exc.code, "description": exc.description}
                if exc.parameters:
                    error["parameters"] = exc.parameters
                return self._json(exc.code, error)
            self._json(200, {"ok": True, "result": result})

        def _json(self, status: int, payload: dict) -> None:
            self._reply(status, json.dumps(payload).encode(), "application/json")

        def _reply(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


