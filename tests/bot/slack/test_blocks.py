from bot.core import texts
from bot.core.ports import Button, JobCard, JobListMessage, Message
from bot.slack.blocks import MAX_BLOCKS, escape, render


def _card(number: int, **changes) -> JobCard:
    fields = dict(number=number, title="Python <Dev> & Co", company="Acme", location="Berlin", score=87,
                  matched_skills=["python"], missing_skills=["go"], reason="Strong fit", salary=None,
                  apply_link="https://jobs.example/1", button=Button("Cover letter", "letter", f"m1:{number}"))
    fields.update(changes)
    return JobCard(**fields)


def test_escapes_slacks_three_control_characters_only():
    assert escape("a & b <@U123> > *bold*") == "a &amp; b &lt;@U123&gt; &gt; *bold*"


def test_user_text_cannot_ping_or_link():
    rendered = render(Message(title="T", text="<!channel> hi <https://evil|x>", items=["<@U1>"]))
    texts_ = [b["text"]["text"] for b in rendered["blocks"] if b["type"] == "section"]
    assert all("<" not in text for text in texts_)
    assert "<" not in rendered["text"]


def test_job_list_has_one_letter_button_per_job_with_the_core_value():
    message = JobListMessage(title="Top 2", jobs=[_card(1), _card(2)], footer="Press a button")
    blocks = render(message)["blocks"]
    buttons = [b["accessory"] for b in blocks if "accessory" in b]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("letter", "m1:1"), ("letter", "m1:2")]
    assert "<https://jobs.example/1|Python &lt;Dev&gt; &amp; Co>" in blocks[2]["text"]["text"]
    assert blocks[0]["type"] == "header" and blocks[-1]["type"] == "context"


def test_unsafe_apply_links_are_not_linked():
    blocks = render(JobListMessage(title="t", jobs=[_card(1, apply_link="javascript:alert(1)")]))["blocks"]
    assert "javascript" not in blocks[2]["text"]["text"]


def test_limits_fifty_blocks_3000_chars_per_text_and_header_150():
    many = JobListMessage(title="x" * 400, jobs=[_card(n, reason="r" * 5000) for n in range(1, 60)], footer="f")
    blocks = render(many)["blocks"]
    assert len(blocks) <= MAX_BLOCKS and blocks[-1]["type"] == "context"
    assert len(blocks[0]["text"]["text"]) <= 150
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    long = render(Message(text="line\n" * 2000, items=["i" * 100] * 100))
    assert all(len(b["text"]["text"]) <= 3000 for b in long["blocks"] if b["type"] == "section")
    assert len(long["text"]) <= 3000


def test_forget_question_has_a_danger_button_and_a_cancel():
    blocks = render(texts.forget_question())["blocks"]
    actions = [b for b in blocks if b["type"] == "actions"][0]["elements"]
    assert [(a["action_id"], a.get("style")) for a in actions] == [("forget_confirm", "danger"), ("forget_cancel", None)]


def test_commands_the_core_names_are_spelled_as_this_apps_slack_commands():
    from bot.slack.blocks import slack_commands  # noqa: PLC0415

    assert slack_commands("/prefs reset clears them; /profile, /status, /forget, /language de") == (
        "/jobprefs reset clears them; /jobprofile, /jobstatus, /jobforget, /joblanguage de")
    assert slack_commands("/jobsearch nurse; /apply 2; https://x.example/profile; a/help") == (
        "/jobsearch nurse; /apply 2; https://x.example/profile; a/help")
    rendered = render(texts.help_message())
    assert "/jobprofile" in str(rendered["blocks"]) and "/profile " not in str(rendered["blocks"])
