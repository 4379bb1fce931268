"""A person in the web chat, over real HTTP as the page's script talks to the server: the cookie from GET /chat,
the CSRF token from its meta tag, JSON and multipart POSTs, and the server-sent events read as EventSource does
(each read resumes after the last event seen, with Last-Event-ID)."""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

import httpx

META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class WebChat:
    def __init__(self, base_url: str, *, locale: str = "en-GB"):
        self.http = httpx.Client(base_url=base_url, timeout=30, headers={"Accept-Language": locale})
        self.page = self.http.get("/chat")
        self.page.raise_for_status()
        found = META.search(self.page.text)
        self.csrf = found.group(1) if found else ""
        self.events: list[dict] = []  # every event read so far, in order
        self.last = 0  # the seq of the last one: where the next read resumes

    @property
    def session_id(self) -> str:
        return self.http.cookies["job_agent_web"].split(".")[0]

    def post(self, path: str, *, headers: dict | None = None, **kwargs) -> httpx.Response:
        return self.http.post(path, headers={"X-CSRF-Token": self.csrf, **(headers or {})}, **kwargs)

    def say(self, text: str, *, client_id: str | None = None) -> None:
        body = {"text": text} if client_id is None else {"text": text, "client_id": client_id}
        response = self.post("/chat/messages", json=body)
        assert response.status_code == 202, response.text

    def press(self, button: dict) -> None:
        response = self.post("/chat/buttons", json={"action": button["action"], "value": button["value"],
                                                    "number": button.get("number")})
        assert response.status_code == 202, response.text

    def send_cv(self, data: bytes, filename: str = "cv.pdf", mime: str = "application/pdf", *,
                client_id: str | None = None) -> httpx.Response:
        params = {} if client_id is None else {"client_id": client_id}
        return self.post("/chat/cv", params=params, files={"file": (filename, data, mime)})

    def read(self, until: Callable[[list[dict]], object], *, timeout: float = 40, after: int | None = None):
        """Read the stream (from ``after``, else after the last event seen) until ``until(all events so far)`` is
        truthy; returns that value. AssertionError past ``timeout``."""
        deadline = time.monotonic() + timeout
        start = self.last if after is None else after
        headers = {"Last-Event-ID": str(start)} if start else {}
        while True:
            done = until(self.events)
            if done:
                return done
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; events so far: {[e['text'][:80] for e in self.events]}")
            with self.http.stream("GET", "/chat/events", params={"after": start}, headers=headers,
                                  timeout=httpx.Timeout(30, read=20)) as response:
                assert response.status_code == 200, response.read()
                for event in sse_events(response.iter_lines(), keep_alives=True):
                    if event is not None:  # None: a keep-alive, where only the deadline is looked at
                        self.events.append(event)
                        self.last = start = event["seq"]
                        headers = {"Last-Event-ID": str(start)}
                    done = until(self.events)
                    if done or time.monotonic() > deadline:
                        break

    def wait_for_text(self, needle: str, *, timeout: float = 40) -> dict:
        """The first event (message or edit) whose text holds ``needle``."""
        return self.read(lambda events: next((e for e in events if needle in e["text"]), None), timeout=timeout)

    def texts(self) -> list[str]:
        return [event["text"] for event in self.events]

    def answers(self) -> list[dict]:
        """The bot's events read so far (not the person's own messages, kind "mine")."""
        return answers(self.events)


def answers(events: list[dict]) -> list[dict]:
    return [event for event in events if event["kind"] != "mine"]


def sse_events(lines, *, keep_alives: bool = False):
    """Parse ``text/event-stream`` lines into the events' data objects (checking each event's id and name);
    ``keep_alives``: a None for each comment line too (the server's ": keep-alive")."""
    fields: dict[str, str] = {}
    for line in lines:
        if line.startswith(":"):
            if keep_alives:
                yield None
            continue
        if line == "":
            if "data" in fields:
                event = json.loads(fields["data"])
                assert fields.get("event") == "message" and fields.get("id") == str(event["seq"]), fields
                yield event
            fields = {}
            continue
        name, _, value = line.partition(":")
        fields[name] = value.removeprefix(" ")


def buttons(event: dict) -> list[dict]:
    """The buttons of an event's HTML, as the page's script reads them."""
    found = []
    for tag in re.findall(r"<button[^>]*>.*?</button>", event["html"], flags=re.DOTALL):
        attrs = dict(re.findall(r'data-(action|value|number)="([^"]*)"', tag))
        label = re.sub(r"<[^>]+>", "", tag.split(">", 1)[1].rsplit("</button>", 1)[0]).strip()
        if "action" in attrs:
            found.append({"action": attrs["action"], "value": html_unescape(attrs.get("value", "")),
                          "number": int(attrs["number"]) if attrs.get("number", "").isdigit() else None,
                          "label": html_unescape(label)})
    return found


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
