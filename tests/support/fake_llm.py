"""A loopback stand-in for an OpenAI-compatible chat-completions API (POST /v1/chat/completions)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeChatServer:
    """Serves one scripted behaviour on 127.0.0.1:<free port> and records every request body.

    ``reply`` is the assistant message content to return; ``status`` other than 200 answers
    with an OpenAI-shaped error; ``delay`` sleeps before answering (to provoke timeouts).
    ``replies`` (optional) are served one per request in order, the last one repeated, so one
    server can script a conversation; when given, ``reply`` is ignored.
    """

    def __init__(self, reply: str = "", *, status: int = 200, delay: float = 0.0, replies: list[str] | None = None):
        self.reply, self.status, self.delay = reply, status, delay
        self.replies = list(replies or [])
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeChatServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def next_reply(self) -> str:
        """The answer to the request just recorded: ``replies`` in turn (last repeated), else ``reply``."""
        if not self.replies:
            return self.reply
        return self.replies[min(len(self.requests), len(self.replies)) - 1]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "body": body})
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                if fake.delay:
                    time.sleep(fake.delay)
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                if fake.status != 200:
                    return self._send(fake.status, {"error": {"message": "boom", "type": "server_error"}})
                return self._send(200, completion(body.get("model", "m"), fake.next_reply()))

            def _send(self, status, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        return Handler


def completion(model: str, content: str) -> dict:
    """A chat.completion object shaped like the real API's."""
    return {
        "id": "chatcmpl-test123", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                     "logprobs": None, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 80, "total_tokens": 200},
        "system_fingerprint": "fp_test",
    }
