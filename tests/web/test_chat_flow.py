"""The web chat as a person uses it, in headless Chromium against the real `job-agent serve` and worker:
`/` leads to the chat, CV in, profile card, search, the cards' buttons (Details, More, Not for me with its
reason, Cover letter), the letter's files downloaded, the page reloaded, a plain-words refinement, /forget —
and the page checked by axe-core and photographed for the README."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.support.pdf_factory import PERSONAS, make_cv_pdf

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "web-chat.png"
SEARCH = "/jobsearch python developer in Berlin"
RESULTS = "jobs for “python developer”"


def write_cv(folder: Path) -> Path:
    path = folder / "lena-fischer-cv.pdf"
    path.write_bytes(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    return path


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "word/document.xml" in archive.namelist()


def count_texts(browser, needle: str) -> int:
    return sum(needle in text for text in browser.bot_messages())


def test_cv_profile_search_letter_files_refine_reload_and_forget(web_stack, open_browser, tmp_path):
    browser = open_browser(web_stack.base_url, width=1000, height=1100)
    browser.open_chat("/")
    assert browser.driver.current_url == web_stack.base_url + "/chat"
    assert browser.driver.title and browser.csrf_token()
    browser.message_list()  # the live region a screen reader announces new messages from

    # The CV through the page's file picker; progress edits one message, then the profile card arrives.
    browser.driver.execute_script("""
        window.replacedInPlace = [];
        new MutationObserver(changes => changes.forEach(change => change.removedNodes.forEach(node => {
            if (node.id && document.getElementById(node.id)) window.replacedInPlace.push(node.id);
        }))).observe(document.getElementById('messages'), {childList: true});""")
    browser.upload(write_cv(tmp_path))
    card = browser.wait_for_bot_message("Your profile is ready", timeout=60)
    assert "Lena Fischer" in card.get_attribute("textContent")
    assert browser.driver.execute_script("return window.replacedInPlace"), "progress edits its message in place"
    assert count_texts(browser, "CV read") == 1

    # A command typed in the box: the person's own message is drawn at once, the ranked list follows.
    browser.say(SEARCH)
    browser.wait_until(lambda: any(SEARCH in text for text in browser.texts("article.msg.me")),
                       timeout=5, message="the person's own message drawn by the page")
    assert browser.driver.execute_script("return document.activeElement") == browser.text_box(), \
        "focus goes back to the message box after sending"
    browser.wait_for_bot_message(RESULTS, timeout=60)
    cards = browser.wait_for_element("ol.jobs li.job-card", count=3)
    assert sum(SEARCH in text for text in browser.texts("article.msg.me")) == 1, "drawn at once, kept, not doubled"
    for link in browser.driver.find_elements(By.CSS_SELECTOR, "li.job-card a[target=_blank]"):
        assert "noopener" in (link.get_attribute("rel") or "")

    sizes = browser.driver.execute_script("return [document.documentElement.scrollHeight, window.innerHeight]")
    assert sizes[0] <= sizes[1] + 1, f"the page itself scrolls (the conversation scrolls in its own box): {sizes}"

    # Details on the second card, as the Telegram button does: a message about that job.
    second_title = cards[1].find_element(By.CSS_SELECTOR, ".job-title").get_attribute("textContent")
    second_title = second_title.split(".", 1)[1].strip()  # "2. Python Developer" → the title
    browser.click(cards[1].find_element(By.CSS_SELECTOR, 'button.action[data-action="details"]'))
    browser.wait_until(lambda: count_texts(browser, second_title) >= 2, message="the second job's details")

    # More under the list: the next page of jobs.
    browser.click(browser.driver.find_element(By.CSS_SELECTOR, 'article.msg.bot button.action[data-action="more"]'))
    browser.wait_for_bot_message("Jobs 11–", timeout=30)

    # Not for me on the third card: asked why (a button per reason), answered with a button.
    third_title = cards[2].find_element(By.CSS_SELECTOR, ".job-title").get_attribute("textContent")
    third_title = third_title.split(".", 1)[1].strip()
    browser.click(cards[2].find_element(By.CSS_SELECTOR, 'button.action[data-action="pass"]'))
    reasons = browser.wait_until(lambda: browser.driver.find_elements(
        By.CSS_SELECTOR, 'button.action[data-action="pass"][data-value$=":too_senior"]'), message="the reasons")
    browser.click(reasons[-1])
    browser.wait_for_bot_message(f"Took “{third_title}” off your list", timeout=30)

    # Cover letter on the first card: the letter, then its files as downloads.
    letter_button = browser.driver.find_element(By.CSS_SELECTOR,
                                                'li.job-card button.action[data-action="letter"]')
    browser.click(letter_button)
    letter = browser.wait_for_bot_message("Cover letter —", timeout=60)
    assert "Lena Fischer" in letter.get_attribute("textContent")
    links = browser.wait_for_element('a.file[href^="/chat/files/"]', count=2, timeout=60)
    names = [link.get_attribute("textContent").strip().lower() for link in links]
    assert any(name.endswith(".pdf") for name in names) and any(name.endswith(".docx") for name in names), names
    for link in links:
        assert link.get_attribute("download") is not None
        browser.click(link)
    pdf, docx = browser.wait_for_download(".pdf"), browser.wait_for_download(".docx")
    assert pdf.read_bytes().startswith(b"%PDF-"), pdf.name
    assert is_docx(docx.read_bytes()), docx.name
    file_path = links[0].get_attribute("href").removeprefix(web_stack.base_url)
    answer = browser.fetch("GET", file_path)
    assert answer["status"] == 200
    assert answer["headers"]["content-disposition"].startswith("attachment")
    assert "no-store" in answer["headers"]["cache-control"]

    # The page with a profile card, a job list, a letter and its files: no serious accessibility fault.
    assert serious(browser.axe_violations()) == []
    # For the README: the ranked list, its cards and their buttons.
    browser.driver.execute_script(
        "document.querySelector('ol.jobs').closest('article').scrollIntoView({block: 'start'})")
    browser.screenshot(SCREENSHOT)

    ids = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('article.msg.bot')).map(a => a.id)")
    assert len(ids) == len(set(ids)), f"one article per message: {ids}"

    # A reload (a closed tab opened again) gets the whole conversation back from the server.
    messages_before = len(browser.bot_messages())
    browser.open_chat()
    browser.wait_until(lambda: len(browser.bot_messages()) >= messages_before, timeout=20,
                       message="the conversation replayed after a reload")
    browser.wait_for_bot_message("Cover letter —", timeout=5)
    mine = browser.texts("article.msg.me")  # the person's side is kept too, each line once
    assert sum(SEARCH in text for text in mine) == 1 and any("lena-fischer-cv.pdf" in text for text in mine), mine

    # A refinement in plain words: the search runs again with it (the words said back live in its progress
    # message, which the finished search replaces in place), and it is kept: /prefs lists it.
    lists_before = count_texts(browser, RESULTS)
    browser.say("no agencies please")
    browser.wait_until(lambda: count_texts(browser, RESULTS) > lists_before, timeout=60,
                       message="the search run again with the refinement")
    browser.say("/prefs")
    assert "No agencies" in browser.wait_for_bot_message("Your preferences", timeout=30).get_attribute("textContent")

    # /forget, confirmed with its button: everything goes, the files too.
    browser.say("/forget")
    question = browser.wait_for_bot_message("Delete everything?")
    browser.click(question.find_element(By.CSS_SELECTOR, 'button.action[data-action="forget_confirm"]'))
    browser.wait_for_bot_message("Done — I deleted", timeout=30)
    # The open page no longer shows the deleted conversation (someone at a shared computer would read it).
    assert [text.strip()[:14] for text in browser.texts("article.msg")] == ["Done — I delet"]
    status, _ = browser.fetch_bytes(file_path)
    assert status == 404
    browser.say("/profile")
    browser.wait_for_bot_message("I don't have your profile yet", timeout=20)
