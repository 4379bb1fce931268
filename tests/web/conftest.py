"""The web chat in a real browser: one `job-agent serve` + one Celery worker on PostgreSQL and Redis for the
whole folder (starting them is most of a test's time; every test is its own browser session, so they share
nothing else), and headless Chromiums as the people using it."""
from __future__ import annotations

import pytest

from tests.support.browser import Browser
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.stack import running_stack, stack_env


@pytest.fixture(scope="package")  # stopped once tests/web is done, whatever runs after
@needs("integration", "redis", "postgres")
def web_stack(tmp_path_factory):
    """A deployment with the web chat switched on (a named broker turns it off unless asked for)."""
    data_dir = tmp_path_factory.mktemp("web-chat") / "data"
    data_dir.mkdir()
    with fresh_postgres_database() as database_url, redis_key_prefix() as prefix:
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, WEB_CHAT_ENABLED="true")
        with running_stack(env) as stack:
            yield stack


@pytest.fixture
def open_browser(tmp_path):
    """``open_browser(base_url, name="a", width=1100)`` → a new Chromium (its own browser context); all closed
    after the test."""
    browsers: list[Browser] = []

    def open_one(base_url: str, name: str = "a", **size) -> Browser:
        browser = Browser(base_url, tmp_path / f"downloads-{name}", **size)
        browsers.append(browser)
        return browser

    yield open_one
    for browser in browsers:
        browser.close()
