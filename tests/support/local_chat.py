"""Drives the local chat adapter over real HTTP, as `job-agent chat` does."""
from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.processes import wait_for


class LocalChat:
    def __init__(self, base_url: str, data_dir: Path, chat: str = "tester", locale: str | None = None):
        token = (data_dir / "local-chat-token").read_text().strip()
        self.http = httpx.Client(base_url=base_url, headers={"X-Local-Token": token}, timeout=30)
        self.chat = chat
        self.locale = locale  # as `job-agent chat` sends the terminal's (bot.local.client.terminal_locale)

    def say(self, text: str) -> None:
        self.http.post("/local/messages", json={"chat": self.chat, "text": text, "locale": self.locale}
                       ).raise_for_status()

    def send_cv(self, data: bytes, filename: str = "cv.pdf") -> None:
        self.http.post("/local/cv", data={"chat": self.chat, "locale": self.locale or ""},
                       files={"file": (filename, data, "application/pdf")}).raise_for_status()

    def updates(self) -> list[dict]:
        response = self.http.get("/local/updates", params={"chat": self.chat, "after": 0, "timeout": 0})
        response.raise_for_status()
        return response.json()

    def messages(self) -> list[str]:
        return [u["text"] for u in self.updates() if u["kind"] == "message"]

    def wait_for_message(self, needle: str, timeout: float = 30) -> str:
        def found():
            return next((text for text in self.messages() if needle in text), None)

        return wait_for(found, timeout=timeout, message=f"a chat message containing {needle!r}")
