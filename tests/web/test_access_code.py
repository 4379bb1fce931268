"""WEB_CHAT_ACCESS_CODE in a real browser: the form first, a wrong code refused, the right one admits this
browser only (another browser context meets the form again)."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration]

CODE = "violet-harbour-42"


def enter(browser, code: str) -> None:
    field = browser.driver.find_element(By.CSS_SELECTOR, 'input[name="code"]')
    field.clear()
    field.send_keys(code)
    field.find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, '[type="submit"]').click()


def test_the_access_code_admits_one_browser(data_dir, open_browser):
    # The embedded default (no broker named) has the web chat on; no worker is needed for the form.
    env = stack_env(data_dir, database_url=None, redis_prefix=None, WEB_CHAT_ACCESS_CODE=CODE)
    with running_stack(env, worker=False) as stack:
        browser = open_browser(stack.base_url)
        browser.open_chat()
        assert browser.count("textarea") == 0, "no chat before the code"
        assert browser.driver.find_element(By.CSS_SELECTOR, 'label[for]').is_displayed()

        assert [v for v in browser.axe_violations() if v["impact"] in ("serious", "critical")] == []

        enter(browser, "wrong-code")
        browser.wait_until(lambda: "not right" in browser.page_text(), timeout=10, message="the wrong-code message")
        assert browser.count("textarea") == 0
        assert [v for v in browser.axe_violations() if v["impact"] in ("serious", "critical")] == []

        enter(browser, CODE)
        browser.wait_for_element("form textarea", timeout=10)
        assert browser.driver.current_url.endswith("/chat")
        browser.say("/help")
        browser.wait_for_bot_message("/forget", timeout=30)

        other = open_browser(stack.base_url, "other")
        other.open_chat()
        assert other.count("textarea") == 0 and other.count('input[name="code"]') == 1
        browser.close()  # its event stream ends before the server stops
        other.close()
