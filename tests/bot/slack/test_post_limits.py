"""Slack's chat.postMessage limit (about one a second per channel) and its "gone" errors: the stand-in
answers as Slack does; the messenger's per-channel pacing stays inside the limit, and an error after
which no retry reaches the channel becomes RecipientGone."""
from __future__ import annotations

import asyncio

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from bot.core.pacing import ChannelPacer
from bot.core.ports import Document, Message, OriginRef, RecipientGone
from bot.slack.messenger import SlackMessenger, make_client
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn


def post(slack: SlackStandIn, channel: str) -> httpx.Response:
    return httpx.post(slack.api_url + "chat.postMessage", json={"channel": channel, "text": "hi"},
                      headers={"Authorization": f"Bearer {BOT_TOKEN}"})


def test_a_burst_past_one_a_second_per_channel_is_answered_429_with_retry_after():
    with SlackStandIn(rate_limited=True) as slack:
        answers = [post(slack, "C1") for _ in range(4)]
        other = post(slack, "C2")
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[3].headers["Retry-After"] == "1" and answers[3].json() == {"ok": False, "error": "ratelimited"}
    assert other.status_code == 200 and slack.too_many_requests == 1


@pytest.fixture
def slack():
    with SlackStandIn(rate_limited=True) as standin:
        yield standin


async def test_several_digests_into_one_channel_are_paced_and_never_meet_a_429(slack):
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url))
    channel = OriginRef("slack", "C0DIGEST", "T0TEST")
    await asyncio.gather(*(messenger.send(channel, Message(text=f"digest {n}")) for n in range(5)))
    assert len(slack.posts("C0DIGEST")) == 5 and slack.too_many_requests == 0


async def test_an_unpaced_burst_meets_the_limit(slack):
    """The counter-test: the stand-in's limit is real, so the pacing above is what kept it quiet."""
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url), pacer=ChannelPacer(burst=100))
    channel = OriginRef("slack", "C0BURST", "T0TEST")
    await asyncio.gather(*(messenger.send(channel, Message(text=f"digest {n}")) for n in range(5)))
    assert slack.too_many_requests >= 1
    assert len(slack.posts("C0BURST")) == 5  # slack_sdk's retry handler honoured Retry-After


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_a_channel_the_app_cannot_post_in_is_recipient_gone(slack, error):
    slack.refuse_channel("C0GONE", error)
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url))
    with pytest.raises(RecipientGone) as gone:
        await messenger.send(OriginRef("slack", "C0GONE", "T0TEST"), Message(text="new jobs"))
    assert (gone.value.platform, gone.value.reason) == ("slack", error)


@pytest.mark.parametrize("error", ["token_revoked", "account_inactive"])
async def test_an_app_removed_from_the_workspace_is_recipient_gone(slack, error):
    slack.revoke_token(error)
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url))
    with pytest.raises(RecipientGone) as gone:
        await messenger.send_documents(OriginRef("slack", "C0ANY", "T0TEST"), [Document("a.pdf", b"%PDF")])
    assert gone.value.reason == error


async def test_other_slack_errors_stay_errors_to_retry(slack):
    slack.refuse_channel("C0BUSY", "msg_too_long")
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url))
    with pytest.raises(SlackApiError):
        await messenger.send(OriginRef("slack", "C0BUSY", "T0TEST"), Message(text="new jobs"))
