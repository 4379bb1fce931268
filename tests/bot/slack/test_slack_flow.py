"""The whole Slack journey through the real server and a real worker, against the Slack stand-in."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from storage.models import Application, InboundEvent, JobSearch, UserProfile
from tests.support.slack_payloads import button_click, file_share, slash_command
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.slack_standin import BOT_TOKEN

pytestmark = [pytest.mark.integration, pytest.mark.redis]
USER, OTHER, CHANNEL = "U0LENA", "U0MAX", "C0JOBS"


def _texts(post: dict) -> str:
    """Everything a person would read in a posted message: fallback text and every block's text."""
    parts = [post.get("text") or ""]
    for block in post.get("blocks") or []:
        parts.append(str(block))
    for edit in post.get("edits", []):
        parts.append(edit.get("text") or "")
    return "\n".join(parts)


def test_cv_share_search_and_letter_all_in_threads(stack, slack, sender):
    # 1. The CV, shared in a DM: downloaded with the bot token, answered in the file message's thread.
    dm = "D0LENA"
    file = slack.add_file("lena-cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]))
    share = file_share(file, user=USER, channel=dm)
    assert sender.event(share).status_code == 200
    slack.wait_for(lambda: any("Your profile is ready" in _texts(p) for p in slack.posts(dm, share["ts"])),
                   message="the profile in the file's thread")
    downloads = [c for c in slack.calls_of("download") if c.params["file_id"] == file["id"]]
    assert downloads and all(c.headers["authorization"] == f"Bearer {BOT_TOKEN}" for c in downloads)
    assert "Lena Fischer" in "".join(_texts(p) for p in slack.posts(dm, share["ts"]))

    # 2. /jobsearch: acked fast with an empty body; the work starts only after the answer.
    started = time.monotonic()
    response = sender.post(slash_command("/jobsearch", "python developer in Berlin", user=USER, channel=CHANNEL,
                                         response_url=slack.base_url + "/respond/1"))
    elapsed = time.monotonic() - started
    assert response.status_code == 200 and response.text == ""
    assert elapsed < 1.0, f"ack took {elapsed:.3f}s"
    ack = slack.wait_for(lambda: [p for p in slack.posts(CHANNEL) if "thread_ts" not in p or not p["thread_ts"]],
                         message="the acknowledgement message")[0]
    assert f"<@{USER}>" in ack["text"] and "python developer in Berlin" in ack["text"]

    # 3. Status message and the ranked list land in the acknowledgement's thread.
    thread = ack["ts"]
    job_list = slack.wait_for(lambda: [p for p in slack.posts(CHANNEL, thread) if "Cover letter" in _texts(p)],
                              message="the ranked job list in the thread")[0]
    status = slack.posts(CHANNEL, thread)[0]
    assert "Searching for" in status["text"] and any("Done" in e["text"] for e in status.get("edits", []))
    buttons = [b["accessory"] for b in job_list["blocks"] if b.get("accessory", {}).get("action_id") == "letter"]
    assert 1 <= len(buttons) <= 10 and len(job_list["blocks"]) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in job_list["blocks"] if b.get("type") == "section")

    # 4. Another user presses Lena's button: told privately, nothing is written for anyone.
    before = len(slack.posts(CHANNEL, thread))
    click = button_click(buttons[0], user=OTHER, channel=CHANNEL, message=job_list,
                         response_url=slack.base_url + "/respond/2")
    assert sender.post(click).status_code == 200
    ephemeral = slack.wait_for(lambda: [c.params for c in slack.calls_of("chat.postEphemeral")
                                        if c.params.get("user") == OTHER], message="the 'not yours' message")[0]
    assert "someone else" in ephemeral["text"] and ephemeral["channel"] == CHANNEL

    # 5. Lena presses it: the letter arrives as text, then its four files as one upload into the same thread
    #    (files_upload_v2: an upload URL per file, one files.completeUploadExternal sharing them all).
    click = button_click(buttons[0], user=USER, channel=CHANNEL, message=job_list,
                         response_url=slack.base_url + "/respond/3")
    response = sender.post(click)
    assert response.status_code == 200 and response.text == ""
    [completed] = slack.wait_for(lambda: [c.params for c in slack.calls_of("files.completeUploadExternal")
                                          if c.params.get("thread_ts") == thread], message="the letter upload")
    assert completed["channel_id"] == CHANNEL and "PDF to send" in completed["initial_comment"]
    file_ids = _file_ids(completed)
    asked = [c.params for c in slack.calls_of("files.getUploadURLExternal")][-4:]
    assert len(file_ids) == 4 and [a["filename"].rpartition(".")[2] for a in asked] == ["pdf", "docx", "pdf", "docx"]
    assert [slack.uploads[file_id][:4] for file_id in file_ids] == [b"%PDF", b"PK\x03\x04", b"%PDF", b"PK\x03\x04"]
    assert [int(a["length"]) for a in asked] == [len(slack.uploads[file_id]) for file_id in file_ids]
    letters = [p for p in slack.posts(CHANNEL, thread)[before:] if p["text"].startswith("Cover letter")]
    assert len(letters) == 1 and "Dear" in _texts(letters[0])

    with stack.session() as session:
        assert session.scalar(select(func.count()).select_from(Application)) == 1
        assert session.scalar(select(func.count()).select_from(JobSearch)) == 1
        unprocessed = session.scalar(select(func.count()).select_from(InboundEvent)
                                     .where(InboundEvent.processed_at.is_(None)))
        assert unprocessed == 0


def _file_ids(params: dict) -> list[str]:
    import json

    files = params["files"]
    return [f["id"] for f in (json.loads(files) if isinstance(files, str) else files)]


def test_profile_reply_is_private_and_help_is_public(stack, slack, sender):
    assert sender.post(slash_command("/jobprofile", "", user=USER, channel=CHANNEL,
                                     response_url=slack.base_url + "/respond/4")).status_code == 200
    slack.wait_for(lambda: [c for c in slack.calls_of("chat.postEphemeral")
                            if "Your profile" in c.params.get("text", "")], message="the private profile")
    assert sender.post(slash_command("/jobhelp", "", user=USER, channel=CHANNEL,
                                     response_url=slack.base_url + "/respond/5")).status_code == 200
    slack.wait_for(lambda: [p for p in slack.posts(CHANNEL) if "job-search assistant" in p["text"]],
                   message="the help message")
