"""Working with results and refinements in the conversation core: More, Details, Not for me, /prefs,
/language and plain words, on a real SQLite database with a fake messenger and queue."""
from __future__ import annotations

from sqlalchemy import func, select

from bot.core import commands as c
from bot.core.ports import JobListMessage, OriginRef, UserRef
from domain.jobs.preferences import Refinement
from services.results import job_key
from storage.models import ChatUser, JobFeedback, JobSearch
from tests.support.records import add_chat_record

ME = UserRef(platform="local", external_user_id="u1")
SOMEONE = UserRef(platform="local", external_user_id="u2")


def here() -> OriginRef:
    return OriginRef(platform="local", chat_id="c1")


def job(n: int, **fields) -> dict:
    return {"job_id": f"job-{n}", "title": f"Python Developer {n}", "company_name": f"Company {n}",
            "location": "Berlin, Germany", "description": "Build APIs.", "apply_link": f"https://jobs.example/{n}",
            **fields}


def add_ranking(sessions, *, jobs: int = 25, user_id: str = "u1", **fields) -> str:
    with sessions() as session:
        matches = [{"job": job(n), "score": 95 - n, "matched_skills": ["Python"], "missing_skills": [],
                    "reason": "Good match."} for n in range(1, jobs + 1)]
        search = JobSearch(query="python developer", location="Berlin", status="completed", rank_after_search=True,
                           matches=matches, completed_at=func.now(), **fields)
        return add_chat_record(session, search, user_id=user_id).id


async def test_more_pages_on_with_continuing_numbers_until_every_job_was_shown(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=25)
    await conversation.handle(c.ShowMore(ME, here()))
    page = messenger.last
    assert isinstance(page, JobListMessage)
    assert [card.number for card in page.jobs] == list(range(11, 21))
    assert page.jobs[0].title == "Python Developer 11" and page.title.startswith("Jobs 11–20 of 25")
    assert [(b.action, b.value) for b in page.buttons] == [("more", f"{ranking}:20"), ("alert", ranking)]
    key = job_key("job-11")  # buttons name the job itself: a list ranked again must not shift them
    assert [(b.action, b.value, b.number) for b in page.jobs[0].actions] == [
        ("details", f"{ranking}:{key}", 11), ("pass", f"{ranking}:{key}", 11)]
    assert page.jobs[0].button.value == f"{ranking}:{key}"

    await conversation.handle(c.ShowMore(ME, here(), reference=f"{ranking}:20"))
    assert [card.number for card in messenger.last.jobs] == list(range(21, 26))
    assert [b.action for b in messenger.last.buttons] == ["alert"]  # no More after the last page; still 🔔
    await conversation.handle(c.ShowMore(ME, here()))
    assert "every job of this search (25)" in messenger.last.text
    with sessions() as session:
        assert session.get(JobSearch, ranking).shown == 25


async def test_details_of_a_shown_job_and_a_number_outside_the_list(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=12)
    await conversation.handle(c.ShowDetails(ME, here(), reference="2"))
    details = messenger.last
    assert details.title == "2. Python Developer 2"
    assert "Company 2 · Berlin, Germany" in details.items and "https://jobs.example/2" in details.footer
    assert [(b.action, b.value) for b in details.buttons] == [("letter", f"{ranking}:{job_key('job-2')}"),
                                                               ("pass", f"{ranking}:{job_key('job-2')}")]
    await conversation.handle(c.ShowDetails(ME, here(), reference="11"))  # not shown yet: only 1–10 were
    assert messenger.last.text == "Pick a job number between 1 and 10."


async def test_someone_elses_list_is_refused_privately(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=3, user_id="u2")
    add_ranking(sessions, jobs=3)
    await conversation.handle(c.ShowDetails(ME, here(), reference=f"{ranking}:1"))
    assert "belongs to someone else" in messenger.last.text and messenger.last.private_to == ME


async def test_not_for_me_asks_why_then_takes_the_job_off_and_remembers(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=12)
    await conversation.handle(c.NotForMe(ME, here(), reference="3"))
    question = messenger.last
    assert "Python Developer 3" in question.text
    key = job_key("job-3")
    assert [b.value for b in question.buttons] == [f"{ranking}:{key}:{reason}" for reason in
                                                    ("too_senior", "wrong_place", "agency", "not_my_field")]
    assert all(len(f"pass:{b.value}".encode()) <= 64 for b in question.buttons)  # Telegram's callback data

    await conversation.handle(c.NotForMe(ME, here(), reference=f"{ranking}:{key}", reason="agency"))
    said, shown = [message for _, message in messenger.sent[-2:]]
    assert "Took “Python Developer 3” off your list" in said.text and "agency" in said.text
    assert isinstance(shown, JobListMessage) and len(shown.jobs) == 10
    assert "Python Developer 3" not in [card.title for card in shown.jobs]
    assert shown.jobs[-1].title == "Python Developer 11"  # the next job moved up into the list
    assert shown.title == "Top 10 of 11 jobs for “python developer”"  # what is left, not what is shown
    with sessions() as session:
        [feedback] = session.scalars(select(JobFeedback)).all()
        assert (feedback.job_id, feedback.reason) == ("job-3", "agency")
        assert "job-3" not in [m["job"]["job_id"] for m in session.get(JobSearch, ranking).matches]


async def test_a_refinement_is_kept_said_back_and_the_last_search_runs_again(conversation, messenger, sessions, queue):
    add_ranking(sessions, jobs=3)
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(remote_only=True)))
    # Said back in a message of its own: the status message after it becomes the progress and then the list,
    # which would take the confirmation off the screen (the web chat's trial saw it for 0.3 s).
    said, status = [message for _, message in messenger.sent[-2:]]
    assert said.text == "Got it: Remote only." and "python developer" in status.text
    assert messenger.edits == [] and status is messenger.last
    with sessions() as session:
        user = session.scalar(select(ChatUser))
        assert user.preferences["remote_only"] is True
        latest = session.scalars(select(JobSearch).order_by(JobSearch.created_at.desc())).first()
        assert (latest.query, latest.location, latest.status) == ("python developer", "Berlin", "pending")
        assert latest.preferences["preferences"]["remote_only"] is True  # the snapshot the worker ranks with
    await conversation.handle(c.ShowPrefs(ME, here()))
    assert messenger.last.items == ["Remote only"] and messenger.last.private_to == ME
    await conversation.handle(c.ResetPrefs(ME, here()))
    await conversation.handle(c.ShowPrefs(ME, here()))
    assert messenger.last.items == [] and "None yet" in messenger.last.text


async def test_language_by_code_or_name_is_stored_and_an_unknown_one_gets_the_choice(conversation, messenger, sessions):
    await conversation.handle(c.SetLanguage(ME, here(), language="klingon"))
    assert "klingon" in messenger.last.text and [b.value for b in messenger.last.buttons] == ["en", "de", "fr", "es"]
    await conversation.handle(c.SetLanguage(ME, here(), language="Deutsch"))
    with sessions() as session:
        assert session.scalar(select(ChatUser.language)) == "de"


async def test_plain_words_search_and_greeting(conversation, messenger, sessions, queue):
    await conversation.handle(c.PlainWords(ME, here(), text="hello, can you find me marketing jobs in London?"))
    assert "marketing" in messenger.last.text and "London" in messenger.last.text
    with sessions() as session:
        search = session.scalar(select(JobSearch))
        assert (search.query, search.location) == ("marketing", "London")
    await conversation.handle(c.PlainWords(ME, here(), text="hi"))
    assert messenger.last.text.startswith("Hello")


async def test_an_unknown_command_is_named_whole_and_unclear_words_are_never_echoed(conversation, messenger):
    await conversation.handle(c.UnknownCommand(ME, here(), text="/frobnicate the whole thing please"))
    assert messenger.last.text.startswith("I don't know the command /frobnicate.")
    gibberish = "qwzx vbnm plokij uhygtf rdeswa zaqxsw cdevfr bgtnhy mjuki"
    await conversation.handle(c.PlainWords(ME, here(), text=gibberish))
    assert gibberish[:20] not in messenger.last.text and "/help" in messenger.last.text or "Did you mean" in messenger.last.text


async def test_a_search_with_a_place_only_takes_the_role_from_the_cv_or_asks(conversation, messenger, sessions):
    await conversation.handle(c.SearchJobs(ME, here(), text="in Köln"))
    assert "which job" in messenger.last.text.lower()
    with sessions() as session:
        from storage.models import UserProfile  # noqa: PLC0415

        add_chat_record(session, UserProfile(source_files=[], status="completed", completed_at=func.now(),
                                             profile={"name": "Jo", "title": "Accountant"}))
    await conversation.handle(c.SearchJobs(ME, here(), text="in Köln"))
    assert messenger.last.text == "Searching for “Accountant” in Köln…"


async def test_an_answer_pressed_twice_or_after_the_list_moved_is_about_its_job_or_none(conversation, messenger, sessions):
    """A position would name another job once a pass re-ranks the list; the buttons' key does not."""
    ranking = add_ranking(sessions, jobs=12)
    third, fifth = f"{ranking}:{job_key('job-3')}", f"{ranking}:{job_key('job-5')}"
    await conversation.handle(c.NotForMe(ME, here(), reference=third, reason="agency"))
    await conversation.handle(c.NotForMe(ME, here(), reference=fifth, reason="agency"))  # job 5 is number 4 now
    await conversation.handle(c.NotForMe(ME, here(), reference=fifth, reason="agency"))  # a double tap
    assert "no longer on your list" in messenger.last.text
    await conversation.handle(c.ShowDetails(ME, here(), reference=third))
    assert "no longer on your list" in messenger.last.text
    with sessions() as session:
        assert sorted(session.scalars(select(JobFeedback.job_id)).all()) == ["job-3", "job-5"]
        assert len(session.get(JobSearch, ranking).matches) == 10


async def test_a_forged_more_offset_is_read_as_ascii_digits_only(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=25)
    await conversation.handle(c.ShowMore(ME, here(), reference=f"{ranking}:²"))  # "²".isdigit() is True
    assert [card.number for card in messenger.last.jobs][:1] == [11]  # after what was shown, as without an offset


async def test_a_page_after_a_pass_keeps_the_searchs_notes_and_sample_title(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=12, notes=["Missing from this list: Remotive did not answer."],
                          boards=[{"name": "remotive", "error": "timeout"}])
    await conversation.handle(c.NotForMe(ME, here(), reference=f"{ranking}:{job_key('job-1')}", reason="agency"))
    listing = messenger.last
    assert listing.title.startswith("Top 10 of 11 sample jobs")
    assert listing.notes == ["Missing from this list: Remotive did not answer."]


async def test_refinements_sent_at_once_all_last_and_each_reply_says_only_what_changed(conversation, messenger,
                                                                                          sessions):
    import asyncio  # noqa: PLC0415

    await asyncio.gather(*(conversation.handle(c.Refine(ME, here(), refinement=refinement)) for refinement in (
        Refinement(no_agencies=True), Refinement(remote_only=True), Refinement(min_salary=60000, salary_currency="EUR"),
        Refinement(job_types=("part_time",)), Refinement(excluded_companies=("Acme",)))))
    with sessions() as session:
        stored = session.scalar(select(ChatUser.preferences))
    assert (stored["no_agencies"], stored["remote_only"], stored["min_salary"], stored["job_types"],
            stored["excluded_companies"]) == (True, True, 60000, ["part_time"], ["Acme"])
    replies = [message.text for _, message in messenger.sent]
    assert all(reply.count(":") == 1 for reply in replies)  # "Got it: <this one>." — never the whole list again
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(clear=("remote_only",))))
    assert messenger.last.text.startswith("No longer: Remote only.")


async def test_refinements_past_their_bounds_are_refused_and_store_nothing(conversation, messenger, sessions):
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(min_salary=10 ** 30)))
    assert "more than any posting offers" in messenger.last.text
    companies = tuple(f"Company {n}" for n in range(51))
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(excluded_companies=companies)))
    assert "more than 50 entries" in messenger.last.text
    with sessions() as session:
        assert session.scalar(select(ChatUser.preferences)) is None
    await conversation.handle(c.ShowPrefs(ME, here()))
    assert messenger.last.items == []


async def test_a_lone_surrogate_or_bidi_override_never_reaches_a_reply(conversation, messenger):
    from bot.core.parse import parse_text  # noqa: PLC0415

    await conversation.handle(parse_text(ME, here(), "/language \ud800\u202eklingon"))
    said = messenger.last.text
    said.encode("utf-8")  # would raise on a lone surrogate
    assert "\u202e" not in said and "\ufffdklingon" in said


async def test_the_apps_language_wins_over_the_language_the_words_seem_to_be_in(conversation, messenger):
    german_app = UserRef(platform="local", external_user_id="u1", locale="de_DE")
    await conversation.handle(c.PlainWords(german_app, here(), text="python developer jobs in Berlin"))
    assert messenger.last.text == "Ich suche „python developer“ in Berlin…"
    unknown_app = UserRef(platform="local", external_user_id="u9")
    await conversation.handle(c.PlainWords(unknown_app, here(), text="je cherche un poste de comptable à Lyon"))
    assert messenger.last.text == "Je cherche «\xa0comptable\xa0» (Lyon)…"  # no app language: the words decide


async def test_after_a_pass_the_list_starts_again_at_the_top_and_numbers_mean_that_list(conversation, messenger,
                                                                                         sessions):
    ranking = add_ranking(sessions, jobs=25)
    await conversation.handle(c.ShowMore(ME, here()))  # 11–20 on screen too
    await conversation.handle(c.NotForMe(ME, here(), reference=f"{ranking}:{job_key('job-12')}", reason="agency"))
    listing = messenger.last
    assert [card.number for card in listing.jobs] == list(range(1, 11))
    assert listing.title.startswith("Top 10 of 24") and listing.buttons[0].label == "More (14 left)"
    await conversation.handle(c.ShowDetails(ME, here(), reference="12"))
    assert messenger.last.text == "Pick a job number between 1 and 10."


async def test_a_bare_reason_answers_the_question_the_bot_just_asked(conversation, messenger, sessions):
    ranking = add_ranking(sessions, jobs=12)
    await conversation.handle(c.NotForMe(ME, here(), reference="4"))
    await conversation.handle(c.NotForMe(ME, here(), reference="", reason="too_senior"))
    with sessions() as session:
        assert [(f.job_id, f.reason) for f in session.scalars(select(JobFeedback))] == [("job-4", "too_senior")]
    await conversation.handle(c.NotForMe(ME, here(), reference="", reason="agency"))  # nothing asked any more
    assert messenger.last.text == "Pick a job number between 1 and 10."
    assert ranking


async def test_a_place_alone_searches_there_and_is_not_kept_for_later_searches(conversation, messenger, sessions):
    add_ranking(sessions, jobs=3)
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(places=("Munich",))))
    assert messenger.last.text == "Searching for “python developer” in Munich…"
    with sessions() as session:
        assert session.scalar(select(ChatUser.preferences)) is None
        latest = session.scalars(select(JobSearch).order_by(JobSearch.created_at.desc())).first()
        assert (latest.query, latest.location) == ("python developer", "Munich")


async def test_clearing_the_preferences_runs_the_last_search_again(conversation, messenger, sessions):
    add_ranking(sessions, jobs=3)
    await conversation.handle(c.Refine(ME, here(), refinement=Refinement(no_agencies=True)))
    await conversation.handle(c.ResetPrefs(ME, here()))
    said, status = [message.text for _, message in messenger.sent[-2:]]
    assert (said, status) == ("Done — your preferences are cleared.", "Searching “python developer” again without them…")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(JobSearch)) == 3
        assert session.scalar(select(ChatUser.preferences)) is None


def test_an_empty_list_caused_by_the_preferences_says_so():
    from bot.core import texts  # noqa: PLC0415

    message = texts.no_jobs_message("nurse", left_out=7)
    assert message.text == ("Your preferences left out all 7 jobs found for “nurse”. "
                            "/prefs shows them; /prefs reset clears them.")
    assert texts.no_jobs_message("nurse").text.startswith("No jobs found")


def test_details_speak_the_readers_language_down_to_the_pay_and_the_source_line():
    from bot.core.results import details_message  # noqa: PLC0415
    from i18n import translator  # noqa: PLC0415

    match = {"job": job(1, via="via Arbeitnow", posted_date="2026-01-01", salary_min=50000, salary_max=60000,
                        salary_currency="EUR", salary_period="year")}
    german = details_message(match, ranking_id="r1", number=1, key=job_key("job-1"), t=translator("de"))
    english = details_message(match, ranking_id="r1", number=1, key=job_key("job-1"), t=translator("en"))
    assert german.items != english.items
    assert not any("a year" in item or "posted" in item for item in german.items)
