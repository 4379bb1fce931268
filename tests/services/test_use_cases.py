"""The use cases against a real SQLite database and a fake task queue: one commit each, refusals that say why."""
from __future__ import annotations

import pytest
from sqlalchemy import event, func

from services.errors import NotFound, NotReady
from services.letter_language import UnknownLanguage, letter_language
from services.letters import choose_posting, request_letter
from services.ports import ApiRequester, ChatRequester, OriginRef, UserRef
from services.profiles import request_profile
from services.searches import request_ranking, request_search
from storage.models import ChatOrigin, JobPostingRecord, JobSearch, UserProfile
from tests.support.fakes import FakeTaskQueue

KEY = ApiRequester("key-a", "https://hooks.example.com/done")
OTHER_KEY = ApiRequester("key-b")
CHAT = ChatRequester(UserRef("slack", "U1", workspace_id="T1"), OriginRef("slack", "C1", "T1", thread_id="171.1"))


def commits_during(session, action):
    seen = []
    event.listen(session, "after_commit", lambda _: seen.append(1))
    result = action()
    return result, len(seen)


def test_a_chat_request_is_stored_with_its_origin_in_one_commit(sessions, queue):
    with sessions() as session:
        record, commits = commits_during(session, lambda: request_profile(
            session=session, queue=queue, requester=CHAT, file_names=["a" * 32 + ".pdf"], original_filename="cv.pdf"))
        origin = session.get(ChatOrigin, record.origin_id)
    assert commits == 1 and queue.sent == [("profile", record.id)]
    assert (origin.platform, origin.workspace_id, origin.chat_id, origin.thread_id) == ("slack", "T1", "C1", "171.1")


def test_an_api_request_belongs_to_its_key_and_keeps_its_webhook(sessions, queue):
    with sessions() as session:
        record, commits = commits_during(session, lambda: request_search(
            session=session, queue=queue, requester=KEY, query="nurse", location="Munich", num_results=5))
    assert commits == 1
    assert (record.api_key_id, record.webhook_url, record.chat_user_id) == ("key-a", KEY.webhook_url, None)
    assert not record.rank_after_search and record.num_results == 5


def test_a_record_stays_stored_when_the_broker_is_down(sessions):
    with sessions() as session:
        record = request_search(session=session, queue=FakeTaskQueue(broker_down=True), requester=KEY, query="nurse",
                                location=None)
    with sessions() as session:
        assert session.get(JobSearch, record.id).status == "pending"


def completed(session, record, api_key_id="key-a"):
    record.status, record.api_key_id, record.completed_at = "completed", api_key_id, func.now()
    session.add(record)
    session.commit()
    return record


def test_ranking_needs_the_callers_own_completed_profile_and_search(sessions, queue):
    with sessions() as session:
        profile = completed(session, UserProfile(source_files=[], profile={}))
        search = completed(session, JobSearch(query="nurse"))
        pending = JobSearch(query="cook", api_key_id="key-a")
        session.add(pending)
        session.commit()
        with pytest.raises(NotFound, match="No profile with that id"):
            request_ranking(session=session, queue=queue, requester=OTHER_KEY, profile_id=profile.id,
                            job_search_id=search.id)
        with pytest.raises(NotReady, match="still pending"):
            request_ranking(session=session, queue=queue, requester=KEY, profile_id=profile.id,
                            job_search_id=pending.id)
        match = request_ranking(session=session, queue=queue, requester=KEY, profile_id=profile.id,
                                job_search_id=search.id)
    assert queue.sent == [("match", match.id)] and match.job_search_id == search.id


def test_a_rest_letter_takes_the_job_from_the_callers_own_searches(sessions, queue):
    job = {"job_id": "j-1", "title": "Nurse", "company_name": "Klinik"}
    with sessions() as session:
        profile = completed(session, UserProfile(source_files=[], profile={}))
        search = completed(session, JobSearch(query="nurse"), api_key_id="key-b")
        session.add(JobPostingRecord(job_search_id=search.id, position=0, job_id="j-1", data=job))
        session.commit()
        with pytest.raises(NotFound, match="No job with that job_id"):
            choose_posting(session=session, requester=KEY, profile_id=profile.id, job_id="j-1")
        search.api_key_id = "key-a"
        session.commit()
        choice = choose_posting(session=session, requester=KEY, profile_id=profile.id, job_id="j-1")
        letter = request_letter(session=session, queue=queue, requester=KEY, choice=choice)
        in_dutch = request_letter(session=session, queue=queue, requester=KEY, choice=choice, language="nl")
    assert (letter.job, letter.profile_id, letter.api_key_id) == (job, profile.id, "key-a")
    assert (letter.language, in_dutch.language) == (None, "nl")  # None: the letter step detects the posting's


@pytest.mark.parametrize("asked, code", [(None, None), ("", None), ("  ", None), ("de", "de"), ("DE", "de"),
                                         ("de-AT", "de"), ("pt_BR", "pt"), ("French", "fr"), ("français", "fr"),
                                         ("Italiano", "it"), ("Spanish", "es")])
def test_a_letter_language_is_taken_as_code_or_name(asked, code):
    assert letter_language(asked) == code


@pytest.mark.parametrize("asked", ["xx", "ru", "Russian", "deu", "en gb"])
def test_an_unknown_letter_language_is_refused_listing_the_seven_codes(asked):
    with pytest.raises(UnknownLanguage) as refused:
        letter_language(asked)
    assert refused.value.message.startswith("I write letters in en (English), de (German), fr (French), "
                                            "es (Spanish), it (Italian), nl (Dutch), pt (Portuguese)")
