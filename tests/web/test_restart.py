"""A closed tab loses nothing, not even across a restart of `job-agent serve`: the answer to a search that
finishes while the tab is closed and the server is down arrives, once, when the person opens the page again."""
from __future__ import annotations

import json

import pytest

from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]

RESULTS = "jobs for “python developer”"


def test_a_result_reached_while_the_tab_is_closed_and_serve_restarts_arrives_once(web_stack, open_browser, tmp_path):
    tab = open_browser(web_stack.base_url, "tab")
    tab.open_chat()
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    tab.upload(cv)
    tab.wait_for_bot_message("Your profile is ready", timeout=60)
    cookie = tab.cookie()
    # What the page's script does on Send, done here so the tab closes right after the 202.
    answer = tab.fetch("POST", "/chat/messages", body=json.dumps({"text": "/jobsearch python developer in Berlin"}),
                       headers={"Content-Type": "application/json", "X-CSRF-Token": tab.csrf_token()})
    assert answer["status"] == 202
    tab.close()
    web_stack.stop_server()  # the worker finishes the search meanwhile; its completion waits in the outbox
    web_stack.start_server()

    reopened = open_browser(web_stack.base_url, "reopened")
    reopened.driver.get(web_stack.base_url + "/health")  # a cookie can only be set on its own site
    reopened.driver.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/", "httpOnly": True,
                                "sameSite": "Lax"})
    reopened.open_chat()
    reopened.wait_for_bot_message(RESULTS, timeout=90)
    assert "Lena Fischer" in " ".join(reopened.bot_messages()), "the same session's history, from before the restart"
    reopened.wait_for_element("ol.jobs li.job-card", count=3)
    reopened.say("/status")
    reopened.wait_for_bot_message("Your recent requests", timeout=30)
    assert sum(RESULTS in text for text in reopened.bot_messages()) == 1, "delivered exactly once"
