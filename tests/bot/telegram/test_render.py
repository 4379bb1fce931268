"""Rendering neutral messages as Telegram HTML: escaping, the 4096 limit, keyboards."""
from __future__ import annotations

from bot.core import texts
from bot.core.ports import Button, JobCard, JobListMessage, Message
from bot.telegram.render import MAX_MESSAGE, callback_data, parse_callback_data, render_message, size
from tests.support.telegram_wire import BotApiError, check_markup, check_text


def assert_telegram_accepts(chunks) -> None:
    """The stand-in's copy of Telegram's own checks: balanced allowed tags, length, button data."""
    for chunk in chunks:
        check_text(chunk.html, "HTML", MAX_MESSAGE)
        check_markup(chunk.keyboard.to_dict() if chunk.keyboard else None)


def card(number: int, **overrides) -> JobCard:
    fields = dict(number=number, title="Python <Dev> & Co", company="ACME \"GmbH\"", location="Berlin",
                  score=87, matched_skills=["Python", "FastAPI"], missing_skills=["Go"], reason="Title fits",
                  salary="60k–80k €", apply_link="https://jobs.example.com/a?x=1&y=<2>",
                  button=Button("Cover letter", "letter", f"0b6c2a0e-1111-4c2e-9c1e-5d1f2a3b4c5d:{number}"))
    fields.update(overrides)
    return JobCard(**fields)


def test_user_text_is_escaped_and_markup_is_ours():
    [chunk] = render_message(Message(title="<script>", text="a < b & c > d", items=["<b>not bold</b>"],
                                     footer="x & y"))
    assert chunk.html.startswith("<b>&lt;script&gt;</b>")
    assert "a &lt; b &amp; c &gt; d" in chunk.html
    assert "• &lt;b&gt;not bold&lt;/b&gt;" in chunk.html
    assert chunk.html.endswith("<i>x &amp; y</i>")
    assert_telegram_accepts([chunk])


def test_help_message_fits_one_chunk_without_keyboard():
    [chunk] = render_message(texts.help_message())
    assert chunk.keyboard is None and "/jobsearch" in chunk.html


def test_forget_question_has_both_buttons_with_short_callback_data():
    [chunk] = render_message(texts.forget_question())
    buttons = [b for row in chunk.keyboard.inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [
        ("Yes, delete everything", "forget_confirm:"), ("Cancel", "forget_cancel:")]


def test_job_list_has_a_cover_letter_button_per_job_and_escaped_links():
    message = JobListMessage(title="Top 3 jobs for “python”", jobs=[card(n) for n in (1, 2, 3)], footer="Press a button")
    [chunk] = render_message(message)
    assert "<b>1. Python &lt;Dev&gt; &amp; Co</b> — <b>87/100</b>" in chunk.html
    assert 'href="https://jobs.example.com/a?x=1&amp;y=&lt;2&gt;"' in chunk.html
    data = [b.callback_data for row in chunk.keyboard.inline_keyboard for b in row]
    assert data == [f"letter:0b6c2a0e-1111-4c2e-9c1e-5d1f2a3b4c5d:{n}" for n in (1, 2, 3)]
    assert all(len(d.encode()) <= 64 for d in data)
    assert_telegram_accepts([chunk])


def test_a_long_job_list_splits_between_jobs_and_keeps_each_jobs_button_with_it():
    long_reason = "Strong overlap on backend skills & <infrastructure>. " * 12
    message = JobListMessage(title="Many jobs", jobs=[card(n, reason=long_reason) for n in range(1, 11)])
    chunks = render_message(message)
    assert len(chunks) > 1
    assert_telegram_accepts(chunks)
    for chunk in chunks:
        numbers = [b.callback_data.rpartition(":")[2] for row in chunk.keyboard.inline_keyboard for b in row]
        for number in numbers:  # the button is in the same message as its job
            assert f"<b>{number}. Python" in chunk.html
    assert sum(chunk.html.count("Python &lt;Dev&gt;") for chunk in chunks) == 10


def test_a_very_long_letter_is_cut_at_whitespace_and_never_inside_an_entity():
    letter = ("Dear hiring team & friends, " * 400).strip()  # ~11k characters, one paragraph
    chunks = render_message(Message(title="Cover letter", text=letter))
    assert len(chunks) >= 3
    assert_telegram_accepts(chunks)
    assert all(size(chunk.html) <= MAX_MESSAGE for chunk in chunks)
    joined = " ".join(chunk.html for chunk in chunks).replace("\n", " ")
    assert joined.count("&amp;") == 400


def test_a_giant_word_is_hard_cut_and_escaped_per_piece():
    chunks = render_message(Message(text="<" * 9000))
    assert_telegram_accepts(chunks)
    assert sum(chunk.html.count("&lt;") for chunk in chunks) == 9000


def test_size_counts_utf16_units_like_telegram():
    assert size("😀") == 2 and size("ü") == 1


def test_callback_data_over_64_bytes_is_dropped_not_sent():
    assert callback_data(Button("x", "letter", "9" * 80)) is None
    assert parse_callback_data("letter:abc:2") == ("letter", "abc:2")


def test_the_standin_refuses_what_telegram_refuses():
    for text, mode in (("<b>open", "HTML"), ("<div>x</div>", "HTML"), ("x" * 4097, None)):
        try:
            check_text(text, mode, MAX_MESSAGE)
        except BotApiError as exc:
            assert exc.code == 400
        else:
            raise AssertionError(f"accepted {text[:20]!r}")


def test_ten_sample_jobs_with_their_notes_fit_one_telegram_message():
    """A list split over two messages buries its notes under a second bubble: board credits ride on the company
    line and the "send your CV" tip is said once, in the footer."""
    from bot.core import texts  # noqa: PLC0415
    from domain.jobs.offline_source import OfflineJobSource  # noqa: PLC0415
    from domain.jobs.query import SearchRequest  # noqa: PLC0415
    from domain.jobs.sources import search_jobs  # noqa: PLC0415
    from domain.ranking import rank_jobs  # noqa: PLC0415

    found = search_jobs([], SearchRequest("python developer", "Berlin"), 30, sample=OfflineJobSource())
    ranked = [item.to_dict() for item in rank_jobs(None, found.jobs, query="python developer in Berlin")]
    message = texts.job_list_message("python developer", ranked, ranking_id="r1", has_profile=False,
                                     notes=found.notes, sample=True)
    [chunk] = render_message(message)
    assert "via job-agent sample" in chunk.html and chunk.html.count("send your CV") == 1
    assert "These are sample postings" in chunk.html
