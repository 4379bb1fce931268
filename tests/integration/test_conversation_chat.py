"""A whole conversation in plain words in the local chat, through the real server and a real worker on
Redis: search → refine → more → not for me → details → letter, and the answers in the person's language."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.jobs.agency import is_agency
from domain.jobs.types import JobPosting
from storage.models import Application, ChatUser, JobFeedback, JobSearch
from tests.support.local_chat import LocalChat
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import wait_for
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


def latest_search(stack) -> JobSearch:
    with stack.session() as session:
        return session.scalars(select(JobSearch).order_by(JobSearch.created_at.desc())).first()


def count_messages(chat: LocalChat, needle: str) -> int:
    return sum(needle in text for text in chat.messages())


def test_search_refine_more_not_for_me_details_and_letter_in_plain_words(data_dir, redis_prefix):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir, chat="plainwords")
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Your profile is ready")

        chat.say("hello, can you find me python developer jobs in Berlin?")
        chat.wait_for_message("jobs for “python developer”", timeout=40)
        first = latest_search(stack)
        assert (first.query, first.location) == ("python developer", "Berlin")

        chat.say("no agencies please")
        chat.wait_for_message("No agencies", timeout=10)
        wait_for(lambda: count_messages(chat, "jobs for “python developer”") == 2, timeout=40,
                 message="the search run again with the refinement")
        refined = latest_search(stack)
        assert refined.id != first.id and refined.preferences["preferences"]["no_agencies"] is True
        assert not any(is_agency(JobPosting.from_dict(match["job"])) for match in refined.matches)

        chat.say("more")
        page = chat.wait_for_message("Jobs 11–", timeout=20)
        assert "\n11. " in page and "[Details: /details 11]" in page

        third, third_id = refined.matches[2]["job"]["title"], refined.matches[2]["job"]["job_id"]
        chat.say("the third one is not for me, too senior")
        chat.wait_for_message(f"Took “{third}” off your list")
        with stack.session() as session:
            [feedback] = session.scalars(select(JobFeedback)).all()
            assert (feedback.reason, feedback.job_id) == ("too_senior", third_id)
        assert third_id not in [m["job"]["job_id"] for m in latest_search(stack).matches]

        second = latest_search(stack).matches[1]["job"]
        chat.say("details for 2")
        details = chat.wait_for_message(f"2. {second['title']}")
        assert "[Cover letter: /apply 2]" in details

        chat.say("please write a letter for 2")
        letter = chat.wait_for_message("Cover letter —", timeout=40)
        assert second["title"] in letter and "Lena Fischer" in letter
        with stack.session() as session:
            assert session.scalars(select(Application)).one().job_id == second["job_id"]

        chat.say("/prefs")
        assert "No agencies" in chat.wait_for_message("Your preferences")
        chat.say("thanks!")
        chat.wait_for_message("You're welcome")


def test_a_german_terminal_gets_german_answers_and_language_switches_them(data_dir, redis_prefix):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir, chat="deutsch", locale="de_DE")
        chat.say("Jobs als Buchhalter in Köln")
        assert "Köln" in chat.wait_for_message("Suche", timeout=10)
        chat.wait_for_message("für „Buchhalter“", timeout=40)
        chat.say("/language fr")
        chat.wait_for_message("français")
        with stack.session() as session:
            person = session.scalar(select(ChatUser).where(ChatUser.external_user_id == "deutsch"))
            assert (person.language, person.locale) == ("fr", "de_DE")
        chat.say("/help")
        chat.wait_for_message("Envoyez votre CV")  # the help in French now, whatever the terminal says
