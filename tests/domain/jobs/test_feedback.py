""""Not for me": which postings are like the one passed on, and by how much they go down."""
from __future__ import annotations

import pytest

from domain.jobs.enrich import enrich
from domain.jobs.feedback import PENALTIES, REASONS, PassedJobs, field_of
from domain.jobs.refine import Adjustment
from domain.jobs.types import JobPosting


def posting(job_id: str, title: str = "Accountant", company: str = "Müller GmbH", location: str = "Berlin",
            **fields) -> JobPosting:
    return enrich(JobPosting(job_id=job_id, title=title, company_name=company, location=location, **fields))


def passed(reason: str, title: str = "Accountant", company: str = "Acme", location: str = "Berlin",
           job_id: str = "passed-1") -> dict:
    return {"job_id": job_id, "reason": reason, "title": title, "company": company, "location": location,
            "created_at": "2026-11-30T10:00:00+00:00"}


CASES = {
    "agency: every agency posting": (
        passed("agency", company="Hays"),
        {"hays": posting("hays", company="Hays"), "randstad": posting("randstad", company="Randstad"),
         "client": posting("client", description="We recruit on behalf of our client, a bank."),
         "direct": posting("direct", company="Siemens")},
        {"hays", "randstad", "client"}),
    "too senior: the passed level and above": (
        passed("too_senior", title="Senior Accountant"),
        {"senior": posting("senior", title="Senior Tax Accountant"), "lead": posting("lead", title="Head of Finance"),
         "mid": posting("mid", title="Accountant II"), "junior": posting("junior", title="Junior Accountant"),
         "unknown": posting("unknown", title="Accountant")},
        {"senior", "lead"}),
    "too senior on a title without a level: senior and above": (
        passed("too_senior", title="Accountant"),
        {"senior": posting("senior", title="Senior Accountant"), "plain": posting("plain", title="Bookkeeper"),
         "junior": posting("junior", title="Junior Accountant")},
        {"senior"}),
    "wrong place: in or near the passed job's place, never remote": (
        passed("wrong_place", location="London, UK"),
        {"london": posting("london", location="London"), "croydon": posting("croydon", location="Croydon, UK"),
         "leeds": posting("leeds", location="Leeds, UK"), "remote": posting("remote", location="Remote - UK")},
        {"london", "croydon"}),
    "wrong place on a remote job: nothing else": (
        passed("wrong_place", location="Remote - USA"),
        {"remote": posting("remote", location="Remote - USA"), "berlin": posting("berlin")},
        set()),
    "not my field: titles sharing the field, not the generic head": (
        passed("not_my_field", title="Marketing Manager (m/w/d)"),
        {"specialist": posting("specialist", title="Online Marketing Specialist"),
         "marketing": posting("marketing", title="Senior Marketing Manager"),
         "sales": posting("sales", title="Sales Manager"), "nurse": posting("nurse", title="Nurse")},
        {"specialist", "marketing"}),
    "not my field across languages": (
        passed("not_my_field", title="Softwareentwickler"),
        {"dev": posting("dev", title="Java Developer"), "fr": posting("fr", title="Développeur Python (H/F)"),
         "accountant": posting("accountant", title="Buchhalter")},
        {"dev", "fr"}),
    "not my field: a specialisation, not every job of the role": (
        passed("not_my_field", title="Backend-Entwickler (m/w/d)"),
        {"backend": posting("backend", title="Senior Backend Engineer"),
         "python": posting("python", title="Python Developer"), "front": posting("front", title="Frontend Developer")},
        {"backend"}),
    "not my field of unknown words: all of them": (
        passed("not_my_field", title="Customer Service Agent"),
        {"same": posting("same", title="Senior Customer Service Agent"),
         "other": posting("other", title="Food Service Worker")},
        {"same"}),
}


@pytest.mark.parametrize("entry, jobs, lowered", CASES.values(), ids=CASES.keys())
def test_postings_like_the_one_passed_on_go_down_by_the_reasons_penalty(entry, jobs, lowered):
    judged = PassedJobs.read([entry])
    adjusted = {job_id: judged.adjustments(job) for job_id, job in jobs.items()}
    assert {job_id for job_id, found in adjusted.items() if found} == lowered
    for job_id in lowered:
        [adjustment] = adjusted[job_id]
        assert (adjustment.kind, adjustment.reason, adjustment.points) == ("passed", entry["reason"],
                                                                          PENALTIES[entry["reason"]])


def test_penalties_are_moderate_and_cover_every_reason():
    assert set(PENALTIES) == set(REASONS)
    assert all(-20 <= points <= -10 for points in PENALTIES.values())


def test_each_reason_counts_once_from_the_newest_pass():
    feedback = [passed("wrong_place", location="Croydon, UK", job_id="new"),
                passed("wrong_place", location="London", job_id="old"),
                passed("agency", company="Hays", job_id="a1"), passed("agency", company="Adecco", job_id="a2")]
    judged = PassedJobs.read(feedback)
    found = judged.adjustments(posting("x", company="Hays", location="London"))
    assert found == [Adjustment("passed", "wrong_place", -12, {"place": "Croydon"}),
                     Adjustment("passed", "agency", -12, {})]
    assert judged.ids == {"new", "old", "a1", "a2"}


def test_unreadable_feedback_is_ignored():
    judged = PassedJobs.read([{"job_id": "x", "reason": "boring"}, "not a dict", {"reason": "agency"}])
    assert judged.ids == {"x"} and judged.adjustments(posting("h", company="Hays")) == [
        Adjustment("passed", "agency", -12, {})]
    assert PassedJobs.read(None).ids == frozenset()


@pytest.mark.parametrize("title, field", [
    ("Marketing Manager", {"marketing"}),
    ("Python Developer", {"python"}),  # the specialisation: passing on it says nothing against Java developers
    ("Software Developer", {"developer"}),  # "software" names no specialisation
    ("Barista", {"barista"}),
    ("Head of Sales", {"sales"}),
])
def test_a_titles_field_leaves_out_generic_heads(title, field):
    assert field_of(title)[0] == field


def test_passes_that_judge_alike_are_read_as_one_the_newest():
    feedback = [passed("agency", company=f"Agency {n}", job_id=f"a{n}") for n in range(200)]
    feedback += [passed("wrong_place", location="London", job_id="l1", title="Newer"),
                 passed("wrong_place", location="London", job_id="l2", title="Older"),
                 passed("wrong_place", location="Paris", job_id="p1")]
    judged = PassedJobs.read(feedback)
    assert [(entry.reason, entry.title) for entry in judged.entries] == [
        ("agency", "Accountant"), ("wrong_place", "Newer"), ("wrong_place", "Accountant")]
    assert len(judged.ids) == 203
