"""/jobsearch over three real board clients on Telegram and Slack, one board hanging: the list arrives within
the board deadline, merged across boards, deduplicated, local jobs first, and says which board is missing."""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.support.boards.adzuna import APP_ID, APP_KEY, AdzunaStandIn
from tests.support.boards.arbeitnow import ArbeitnowStandIn
from tests.support.boards.arbeitnow import job as arbeitnow_job
from tests.support.boards.remotive import RemotiveStandIn
from tests.support.slack_payloads import SIGNING_SECRET, SlackSender, slash_command
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn
from tests.support.stack import running_stack, stack_env
from tests.support.telegram_standin import (
    TOKEN,
    TelegramStandIn,
    private_chat,
    text_update,
    user,
)

pytestmark = [pytest.mark.integration, pytest.mark.redis]
DEADLINE = 3  # JOB_SOURCE_TIMEOUT_SECONDS: Remotive hangs far longer
NOW = datetime.now(UTC)


def adzuna_result(ad_id: str, title: str, company: str, display: str, area: list[str], lat: float, lon: float,
                  **extra) -> dict:
    """One result in Adzuna's wire format (developer.adzuna.com/docs/search)."""
    return {"__CLASS__": "Adzuna::API::Response::Job", "id": ad_id, "title": title,
            "description": f"{title} gesucht: Frontend developer mit React, TypeScript und CSS…",
            "redirect_url": f"https://www.adzuna.de/jobs/land/ad/{ad_id}?se=x&v=1",
            "created": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": company},
            "location": {"__CLASS__": "Adzuna::API::Response::Location", "display_name": display, "area": area},
            "latitude": lat, "longitude": lon, "contract_time": "full_time",
            "category": {"__CLASS__": "Adzuna::API::Response::Category", "label": "IT Jobs", "tag": "it-jobs"},
            **extra}


def boards():
    """Arbeitnow and Adzuna answer; Remotive hangs. The Acme job is on both answering boards, spelled differently."""
    created = int(NOW.timestamp()) - 3600
    arbeitnow = ArbeitnowStandIn(jobs=[
        arbeitnow_job("frontend-developer-acme-1", "Frontend Developer (m/w/d)", "Acme GmbH", "Berlin", created,
                      tags=["React", "TypeScript"]),
        arbeitnow_job("frontend-developer-isar-2", "Frontend Developer", "Isar Apps GmbH", "München", created),
        arbeitnow_job("frontend-remote-3", "Senior Frontend Developer", "Remote Co", "Remote", created, remote=True),
    ])
    adzuna = AdzunaStandIn(jobs=[
        adzuna_result("5000000001", "Frontend Developer", "ACME", "Berlin, Deutschland", ["Deutschland", "Berlin"],
                      52.52, 13.405, salary_min=55000, salary_max=65000, salary_is_predicted="0"),
        adzuna_result("5000000002", "Frontend-Entwickler", "Spree Digital", "Potsdam, Brandenburg",
                      ["Deutschland", "Brandenburg", "Potsdam"], 52.3989, 13.0657),
    ])
    remotive = RemotiveStandIn()
    remotive.hang = True
    return arbeitnow, adzuna, remotive


def board_env(arbeitnow, adzuna, remotive) -> dict[str, str]:
    return {"JOB_SOURCES": "arbeitnow,adzuna,remotive", "JOB_SOURCE_TIMEOUT_SECONDS": str(DEADLINE),
            "ARBEITNOW_BASE_URL": arbeitnow.url, "ADZUNA_BASE_URL": adzuna.url, "REMOTIVE_BASE_URL": remotive.url,
            "ADZUNA_APP_ID": APP_ID, "ADZUNA_APP_KEY": APP_KEY, "ADZUNA_COUNTRY": "de"}


def assert_merged_placed_and_noted(text: str) -> None:
    """What the person must read, whatever the platform's markup."""
    assert text.count("Acme") + text.count("ACME") == 1, text  # one job, though two boards listed it
    assert "via Adzuna · also on Arbeitnow" in text, text  # ... and both are credited
    berlin, potsdam = text.index("ACME"), text.index("Spree Digital")
    remote, munich = text.index("Remote Co"), text.index("Isar Apps")
    assert max(berlin, potsdam) < remote < munich, text  # local, then remote, then elsewhere
    assert "Missing from this list: Remotive did not answer within 3 s." in text
    assert "2 jobs in or near Berlin; also showing 1 remote and 1 elsewhere in Germany." in text
    assert "near Berlin (27 km)" in text[potsdam:remote]  # the reason agrees with the note: Potsdam is near
    assert "€55k–65k a year" in text
    assert "sample" not in text


def test_telegram_search_over_three_boards_one_hanging(data_dir, redis_prefix):
    arbeitnow, adzuna, remotive = boards()
    with TelegramStandIn() as api, arbeitnow, adzuna, remotive:
        env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                        TELEGRAM_WEBHOOK_SECRET="s3cret", TELEGRAM_API_BASE_URL=api.root, TELEGRAM_MODE="webhook",
                        **board_env(arbeitnow, adzuna, remotive))
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        with running_stack(env) as stack:
            sender = user(7101, "Board Tester")
            chat = private_chat(sender["id"], "Board Tester")
            started = time.monotonic()
            update = text_update(api, "/jobsearch frontend developer in Berlin", sender=sender, chat=chat)
            assert httpx.post(stack.base_url + "/telegram/webhook", json=update, timeout=10,
                              headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"}).status_code == 200
            [listing] = api.wait_for_call("sendMessage", lambda c: c.params.get("chat_id") == str(chat["id"])
                                          and "jobs for “frontend developer”" in c.params["text"], timeout=60)
            waited = time.monotonic() - started
            remotive.stop()
            # The whole flow ran without the Rust core of cryptography in the bot process (bot.cli.PASSPORT_CRYPTO).
            maps = Path(f"/proc/{stack.server.process.pid}/maps").read_text()
            assert "cryptography/hazmat/bindings/_rust" not in maps
    assert_merged_placed_and_noted(listing.params["text"])
    # The hanging board cost its deadline, not its hang (30 s): bounded by DEADLINE plus the pipeline's own time.
    assert waited < DEADLINE + 25, waited
    assert [r["path"] for r in remotive.requests] == ["/api/remote-jobs"]
    assert adzuna.requests[0]["path"] == "/v1/api/jobs/de/search/1" and adzuna.requests[0]["params"]["where"] == "Berlin"


def test_slack_search_over_three_boards_one_hanging(data_dir, redis_prefix):
    arbeitnow, adzuna, remotive = boards()
    with SlackStandIn() as slack, arbeitnow, adzuna, remotive:
        env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix, SLACK_BOT_TOKEN=BOT_TOKEN,
                        SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_BASE_URL=slack.api_url,
                        **board_env(arbeitnow, adzuna, remotive))
        with running_stack(env) as stack:
            response = SlackSender(stack.base_url).post(slash_command(
                "/jobsearch", "frontend developer in Berlin", user="U0BOARDS", channel="C0BOARDS",
                response_url=slack.base_url + "/respond/1"))
            assert response.status_code == 200
            listing = slack.wait_for(lambda: [p for p in slack.posts("C0BOARDS") if "Cover letter" in str(p.get("blocks"))],
                                     timeout=60, message="the ranked list")[0]
            remotive.stop()
    def said(element: dict) -> str:  # a context's mrkdwn text, or a button's plain_text object (actions)
        text = element.get("text", "")
        return text.get("text", "") if isinstance(text, dict) else text

    text = "\n".join(said(b) if isinstance(b.get("text"), dict) else "\n".join(said(e) for e in b.get("elements", []))
                     for b in listing["blocks"])
    assert_merged_placed_and_noted(text)


def test_rest_discovery_reports_each_board_and_leaves_out_old_postings(data_dir, redis_prefix):
    """A REST caller sees which board answered with how many postings and which failed, and
    ``max_age_days`` drops what the boards posted earlier."""
    from tests.support.boards.bundesagentur import BundesagenturStandIn
    from tests.support.boards.remoteok import RemoteOkStandIn
    from tests.support.boards.remoteok import sample_jobs as remoteok_jobs

    now = datetime.now(UTC)
    fresh, old = remoteok_jobs(now)[:2]
    forty_days_ago = now - timedelta(days=40)
    old = {**old, "epoch": int(forty_days_ago.timestamp()), "date": forty_days_ago.strftime("%Y-%m-%dT%H:%M:%S+00:00")}
    remoteok, bundesagentur = RemoteOkStandIn(jobs=[fresh, old], now=now), BundesagenturStandIn()
    bundesagentur.fail_next(503, {}, "<html>Service Unavailable</html>", times=20)
    with remoteok, bundesagentur:
        env = stack_env(data_dir, database_url=None, redis_prefix=redis_prefix, API_KEYS="rest-boards-key-0123",
                        JOB_SOURCES="remoteok,bundesagentur", REMOTEOK_BASE_URL=remoteok.url,
                        BUNDESAGENTUR_BASE_URL=bundesagentur.url, JOB_SOURCE_TIMEOUT_SECONDS=str(DEADLINE))
        with running_stack(env) as stack, httpx.Client(base_url=stack.base_url, timeout=30,
                                                       headers={"X-API-Key": "rest-boards-key-0123"}) as client:
            both = {"query": "python", "location": "Berlin", "num_results": 20}  # both postings are tagged python
            first = client.post("/api/v1/discovery", json=both).json()["job_search_id"]
            recent = client.post("/api/v1/discovery", json={**both, "max_age_days": 30}).json()["job_search_id"]
            results = []
            for search_id in (first, recent):
                deadline = time.monotonic() + 60
                while (response := client.get(f"/api/v1/discovery/{search_id}")).status_code == 202:
                    assert time.monotonic() < deadline
                    time.sleep(0.3)
                results.append(response.json())
    everything, fresh_only = results
    boards = {board["name"]: board for board in everything["boards"]}
    assert boards["remoteok"]["count"] >= 1 and boards["remoteok"]["error"] is None
    assert "Bundesagentur für Arbeit is not answering right now" in boards["bundesagentur"]["error"]
    assert everything["sample"] is False
    assert any("Bundesagentur für Arbeit is not answering right now" in note for note in everything["notes"])
    assert {job["job_id"] for job in everything["jobs"]} == {f"remoteok-{fresh['id']}", f"remoteok-{old['id']}"}
    assert [job["job_id"] for job in everything["jobs"]][-1] == f"remoteok-{old['id']}"  # older: after the fresh
    assert {job["job_id"] for job in fresh_only["jobs"]} == {f"remoteok-{fresh['id']}"}
    assert all(job["source"] == "remoteok" and job["via"] == "via Remote OK" for job in fresh_only["jobs"])
