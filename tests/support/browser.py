"""A real headless Chromium (Debian's ``chromium`` + ``chromium-driver``) driven by Selenium, for the web chat.

    with Browser(stack.base_url, tmp_path / "downloads") as browser:
        browser.open_chat()
        browser.say("/jobsearch python developer in Berlin")
        card = browser.wait_for_element("ol.jobs li.job-card")

Each ``Browser`` is its own Chromium with its own profile directory, so two of them are two browser contexts
that share no cookie, storage or cache (what a second person on another machine has). Nothing is downloaded:
the browser and its driver are the Debian packages .ci/run installs, and ``axe_violations`` injects the
axe.min.js that a PyPI wheel (axe-playwright-python, a dev extra) ships.

Chromium is kept off the network: every host name but the loopback one resolves to nothing, and its
background services (updates, sync, safe browsing, metrics) are switched off.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Self

from selenium import webdriver
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Selenium's own driver manager must never look for (or report) anything: the paths below are given.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

_QUIET_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
    "--disable-domain-reliability", "--disable-sync", "--disable-breakpad", "--metrics-recording-only",
    "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update", "--password-store=basic",
    ("--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,"
     "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,PrivacySandboxSettings4"),
    # Only the machine itself can be reached: the tests' servers listen on 127.0.0.1 and localhost.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--lang=en-US",
    # Instant scrolling: the page scrolls smoothly otherwise, and a click would land where a button was.
    "--force-prefers-reduced-motion",
)

# The WCAG 2.x A/AA rules and axe's best practices; the tests fail on the "serious" and "critical" ones.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def browser_available() -> bool:
    return os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)


def axe_source() -> str:
    """axe-core's axe.min.js as the installed wheel ships it (FileNotFoundError: the dev extras are missing)."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


MIN_WINDOW_WIDTH = 500  # px: headless Chromium's narrowest window


class Browser:
    """One headless Chromium at ``base_url``; files it downloads land in ``download_dir`` (created)."""

    def __init__(self, base_url: str, download_dir: Path, *, width: int = 1100, height: int = 900):
        self.base_url = base_url.rstrip("/")
        self.download_dir = Path(download_dir)
        self.download_dir.mkdir(parents=True, exist_ok=True)
        self.profile_dir: str | None = tempfile.mkdtemp(prefix="web-chat-browser-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in _QUIET_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument(f"--user-data-dir={self.profile_dir}")
        options.add_experimental_option("prefs", {
            "download.default_directory": str(self.download_dir), "download.prompt_for_download": False,
            "download.directory_upgrade": True, "safebrowsing.enabled": False,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        self.driver.set_script_timeout(60)
        # Headless Chromium asks before it saves a download unless told where files go.
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(self.download_dir)})
        if width < MIN_WINDOW_WIDTH:
            # A window is never narrower than Chromium's minimum, so a phone's width is emulated as DevTools does:
            # the page's viewport is then really that narrow (innerWidth, media queries).
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Quit the browser (its open event stream with it) and remove its profile; again: nothing."""
        if self.profile_dir is None:
            return
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile_dir, ignore_errors=True)
            self.profile_dir = None

    # -- the page --------------------------------------------------------------------------------------

    def open_chat(self, path: str = "/chat") -> None:
        """Open the page and wait until its script has run (the document is complete)."""
        self.driver.get(self.base_url + path)
        self.wait_until(lambda: self.driver.execute_script("return document.readyState") == "complete",
                        message="the page to load")

    def csrf_token(self) -> str:
        return self.driver.find_element(By.CSS_SELECTOR, 'meta[name="csrf-token"]').get_attribute("content")

    def cookie(self, name: str = "job_agent_web") -> dict | None:
        return self.driver.get_cookie(name)

    def message_list(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, '[aria-live="polite"]')

    def text_box(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, 'form textarea, form input[type="text"]')

    def say(self, text: str) -> None:
        """Type ``text`` into the message box and press the form's send button."""
        box = self.text_box()
        box.clear()
        box.send_keys(text)
        form = box.find_element(By.XPATH, "ancestor::form")
        form.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()

    def upload(self, path: Path) -> None:
        """Choose ``path`` in the page's file picker (what the person does through its label)."""
        self.driver.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(path))

    def bot_messages(self) -> list[str]:
        return self.texts("article.msg.bot")

    def texts(self, selector: str) -> list[str]:
        # textContent: what the page holds, also for a card scrolled out of view.
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", selector)

    def wait_for_bot_message(self, needle: str, *, timeout: float = 40) -> WebElement:
        """The newest bot message whose text contains ``needle``, waiting for it."""
        def found():
            for element in reversed(self.driver.find_elements(By.CSS_SELECTOR, "article.msg.bot")):
                try:
                    if needle in element.get_attribute("textContent"):
                        return element
                except StaleElementReferenceException:  # replaced in place by an edit meanwhile
                    return None
            return None

        return self.wait_until(found, timeout=timeout, message=f"a bot message containing {needle!r}")

    def wait_for_element(self, selector: str, *, timeout: float = 40, count: int = 1) -> list[WebElement]:
        return self.wait_until(lambda: (found := self.driver.find_elements(By.CSS_SELECTOR, selector))
                               and len(found) >= count and found, timeout=timeout, message=f"{count}× {selector}")

    def count(self, selector: str) -> int:
        return len(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def click(self, element: WebElement, *, timeout: float = 10) -> None:
        """Scroll ``element`` into view and click it as a person would; again while a message arriving just
        then scrolls the conversation under the pointer."""
        deadline = time.monotonic() + timeout
        while True:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            try:
                element.click()
                return
            except ElementClickInterceptedException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def wait_until(self, predicate, *, timeout: float = 40, interval: float = 0.1, message: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = predicate()
            except StaleElementReferenceException:
                value = None
            if value:
                return value
            time.sleep(interval)
        raise AssertionError(f"timed out after {timeout}s waiting for {message}\n{self.describe()}")

    def describe(self) -> str:
        """What the page shows, for a failing test: each message's start, the status line, the console."""
        try:
            lines = self.driver.execute_script("""
                return Array.from(document.querySelectorAll('article.msg, [role=status], [role=alert]')).map(
                    e => (e.id || e.className || e.getAttribute('role')) + ': ' +
                         e.textContent.replace(/\\s+/g, ' ').trim().slice(0, 160));""")
        except WebDriverException as error:
            lines = [f"(page not readable: {error})"]
        return "--- page ---\n" + "\n".join(lines) + f"\n--- console ---\n{self.console()[-3000:]}"

    def page_text(self) -> str:
        try:
            return self.driver.execute_script("return document.body ? document.body.innerText : ''")
        except WebDriverException as error:
            return f"(no page text: {error})"

    def console(self) -> str:
        try:
            return "\n".join(f"{entry['level']} {entry['message']}" for entry in self.driver.get_log("browser"))
        except WebDriverException:
            return ""

    # -- downloads ---------------------------------------------------------------------------------

    def wait_for_download(self, suffix: str, *, timeout: float = 30) -> Path:
        """The finished file ending in ``suffix`` in the download folder (Chromium writes .crdownload first)."""
        def finished():
            return next((path for path in self.download_dir.iterdir()
                         if path.name.lower().endswith(suffix) and path.stat().st_size > 0), None)

        return self.wait_until(finished, timeout=timeout, message=f"a downloaded {suffix} file")

    # -- requests from inside the page (its origin, its cookie) ------------------------------------

    def fetch(self, method: str, path: str, *, headers: dict | None = None, body: str | None = None,
              credentials: str = "same-origin") -> dict:
        """``fetch()`` run by the page: {"status": int, "body": str, "headers": {...}} (status 0: no answer)."""
        return self.driver.execute_async_script("""
            const [method, url, headers, body, credentials, done] = arguments;
            fetch(url, {method, headers, body, credentials, redirect: 'manual'})
              .then(async r => done({status: r.status, body: await r.text(),
                                     headers: Object.fromEntries(r.headers.entries())}))
              .catch(e => done({status: 0, body: String(e), headers: {}}));
        """, method, path, headers or {}, body, credentials)

    def fetch_bytes(self, path: str) -> tuple[int, bytes]:
        """GET ``path`` from the page; (status, body bytes)."""
        answer = self.driver.execute_async_script("""
            const [url, done] = arguments;
            fetch(url).then(async r => {
              const bytes = new Uint8Array(await r.arrayBuffer());
              let text = ''; for (const b of bytes) text += String.fromCharCode(b);
              done({status: r.status, body: btoa(text)});
            }).catch(e => done({status: 0, body: ''}));
        """, path)
        return answer["status"], base64.b64decode(answer["body"])

    # -- checks ------------------------------------------------------------------------------------

    def axe_violations(self) -> list[dict]:
        """axe-core's findings on the page as it is now: [{"id", "impact", "help", "nodes": [selector…]}]."""
        if not self.driver.execute_script("return typeof window.axe === 'object'"):
            self.driver.execute_script(axe_source())
        answer = self.driver.execute_async_script("""
            const [tags, done] = arguments;
            axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
              .then(r => done(JSON.stringify(r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || ''))})))))
              .catch(e => done(JSON.stringify({error: String(e)})));
        """, AXE_TAGS)
        result = json.loads(answer)
        if "error" in result:  # axe.run rejected: {"error": "..."}
            raise RuntimeError(f"axe-core failed: {result['error']}")
        return result

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
