"""No secret reaches a log: a whole flow through the real processes with JSON logs, then the logs are read.

`job-agent serve` and `job-agent worker` on Redis and PostgreSQL, each writing its stdout and stderr to
files, at LOG_LEVEL=DEBUG: the HTTP clients' request lines are written then (at INFO they are not, see
tests/config/test_logs.py), with the bot token and the SerpApi key in their URLs, and must come out redacted. Every secret has a distinctive value:
Telegram bot token and webhook secret, Slack bot token and signing secret, the completion-webhook key and
the callers' webhook key, an API key and an admin key, the metrics token, the SerpApi and LLM keys and the
database password. The flow: a Telegram CV, /jobsearch and a cover letter; a Slack CV shared in a DM and
an unsigned Slack request with a large body; a REST search with an API key and its caller's webhook;
/metrics and /admin/stats with their credentials. Then neither process's logs hold any secret or any
``bot<id>:<token>``, no line is longer than the cap, and the lines operators need are still there.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest

from config.logs import MAX_LINE_CHARS
from tests.bot.telegram.albums import AlbumTelegramStandIn
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import ROOT, ManagedProcess, free_port, wait_for, wait_until_healthy
from tests.support.receivers import start_receiver
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.slack_payloads import SlackSender, event_callback, file_share
from tests.support.slack_standin import SlackStandIn
from tests.support.stack import Stack, stack_env
from tests.support.telegram_standin import (
    TelegramStandIn, callback_update, document_update, private_chat, text_update, user,
)

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
_tag = uuid.uuid4().hex[:10]
SECRETS = {
    "TELEGRAM_BOT_TOKEN": f"987654321:AAF{_tag}tgTokenValue{_tag}xyz",
    "TELEGRAM_WEBHOOK_SECRET": f"tg-hook-{_tag}-secret",
    "SLACK_BOT_TOKEN": f"xoxb-{_tag}-slack-bot-token",
    "SLACK_SIGNING_SECRET": f"slack-signing-{_tag}",
    "WEBHOOK_SECRET": f"completion-hook-{_tag}",
    "API_WEBHOOK_SECRET": f"callers-hook-{_tag}",
    "API_KEYS": f"api-key-{_tag}-caller",
    "ADMIN_API_KEYS": f"admin-key-{_tag}-ops",
    "METRICS_TOKEN": f"metrics-{_tag}-token",
    "SERPAPI_API_KEY": f"serp-{_tag}-apikey",
    "LLM_API_KEY": f"llm-{_tag}-apikey",
}
DB_PASSWORD = f"dbpw-{_tag}-pass"
BOT_URL_TOKEN = re.compile(r"bot\d+(?::|%3[Aa])[A-Za-z0-9_-]{20,}")
LENA = PERSONAS["python_dev_berlin"]


class LoggedProcess(ManagedProcess):
    """A product process whose stdout and stderr go to their own files, unbounded, as an operator's would."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], folder: Path):
        super().__init__(name, command, env)
        self.paths = (folder / f"{name}.stdout", folder / f"{name}.stderr")

    def start(self) -> LoggedProcess:
        with open(self.paths[0], "wb") as out, open(self.paths[1], "wb") as err:
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=out, stderr=err,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        return self

    def output(self) -> str:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in self.paths if path.exists())

    def wait_for_output(self, needle: str, timeout: float = 60) -> None:
        wait_for(lambda: needle in self.output() or self.process.poll() is not None, timeout=timeout,
                 message=f"{self.name} to print {needle!r}")
        if needle not in self.output():
            raise RuntimeError(f"{self.name} exited:\n{self.output()[-5000:]}")


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def deployment(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    hook_port = free_port()
    with (AlbumTelegramStandIn(token=SECRETS["TELEGRAM_BOT_TOKEN"]) as telegram, SlackStandIn(SECRETS["SLACK_BOT_TOKEN"]) as slack,
          SerpApiStandIn(pages=1, per_page=10, api_key=SECRETS["SERPAPI_API_KEY"]) as serpapi,
          fresh_postgres_database() as database_url, redis_key_prefix() as prefix):
        scheme, _, rest = database_url.partition("://")
        user_part, _, host_part = rest.partition("@")  # trust authentication: the password is carried, not checked
        env = stack_env(tmp_path_factory.mktemp("data"), database_url=f"{scheme}://{user_part}:{DB_PASSWORD}@{host_part}",
                        redis_prefix=prefix, LOG_FORMAT="json", TELEGRAM_API_BASE_URL=telegram.root,
                        TELEGRAM_MODE="webhook", SLACK_API_BASE_URL=slack.api_url, SERPAPI_BASE_URL=serpapi.url,
                        WEBHOOK_ALLOW_HTTP_HOSTS=f"127.0.0.1:{hook_port}", LOG_LEVEL="DEBUG", **SECRETS)
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        stack = Stack(env)
        try:
            stack.server = LoggedProcess("serve", [sys.executable, "-m", "bot.cli", "serve"], env, logs).start()
            wait_until_healthy(stack.base_url, stack.server)
            worker = LoggedProcess("worker", [sys.executable, "-m", "bot.cli", "worker", "-c", "2"], env, logs)
            stack.workers.append(worker.start())
            worker.wait_for_output("ready.")
            yield stack, telegram, slack, hook_port
        finally:
            stack.stop()


def run_the_flow(stack, telegram: TelegramStandIn, slack: SlackStandIn, hook_port: int) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["TELEGRAM_WEBHOOK_SECRET"]}

    def post(update: dict) -> None:
        assert httpx.post(stack.base_url + "/telegram/webhook", json=update, headers=headers, timeout=10).status_code == 200

    def sent(needle: str, *, buttons: bool = False):
        def matches(call) -> bool:
            return call.params["chat_id"] == str(chat["id"]) and needle in str(
                call.params.get("reply_markup") if buttons else call.params["text"])
        return telegram.wait_for_call("sendMessage", matches, timeout=60)[-1]

    # Telegram: a CV (downloaded from /file/bot<token>/...), /jobsearch, a cover letter from its button.
    sender = user(6101, "Lena")
    chat = private_chat(sender["id"], "Lena")
    post(document_update(telegram, make_cv_pdf(LENA), sender=sender, chat=chat, file_name="Lena CV.pdf"))
    sent("Your profile is ready")
    post(text_update(telegram, "/jobsearch python developer in Berlin", sender=sender, chat=chat))
    listing = sent("letter:", buttons=True)
    letter = next(b["callback_data"] for row in listing.params["reply_markup"]["inline_keyboard"] for b in row
                  if b["callback_data"].startswith("letter:"))
    bot_message = next(m for m in reversed(list(telegram.messages.values()))
                       if m["chat"]["id"] == chat["id"] and m.get("reply_markup") == listing.params["reply_markup"])
    post(callback_update(telegram, bot_message, letter, sender=sender))
    sent("<b>Cover letter")

    # Slack: a CV shared in a DM (downloaded with the bot token), then a large unsigned request.
    slack_sender = SlackSender(stack.base_url, secret=SECRETS["SLACK_SIGNING_SECRET"])
    file = slack.add_file("lena-cv.pdf", make_cv_pdf(LENA))
    share = file_share(file, user="U0LENA", channel="D0LENA")
    assert slack_sender.event(share).status_code == 200
    slack.wait_for(lambda: any("Your profile is ready" in str(p) for p in slack.posts("D0LENA")), message="the profile")
    forged = event_callback({"type": "message", "text": "UNSIGNED-BODY-" * 20_000, "user": "U0X", "channel": "D0X"})
    refused = httpx.post(stack.base_url + "/slack/events", content=forged, timeout=10,
                         headers={"Content-Type": "application/json", "X-Slack-Signature": "v0=00",
                                  "X-Slack-Request-Timestamp": "1"})
    assert refused.status_code in (401, 413)

    # REST: a search with an API key and a webhook back to the caller; /metrics and /admin/stats.
    receiver = start_receiver(port=hook_port)
    try:
        api = httpx.Client(base_url=stack.base_url, headers={"X-API-Key": SECRETS["API_KEYS"]}, timeout=30)
        response = api.post("/api/v1/discovery", json={"query": "python developer", "num_results": 3,
                                                       "webhook_url": f"http://127.0.0.1:{hook_port}/done"})
        assert response.status_code == 202, response.text
        wait_for(lambda: receiver.requests, timeout=60, message="the caller's completion webhook")
        assert b"completed" in receiver.requests[0].body
    finally:
        receiver.stop()
    httpx.get(stack.base_url + "/metrics", headers={"Authorization": f"Bearer {SECRETS['METRICS_TOKEN']}"})
    httpx.get(stack.base_url + "/admin/stats", headers={"X-API-Key": SECRETS["ADMIN_API_KEYS"]})


def test_a_whole_flow_leaves_no_secret_in_any_log(deployment):
    stack, telegram, slack, hook_port = deployment
    run_the_flow(stack, telegram, slack, hook_port)

    for process in (stack.server, *stack.workers):
        text = process.output()
        leaks = [name for name, value in {**SECRETS, "DB_PASSWORD": DB_PASSWORD}.items() if value in text]
        assert not leaks, f"{process.name}'s log holds {leaks}"
        assert not BOT_URL_TOKEN.search(text), f"{process.name}'s log holds a bot token: {BOT_URL_TOKEN.search(text)}"
        assert SECRETS["TELEGRAM_BOT_TOKEN"].split(":")[1] not in text
        assert "UNSIGNED-BODY-UNSIGNED-BODY" not in text  # slack-bolt's refusal line no longer carries the body
        longest = max(len(line) for line in text.splitlines())
        assert longest < 2 * MAX_LINE_CHARS + 2000, f"{process.name} wrote a line of {longest} characters"

    server = [json.loads(line) for line in stack.server.paths[1].read_text().splitlines() if line.startswith("{")]
    worker = [json.loads(line) for line in stack.workers[0].paths[1].read_text().splitlines() if line.startswith("{")]
    assert server and worker, "both processes log JSON on stderr"
    # What operators read is still there: results delivered, tasks completed (with their ids), requests made.
    assert any(entry["message"].endswith("completed") and entry.get("record_id") for entry in worker)
    assert any("submitted by" in entry["message"] for entry in server)
    # At DEBUG the HTTP clients' request lines were written, the bot token and SerpApi's key redacted.
    assert any("/search?" in entry["message"] and "api_key=[redacted]" in entry["message"] for entry in worker)
    bot_api = [entry["message"] for entry in server if entry["logger"] == "httpx"]
    assert any("/bot[redacted]/sendMessage" in line for line in bot_api), bot_api[:3]
    assert any("/file/bot[redacted]/" in line for line in bot_api), bot_api[:3]
    # slack-bolt's refusal line, when the request gets that far (serve may refuse it before reading), says
    # the body's size, not the body.
    assert all("not logged" in entry["message"] for entry in server if "Invalid request signature" in entry["message"])
