"""The ranking step with a person's snapshot: what request_search stored is applied, what was left out is
counted, and a list already shown is ranked again after a "Not for me"."""
from __future__ import annotations

import pytest

from domain.jobs.enrich import enrich
from domain.jobs.place_rank import place_note, wanted_place
from domain.jobs.preferences import Refinement
from domain.jobs.types import JobPosting
from i18n import N_, Phrase, translator
from pipeline.ranking import LEFT_OUT, rank_found_jobs, recount_places, rerank
from services.feedback import pass_on_job, ranking_snapshot
from services.ports import ChatRequester, OriginRef, UserRef
from services.preferences import refine
from services.searches import request_search
from storage.db import session_factory
from storage.models import JobPostingRecord, JobSearch

ANNA = UserRef("telegram", "42")
CHAT = ChatRequester(ANNA, OriginRef("telegram", "42"))


def posting(job_id: str, title: str, company: str = "Stadtwerke", location: str = "Paris", **fields) -> dict:
    return enrich(JobPosting(job_id=job_id, title=title, company_name=company, location=location,
                             description=f"{title}: bookkeeping, invoices, tax returns.", **fields)).to_dict()


JOBS = [
    posting("paris-1", "Accountant"),
    posting("paris-agency", "Accountant", company="Hays"),
    posting("paris-senior", "Senior Accountant"),
    posting("lyon-1", "Accountant", location="Lyon"),
    posting("remote-1", "Accountant", location="Remote - France"),
    posting("passed", "Accountant", location="Versailles"),
]


def searched(session, jobs=JOBS, location="Paris", notes: list | None = None) -> JobSearch:
    """A chat search of ``jobs`` ranked as the search step ranks it; ``notes`` (phrases) as it stored them."""
    record = request_search(session=session, queue=_Queue(), requester=CHAT, query="accountant", location=location)
    if notes is not None:
        record.notes, record.note_phrases = [str(note) for note in notes], [note.to_dict() for note in notes]
    session.add_all(JobPostingRecord(job_search_id=record.id, position=n, job_id=job["job_id"], data=job)
                    for n, job in enumerate(jobs))
    session.flush()
    rank_found_jobs(session, record, lambda percent, stage: None)
    session.commit()
    return record


class _Queue:
    def dispatch(self, session, record) -> bool:
        session.add(record)
        session.commit()
        return True


def ids(matches) -> list[str]:
    return [match["job"]["job_id"] for match in matches]


def test_without_preferences_every_job_is_ranked_and_nothing_left_out(sessions):
    with sessions() as session:
        record = searched(session)
    assert sorted(ids(record.matches)) == sorted(job["job_id"] for job in JOBS)
    assert record.preferences[LEFT_OUT] == {}
    # The place groups the list: Paris and its suburbs, then remote in France, then Lyon.
    assert ids(record.matches)[-2:] == ["remote-1", "lyon-1"]


@pytest.fixture
def migrated_sessions(migrated_database_url):
    """Sessions on a migrated database of each kind: the snapshot and its counts are JSON columns."""
    return session_factory(migrated_database_url)


def test_the_snapshot_taken_when_searching_is_what_the_ranking_applies(migrated_sessions):
    sessions = migrated_sessions
    with sessions() as session:
        refine(session, ANNA, Refinement(no_agencies=True, seniority="mid"))
        pass_on_job(session, ANNA, {"job_id": "passed", "title": "Accountant", "location": "Versailles"},
                    "not_my_field")
        record = request_search(session=session, queue=_Queue(), requester=CHAT, query="accountant", location="Paris")
        refine(session, ANNA, Refinement(remote_only=True))  # after the search: not applied to it
        session.add_all(JobPostingRecord(job_search_id=record.id, position=n, job_id=job["job_id"], data=job)
                        for n, job in enumerate(JOBS))
        session.flush()
        rank_found_jobs(session, record, lambda percent, stage: None)
        session.commit()
    with sessions() as session:
        stored = session.get(JobSearch, record.id)
        assert sorted(ids(stored.matches)) == ["lyon-1", "paris-1", "remote-1"]
        assert stored.preferences[LEFT_OUT] == {"passed": 1, "no_agencies": 1, "seniority": 1}
        assert stored.preferences["preferences"]["no_agencies"] is True  # the snapshot itself is kept


def test_what_is_left_out_is_counted_by_the_first_preference_that_rules_it_out(sessions):
    with sessions() as session:
        refine(session, ANNA, Refinement(excluded_places=("Paris", "Remote")))
        refine(session, ANNA, Refinement(places=("Marseille",)))
        record = searched(session)
    assert ids(record.matches) == ["remote-1"]  # remote jobs are never left out by a place
    assert record.preferences[LEFT_OUT] == {"excluded_places": 4, "places": 1}


def test_rerank_drops_the_job_passed_on_and_keeps_the_place_groups(sessions):
    with sessions() as session:
        record = searched(session)
        pass_on_job(session, ANNA, record.matches[0]["job"], "wrong_place")
        snapshot = ranking_snapshot(session, ANNA)
    first = record.matches[0]["job"]["job_id"]
    again = rerank(record.matches, snapshot, location="Paris")
    assert first not in ids(again) and len(again) == len(record.matches) - 1
    assert ids(again)[-2:] == ["remote-1", "lyon-1"]
    assert rerank(again, snapshot, location="Paris") == again  # running it again changes nothing
    assert ids(rerank(record.matches, {**snapshot, "location": "Paris"})) == ids(again)


def test_rerank_applies_a_refinement_to_the_list_shown(sessions):
    with sessions() as session:
        record = searched(session)
        refine(session, ANNA, Refinement(no_agencies=True))
        again = rerank(record.matches, ranking_snapshot(session, ANNA), location="Paris")
    assert "paris-agency" not in ids(again) and len(again) == len(JOBS) - 1


@pytest.mark.parametrize("snapshot", [None, {}, {"preferences": None, "feedback": None}])
def test_rerank_without_a_snapshot_only_orders_by_score(sessions, snapshot):
    with sessions() as session:
        record = searched(session, location=None)
    assert rerank(record.matches, snapshot) == record.matches


AGENCY_JOBS = [
    posting("direct-1", "Accountant"),
    posting("hays", "Accountant", company="Hays"),
    posting("randstad", "Accountant", company="Randstad"),
    posting("direct-2", "Accountant", company="Stadtbäckerei"),
    posting("lyon-agency", "Accountant", company="Adecco", location="Lyon"),
]


def test_passing_on_an_agency_job_lowers_the_other_agency_jobs_within_their_place_group(sessions):
    with sessions() as session:
        record = searched(session, jobs=AGENCY_JOBS)
        before = {match["job"]["job_id"]: match for match in record.matches}
        pass_on_job(session, ANNA, before["hays"]["job"], "agency")
        again = rerank(record.matches, ranking_snapshot(session, ANNA), location="Paris")
    after = {match["job"]["job_id"]: match for match in again}
    assert "hays" not in after
    assert after["randstad"]["score"] == before["randstad"]["score"] - 12
    assert after["randstad"]["explanation"]["adjustments"] == [
        {"kind": "passed", "reason": "agency", "points": -12, "params": {}}]
    assert "ranked lower: you passed on agency jobs" in after["randstad"]["reason"]
    assert after["direct-1"] == before["direct-1"]  # the others are untouched
    # Paris first, the agency job below the direct ones; Lyon stays after Paris however it scores.
    assert ids(again) == ["direct-1", "direct-2", "randstad", "lyon-agency"]
    assert after["lyon-agency"]["score"] == before["lyon-agency"]["score"] - 12
    assert rerank(again, ranking_snapshot_of(sessions), location="Paris") == again  # once per reason


def ranking_snapshot_of(sessions) -> dict:
    with sessions() as session:
        return ranking_snapshot(session, ANNA)


def test_a_later_search_ranks_jobs_like_those_passed_on_lower_and_says_why(sessions):
    with sessions() as session:
        before = {match["job"]["job_id"]: match for match in searched(session, jobs=AGENCY_JOBS[:2]).matches}
        pass_on_job(session, ANNA, {"job_id": "old-agency", "title": "Accountant", "company_name": "Hays"}, "agency")
        record = searched(session, jobs=AGENCY_JOBS[:2])
    after = {match["job"]["job_id"]: match for match in record.matches}
    assert ids(record.matches) == ["direct-1", "hays"] and record.preferences[LEFT_OUT] == {}
    assert after["hays"]["score"] == after["hays"]["explanation"]["score"] == before["hays"]["score"] - 12
    assert after["hays"]["reason"].endswith("ranked lower: you passed on agency jobs.")
    assert after["direct-1"]["score"] == before["direct-1"]["score"]


def test_a_job_without_a_salary_is_kept_but_lower_when_a_minimum_is_set(sessions):
    jobs = [posting("unsaid", "Accountant"), posting("paid", "Accountant", salary="€70,000 a year"),
            posting("low", "Accountant", salary="€30,000 a year")]
    with sessions() as session:
        refine(session, ANNA, Refinement(min_salary=50000))
        record = searched(session, jobs=jobs)
    assert ids(record.matches) == ["paid", "unsaid"] and record.preferences[LEFT_OUT] == {"min_salary": 1}
    unsaid = record.matches[1]
    assert unsaid["explanation"]["adjustments"] == [{"kind": "preference", "reason": "salary_unknown", "points": -8,
                                                    "params": {"min_salary": 50000, "currency": "EUR"}}]
    assert "ranked lower: salary not stated" in unsaid["reason"]
    assert unsaid["score"] == record.matches[0]["score"] - 8


def searched_with_notes(session, jobs=JOBS, location="Paris") -> JobSearch:
    """A chat search whose notes are what the search step stored: a board's note, then the place note
    of every posting found."""
    found = [JobPosting.from_dict(job) for job in jobs]
    notes = [Phrase(N_("Missing from this list: {failures}."), failures="Arbeitnow (timed out)"),
             place_note(found, wanted_place(location), location)]
    return searched(session, jobs, location, notes)


def test_the_place_note_counts_the_jobs_the_preferences_kept(sessions):
    """The report: after "only remote" the list held remote jobs under a note counting all the others."""
    with sessions() as session:
        before = searched_with_notes(session).notes[-1]
        refine(session, ANNA, Refinement(remote_only=True))
        record = searched_with_notes(session)
    assert before == "4 jobs in or near Paris; also showing 1 remote and 1 elsewhere in France."
    assert ids(record.matches) == ["remote-1"]
    assert record.notes == ["Missing from this list: Arbeitnow (timed out).",
                            "No jobs found in or near Paris; showing 1 remote."]
    # The chat says the stored phrases again in its reader's language.
    said = [translator("de")(Phrase.from_dict(data)) for data in record.note_phrases]
    assert said[1] != record.notes[1] and "Paris" in said[1] and "1" in said[1]


def test_the_place_note_goes_when_every_job_kept_is_local(sessions):
    with sessions() as session:
        refine(session, ANNA, Refinement(excluded_places=("Lyon",)))
        record = searched_with_notes(session, jobs=[job for job in JOBS if job["job_id"] != "remote-1"])
    assert sorted(ids(record.matches)) == ["paris-1", "paris-agency", "paris-senior", "passed"]
    assert record.notes == ["Missing from this list: Arbeitnow (timed out)."]
    assert len(record.note_phrases) == 1


def test_notes_stored_without_their_phrases_are_left_as_they_are():
    record = JobSearch(query="accountant", location="Paris", notes=["5 jobs in or near Paris; also showing 1 remote."],
                       note_phrases=None)
    recount_places(record, [])
    assert record.notes == ["5 jobs in or near Paris; also showing 1 remote."] and record.note_phrases is None
