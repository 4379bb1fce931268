"""A French Slack user in plain words and buttons, end to end through the real server and worker: Slack
says the person's language only through users.info, DMs need no slash command, buttons page and pass."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from services.results import job_key
from storage.models import Application, ChatUser, JobFeedback, JobSearch
from tests.bot.slack.test_slack_flow import _texts
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.slack_payloads import button_click, file_share, slash_command

pytestmark = [pytest.mark.integration, pytest.mark.redis]
USER, DM = "U0CAMILLE", "D0CAMILLE"


def dm_message(text: str) -> dict:
    ts = f"{time.time():.6f}"
    return {"type": "message", "channel": DM, "channel_type": "im", "user": USER, "text": text, "ts": ts,
            "event_ts": ts}


def latest_search(stack) -> JobSearch:
    with stack.session() as session:
        owner = session.scalar(select(ChatUser).where(ChatUser.external_user_id == USER))
        return session.scalars(select(JobSearch).where(JobSearch.chat_user_id == owner.id)
                               .order_by(JobSearch.created_at.desc())).first()


def test_a_french_user_talks_in_a_dm_and_presses_more_and_not_for_me(stack, slack, sender):
    slack.user_locales[USER] = "fr-FR"
    file = slack.add_file("camille-cv.pdf", make_cv_pdf(PERSONAS["python_dev_berlin"]))
    assert sender.event(file_share(file, user=USER, channel=DM)).status_code == 200
    slack.wait_for(lambda: any("Votre profil est prêt" in _texts(p) for p in slack.posts(DM)), message="the profile")
    assert any(c.params.get("include_locale") in ("true", True, "1") for c in slack.calls_of("users.info"))

    asked = dm_message("je cherche un poste de développeur python à Berlin")
    assert sender.event(asked).status_code == 200
    listing = slack.wait_for(lambda: [p for p in slack.posts(DM, asked["ts"]) if "Top 10 sur 30" in _texts(p) and "développeur python" in _texts(p)],
                             message="the French job list in the message's thread", timeout=60)[0]
    search = latest_search(stack)
    assert (search.query, search.location) == ("développeur python", "Berlin")

    more = next(e for b in listing["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "more")
    assert sender.post(button_click(more, user=USER, channel=DM, message=listing,
                                    response_url=slack.base_url + "/respond/1")).status_code == 200
    slack.wait_for(lambda: [p for p in slack.posts(DM) if "Offres 11 à" in _texts(p)], message="the next page")

    passes = [e for b in listing["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "pass"]
    second = job_key(search.matches[1]["job"]["job_id"])  # the button names the job, not its place
    assert passes[1]["value"] == f"{search.id}:{second}" and passes[1]["text"]["text"] == "Pas pour moi"
    assert sender.post(button_click(passes[1], user=USER, channel=DM, message=listing,
                                    response_url=slack.base_url + "/respond/2")).status_code == 200
    question = slack.wait_for(lambda: [p for p in slack.posts(DM) if any(
        e.get("value") == f"{search.id}:{second}:agency" for b in p.get("blocks") or [] if b["type"] == "actions"
        for e in b["elements"])], message="the question why")[0]
    agency = next(e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]
                  if e["value"].endswith(":agency"))
    assert agency["text"]["text"] == "Une agence"
    assert sender.post(button_click(agency, user=USER, channel=DM, message=question,
                                    response_url=slack.base_url + "/respond/3")).status_code == 200
    slack.wait_for(lambda: [p for p in slack.posts(DM) if "a été retiré de votre liste" in _texts(p)],
                   message="the pass said back")
    with stack.session() as session:
        assert session.scalars(select(JobFeedback.reason)).all() == ["agency"]

    assert sender.post(slash_command("/jobprefs", "", user=USER, channel=DM,
                                     response_url=slack.base_url + "/respond/4")).status_code == 200
    slack.wait_for(lambda: [c for c in slack.calls_of("chat.postEphemeral") if "Vos préférences" in str(c.params)
                            or "Aucune" in str(c.params)], message="the preferences, privately")

    first = latest_search(stack).matches[0]["job"]
    letter_please = dm_message("écris une lettre pour 1")
    assert sender.event(letter_please).status_code == 200
    slack.wait_for(lambda: [p for p in slack.posts(DM) if p["text"].startswith("Lettre de motivation")], timeout=60,
                   message="the letter, headed in French")
    with stack.session() as session:
        assert session.scalars(select(Application.job_id)).all() == [first["job_id"]]
