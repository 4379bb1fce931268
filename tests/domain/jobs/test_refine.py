"""Lasting preferences applied to postings: each kind leaves out what it rules out, keeps what it cannot judge,
and says how many it left out and why."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.jobs.enrich import enrich
from domain.jobs.preferences import JOB_TYPES, SENIORITY_LEVELS, Preferences
from domain.jobs.refine import CHECK_ORDER, Adjustment, apply_preferences, preference_adjustments, yearly_best
from domain.jobs.types import JobPosting


def posting(job_id: str, title: str = "Accountant", company: str = "Müller GmbH", location: str = "Berlin",
            **fields) -> JobPosting:
    """A posting as the search step leaves it (place, salary and date fields filled by enrich)."""
    return enrich(JobPosting(job_id=job_id, title=title, company_name=company, location=location, **fields))


CASES = {
    "remote only keeps remote postings, wherever open": (
        Preferences(remote_only=True), "Berlin",
        [posting("office"), posting("remote", location="Remote"), posting("usa", location="Remote - USA"),
         posting("home", location="Berlin", work_from_home=True)],
        ["remote", "usa", "home"], {"remote_only": 1}),
    "a minimum in euros leaves out what pays less, converted and per year": (
        Preferences(min_salary=50000, salary_currency="EUR"), "Berlin",
        [posting("low", salary="€40,000 - €45,000 a year"), posting("range", salary="€45,000 - €55,000 a year"),
         posting("monthly", salary="4.500 € pro Monat"), posting("pounds", location="London", salary="£40k a year"),
         posting("hourly", salary="€18 an hour"), posting("unsaid")],
        # £40k is about €46k; €4,500 a month is €54k; €18 an hour is €37,440.
        ["range", "monthly", "unsaid"], {"min_salary": 3}),
    "a minimum without a currency is in the searched place's money": (
        Preferences(min_salary=45000), "London",
        [posting("pounds", location="London", salary="£50k a year"),
         posting("euros", location="London", salary="€50,000 a year")],  # about £43,600
        ["pounds"], {"min_salary": 1}),
    "less senior leaves out known higher levels, keeps unknown ones": (
        Preferences(seniority="mid"), None,
        [posting("senior", title="Senior Accountant"), posting("lead", title="Head of Accounting"),
         posting("junior", title="Junior Accountant"), posting("plain", title="Accountant"),
         posting("years", title="Accountant", description="You bring 7+ years of experience in accounting.")],
        ["junior", "plain"], {"seniority": 3}),
    "places keep jobs in or near them, remote ones and unknown places": (
        Preferences(places=("Paris", "Lyon")), "France",
        [posting("paris", location="Paris"), posting("versailles", location="Versailles"),
         posting("lyon", location="Lyon, France"), posting("marseille", location="Marseille"),
         posting("remote", location="Remote"), posting("nowhere", location="")],
        ["paris", "versailles", "lyon", "remote", "nowhere"], {"places": 1}),
    "an unknown place filters nothing": (
        Preferences(places=("Qwertzhausen",)), None, [posting("berlin")], ["berlin"], {}),
    "excluded places leave out jobs in or near them, never remote ones": (
        Preferences(excluded_places=("London",)), None,
        [posting("london", location="London"), posting("croydon", location="Croydon, UK"),
         posting("leeds", location="Leeds, UK"), posting("remote", location="Remote - UK")],
        ["leeds", "remote"], {"excluded_places": 2}),
    "excluded companies by name without legal forms, and their divisions": (
        Preferences(excluded_companies=("Amazon", "müller")), None,
        [posting("aws", company="Amazon Web Services"), posting("amazon", company="AMAZON Inc."),
         posting("amazonas", company="Amazonas Klinik"), posting("mueller", company="Mueller GmbH & Co. KG"),
         posting("other", company="Zalando SE")],
        ["amazonas", "other"], {"excluded_companies": 3}),
    "no agencies": (
        Preferences(no_agencies=True), None,
        [posting("hays", company="Hays"), posting("client", description="On behalf of our client, a bank, we seek"),
         posting("direct", company="Deutsche Bahn")],
        ["direct"], {"no_agencies": 2}),
    "job types leave out known other types, keep unknown": (
        Preferences(job_types=("part_time",)), None,
        [posting("part", schedule_type="Part-time"), posting("full", schedule_type="Full-time"),
         posting("both", schedule_type="Full-time and Part-time"), posting("unsaid")],
        ["part", "both", "unsaid"], {"job_types": 1}),
    "no preferences keep everything in order": (
        Preferences(), "Berlin", [posting("b"), posting("a"), posting("c", location="Remote")], ["b", "a", "c"], {}),
}


@pytest.mark.parametrize("prefs, searched, jobs, kept, left_out", CASES.values(), ids=CASES.keys())
def test_each_preference_kind(prefs, searched, jobs, kept, left_out):
    refined = apply_preferences(jobs, prefs, searched_place=searched)
    assert [job.job_id for job in refined.kept] == kept
    assert refined.left_out == left_out


def test_a_posting_ruled_out_twice_is_counted_once_under_the_first_reason():
    prefs = Preferences(remote_only=True, no_agencies=True, excluded_places=("Berlin",))
    refined = apply_preferences([posting("hays", company="Hays"), posting("remote", location="Remote")], prefs,
                                searched_place=None)
    assert [job.job_id for job in refined.kept] == ["remote"]
    assert refined.left_out == {"remote_only": 1}


def test_everything_left_out_is_counted_not_silently_empty():
    jobs = [posting(str(n), company="Randstad") for n in range(3)]
    refined = apply_preferences(jobs, Preferences(no_agencies=True), searched_place="Berlin")
    assert refined.kept == [] and refined.left_out == {"no_agencies": 3}


def test_an_unknown_salary_is_kept_but_ranked_lower_only_when_a_minimum_is_set():
    unsaid, paid = posting("unsaid"), posting("paid", salary="€60,000 a year")
    with_minimum = Preferences(min_salary=50000, salary_currency="EUR")
    assert preference_adjustments(unsaid, with_minimum) == [
        Adjustment("preference", "salary_unknown", -8, {"min_salary": 50000, "currency": "EUR"})]
    assert preference_adjustments(paid, with_minimum) == []
    assert preference_adjustments(unsaid, Preferences()) == []
    # A minimum without a currency names the searched place's; with neither, no amount to name.
    assert preference_adjustments(unsaid, Preferences(min_salary=40000), searched_place="London")[0].params == {
        "min_salary": 40000, "currency": "GBP"}
    assert preference_adjustments(unsaid, Preferences(min_salary=40000))[0].params == {}


@pytest.mark.parametrize("salary, location, currency, expected", [
    ("€45,000 - €55,000 a year", "Berlin", "EUR", 55000),
    ("ab 3.000 € im Monat", "Berlin", "EUR", 36000),
    ("$100k", "New York", None, 100000),  # no currency wanted: the posting's own
    ("€50,000 a year", "Berlin", "XXX", None),  # no rate to convert with: cannot be judged
    (None, "Berlin", "EUR", None),
])
def test_the_most_a_posting_pays_a_year(salary, location, currency, expected):
    best = yearly_best(posting("x", location=location, salary=salary), currency)
    assert (round(best) if best is not None else None) == expected


POOL = [posting("berlin", salary="€50,000 a year"), posting("remote", location="Remote", title="Senior Accountant"),
        posting("hays", company="Hays", location="London", salary="£30k a year"),
        posting("part", schedule_type="Part-time", location="Paris", title="Junior Accountant"),
        posting("amazon", company="Amazon", location="Munich")]
PREFERENCES = st.builds(
    Preferences, remote_only=st.booleans(), min_salary=st.none() | st.integers(1, 200_000),
    salary_currency=st.sampled_from([None, "EUR", "GBP", "USD"]), seniority=st.sampled_from([None, *SENIORITY_LEVELS]),
    places=st.lists(st.sampled_from(["Berlin", "Paris", "Nowhereville"]), max_size=2).map(tuple),
    excluded_places=st.lists(st.sampled_from(["London", "Munich"]), max_size=2).map(tuple),
    excluded_companies=st.lists(st.sampled_from(["Amazon", "Hays", "Zalando"]), max_size=2).map(tuple),
    no_agencies=st.booleans(), job_types=st.lists(st.sampled_from(JOB_TYPES), max_size=2).map(tuple))


@given(prefs=PREFERENCES, searched=st.sampled_from([None, "Berlin", "London"]))
@settings(max_examples=150, deadline=None)
def test_every_posting_is_either_kept_in_order_or_counted_once(prefs, searched):
    refined = apply_preferences(POOL, prefs, searched_place=searched)
    assert len(refined.kept) + sum(refined.left_out.values()) == len(POOL)
    assert [job for job in POOL if job in refined.kept] == refined.kept
    assert set(refined.left_out) <= set(CHECK_ORDER) and all(count > 0 for count in refined.left_out.values())
    looser = apply_preferences(POOL, replace(prefs, no_agencies=False), searched_place=searched)
    assert len(looser.kept) >= len(refined.kept)  # a preference dropped never hides more
