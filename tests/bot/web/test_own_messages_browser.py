"""The person's own messages in a real headless Chromium against a real `job-agent serve`: the page draws each at
once, and when the stored copy comes back over the stream (same client_id) it takes that copy's id instead of a
second article; a reload draws the kept conversation again, both sides, each own message once and in order; the
person's markup stays text. No worker: the answers come from the server itself (/help, /status, the CV's first line)."""
from __future__ import annotations

import pytest

from tests.support.browser import Browser
from tests.support.cv_kinds import make_docx
from tests.support.services import needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
HOSTILE = "<b>bold?</b><img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>"
ARTICLES = """return Array.from(document.querySelectorAll('#messages article.msg')).map(
    a => [a.id, a.classList.contains('me') ? 'me' : 'bot', a.dataset.clientId || '',
          (a.classList.contains('me') ? a.querySelector('p') : a).textContent.trim()])"""


@pytest.fixture(scope="module")
@needs("integration", "redis")
def web(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("web-own-browser") / "data"
    data_dir.mkdir()
    with redis_key_prefix() as prefix, running_stack(
            stack_env(data_dir, database_url=None, redis_prefix=prefix, WEB_CHAT_ENABLED="true"),
            worker=False) as stack:
        yield stack


def articles(browser: Browser) -> list[list[str]]:
    """[id, "me" | "bot", client id, text] of every message, in page order (of an own message, its words: not the
    upload's notes the page adds to the copy it drew)."""
    return browser.driver.execute_script(ARTICLES)


def own_settled(browser: Browser, count: int):
    """``count`` own messages, each given its stored id (its copy came back); a twin would be a second article."""
    def check():
        mine = [a for a in articles(browser) if a[1] == "me"]
        return mine if len(mine) == count and all(a[0].startswith("m-") for a in mine) else None
    return check


def test_own_messages_are_drawn_once_and_come_back_after_a_reload(web, tmp_path):
    cv = tmp_path / "Lebenslauf.docx"
    cv.write_bytes(make_docx())
    with Browser(web.base_url, tmp_path / "downloads") as browser:
        browser.open_chat()
        browser.say("/help")
        browser.wait_for_bot_message("/jobsearch")
        browser.wait_until(own_settled(browser, 1), message="the first own message with its stored id")
        browser.upload(cv)
        browser.wait_until(own_settled(browser, 2), message="the CV's own message with its stored id")
        browser.say(HOSTILE)
        browser.say("/status")
        browser.wait_for_bot_message("Your recent requests")  # the last answer: commands are answered in order
        browser.wait_until(own_settled(browser, 4), message="four own messages, each with its stored id")
        before = articles(browser)
        mine = [a for a in before if a[1] == "me"]
        assert len({a[0] for a in before}) == len(before), f"an article twice: {before}"
        assert all(a[2] for a in mine), "every own message carries its client id"
        assert "/help" in mine[0][3] and "📎 Lebenslauf.docx" in mine[1][3]
        assert HOSTILE in mine[2][3] and "/status" in mine[3][3]
        assert browser.driver.execute_script("return window.pwned === undefined && !document.querySelector("
                                             "'#messages b, #messages img, #messages script')")

        # A reload draws the kept conversation again: the same articles, in the same order, nothing twice.
        browser.driver.refresh()
        after = browser.wait_until(lambda: (shown := articles(browser)) and len(shown) >= len(before) and shown,
                                   message="the kept conversation replayed")
        assert [a[:3] for a in after] == [a[:3] for a in before]
        assert [a[3] for a in after if a[1] == "me"] == [a[3] for a in mine]
        assert browser.driver.execute_script("return window.pwned === undefined")
