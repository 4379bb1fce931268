"""Every inbound kind delivered two or three times, the copies at once: a Telegram update (a CV, a search,
a button press), a Slack event (a CV share), a slash command and a button click, and a REST POST with an
Idempotency-Key (a search and a CV upload). Each is handled once: one record, one result, one webhook."""
from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from storage.models import Application, ChatUser, JobSearch, UserProfile
from tests.support.chaos import (
    SEARCHES,
    Figures,
    TelegramPeople,
    chaos_env,
    cv_of,
    deployment,
    wait_quiet,
)
from tests.support.receivers import start_receiver
from tests.support.slack_payloads import (
    SIGNING_SECRET,
    SlackSender,
    button_click,
    file_share,
    slash_command,
)
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn
from tests.support.telegram_standin import buttons_of, callback_update, document_update

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
API_KEY = "chaos-api-key"


def at_once(times: int, send) -> list:
    """Call ``send(copy)`` for copy 0 … times-1 concurrently (retries racing the original); their results."""
    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(send, range(times)))


@pytest.fixture
def stack(data_dir, telegram, postgres_url, redis_prefix):
    """serve with Telegram, Slack and the REST API at once, and a worker; ``stack.slack``, ``stack.receiver``."""
    receiver = start_receiver()
    with SlackStandIn() as slack:
        host = receiver.url.removeprefix("http://")
        env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_prefix=redis_prefix,
                        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                        SLACK_API_BASE_URL=slack.api_url, API_KEYS=API_KEY, WEBHOOK_ALLOW_HTTP_HOSTS=host)
        with deployment(env, workers=1) as running:
            running.slack, running.receiver = slack, receiver
            yield running
    receiver.stop()


def test_every_inbound_kind_delivered_two_or_three_times_is_handled_once(stack, telegram):
    started = time.monotonic()
    handled = {}  # request -> (deliveries, times handled)
    handled.update(_telegram(stack, telegram))
    handled.update(_slack(stack))
    handled.update(_rest(stack))
    wait_quiet(stack, timeout=90)
    handled.update(_rest_webhooks(stack))
    handled = {name: (deliveries, count()) for name, (deliveries, count) in handled.items()}
    figures = Figures("every inbound kind delivered 2-3 times at once", len(handled),
                      sum(count == 1 for _, count in handled.values()), 0,
                      sum(count == 0 for _, count in handled.values()),
                      sum(count > 1 for _, count in handled.values()), time.monotonic() - started,
                      f"{sum(d for d, _ in handled.values())} deliveries").report()
    print(json.dumps(handled))
    assert handled == {name: (deliveries, 1) for name, (deliveries, _) in handled.items()}
    assert (figures.completed, figures.lost, figures.duplicated) == (len(handled), 0, 0)


def _telegram(stack, api) -> dict:
    """A CV, a search and a letter button, each update posted three times at once."""
    people = TelegramPeople(stack, api, first_id=810_000)
    sender, chat = people.person(0)
    cv = document_update(api, cv_of("python_dev_berlin"), sender=sender, chat=chat)
    at_once(3, lambda _: people.deliver(cv))
    people.wait_answered(people.track("cv", cv), 120)
    search = people.say(0, SEARCHES[0], "search")  # the first copy, then two more at once
    at_once(2, lambda _: people.deliver(search))
    people.wait_answered(people.requests[-1], 120)
    listing = next(m for m in reversed(list(api.messages.values()))
                   if m["chat"]["id"] == chat["id"] and any(b["callback_data"].startswith("letter:")
                                                               for b in buttons_of(m)))
    letter_button = next(b["callback_data"] for b in buttons_of(listing) if b["callback_data"].startswith("letter:"))
    press = callback_update(api, listing, letter_button, sender=sender)
    at_once(3, lambda _: people.deliver(press))
    api.wait_for_call("sendMediaGroup", lambda c: c.params.get("chat_id") == str(chat["id"]), timeout=120)
    wait_quiet(stack, timeout=60)

    def sent(marker: str):
        return lambda: sum(marker in (c.params.get("text") or "") for c in api.messages_sent()
                           if c.params.get("chat_id") == str(chat["id"]))

    owner = _owner(stack, "telegram", sender["id"])
    return {
        "telegram CV update ×3: profile messages": (3, sent("Your profile is ready")),
        "telegram CV update ×3: profiles stored": (3, lambda: _records(stack, UserProfile, owner)),
        "telegram search update ×3: lists sent": (3, sent("jobs for “")),
        "telegram search update ×3: searches stored": (3, lambda: _records(stack, JobSearch, owner)),
        "telegram letter button ×3: letters sent": (3, sent("Cover letter —")),
        "telegram letter button ×3: letters stored": (3, lambda: _records(stack, Application, owner)),
        "telegram letter button ×3: file albums sent": (3, lambda: sum(
            c.method == "sendMediaGroup" and c.params.get("chat_id") == str(chat["id"]) for c in api.messages_sent())),
    }


def _slack(stack) -> dict:
    """A CV share event three times (Slack's retries), then a slash command and a button click twice each."""
    slack, sender, user, dm, channel = stack.slack, SlackSender(stack.base_url), "U0CHAOS", "D0CHAOS", "C0CHAOS"
    file = slack.add_file("cv.pdf", cv_of("data_scientist"))
    share = file_share(file, user=user, channel=dm)
    def deliver(copy: int):  # Slack numbers its retries of an event
        retry = {"X-Slack-Retry-Num": str(copy), "X-Slack-Retry-Reason": "http_timeout"} if copy else {}
        return sender.event(share, event_id="Ev0CHAOS1", headers=retry)

    answers = at_once(3, deliver)
    assert [a.status_code for a in answers] == [200] * 3
    slack.wait_for(lambda: any("Your profile is ready" in _slack_text(p) for p in slack.posts(dm, share["ts"])),
                   timeout=120, message="the Slack profile")

    command = slash_command("/jobsearch", "python developer in Berlin", user=user, channel=channel,
                            response_url=slack.base_url + "/respond/1")
    assert [a.status_code for a in at_once(2, lambda _: sender.post(command))] == [200] * 2
    job_list = slack.wait_for(lambda: [p for p in slack.posts(channel) if p.get("thread_ts")
                                       and "Cover letter" in _slack_text(p)], timeout=120,
                              message="the Slack job list")[0]
    button = next(b["accessory"] for b in job_list["blocks"] if b.get("accessory", {}).get("action_id") == "letter")
    click = button_click(button, user=user, channel=channel, message=job_list,
                         response_url=slack.base_url + "/respond/2")
    assert [a.status_code for a in at_once(2, lambda _: sender.post(click))] == [200] * 2
    slack.wait_for(lambda: slack.calls_of("files.completeUploadExternal"), timeout=120, message="the letter's files")
    wait_quiet(stack, timeout=60)

    def posted(where: str, marker: str, thread: str | None = None):
        return lambda: sum(marker in _slack_text(p) for p in slack.posts(where, thread))

    owner = _owner(stack, "slack", user)
    return {
        "slack CV event ×3: profile messages": (3, posted(dm, "Your profile is ready", share["ts"])),
        "slack CV event ×3: profiles stored": (3, lambda: _records(stack, UserProfile, owner)),
        "slack /jobsearch ×2: lists sent": (2, lambda: sum("Cover letter" in _slack_text(p) and
                                                           not p["text"].startswith("Cover letter")
                                                           for p in slack.posts(channel) if p.get("thread_ts"))),
        "slack /jobsearch ×2: searches stored": (2, lambda: _records(stack, JobSearch, owner)),
        "slack letter button ×2: letters sent": (2, lambda: sum(p["text"].startswith("Cover letter")
                                                                 for p in slack.posts(channel))),
        "slack letter button ×2: letters stored": (2, lambda: _records(stack, Application, owner)),
        "slack letter button ×2: file uploads": (2, lambda: len(slack.calls_of("files.completeUploadExternal"))),
    }


def _rest(stack) -> dict:
    """A search and a CV upload, each POSTed three times at once under one Idempotency-Key."""
    http = httpx.Client(base_url=stack.base_url + "/api/v1", headers={"X-API-Key": API_KEY}, timeout=30)
    body = {"query": "python developer", "location": "Berlin", "webhook_url": stack.receiver.url + "/search"}
    searches = at_once(3, lambda _: http.post("/discovery", json=body, headers={"Idempotency-Key": "chaos-search-1"}))
    pdf = cv_of("marketing_manager")
    uploads = at_once(3, lambda _: http.post("/profiling", files={"pdf_files": ("cv.pdf", pdf, "application/pdf")},
                                           headers={"Idempotency-Key": "chaos-cv-1"}))
    # A copy that arrives while the first still runs is told 409 (try again); Telegram-like, the caller
    # retries it, and the retry gets the first answer.
    searches = [a if a.status_code != 409 else _retry(http, "/discovery", {"json": body}, "chaos-search-1")
                for a in searches]
    uploads = [a if a.status_code != 409 else _retry(
        http, "/profiling", {"files": {"pdf_files": ("cv.pdf", pdf, "application/pdf")}}, "chaos-cv-1")
        for a in uploads]
    assert [a.status_code for a in searches + uploads] == [202] * 6, [a.text for a in searches + uploads]
    search_answers = {a.content for a in searches}  # the same 202 body each time: the first answer, replayed
    upload_answers = {a.content for a in uploads}
    return {
        "REST search POST ×3: distinct answers": (3, lambda: len(search_answers)),
        "REST search POST ×3: searches stored": (3, lambda: _api_records(stack, JobSearch)),
        "REST CV upload ×3: distinct answers": (3, lambda: len(upload_answers)),
        "REST CV upload ×3: profiles stored": (3, lambda: _api_records(stack, UserProfile)),
    }


def _rest_webhooks(stack) -> dict:
    received = [r for r in stack.receiver.requests if r.path == "/search"]
    return {"REST search POST ×3: webhooks received": (3, lambda: len(received))}


def _retry(http: httpx.Client, path: str, request: dict, key: str) -> httpx.Response:
    for _ in range(100):
        answer = http.post(path, headers={"Idempotency-Key": key}, **request)
        if answer.status_code != 409:
            return answer
        time.sleep(0.1)
    return answer


def _slack_text(post: dict) -> str:
    return "\n".join([post.get("text") or "", *(str(block) for block in post.get("blocks") or []),
                      *((edit.get("text") or "") for edit in post.get("edits", []))])


def _owner(stack, platform: str, external_id) -> int:
    with stack.session() as session:
        return session.scalar(select(ChatUser.id).where(ChatUser.platform == platform,
                                                        ChatUser.external_user_id == str(external_id)))


def _records(stack, model, owner: int) -> int:
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.chat_user_id == owner))


def _api_records(stack, model) -> int:
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.api_key_id.is_not(None)))
