"""Every platform shows a list's per-job Details / Not for me buttons and its More button (or, in the
terminal, the commands that do the same), within each platform's limits."""
from __future__ import annotations

from bot.core.ports import Button, JobCard, JobListMessage
from bot.local.render import button_hint, render_text
from bot.slack.blocks import MAX_BLOCKS
from bot.slack.blocks import render as slack_render
from bot.telegram.render import render_message
from tests.support.telegram_wire import check_markup

RANKING = "0b6c2a0e-1111-4c2e-9c1e-5d1f2a3b4c5d"


def card(number: int) -> JobCard:
    return JobCard(number=number, title=f"Job {number}", company="Acme", location="Berlin", score=80,
                   matched_skills=["Python"], missing_skills=[], reason="Good match.", salary=None,
                   apply_link="https://jobs.example/1", button=Button("Cover letter", "letter", f"{RANKING}:{number}"),
                   actions=[Button("Details", "details", f"{RANKING}:{number}"),
                            Button("Not for me", "pass", f"{RANKING}:{number}")])


def job_list(count: int = 10, first: int = 1) -> JobListMessage:
    return JobListMessage(title="Top 10 of 30 jobs", jobs=[card(n) for n in range(first, first + count)],
                          footer="Press a button", buttons=[Button("More (20 left)", "more", f"{RANKING}:10")])


def test_telegram_puts_one_row_per_job_and_more_last_within_64_bytes():
    [chunk] = render_message(job_list())
    rows = chunk.keyboard.inline_keyboard
    assert [[b.callback_data.split(":")[0] for b in row] for row in rows[:-1]] == [["letter", "details", "pass"]] * 10
    assert [b.callback_data for b in rows[-1]] == [f"more:{RANKING}:10"]
    assert rows[0][1].text == "ℹ️ Details #1" and rows[9][2].text == "👎 Not for me #10"
    check_markup(chunk.keyboard.to_dict())  # the stand-in's copy of Telegram's checks (64-byte data)


def test_a_reason_button_fits_telegrams_64_bytes():
    reason = Button("Not my field", "pass", f"{RANKING}:10:not_my_field")
    [chunk] = render_message(JobListMessage(title="t", jobs=[], buttons=[reason]))
    assert chunk.keyboard.inline_keyboard[0][0].callback_data == f"pass:{RANKING}:10:not_my_field"


def test_slack_gives_each_job_an_actions_block_and_the_list_a_more_button():
    blocks = slack_render(job_list())["blocks"]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert len(actions) == 11 and len(blocks) <= MAX_BLOCKS
    assert [(e["action_id"], e["value"]) for e in actions[0]["elements"]] == [
        ("details", f"{RANKING}:1"), ("pass", f"{RANKING}:1")]
    assert [(e["action_id"], e["value"]) for e in actions[-1]["elements"]] == [("more", f"{RANKING}:10")]
    assert blocks[-1] is actions[-1]  # More comes after the list's notes and footer


def test_slack_drops_whole_jobs_never_half_a_job_at_fifty_blocks():
    blocks = slack_render(job_list(count=20))["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    sections = [b for b in blocks if b["type"] == "section"]
    per_job = [b for b in blocks if b["type"] == "actions"][:-1]
    assert len(sections) == len(per_job)


def test_the_terminal_shows_the_command_each_button_stands_for():
    text = render_text(job_list(count=2, first=11))
    assert "[Details: /details 11]" in text and "[Not for me: /pass 12]" in text and "[Cover letter: /apply 11]" in text
    assert "[More (20 left): /more]" in text
    assert button_hint(Button("An agency", "pass", f"{RANKING}:k0123abcd:agency", 3)) == "/pass 3 agency"
    assert button_hint(Button("Details", "details", f"{RANKING}:k0123abcd", 7)) == "/details 7"
    assert button_hint(Button("Deutsch", "language", "de")) == "/language de"


def test_the_cards_words_come_in_the_readers_language_on_every_platform():
    from bot.core.results import with_result_buttons  # noqa: PLC0415
    from i18n import translator  # noqa: PLC0415

    listing = JobListMessage(title="t", jobs=[JobCard(
        number=1, title="Koch", company="Zur Post", location="Köln", score=None, matched_skills=[], missing_skills=[],
        reason="", salary="€40k a year", apply_link="https://jobs.example/1", button=Button("Cover letter", "letter"))])
    german = with_result_buttons(listing, ranking_id=RANKING, start=0, total=1, keys=["k0123abcd"], t=translator("de"))
    assert [german.jobs[0].button.label, *[b.label for b in german.jobs[0].actions]] == [
        "Anschreiben", "Details", "Nichts für mich"]
    [chunk] = render_message(german)
    assert ">Bewerben</a>" in chunk.html
    assert "Gehalt: €40k a year" in str(slack_render(german)["blocks"])
    assert "   Gehalt: €40k a year" in render_text(german) and "   Bewerben: https://jobs.example/1" in render_text(german)
