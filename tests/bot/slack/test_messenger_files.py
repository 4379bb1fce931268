"""The Slack messenger's files through the real slack_sdk to the stand-in Web API: one files_upload_v2 call."""
from __future__ import annotations

import json

import pytest
from slack_sdk.errors import SlackApiError

from bot.core.ports import Document, OriginRef
from bot.slack.messenger import SlackMessenger, make_client
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILES = [Document("application-acme.pdf", b"%PDF-1.7 letter"), Document("application-acme.docx", b"PK\x03\x04 l", DOCX),
         Document("cv-acme.pdf", b"%PDF-1.7 cv"), Document("cv-acme.docx", b"PK\x03\x04 cv", DOCX)]
THREAD = OriginRef("slack", "C0JOBS", "T0TEST", thread_id="1700000000.000100")


@pytest.fixture
def slack():
    with SlackStandIn() as standin:
        yield standin


def completions(slack: SlackStandIn) -> list[dict]:
    return [call.params for call in slack.calls_of("files.completeUploadExternal")]


async def test_four_files_are_uploaded_then_shared_together_once_in_the_thread(slack):
    await SlackMessenger(make_client(BOT_TOKEN, slack.api_url)).send_documents(THREAD, FILES, caption="Your letter")
    asked = [call.params for call in slack.calls_of("files.getUploadURLExternal")]
    assert [a["filename"] for a in asked] == [d.filename for d in FILES]
    [done] = completions(slack)
    files = json.loads(done["files"])
    assert [slack.uploads[f["id"]] for f in files] == [d.data for d in FILES]
    assert [f["title"] for f in files] == [d.filename for d in FILES]
    assert (done["channel_id"], done["thread_ts"], done["initial_comment"]) == ("C0JOBS", THREAD.thread_id,
                                                                                "Your letter")


async def test_a_failed_share_raises_so_the_outbox_sends_every_file_again(slack):
    slack.fail_next("files.completeUploadExternal", status=500, times=3)  # past the client's own retries
    messenger = SlackMessenger(make_client(BOT_TOKEN, slack.api_url))
    with pytest.raises(SlackApiError):
        await messenger.send_documents(THREAD, FILES)
    await messenger.send_documents(THREAD, FILES)
    shared = [call.params for call in slack.calls_of("files.completeUploadExternal") if "channel_id" in call.params]
    assert len(json.loads(shared[-1]["files"])) == 4
    assert len(slack.calls_of("files.getUploadURLExternal")) == 8  # the second attempt uploads all four again
