"""Signatures, Slack's retries, rate limits and channel access, through the real server (PostgreSQL, Redis)."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from storage.models import InboundEvent, UserProfile
from tests.support.slack_payloads import SlackSender, event_callback, file_share, slash_command
from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
def stack(postgres_stack):
    return postgres_stack


def _count(stack, model, *where) -> int:
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_forged_and_stale_signatures_are_refused_and_nothing_happens(stack, slack, sender):
    calls_before = len(slack.calls)
    body = slash_command("/jobsearch", "python", user="U0EVE", channel="C0EVE", response_url=slack.base_url + "/respond/x")
    assert sender.post(body, secret="not-the-secret").status_code == 401
    assert sender.post(body, timestamp=int(time.time()) - 6 * 60).status_code == 401  # outside Slack's 5 minutes
    assert sender.post(body, headers={"X-Slack-Signature": "v0=" + "0" * 64}).status_code == 401
    tampered = body.replace(b"python", b"rust")
    response = sender.http.post(sender.url, content=tampered, headers={
        "Content-Type": "application/x-www-form-urlencoded", **_signature_of(sender, body)})
    assert response.status_code == 401
    time.sleep(1.5)
    assert not [c for c in slack.calls[calls_before:] if c.params.get("channel") == "C0EVE"]
    assert _count(stack, InboundEvent, InboundEvent.payload["kind"].as_string() == "command") == 0


def _signature_of(sender: SlackSender, body: bytes) -> dict:
    from tests.support.slack_standin import sign

    return sign(sender.secret, body)


def test_a_retried_event_is_handled_once(stack, slack, sender):
    channel = "D0RETRY"
    file = slack.add_file("cv.pdf", make_cv_pdf(PERSONAS["data_scientist"]))
    event = file_share(file, user="U0RETRY", channel=channel)
    first = sender.event(event, event_id="Ev0RETRY1")
    retries = [sender.event(event, event_id="Ev0RETRY1",
                            headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"})
               for n in (1, 2, 3)]
    assert [r.status_code for r in [first, *retries]] == [200] * 4
    slack.wait_for(lambda: any("Your profile is ready" in (p.get("text") or "")
                               for p in slack.posts(channel, event["ts"])), message="the profile")
    time.sleep(1)
    assert _count(stack, InboundEvent, InboundEvent.event_id == "Ev0RETRY1") == 1
    assert _count(stack, UserProfile) >= 1
    with stack.session() as session:
        from storage.models import ChatUser

        user = session.scalar(select(ChatUser).where(ChatUser.external_user_id == "U0RETRY"))
        assert session.scalar(select(func.count()).select_from(UserProfile)
                              .where(UserProfile.chat_user_id == user.id)) == 1
    assert len([c for c in slack.calls_of("download") if c.params["file_id"] == file["id"]]) == 1
    assert len([p for p in slack.posts(channel, event["ts"]) if "Got your CV" in (p.get("text") or "")]) == 1


def test_too_large_file_is_refused_before_any_download(stack, slack, sender):
    channel = "D0BIG"
    file = slack.add_file("huge.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))  # MAX_UPLOAD_MB=1 here
    event = file_share(file, user="U0BIG", channel=channel)
    assert sender.event(event).status_code == 200
    slack.wait_for(lambda: any("I accept CVs up to 1 MB" in (p.get("text") or "")
                               for p in slack.posts(channel, event["ts"])), message="the size refusal")
    assert not [c for c in slack.calls_of("download") if c.params["file_id"] == file["id"]]


def test_images_in_channels_are_ignored_and_other_files_explained_in_a_dm(stack, slack, sender):
    image = slack.add_file("cat.png", b"\x89PNG\r\n\x1a\n....", mimetype="image/png", filetype="png")
    notes = slack.add_file("notes.txt", b"shopping list\n" * 20, mimetype="text/plain", filetype="text")
    in_channel = file_share(image, user="U0IMG", channel="C0IMG", channel_type="channel")
    in_dm = file_share(notes, user="U0IMG", channel="D0IMG")
    assert sender.event(in_channel).status_code == 200
    assert sender.event(in_dm).status_code == 200
    slack.wait_for(lambda: any("can't read this kind of file" in (p.get("text") or "") for p in slack.posts("D0IMG")),
                   message="the 'not a CV format' answer in the DM")
    assert slack.posts("C0IMG") == []


def test_rate_limited_posts_are_retried_after_retry_after(stack, slack, sender):
    slack.fail_next("chat.postMessage", channel="C0RL", status=429, retry_after=1)
    started = time.monotonic()
    assert sender.post(slash_command("/jobhelp", "", user="U0RL", channel="C0RL",
                                     response_url=slack.base_url + "/respond/rl")).status_code == 200
    slack.wait_for(lambda: slack.posts("C0RL"), message="the help message after the 429")
    assert time.monotonic() - started >= 1.0
    assert len([c for c in slack.calls_of("chat.postMessage") if c.params.get("channel") == "C0RL"]) == 2


def test_a_channel_the_app_is_not_in_gets_an_ephemeral_hint(stack, slack, sender):
    slack.closed_channels.add("C0CLOSED")
    assert sender.post(slash_command("/jobsearch", "python in Berlin", user="U0CL", channel="C0CLOSED",
                                     response_url=slack.base_url + "/respond/closed")).status_code == 200
    hint = slack.wait_for(lambda: slack.calls_of("respond"), message="the response_url hint")[0]
    assert "/invite" in hint.params["text"] and hint.params["response_type"] == "ephemeral"
    slack.wait_for(lambda: _count(stack, InboundEvent, InboundEvent.processed_at.is_(None)) == 0,
                   message="the command marked processed")


def test_url_verification_and_unhandled_events_answer_200(stack, sender):
    import json

    body = json.dumps({"token": "t", "challenge": "abc123", "type": "url_verification"}).encode()
    response = sender.post(body, form=False)
    assert response.status_code == 200 and "abc123" in response.text
    edited = {"type": "message", "subtype": "message_changed", "channel": "C0X", "ts": "1.1", "channel_type": "channel"}
    assert sender.post(event_callback(edited), form=False).status_code == 200
