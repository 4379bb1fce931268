"""The search policy over many boards: merge, place, fall back honestly, retry when it can help."""
from datetime import datetime, timezone

import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.offline_source import OfflineJobSource
from domain.jobs.query import SearchRequest
from domain.jobs.serpapi_source import SerpApiJobSource
from domain.jobs.sources import SAMPLE_NOTE, search_jobs
from domain.jobs.types import JobPosting
from tests.support.serpapi_standin import SerpApiStandIn, make_job

NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


class Board:
    def __init__(self, name, postings=(), error=None):
        self.name, self.label, self.postings, self.error, self.calls = name, name.title(), list(postings), error, []

    def search(self, query, location, num_results):
        self.calls.append((query, location, num_results))
        if self.error:
            raise self.error
        return self.postings


def job(job_id, title="Frontend Developer", company="ACME", location="Paris", **extra):
    return JobPosting(job_id=job_id, title=title, company_name=company, location=location, **extra)


def test_serpapi_through_its_standin_is_one_board_and_repeated_pages_are_one_job_each():
    repeated = [make_job(0, i) for i in range(5)]
    with SerpApiStandIn(pages=3, jobs=repeated) as server:
        board = SerpApiJobSource("test-key", base_url=server.url)
        result = search_jobs([board], SearchRequest("python developer", "Berlin"), 15, now=NOW)
    assert [j.job_id for j in result.jobs] == [j["job_id"] for j in repeated]
    assert len(server.requests) == 3 and result.boards[0].count == 15 and not result.sample


def test_the_same_job_on_two_boards_in_two_spellings_is_one_job_with_both_links():
    a = Board("a", [job("a1", location="Köln", apply_link="https://a.example/1")])
    b = Board("b", [job("b1", location="Cologne, Germany", apply_link="https://b.example/1")])
    result = search_jobs([a, b], SearchRequest("frontend developer", "Köln"), 10, now=NOW)
    assert len(result.jobs) == 1
    assert {o["link"] for o in result.jobs[0].apply_options} == {"https://a.example/1", "https://b.example/1"}


def test_local_jobs_first_then_remote_open_to_the_country_then_the_rest_with_a_note():
    board = Board("a", [job(name, title=f"Frontend Developer {name}", location=where) for name, where in (
        ("lon", "London, UK"), ("rus", "Remote - USA only"), ("ver", "Versailles"), ("rww", "Worldwide"),
        ("par", "Paris 75008"))])
    result = search_jobs([board], SearchRequest("frontend developer", "Paris"), 10, now=NOW)
    assert [j.job_id for j in result.jobs] == ["ver", "par", "rww", "lon", "rus"]
    assert result.notes == ["2 jobs in or near Paris; also showing 1 remote and 2 elsewhere."]


def test_all_local_means_no_place_note():
    result = search_jobs([Board("a", [job("p", location="Paris")])], SearchRequest("frontend", "Paris"), 10, now=NOW)
    assert result.notes == []


def test_older_postings_go_after_fresh_ones_and_can_be_left_out():
    board = Board("a", [job("old", title="Frontend A", posted_at="2026-09-01T10:00:00Z"),
                        job("new", title="Frontend B", posted_at="2 days ago"), job("unknown", title="Frontend C")])
    result = search_jobs([board], SearchRequest("frontend", "Paris"), 10, now=NOW)
    assert [j.job_id for j in result.jobs] == ["new", "unknown", "old"]
    assert result.jobs[0].posted_date == "2026-11-28"
    fresh = search_jobs([board], SearchRequest("frontend", "Paris"), 10, now=NOW, max_age_days=14)
    assert [j.job_id for j in fresh.jobs] == ["new", "unknown"]


def test_salaries_are_parsed_in_the_local_currency():
    board = Board("a", [job("s", location="Berlin", salary="50.000 - 60.000 pro Jahr")])
    found = search_jobs([board], SearchRequest("frontend", "Berlin"), 10, now=NOW).jobs[0]
    assert (found.salary_min, found.salary_max, found.salary_currency, found.salary_period) == (50000, 60000, "EUR", "year")


def test_a_failing_board_is_named_and_the_others_results_stand():
    good = Board("good", [job("g")])
    bad = Board("bad", error=TransientError("503"))
    result = search_jobs([good, bad], SearchRequest("frontend", "Paris"), 10, now=NOW, sample=OfflineJobSource(),
                         can_retry=True)
    assert [j.job_id for j in result.jobs] == ["g"] and not result.sample
    assert result.notes == ["Missing from this list: Bad is not answering right now."]


def test_no_board_answering_is_retried_while_the_task_can_retry():
    bad = Board("bad", error=TransientError("503"))
    with pytest.raises(TransientError):
        search_jobs([bad], SearchRequest("frontend", "Paris"), 10, now=NOW, sample=OfflineJobSource(), can_retry=True)


def test_the_retry_waits_as_long_as_the_slowest_board_asked():
    """A board's Retry-After reaches the task: retrying sooner only spends the board's quota again."""
    boards = [Board("busy", error=TransientError("429", retry_after=150)), Board("soon", error=TransientError("503",
              retry_after=3)), Board("silent", error=TransientError("502"))]
    with pytest.raises(TransientError) as raised:
        search_jobs(boards, SearchRequest("frontend", "Paris"), 10, now=NOW, sample=OfflineJobSource(), can_retry=True)
    assert raised.value.retry_after == 150
    with pytest.raises(TransientError) as raised:
        search_jobs([Board("silent", error=TransientError("502"))], SearchRequest("frontend", "Paris"), 10, now=NOW,
                    sample=OfflineJobSource(), can_retry=True)
    assert raised.value.retry_after is None


def test_a_board_whose_allowance_is_spent_for_the_day_does_not_make_the_search_wait_a_day():
    """Remotive's own "4 a day" limiter says retry in 86,000 s; the search must not wait for it (a new user's second
    search hung for a day): only the boards worth a retry set its wait, and none past MAX_RETRY_WAIT_SECONDS."""
    from domain.jobs.rate_limit import RateLimited

    spent = Board("remotive", error=RateLimited("4 a day", retry_after=86366))
    offline = Board("arbeitnow", error=TransientError("connect"))
    with pytest.raises(TransientError) as raised:
        search_jobs([spent, offline], SearchRequest("python", "Berlin"), 10, now=NOW, sample=OfflineJobSource(),
                    can_retry=True)
    assert raised.value.retry_after is None
    far = Board("serpapi", error=TransientError("429", retry_after=3600))
    result = search_jobs([far], SearchRequest("python", "Berlin"), 10, now=NOW, sample=OfflineJobSource(),
                         can_retry=True)
    assert result.jobs and result.sample


def test_on_the_last_try_the_sample_answers_and_says_so():
    bad = Board("bad", error=TransientError("503"))
    result = search_jobs([bad], SearchRequest("nurse", "Munich"), 5, now=NOW, sample=OfflineJobSource(), can_retry=False)
    assert result.sample and len(result.jobs) == 5
    assert result.notes[0] == "No job board answered (Bad is not answering right now); showing the offline sample."
    assert SAMPLE_NOTE in result.notes


def test_a_refused_key_is_not_retried_the_sample_answers_and_the_reason_is_shown():
    refused = Board("serpapi", error=PermanentError("Google Jobs refused our key. Tell the operator.", code="search_auth"))
    result = search_jobs([refused], SearchRequest("nurse", "Munich"), 5, now=NOW, sample=OfflineJobSource(),
                         can_retry=True)
    assert result.sample and "Google Jobs refused our key" in result.notes[0]


def test_without_boards_the_sample_alone_is_labelled():
    result = search_jobs([], SearchRequest("nurse", "Munich"), 7, now=NOW, sample=OfflineJobSource())
    assert result.sample and len(result.jobs) == 7 and len({j.job_id for j in result.jobs}) == 7
    assert result.notes[0] == SAMPLE_NOTE


def test_no_board_and_no_sample_is_a_clear_failure():
    with pytest.raises(PermanentError) as refused:
        search_jobs([Board("bad", error=TransientError("x"))], SearchRequest("nurse", None), 5, now=NOW)
    assert "No job board answered" in refused.value.user_message


def test_cut_to_num_results():
    board = Board("a", [job(str(i), title=f"Frontend {i}") for i in range(10)])
    assert len(search_jobs([board], SearchRequest("frontend", None), 3, now=NOW).jobs) == 3
    assert board.calls == [("frontend", None, 3)]


@pytest.mark.parametrize("request_, num", [
    (SearchRequest("", None), 10),
    (SearchRequest("https://evil.example", None), 10),
    (SearchRequest("nurse", "!!!!"), 10),
    (SearchRequest("nurse", None), 0),
    (SearchRequest("nurse", None), 500),
])
def test_requests_built_outside_the_chat_are_validated_before_any_board_is_asked(request_, num):
    board = Board("a")
    with pytest.raises(PermanentError):
        search_jobs([board], request_, num, sample=OfflineJobSource())
    assert board.calls == []


class OutOfAreaBoard(Board):
    def search(self, query, location, num_results):
        from domain.errors import OutOfArea  # noqa: PLC0415
        raise OutOfArea(f"{self.label} covers Germany only")


def test_a_board_outside_its_area_is_neither_an_answer_nor_a_failure():
    down = Board("down", error=TransientError("connect"))
    result = search_jobs([OutOfAreaBoard("germany"), down], SearchRequest("nurse", "Paris"), 5, now=NOW,
                         sample=OfflineJobSource(), can_retry=False)
    assert result.sample and result.notes[0] == "No job board answered (Down is not answering right now); showing the offline sample."
    assert result.boards[0].skipped == "Germany covers Germany only" and not result.boards[0].error


def test_when_no_board_covers_the_place_the_sample_answers_and_says_why():
    result = search_jobs([OutOfAreaBoard("germany")], SearchRequest("nurse", "Paris"), 5, now=NOW,
                         sample=OfflineJobSource(), can_retry=True)
    assert result.sample and result.notes[0] == "None of the connected job boards covers Paris; showing the offline sample."
    assert result.jobs[0].city == "Paris"


def test_failures_are_told_in_one_line_grouped_by_what_went_wrong():
    from domain.errors import Unreachable  # noqa: PLC0415

    boards = [Board("good", [job("g")]), Board("one", error=Unreachable("dns")), Board("two", error=Unreachable("dns")),
              Board("three", error=TransientError("503")),
              Board("four", error=PermanentError("Four refused this bot's access (status 403). Tell the operator.",
                                                 code="search_auth"))]
    result = search_jobs(boards, SearchRequest("frontend", "Paris"), 10, now=NOW, sample=OfflineJobSource())
    assert result.notes == ["Missing from this list: One and Two could not be reached; Three is not answering right "
                            "now; Four refused this bot's access (status 403). Tell the operator."]


def test_when_nothing_can_be_reached_the_person_is_asked_whether_the_machine_is_offline():
    from domain.errors import Unreachable  # noqa: PLC0415

    boards = [Board("one", error=Unreachable("dns")), Board("two", error=Unreachable("dns"))]
    result = search_jobs(boards, SearchRequest("nurse", "Munich"), 5, now=NOW, sample=OfflineJobSource())
    assert result.notes[0] == ("No job board answered (One and Two could not be reached — is this machine offline?); "
                               "showing the offline sample.")


def test_a_board_that_used_its_whole_deadline_is_not_retried():
    class Slow(Board):
        def search(self, query, location, num_results):
            import time  # noqa: PLC0415
            time.sleep(1)
            return []

    result = search_jobs([Slow("slow")], SearchRequest("nurse", "Munich"), 5, now=NOW, sample=OfflineJobSource(),
                         can_retry=True, timeout=0.3)
    assert result.sample and "Slow did not answer within 0.3 s" in result.notes[0]


def test_an_empty_sample_does_not_claim_to_show_it():
    result = search_jobs([Board("bad", error=TransientError("503"))], SearchRequest("zzqx underwater welder", "Paris"),
                         5, now=NOW, sample=OfflineJobSource())
    assert result.jobs == [] and SAMPLE_NOTE not in result.notes
    assert result.notes[0] == "No job board answered (Bad is not answering right now); the offline sample has nothing for it either."


def test_the_age_limit_says_what_it_left_out():
    board = Board("a", [job("old", title="Frontend A", posted_at="2026-09-01T10:00:00Z"),
                        job("new", title="Frontend B", posted_at="2 days ago")])
    result = search_jobs([board], SearchRequest("frontend", "Paris"), 10, now=NOW, max_age_days=14)
    assert result.notes == ["1 posting older than 14 days left out."]


def test_an_unknown_place_is_said_and_the_place_is_named_as_the_person_typed_it():
    unknown = search_jobs([Board("a", [job("p")])], SearchRequest("frontend", "Qwertzhausen"), 10, now=NOW)
    assert unknown.notes == ["“Qwertzhausen” is no place I know, so the jobs are not ordered by distance from it."]
    board = Board("a", [job("m", title="Frontend M", location="Munich, Germany"), job("b", title="Frontend B", location="Berlin")])
    typed = search_jobs([board], SearchRequest("frontend", "München"), 10, now=NOW)
    assert typed.notes == ["1 job in or near München; also showing 1 elsewhere in Germany."]


def test_the_rest_of_the_country_comes_before_other_countries():
    board = Board("a", [job(name, title=f"Accountant {name}", location=where) for name, where in (
        ("bcn", "Barcelona, Spain"), ("ber", "Berlin"), ("sev", "Sevilla"), ("mad", "Madrid"), ("lon", "London"))])
    result = search_jobs([board], SearchRequest("accountant", "Sevilla"), 10, now=NOW)
    assert [j.job_id for j in result.jobs] == ["sev", "bcn", "mad", "ber", "lon"]
    assert result.notes == ["1 job in or near Sevilla; also showing 2 elsewhere in Spain and 2 further away."]
