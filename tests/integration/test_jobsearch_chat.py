"""/jobsearch and /apply in the chat, including the answers to bad or premature requests."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from storage.models import Application, JobSearch
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.local_chat import LocalChat
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]


def count(stack, model) -> int:
    with stack.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_search_without_a_cv_ranks_by_query_and_asks_for_the_cv(data_dir, redis_prefix):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.say("/apply 1")
        assert "no job list" in chat.wait_for_message("/jobsearch first")
        chat.say("/jobsearch nurse in Munich")
        ranked = chat.wait_for_message("jobs for “nurse”", timeout=40)
        assert "send your CV" in ranked
        first_job = ranked.split("\n")[1]
        assert any(word in first_job for word in ("Pflege", "Nurse", "nurse", "Kranken")), first_job
        chat.say("/apply 1")
        refusal = chat.wait_for_message("I need your CV")
        assert all(kind in refusal for kind in ("PDF", "Word", "OpenDocument", "photo"))
        assert count(stack, Application) == 0


@pytest.mark.parametrize("text, answer", [
    ("/jobsearch", "which job"),
    ("/jobsearch " + "x" * 400, "too long"),
    ("/jobsearch https://evil.example/jobs", "link"),
    ("/jobsearch in Berlin", "which job"),
])
def test_absurd_searches_get_a_clear_answer_and_create_nothing(data_dir, redis_prefix, text, answer):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix), worker=False) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.say(text)
        reply = chat.wait_for_message("For example", timeout=10)
        assert answer.lower() in reply.lower(), reply
        time.sleep(0.3)
        assert count(stack, JobSearch) == 0


def test_apply_picks_the_job_by_number_and_refuses_numbers_out_of_range(data_dir, redis_prefix):
    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Your profile is ready")
        chat.say("/jobsearch python developer in Berlin")
        ranked = chat.wait_for_message("jobs for “python developer”", timeout=40)
        chat.say("/apply 99")
        assert "between 1 and" in chat.wait_for_message("Pick a job number")
        chat.say("/apply 2")
        letter = chat.wait_for_message("Cover letter —", timeout=40)
        second_title = ranked.split("\n2. ", 1)[1].split(" · ")[0]
        assert second_title in letter and "Lena Fischer" in letter
        assert count(stack, Application) == 1


def test_apply_in_another_language_and_an_unknown_language(data_dir, redis_prefix):
    """`/apply N de` on an English posting gives a German letter (and German files); `/apply N xx` is refused."""
    from domain.jobs.types import JobPosting
    from domain.letters.language import job_language

    with running_stack(stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(make_cv_pdf(PERSONAS["python_dev_berlin"]))
        chat.wait_for_message("Your profile is ready")
        chat.say("/jobsearch python developer in London")
        chat.wait_for_message("jobs for “python developer”", timeout=40)
        with stack.session() as session:
            matches = session.scalars(select(JobSearch)).one().matches[:10]
        number, job = next((n, m["job"]) for n, m in enumerate(matches, 1)
                           if job_language(JobPosting.from_dict(m["job"])) == "en")
        chat.say(f"/apply {number} xx")
        refusal = chat.wait_for_message("is not one of them")
        assert "en (English), de (German), fr (French), es (Spanish), it (Italian), nl (Dutch), pt (Portuguese)" in refusal
        assert count(stack, Application) == 0
        chat.say(f"/apply {number} de")
        assert chat.wait_for_message(f"Writing your letter for {job['title']}").endswith("in German…")
        letter = chat.wait_for_message("Cover letter —", timeout=40)
        assert "Sehr geehrte" in letter and "Kurzprofil:" in letter and "Dear" not in letter
        with stack.session() as session:
            record = session.scalars(select(Application)).one()
            assert (record.job_id, record.language, len(record.file_names())) == (job["job_id"], "de", 4)
