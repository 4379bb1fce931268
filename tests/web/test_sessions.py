"""Who owns what in the web chat, seen from real browsers: a second browser context sees none of the first
one's records; the session cookie's flags; CSRF on every POST, also from another site's page; the page at a
phone's width, by keyboard, checked by axe-core; a file the product cannot read refused in the page."""
from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.support.cv_kinds import DOCX_MIME, make_docx
from tests.support.http_server import StandInServer
from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]

JSON = {"Content-Type": "application/json"}


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_a_second_browser_sees_none_of_the_first_ones_records(web_stack, open_browser, tmp_path):
    first = open_browser(web_stack.base_url, "first")
    first.open_chat()
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    first.upload(cv)
    first.wait_for_bot_message("Your profile is ready", timeout=60)
    first.say("/jobsearch python developer in Berlin")
    first.wait_for_bot_message("jobs for “python developer”", timeout=60)
    first.say("/apply 1")
    first.wait_for_bot_message("Cover letter —", timeout=60)
    [link, *_] = first.wait_for_element('a.file[href^="/chat/files/"]', timeout=60)
    file_path = link.get_attribute("href").removeprefix(web_stack.base_url)

    second = open_browser(web_stack.base_url, "second")
    second.open_chat()
    assert second.cookie()["value"] != first.cookie()["value"]
    assert second.csrf_token() != first.csrf_token()
    # Its own answer arrives on its stream after whatever history the stream replays: then nothing of the
    # first person's can still be on its way.
    second.say("/profile")
    second.wait_for_bot_message("I don't have your profile yet", timeout=30)
    second.say("/status")
    second.wait_for_bot_message("No requests yet", timeout=30)
    page = second.page_text()
    assert "Lena" not in page and "Fischer" not in page and "Cover letter —" not in page
    assert second.count("li.job-card") == 0 and second.count("a.file") == 0
    assert not any("python developer" in text or "cv.pdf" in text for text in second.texts("article.msg.me"))
    assert second.fetch_bytes(file_path)[0] == 404
    # The first one's token is no good with the second one's cookie.
    stolen = second.fetch("POST", "/chat/messages", headers={**JSON, "X-CSRF-Token": first.csrf_token()},
                          body=json.dumps({"text": "/profile"}))
    assert stolen["status"] == 403
    status, data = first.fetch_bytes(file_path)
    assert status == 200 and data[:4] in (b"%PDF", b"PK\x03\x04")


class _CrossSitePage(BaseHTTPRequestHandler):
    """Another site's page that posts a chat message to the web chat in the visitor's browser."""

    target = ""

    def do_GET(self):
        page = (f'<!doctype html><html lang="en"><title>elsewhere</title><form id="f" method="post" '
                f'enctype="text/plain" action="{self.target}/chat/messages">'
                '<input type="hidden" name=\'{"text": "/forget", "x": "\' value=\'"}\'></form>'
                '<script>document.getElementById("f").submit()</script></html>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args):
        pass


def test_cookie_flags_and_csrf_from_the_browser(web_stack, open_browser):
    browser = open_browser(web_stack.base_url)
    browser.open_chat()
    cookie = browser.cookie()
    assert cookie, "GET /chat sets the session cookie"
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"], cookie["secure"]) == (True, "Lax", "/", False)
    assert "job_agent_web" not in browser.driver.execute_script("return document.cookie")
    token = browser.csrf_token()
    body = json.dumps({"text": "/help"})

    def post(path: str, headers: dict, data: str | None = body, credentials: str = "same-origin") -> dict:
        return browser.fetch("POST", path, headers=headers, body=data, credentials=credentials)

    for path, data in (("/chat/messages", body),
                       ("/chat/buttons", json.dumps({"action": "more", "value": "", "number": None}))):
        for headers in (JSON, {**JSON, "X-CSRF-Token": token[:-4] + "AAAA"}, {**JSON, "X-CSRF-Token": ""}):
            answer = post(path, headers, data)
            assert answer["status"] == 403, (path, headers, answer)
            assert json.loads(answer["body"])["detail"]
    assert post("/chat/cv", {}, None)["status"] == 403
    # Without the cookie (another origin's fetch would not send it either) nothing under /chat answers.
    assert post("/chat/messages", {**JSON, "X-CSRF-Token": token}, credentials="omit")["status"] == 401
    assert browser.fetch("GET", "/chat/events?after=0", credentials="omit")["status"] == 401
    assert browser.fetch_bytes("/chat/files/not-a-file")[0] == 404

    accepted = post("/chat/messages", {**JSON, "X-CSRF-Token": token})
    assert (accepted["status"], json.loads(accepted["body"])) == (202, {"status": "accepted"})
    browser.wait_for_bot_message("/forget", timeout=30)  # the help, on this page's stream

    # Another site's form posting into the chat: SameSite keeps the cookie home, and it has no token.
    server = StandInServer(("127.0.0.1", 0), type("Page", (_CrossSitePage,), {"target": web_stack.base_url}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.driver.get(f"http://localhost:{server.server_address[1]}/")
        browser.wait_until(lambda: browser.driver.current_url.startswith(web_stack.base_url + "/chat/messages"),
                           timeout=20, message="the cross-site form to post")
        answer = browser.driver.find_element(By.TAG_NAME, "body").text
        assert "detail" in answer and "accepted" not in answer, answer
    finally:
        server.shutdown()
        server.server_close()
    browser.open_chat()
    assert browser.cookie()["value"] == cookie["value"], "the session is still the same one"
    browser.wait_for_bot_message("/forget", timeout=30)
    assert not any("Delete everything?" in text for text in browser.bot_messages())


def test_phone_width_keyboard_axe_and_a_refused_file(web_stack, open_browser, tmp_path: Path):
    browser = open_browser(web_stack.base_url, "phone", width=360, height=740)
    browser.open_chat()
    width = browser.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[1] == 360 and width[0] <= width[1], f"the page scrolls sideways at 360 px: {width}"
    assert serious(browser.axe_violations()) == []
    weight = browser.driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        return nav.decodedBodySize + performance.getEntriesByType('resource')
            .filter(r => r.name.includes('/chat/static/')).reduce((sum, r) => sum + r.decodedBodySize, 0);""")
    assert 0 < weight < 100 * 1024, f"page + stylesheet + script: {weight} bytes"

    # The message box keeps most of the width in the language with the longest button ("Lebenslauf anhängen").
    browser.say("/language de")
    browser.wait_for_bot_message("Deutsch", timeout=30)
    browser.driver.refresh()
    browser.wait_until(lambda: browser.driver.execute_script("return document.documentElement.lang") == "de",
                       timeout=10, message="the page in German after /language de")
    box = browser.driver.execute_script("return document.getElementById('text').getBoundingClientRect().width")
    assert box >= 0.75 * 360 - 40, f"the message box is {box} px wide at 360 px in German"
    browser.say("/language en")
    browser.wait_for_bot_message("English", timeout=30)
    browser.driver.refresh()

    # Keyboard only: Tab reaches the skip link first, it leads to the message box, Enter sends.
    body = browser.driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.driver.switch_to.active_element
    assert active.tag_name == "a" and active.get_attribute("href").endswith("#text")
    active.send_keys(Keys.ENTER)
    browser.wait_until(lambda: browser.driver.switch_to.active_element.get_attribute("id") == "text",
                       timeout=5, message="the skip link to move focus to the message box")
    browser.driver.switch_to.active_element.send_keys("/help", Keys.ENTER)
    browser.wait_for_bot_message("/forget", timeout=30)
    assert browser.text_box().get_attribute("value") == ""

    # A program is not a CV: the upload path refuses it, and the page says so where it can be read.
    program = tmp_path / "cv.pdf.exe"
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 2000)
    browser.upload(program)
    browser.wait_until(lambda: "not accepted" in browser.page_text(), timeout=20,
                       message="the refusal shown in the page")
    refusal = browser.driver.find_elements(By.CSS_SELECTOR, '[role="status"], [role="alert"]')
    assert any("not accepted" in (element.get_attribute("textContent") or "") for element in refusal)
    assert serious(browser.axe_violations()) == []
    # The same page as a phone in dark mode draws it (colour contrast is one of axe's serious rules).
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    assert browser.driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
    assert serious(browser.axe_violations()) == []


def test_a_word_cv_dropped_on_the_page_gives_a_profile_card(web_stack, open_browser):
    """Drag and drop: the page's drop handler gets the file as a browser hands it over (a DataTransfer made in
    the page: WebDriver cannot drag a file from the desktop) and uploads it through the same path."""
    browser = open_browser(web_stack.base_url, "drop")
    browser.open_chat()
    data = make_docx(PERSONAS["data_scientist"])
    browser.driver.execute_script("""
        const [b64, name, type] = arguments;
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, {type}));
        const fire = kind => document.body.dispatchEvent(
            new DragEvent(kind, {bubbles: true, cancelable: true, dataTransfer: transfer}));
        fire('dragenter'); fire('dragover'); fire('drop');
    """, base64.b64encode(data).decode(), "priya-raman.docx", DOCX_MIME)
    card = browser.wait_for_bot_message("Your profile is ready", timeout=60)
    assert "Priya Raman" in card.get_attribute("textContent")
    assert browser.driver.find_element(By.ID, "dropzone").get_attribute("hidden") is not None


def test_a_cv_over_the_upload_limit_is_refused_by_the_page_and_by_the_server(web_stack, open_browser, tmp_path):
    browser = open_browser(web_stack.base_url, "big")
    browser.open_chat()
    big = tmp_path / "huge-cv.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024))  # over the default MAX_UPLOAD_MB of 10
    browser.upload(big)
    browser.wait_until(lambda: "larger than the 10 MB" in browser.page_text(), timeout=10,
                       message="the page's own refusal")
    # A script that skips the page's check meets the server's limit (the same capped path as the REST API).
    answer = browser.driver.execute_async_script("""
        const [token, done] = arguments;
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(11 * 1024 * 1024)], {type: 'application/pdf'}), 'huge.pdf');
        fetch('/chat/cv', {method: 'POST', body: form, headers: {'X-CSRF-Token': token}})
          .then(async r => done({status: r.status, body: await r.text()}))
          .catch(e => done({status: 0, body: String(e)}));
    """, browser.csrf_token())
    assert answer["status"] == 413, answer
    assert json.loads(answer["body"])["detail"]
