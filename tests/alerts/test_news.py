"""What counts as news to an alert: unseen postings, and seen ones whose pay changed (marked)."""
from __future__ import annotations

from domain.alerts.keys import search_key
from domain.alerts.news import new_postings, pay_changed, pay_of, posting_keys
from domain.jobs.types import JobPosting
from tests.alerts.support import posting


def seen(*postings: JobPosting) -> dict[str, str | None]:
    return {key: pay_of(item) for item in postings for key in posting_keys(item)}


def test_the_same_job_on_another_board_or_under_a_new_id_is_known():
    first = posting("board-a-1", salary="€50k")
    other_board = posting("board-b-9", salary="€50k")  # same title, company, city
    assert new_postings([other_board], seen(first)) == []
    assert [news.posting.job_id for news in new_postings([posting("x", title="Nurse")], seen(first))] == ["x"]


def test_new_pay_makes_a_known_job_news_again_and_an_unstated_pay_does_not():
    first = posting("1", salary="€50k")
    [news] = new_postings([posting("2", salary="€55k")], seen(first))
    assert news.repost == {"salary_before": "€50k", "salary_now": "€55k"}
    assert new_postings([posting("2", salary=None)], seen(first)) == []
    assert not pay_changed("€50K ", "€50k") and pay_changed(None, "€50k")


def test_structured_pay_is_written_out_when_the_board_gave_no_text():
    job = JobPosting(job_id="1", title="Dev", company_name="X", salary_min=50000, salary_max=60000,
                     salary_currency="EUR", salary_period="year")
    assert pay_of(job) == "50000–60000 EUR a year"
    assert pay_of(JobPosting(job_id="2", title="Dev", company_name="X")) is None


def test_keys_are_sha1_hex_and_searches_fold_case_and_spacing():
    assert all(len(key) == 40 for key in posting_keys(posting("1")))
    assert search_key(" Data  Engineer", "HAMBURG ") == search_key("data engineer", "hamburg")
    assert search_key("data engineer", None) == ("data engineer", "")
