"""Nothing is lost across a closed tab or a restart of `job-agent serve`: the answer to a search that finishes
while the person's tab is closed and the server restarts reaches, once, a tab left open (its EventSource
reconnects by itself) and the page opened again later; and an open tab does not hold the server's shutdown."""
from __future__ import annotations

import json
import time

import pytest

from tests.support.browser import Browser
from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]

RESULTS = "jobs for “python developer”"


def same_session(browser: Browser, cookie: dict) -> Browser:
    """``browser`` made the same person's other tab: their session cookie, then the page."""
    browser.driver.get(browser.base_url + "/health")  # a cookie can only be set on its own site
    browser.driver.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/", "httpOnly": True,
                               "sameSite": "Lax"})
    browser.open_chat()
    return browser


def test_a_result_reached_across_a_closed_tab_and_a_restart_arrives_once(web_stack, open_browser, tmp_path):
    tab = open_browser(web_stack.base_url, "tab")
    tab.open_chat()
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    tab.upload(cv)
    tab.wait_for_bot_message("Your profile is ready", timeout=60)
    cookie = tab.cookie()
    left_open = same_session(open_browser(web_stack.base_url, "left-open"), cookie)
    left_open.wait_for_bot_message("Your profile is ready", timeout=20)

    # What the page's script does on Send, done here so the tab closes right after the 202.
    answer = tab.fetch("POST", "/chat/messages", body=json.dumps({"text": "/jobsearch python developer in Berlin"}),
                       headers={"Content-Type": "application/json", "X-CSRF-Token": tab.csrf_token()})
    assert answer["status"] == 202
    tab.close()
    started = time.monotonic()
    web_stack.stop_server()  # the worker finishes the search meanwhile; its completion waits in the outbox
    assert time.monotonic() - started < 12, "an open event stream held up the server's shutdown"
    web_stack.start_server()

    left_open.wait_for_bot_message(RESULTS, timeout=90)  # the open page reconnected to the new server
    reopened = same_session(open_browser(web_stack.base_url, "reopened"), cookie)
    reopened.wait_for_bot_message(RESULTS, timeout=30)
    assert "Lena Fischer" in " ".join(reopened.bot_messages()), "the same session's history, from before the restart"
    assert any("/jobsearch python developer in Berlin" in text for text in reopened.texts("article.msg.me"))
    reopened.wait_for_element("ol.jobs li.job-card", count=3)
    reopened.say("/status")
    reopened.wait_for_bot_message("Your recent requests", timeout=30)
    for browser in (reopened, left_open):
        assert sum(RESULTS in text for text in browser.bot_messages()) == 1, "delivered exactly once"
