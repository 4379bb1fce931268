"""`job-agent chat`: the terminal client of the local adapter, against a running or embedded server."""
from __future__ import annotations

import base64
import getpass
import os
import re
import shlex
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
import uvicorn

from config import Settings
from config.settings import _stored_secret
from domain.cv.filetype import READABLE_NAMES

# Short long-polls let an embedded server shut down cleanly soon after /quit.
POLL_SECONDS = 3
# Tracker exports (a spreadsheet, a calendar) are no letters: they go to a folder of their own.
EXPORT_SUFFIXES = (".csv", ".ics")
CV_USAGE = f"Usage: /cv PATH/TO/your-cv — {READABLE_NAMES}."


def terminal_locale() -> str | None:
    """The terminal's language as POSIX tells it (LC_ALL, then LC_MESSAGES, then LANG: "de_DE.UTF-8"),
    so the bot answers in it until /language says otherwise; None for "C"/"POSIX" or unset."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(".")[0].split("@")[0]
        if value:
            return None if value in ("C", "POSIX") else value[:16]
    return None


class ChatClient:
    def __init__(self, base_url: str, token: str, chat: str, *, output=print, letters_dir: Path = Path("letters"),
                 exports_dir: Path = Path("exports"), max_upload_bytes: int | None = None):
        self.http = httpx.Client(base_url=base_url, headers={"X-Local-Token": token}, timeout=70)
        self.chat = chat
        self.output = output
        self.letters_dir = letters_dir
        self.exports_dir = exports_dir
        # The server's MAX_UPLOAD_MB (the same settings): a larger file is announced by its size alone, so the
        # bot can say the limit in the chat; its body would be refused (413) near that limit.
        self.max_upload_bytes = max_upload_bytes
        self.after = 0
        self.stopped = threading.Event()

    def send(self, line: str) -> None:
        if line.startswith("/cv"):
            self.send_cv(line[3:].strip())
            return
        self.http.post("/local/messages", json={"chat": self.chat, "text": line, "locale": terminal_locale()}
                       ).raise_for_status()

    def send_cv(self, path_text: str) -> None:
        """Send the file's bytes as they are; the server decides from them what kind of file it is.

        ``path_text`` is taken as a terminal gives it when a file is dragged in: quoted
        ('…'), with backslash-escaped spaces, or as a file:// URL; unquoted spaces work too.
        """
        if not path_text:
            self.output(f"bot> {CV_USAGE}")
            return
        path = _dropped_path(path_text)
        if not path.is_file():
            self.output(f"bot> No file at {path}. {CV_USAGE}")
            return
        fields = {"chat": self.chat, "locale": terminal_locale() or ""}
        size = path.stat().st_size
        if self.max_upload_bytes is not None and size > self.max_upload_bytes:
            response = self.http.post("/local/cv", data={**fields, "size": str(size), "filename": path.name})
        else:
            with path.open("rb") as handle:
                response = self.http.post("/local/cv", data=fields,
                                          files={"file": (path.name, handle, "application/octet-stream")})
        if response.status_code == 413:
            self.output(f"bot> {path.name} is too large to send ({size / 1048576:.1f} MB).")
            return
        response.raise_for_status()

    def poll_forever(self) -> None:
        while not self.stopped.is_set():
            try:
                response = self.http.get("/local/updates", params={"chat": self.chat, "after": self.after, "timeout": POLL_SECONDS})
                response.raise_for_status()
            except httpx.HTTPError:
                time.sleep(1)
                continue
            for update in response.json():
                self.after = max(self.after, update["update_id"])
                self.show(update)

    def show(self, update: dict) -> None:
        if update["kind"] == "documents":
            saved = [str(self.save(file)) for file in update["files"]]
            self.output(f"bot> 📎 {(update['caption'] or 'Files').rstrip('.')}: saved to " + ", ".join(saved))
        elif update["kind"] == "edit":
            self.output(f"bot> ↻ {update['text']}")
        else:
            self.output("bot> " + update["text"].replace("\n", "\n     "))

    def save(self, file: dict) -> Path:
        """Write one received file under its name, made safe for any file system: a tracker export
        (.csv, .ics) into ``exports_dir``, anything else (letters, CVs) into ``letters_dir``."""
        name = re.sub(r"[^\w.-]", "_", file["filename"]).lstrip(".") or "letter.pdf"
        folder = self.exports_dir if name.lower().endswith(EXPORT_SUFFIXES) else self.letters_dir
        folder.mkdir(exist_ok=True)
        target = folder / name
        target.write_bytes(base64.b64decode(file["data"]))
        return target


def server_is_up(base_url: str) -> bool:
    try:
        httpx.get(base_url + "/health", timeout=2)
        return True
    except httpx.HTTPError:
        return False


def start_embedded_server(settings: Settings) -> tuple[uvicorn.Server, threading.Thread]:
    from bot.app import create_app

    config = uvicorn.Config(create_app(settings, quiet_worker=True), host=settings.api_host, port=settings.api_port,
                            log_level="warning", timeout_graceful_shutdown=POLL_SECONDS + 2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise SystemExit("the embedded server did not start; is the port taken?")
    return server, thread


def run_chat(settings: Settings) -> None:
    base_url = f"http://{settings.api_host}:{settings.api_port}"
    embedded = None
    if not server_is_up(base_url):
        print("Starting job-agent on this machine (embedded Redis and worker)…")
        embedded = start_embedded_server(settings)
    token = _stored_secret(settings.job_agent_data_dir / "local-chat-token")
    client = ChatClient(base_url, token, chat=re.sub(r"[^\w-]", "_", getpass.getuser())[:60],
                        max_upload_bytes=settings.max_upload_bytes)
    threading.Thread(target=client.poll_forever, daemon=True).start()
    print(f"Type /help. Send your CV with /cv PATH/TO/your-cv ({READABLE_NAMES}). /quit leaves.")
    client.send("/help")
    try:
        for line in sys.stdin:
            line = line.strip()
            if line in ("/quit", "/exit"):
                break
            if line:
                client.send(line)
    except KeyboardInterrupt:
        pass
    finally:
        client.stopped.set()
        if embedded is not None:
            server, thread = embedded
            server.should_exit = True
            thread.join(timeout=30)  # the app's shutdown stops the embedded worker and redis-server


def _dropped_path(text: str) -> Path:
    """A path as typed or dragged into a terminal (GNOME quotes it, macOS escapes spaces)."""
    if text.startswith("file://"):
        return Path(unquote(urlsplit(text).path))
    typed = Path(text).expanduser()
    if typed.exists():  # as typed, unquoted spaces and all
        return typed
    try:
        return Path(" ".join(shlex.split(text))).expanduser()
    except ValueError:  # an unbalanced quote, as in "it's": nothing to unquote
        return typed
