"""The web chat's HTML: every neutral message as one escaped article, job cards with the Telegram buttons,
downloads, and the two pages (labels, live region, skip link, CSRF meta, no inline script, weight)."""
from __future__ import annotations

import json

import lxml.html
import pytest

from bot.core import texts
from bot.core.ports import Button, JobCard, JobListMessage, Message
from bot.web.render import (
    LABELS,
    SCRIPT_STRINGS,
    SIZE_MB,
    STATIC_DIR,
    access_page,
    button_groups,
    chat_page,
    file_size,
    mine_text,
    plain_text,
    render_documents,
    render_message,
    render_mine,
)
from i18n import translator

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'too\''


def parse(fragment: str):
    [element] = lxml.html.fragments_fromstring(fragment)
    return element


def card(number: int, **overrides) -> JobCard:
    fields = {"number": number, "title": "Python <Dev> & Co", "company": 'ACME "GmbH"', "location": "Berlin",
              "score": 87, "matched_skills": ["Python", "FastAPI"], "missing_skills": ["Go"], "reason": "Title fits",
              "salary": "60k–80k €", "apply_link": "https://jobs.example.com/a?x=1&y=2",
              "button": Button("Cover letter", "letter", f"rank-1:{number}"),
              "source_line": "via Arbeitnow · 3 days ago",
              "actions": [Button("Details", "details", f"rank-1:{number}", number),
                          Button("Not for me", "pass", f"rank-1:{number}", number)]}
    fields.update(overrides)
    return JobCard(**fields)


def assert_inert(element) -> None:
    """Nothing in the fragment runs: no script element and no event-handler attribute anywhere."""
    assert not element.xpath("//script | //img | //iframe")
    assert not [name for node in element.iter() for name in node.attrib if name.lower().startswith("on")]


def test_a_message_is_one_article_with_its_title_paragraphs_items_footer_and_buttons():
    message = Message(title="Your profile", text="First line\nsecond line\n\nNext paragraph", items=["Python", "SQL"],
                      footer="Send another CV to replace it.",
                      buttons=[Button("Yes, delete everything", "forget_confirm"), Button("Cancel", "forget_cancel")])
    article = parse(render_message(message, "7"))
    assert (article.tag, article.get("id"), article.get("class")) == ("article", "m-7", "msg bot")
    assert article.findtext("h2") == "Your profile"
    paragraphs = article.xpath("./p[not(@class)]")
    assert len(paragraphs) == 2 and len(paragraphs[0].findall("br")) == 1
    assert [li.text for li in article.xpath("./ul[@class='items']/li")] == ["Python", "SQL"]
    assert article.xpath("string(./p[@class='footer'])") == "Send another CV to replace it."
    buttons = article.xpath(".//button")
    assert [(b.get("type"), b.get("class"), b.get("data-action"), b.get("data-value"), b.text) for b in buttons] == [
        ("button", "action", "forget_confirm", "", "Yes, delete everything"),
        ("button", "action", "forget_cancel", "", "Cancel")]
    assert all("data-number" not in b.attrib for b in buttons)


def test_hostile_text_is_shown_as_text_everywhere_and_never_runs():
    message = Message(title=HOSTILE, text=HOSTILE, items=[HOSTILE], footer=HOSTILE,
                      buttons=[Button(HOSTILE, "stage", HOSTILE + '" data-x="1', 2)])
    article = parse(render_message(message, "1"))
    assert_inert(article)
    assert article.findtext("h2") == HOSTILE
    assert article.xpath("string(./ul/li)") == HOSTILE
    [button] = article.xpath(".//button")
    assert (button.text, button.get("data-value"), button.get("data-number")) == (HOSTILE, HOSTILE + '" data-x="1', "2")
    assert "data-x" not in button.attrib

    listing = JobListMessage(title=HOSTILE, notes=[HOSTILE], footer=HOSTILE, jobs=[card(
        1, title=HOSTILE, company=HOSTILE, location=HOSTILE, reason=HOSTILE, salary=HOSTILE, source_line=HOSTILE,
        matched_skills=[HOSTILE], missing_skills=[HOSTILE], salary_label=HOSTILE, apply_label=HOSTILE)])
    article = parse(render_message(listing, "2"))
    assert_inert(article)
    assert article.xpath("string(.//p[@class='reason'])") == HOSTILE
    assert article.xpath("string(.//p[@class='salary'])") == f"{HOSTILE}: {HOSTILE}"


def test_web_links_in_text_become_links_that_open_a_new_tab_and_other_schemes_stay_text():
    text = "Read https://example.com/privacy?a=1&b=2. Not javascript:alert(1) nor data:text/html,x (see http://x.org/a)"
    article = parse(render_message(Message(text=text), "3"))
    links = article.xpath(".//a")
    assert [(a.get("href"), a.text, a.get("target"), a.get("rel")) for a in links] == [
        ("https://example.com/privacy?a=1&b=2", "https://example.com/privacy?a=1&b=2", "_blank", "noopener noreferrer"),
        ("http://x.org/a", "http://x.org/a", "_blank", "noopener noreferrer")]
    assert article.xpath("string(./p)") == text  # nothing lost or added around the links


def test_a_job_list_has_one_card_per_job_with_every_field_and_the_telegram_buttons():
    listing = JobListMessage(title="Top 2 of 9 jobs for “python”", jobs=[card(1), card(2, score=None, salary=None)],
                             footer="Press “Cover letter”", notes=["Arbeitnow did not answer."],
                             buttons=[Button("More", "more", "rank-1"), Button("Alert me", "alert", "search-1")])
    article = parse(render_message(listing, "9"))
    assert article.findtext("h2") == "Top 2 of 9 jobs for “python”"
    assert article.xpath("string(./ul[@class='notes'])") == "Arbeitnow did not answer."
    cards = article.xpath("./ol[@class='jobs']/li[@class='job-card']")
    assert len(cards) == 2
    first = cards[0]
    assert first.xpath("string(.//h3)") == "1. Python <Dev> & Co"
    assert first.xpath("string(.//p[@class='score'])") == "Match score: 87/100"
    assert first.xpath("string(.//p[@class='job-meta'])") == 'ACME "GmbH" · Berlin'
    assert first.xpath("string(.//p[@class='salary'])") == "Salary: 60k–80k €"
    assert first.xpath("string(.//p[@class='skills matched'])") == "✓ Skills that match: Python, FastAPI"
    assert first.xpath("string(.//p[@class='skills missing'])") == "✗ Skills missing: Go"
    assert first.xpath("string(.//p[@class='source'])") == "via Arbeitnow · 3 days ago"
    [apply] = first.xpath(".//a[@class='apply']")
    assert (apply.get("href"), apply.get("target"), apply.get("rel")) == (
        "https://jobs.example.com/a?x=1&y=2", "_blank", "noopener noreferrer")
    assert [(b.get("data-action"), b.get("data-value"), b.get("data-number"), b.text) for b in first.xpath(".//button")] == [
        ("letter", "rank-1:1", None, "Cover letter"), ("details", "rank-1:1", "1", "Details"),
        ("pass", "rank-1:1", "1", "Not for me")]
    assert "primary" in first.xpath(".//button")[0].get("class")
    assert not cards[1].xpath(".//p[@class='score'] | .//p[@class='salary']")
    assert [b.get("data-action") for b in article.xpath("./div[@class='actions']/button")] == ["more", "alert"]


def test_every_card_button_and_apply_link_is_described_by_its_jobs_title_and_ids_are_unique():
    article = parse(render_message(JobListMessage(title="Jobs", jobs=[card(n) for n in (6, 7, 8)]), "40"))
    ids = [node.get("id") for node in article.iter() if node.get("id")]
    assert len(ids) == len(set(ids)) == 4
    for job in article.xpath(".//li"):
        heading = job.xpath(".//h3")[0].get("id")
        assert {node.get("aria-describedby") for node in job.xpath(".//button | .//a")} == {heading}


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.org/a", "", "https://",
                                  "https://x.org/" + "a" * 2100])
def test_an_apply_link_that_is_no_short_web_address_is_left_out(link):
    article = parse(render_message(JobListMessage(title="Jobs", jobs=[card(1, apply_link=link)]), "5"))
    assert not article.xpath(".//a")


def test_buttons_about_one_numbered_item_share_a_group():
    buttons = [Button("Pause", "alert_pause", "a1", 1), Button("Delete", "alert_delete", "a1", 1),
               Button("Resume", "alert_resume", "a2", 2), Button("Delete", "alert_delete", "a2", 2)]
    assert [[b.value for b in group] for group in button_groups(buttons)] == [["a1", "a1"], ["a2", "a2"]]
    article = parse(render_message(Message(text="Your alerts", buttons=buttons), "8"))
    assert [len(group.findall("button")) for group in article.xpath("./div[@class='actions']")] == [2, 2]


def test_the_conversation_cores_own_messages_render():
    for message in (texts.help_message(), texts.forget_question(), texts.progress_message("reading", 40),
                    texts.failure_message("profile", "The file is empty.")):
        article = parse(render_message(message, "11"))
        assert article.get("id") == "m-11" and article.text_content().strip()
    forget = parse(render_message(texts.forget_question(), "12"))
    assert [b.get("data-action") for b in forget.xpath(".//button")] == ["forget_confirm", "forget_cancel"]
    matches = [{"job": {"title": "Nurse", "company_name": "Klinik", "location": "Berlin",
                        "apply_link": "https://example.org/j/1"}, "score": 80, "matched_skills": ["care"],
                "missing_skills": [], "reason": "title matches your search"}]
    listing = texts.job_list_message("nurse", matches, ranking_id="r1", has_profile=True)
    article = parse(render_message(listing, "13"))
    assert article.xpath("string(.//button[@data-action='letter']/@data-value)") == "r1:1"


def test_labels_the_cards_add_are_in_the_readers_language():
    t = translator("de")
    article = parse(render_message(JobListMessage(title="Jobs", jobs=[card(1)]), "1", language="de"))
    assert article.xpath("string(.//p[@class='score'])") == f"{t(LABELS['score_label'])}: 87/100"
    assert article.xpath("string(.//a[@class='apply'])") == f"Apply {t(LABELS['new_tab'])}"


def test_documents_are_download_links_with_kind_and_size_and_only_under_chat_files():
    files = [{"url": "/chat/files/AbC_1", "filename": "Cover letter — ACME.pdf", "mime_type": "application/pdf",
              "size": 34_567},
             {"url": "/chat/files/XyZ-2", "filename": "CV <tailored>.docx", "mime_type": "application/msword",
              "size": 1_300_000},
             {"url": "https://evil.example/x", "filename": "elsewhere.pdf", "mime_type": "application/pdf", "size": 1}]
    article = parse(render_documents(files, "21", caption="Your letter for ACME"))
    assert (article.get("id"), article.findtext("p")) == ("m-21", "Your letter for ACME")
    links = article.xpath(".//a[@class='file']")
    assert [(a.get("href"), a.text, "download" in a.attrib) for a in links] == [
        ("/chat/files/AbC_1", "Cover letter — ACME.pdf", True), ("/chat/files/XyZ-2", "CV <tailored>.docx", True)]
    assert [span.text for span in article.xpath(".//span[@class='file-meta']")] == [
        "PDF · 34 KB", "DOCX · 1.2 MB", "PDF · 1 KB"]
    assert article.xpath("string(.//span[@class='file'])") == "elsewhere.pdf"


def test_file_sizes_are_written_the_readers_way():
    assert file_size(1_300_000, "de") == translator("de")(SIZE_MB, size="1,2")
    assert file_size(10) == "1 KB"


def test_plain_text_says_the_buttons_as_commands():
    listing = JobListMessage(title="Jobs", jobs=[card(3)])
    assert "/apply 3" in plain_text(listing) and "Python <Dev> & Co" in plain_text(listing)


def page_tree(html: str):
    return lxml.html.document_fromstring(html)


def test_the_chat_page_has_the_csrf_meta_a_live_log_a_skip_link_and_labelled_controls():
    page = page_tree(chat_page(csrf_token='tok"<en>', language="de", max_upload_bytes=10 * 1024 * 1024))
    assert page.get("lang") == "de"
    assert page.xpath("string(//meta[@name='csrf-token']/@content)") == 'tok"<en>'
    [log] = page.xpath("//*[@aria-live]")
    assert (log.get("aria-live"), log.get("role"), log.get("id")) == ("polite", "log", "messages")
    [skip] = page.xpath("//a[@class='skip']")
    assert page.xpath(f"//textarea[@id='{skip.get('href')[1:]}']")
    assert page.xpath("//main") and page.xpath("//h1")
    for control in page.xpath("//input[not(@type='hidden')] | //textarea | //select"):
        assert page.xpath(f"//label[@for='{control.get('id')}']"), control.get("id")
    [picker] = page.xpath("//input[@type='file']")
    assert picker.get("name") == "file" and ".pdf" in picker.get("accept") and ".docx" in picker.get("accept")
    assert page.xpath("//form[@id='composer']//button[@type='submit']")
    assert page.xpath("string(//form/@data-max-bytes)") == str(10 * 1024 * 1024)


def test_the_chat_page_has_no_inline_script_or_style_and_versioned_assets():
    page = page_tree(chat_page(csrf_token="t", language="en"))
    scripts = page.xpath("//script")
    assert [s.get("src", "").split("?")[0] for s in scripts if s.get("src")] == ["/chat/static/chat.js"]
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/json"]
    assert not page.xpath("//style | //*[@style] | //*[@onclick] | //*[@onload]")
    [css] = page.xpath("//link[@rel='stylesheet']/@href")
    assert css.startswith("/chat/static/chat.css?v=")
    strings = json.loads(page.xpath("string(//script[@id='strings'])"))
    assert set(strings) == set(SCRIPT_STRINGS)


def test_the_page_its_stylesheet_and_script_stay_under_30_kb():
    page = chat_page(csrf_token="x" * 64, language="en").encode()
    total = len(page) + sum(len((STATIC_DIR / name).read_bytes()) for name in ("chat.css", "chat.js"))
    assert total < 30 * 1024, total


def test_the_access_page_posts_the_code_and_token_and_says_when_the_code_was_wrong():
    page = page_tree(access_page(csrf_token="tok", language="en"))
    [form] = page.xpath("//form")
    assert (form.get("method"), form.get("action")) == ("post", "/chat/access")
    assert page.xpath("string(//input[@name='csrf_token']/@value)") == "tok"
    [code] = page.xpath("//input[@name='code']")
    assert page.xpath(f"//label[@for='{code.get('id')}']") and "aria-invalid" not in code.attrib
    assert not page.xpath("//*[@role='alert']")
    wrong = page_tree(access_page(csrf_token="tok", language="en", error=True))
    [code] = wrong.xpath("//input[@name='code']")
    [alert] = wrong.xpath("//*[@role='alert']")
    assert code.get("aria-invalid") == "true" and code.get("aria-describedby") == alert.get("id")
    assert alert.text == LABELS["access_wrong"]


def test_the_persons_own_message_is_escaped_text_with_its_ids_and_a_cv_is_a_paperclip_and_its_name():
    said = render_mine('<script>alert("x")</script>\nline two', "41", client_id="ab_9-Z", language="de")
    assert said.startswith('<article class="msg me" id="m-41" data-client-id="ab_9-Z">')
    assert "<script" not in said and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;\nline two" in said
    assert '<span class="vh">Du: </span>' in said  # "You:" for screen readers, in the reader's language
    sent = render_mine("Lebenslauf <1>.pdf", "42", upload=True)
    assert sent.startswith('<article class="msg me upload" id="m-42">') and "data-client-id" not in sent
    assert "📎 Lebenslauf &lt;1&gt;.pdf" in sent and mine_text("cv.pdf", upload=True) == "📎 cv.pdf"
