""""Not for me" stored per person, and the snapshot a chat search takes of it, against a real SQLite database
(PostgreSQL too for the stored shapes)."""
from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from config import Settings
from domain.jobs.preferences import Refinement
from services.feedback import feedback_of, pass_on_job, ranking_snapshot
from services.ports import ApiRequester, ChatRequester, OriginRef, UserRef
from services.preferences import refine
from services.searches import request_search
from services.users import find_user, forget_user
from storage.db import session_factory
from storage.models import JobFeedback, JobSearch

ANNA = UserRef("telegram", "42")
BEN = UserRef("telegram", "43")
JOB = {"job_id": "arbeitnow-1", "title": "Senior Accountant", "company_name": "Hays", "location": "Berlin",
       "description": "not stored"}


@pytest.fixture
def migrated_sessions(migrated_database_url):
    return session_factory(migrated_database_url)


def test_passes_are_kept_newest_first_per_person(migrated_sessions):
    with migrated_sessions() as session:
        commits = []
        event.listen(session, "after_commit", lambda _: commits.append(1))
        pass_on_job(session, ANNA, JOB, "agency")
        pass_on_job(session, ANNA, {**JOB, "job_id": "j2", "title": "Nurse", "location": "London"}, "wrong_place")
        pass_on_job(session, BEN, JOB, "too_senior")
        assert len(commits) == 3
    with migrated_sessions() as session:
        anna = feedback_of(session, ANNA)
        assert [(entry["job_id"], entry["reason"]) for entry in anna] == [("j2", "wrong_place"),
                                                                          ("arbeitnow-1", "agency")]
        assert {key: anna[1][key] for key in ("title", "company", "location")} == {
            "title": "Senior Accountant", "company": "Hays", "location": "Berlin"}
        assert anna[0]["created_at"] >= anna[1]["created_at"]
        assert [entry["reason"] for entry in feedback_of(session, BEN)] == ["too_senior"]
        assert feedback_of(session, UserRef("telegram", "nobody")) == []


def test_passing_on_the_same_job_again_replaces_the_reason_and_becomes_newest(sessions):
    with sessions() as session:
        pass_on_job(session, ANNA, JOB, "agency")
        pass_on_job(session, ANNA, {**JOB, "job_id": "j2"}, "wrong_place")
        pass_on_job(session, ANNA, JOB, "too_senior")
        assert [(e["job_id"], e["reason"]) for e in feedback_of(session, ANNA)] == [("arbeitnow-1", "too_senior"),
                                                                                   ("j2", "wrong_place")]
        assert session.scalar(select(func.count()).select_from(JobFeedback)) == 2


def test_the_newest_are_read_up_to_the_limit(sessions):
    with sessions() as session:
        for n in range(5):
            pass_on_job(session, ANNA, {**JOB, "job_id": f"j{n}"}, "agency")
        assert [entry["job_id"] for entry in feedback_of(session, ANNA, limit=2)] == ["j4", "j3"]


@pytest.mark.parametrize("job, reason, message", [
    (JOB, "boring", "unknown reason 'boring'"),
    ({"title": "No id"}, "agency", "no job_id"),
])
def test_a_pass_needs_a_known_reason_and_a_job_id(sessions, job, reason, message):
    with sessions() as session:
        with pytest.raises(ValueError, match=message):
            pass_on_job(session, ANNA, job, reason)
        assert session.scalar(select(func.count()).select_from(JobFeedback)) == 0


def test_long_fields_are_cut_to_their_columns(sessions):
    with sessions() as session:
        pass_on_job(session, ANNA, {**JOB, "title": "T" * 1000, "location": None}, "not_my_field")
        [entry] = feedback_of(session, ANNA)
    assert len(entry["title"]) == 300 and entry["location"] == ""


def test_forgetting_a_person_forgets_their_passes(sessions, tmp_path):
    with sessions() as session:
        pass_on_job(session, ANNA, JOB, "agency")
        assert forget_user(session=session, settings=Settings(_env_file=None, job_agent_data_dir=tmp_path), user=ANNA)
        assert find_user(session=session, user=ANNA) is None
        assert session.scalar(select(func.count()).select_from(JobFeedback)) == 0


def test_a_chat_search_snapshots_preferences_and_passes_a_rest_search_none(sessions, queue):
    chat = ChatRequester(ANNA, OriginRef("telegram", "42"))
    with sessions() as session:
        refine(session, ANNA, Refinement(no_agencies=True, excluded_places=("London",)))
        pass_on_job(session, ANNA, JOB, "too_senior")
        record = request_search(session=session, queue=queue, requester=chat, query="accountant", location="Berlin")
        rest = request_search(session=session, queue=queue, requester=ApiRequester("key-a"), query="accountant",
                              location="Berlin")
        refine(session, ANNA, Refinement(remote_only=True))  # later changes do not alter a search made
    with sessions() as session:
        stored = session.get(JobSearch, record.id).preferences
        assert stored["preferences"]["no_agencies"] is True and stored["preferences"]["remote_only"] is False
        assert stored["preferences"]["excluded_places"] == ["London"]
        assert [(e["job_id"], e["reason"]) for e in stored["feedback"]] == [("arbeitnow-1", "too_senior")]
        assert session.get(JobSearch, rest.id).preferences is None
        assert ranking_snapshot(session, ANNA)["preferences"]["remote_only"] is True
