import time

import httpx
import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.boards import remotive
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.remotive import RemotiveSource
from tests.support.boards.memory import MemoryCache, by_id
from tests.support.boards.remotive import (
    API_PATH,
    LEGAL_NOTICE,
    RemotiveStandIn,
    job,
    sample_jobs,
)


@pytest.fixture
def board():
    with RemotiveStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, cache=None):
    http = BoardHttp("Remotive", server.url, timeout=timeout, cache=cache,
                     cache_ttl=remotive.CACHE_SECONDS if cache is not None else 0)
    return RemotiveSource(http)


def test_maps_every_field_of_an_entry(board):
    posting = by_id(source_for(board).search("python developer", None, 10), "remotive-2091048")
    assert posting.title == "Senior Python Developer"
    assert posting.company_name == "Tribe Wellness"
    assert posting.location == "USA Only"
    assert posting.via == "via Remotive"
    assert posting.source == "remotive"
    assert posting.apply_link == "https://remotive.com/remote-jobs/software-dev/senior-python-developer-2091048"
    assert posting.description == "About the role\nBuild our Python APIs.\n• 5+ years of Python\n• PostgreSQL"
    assert posting.posted_at == "2026-09-20T08:01:56"
    assert posting.posted_date == "2026-09-20"
    assert posting.schedule_type == "Full-time"
    assert posting.salary == "$140,000 - $170,000"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (None,) * 4
    assert posting.work_from_home is True
    assert (posting.city, posting.country, posting.latitude, posting.longitude) == (None,) * 4


def test_asks_once_for_the_whole_list_without_filters(board):
    source_for(board).search("python developer", "Germany", 5)
    assert len(board.requests) == 1
    assert board.requests[0]["path"] == API_PATH
    assert board.requests[0]["params"] == {}


def test_one_cached_answer_serves_every_search(board):
    cache = MemoryCache()
    source = source_for(board, cache=cache)
    assert source.search("python", None, 10)
    assert source.search("designer", "USA", 10)
    assert source.search("writer", None, 10)
    assert len(board.requests) == 1
    assert cache.ttls == [remotive.CACHE_SECONDS]


def test_the_terms_limit_and_cache_keep_to_four_requests_a_day():
    calls, period = remotive.RATE_LIMIT
    assert calls <= 4 and period >= 86400
    assert 86400 / remotive.CACHE_SECONDS <= 4


def test_the_stand_in_filters_like_the_documented_api(board):
    def ask(**params):
        return httpx.get(f"{board.url}{API_PATH}", params=params).json()

    everything = ask()
    assert everything["0-legal-notice"] == LEGAL_NOTICE and "00-warning" in everything
    assert everything["job-count"] == len(everything["jobs"]) == len(board.jobs)
    found = ask(search="python")
    assert found["jobs"] and all("python" in f"{j['title']} {j['description']}".lower() for j in found["jobs"])
    assert {j["category"] for j in ask(category="software-dev")["jobs"]} == {"Software Development"}
    assert ask(category="Software Development")["job-count"] == ask(category="software-dev")["job-count"]
    assert [j["company_name"] for j in ask(company_name="hotj")["jobs"]] == ["Hotjar"]
    paged = ask(limit=2, offset=1)
    assert paged["job-count"] == 2 and paged["total-job-count"] == len(board.jobs)
    assert paged["jobs"] == everything["jobs"][1:3]


def test_relevance_filters_and_orders_the_list(board):
    found = source_for(board).search("python developer", None, 20)
    titles = [posting.title for posting in found]
    assert titles[0] == "Senior Python Developer"
    assert "Softwareentwickler Python (m/w/d)" in titles
    assert not any(title in titles for title in ("Customer Success Manager", "Technical Writer", "Product Designer"))


def test_tags_and_category_count_as_words_of_the_posting(board):
    ids = {posting.job_id for posting in source_for(board).search("cypress", None, 10)}
    assert ids == {"remotive-2090042"}  # only its tags say Cypress
    ids = {posting.job_id for posting in source_for(board).search("QA", None, 10)}
    assert "remotive-2090042" in ids


def test_postings_open_to_the_searched_country_come_first(board):
    found = source_for(board).search("python", "Germany", 20)
    assert [posting.location for posting in found] == ["Germany", "USA Only", "UK", "LATAM"]
    unordered = [posting.location for posting in source_for(board).search("python", None, 20)]
    assert unordered[0] == "USA Only"  # most relevant first when no place is searched
    engineers = [posting.location for posting in source_for(board).search("engineer", "Berlin", 20)]
    closed = [place in ("USA Only", "UK", "LATAM", "Canada, USA") for place in engineers]
    assert "Europe" in engineers and closed == sorted(closed) and True in closed


def test_a_teaser_list_that_ignores_the_parameters_is_still_filtered_here():
    with RemotiveStandIn(teaser=6) as server:
        everything = httpx.get(f"{server.url}{API_PATH}", params={"search": "zzz", "limit": 1}).json()
        assert everything["job-count"] == 6
        found = source_for(server).search("python", None, 10)
    assert {posting.job_id for posting in found} == {"remotive-2091048", "remotive-2090512", "remotive-2090400"}


def test_num_results_cuts_the_list(board):
    assert len(source_for(board).search("engineer", None, 2)) == 2


def test_salaries_arrive_as_written(board):
    found = {posting.job_id: posting for posting in source_for(board).search("engineer developer", None, 50)}
    assert found["remotive-2090400"].salary == "60.000 - 70.000 € brutto/Jahr"
    assert found["remotive-2090512"].salary == "£50,000 - £65,000 per annum"
    assert found["remotive-2090770"].salary == "€60k – €75k"
    assert found["remotive-2089901"].salary == "CHF 100'000 – 120'000"
    assert found["remotive-2090207"].salary == "Competitive"
    writer = by_id(source_for(board).search("writer", None, 5), "remotive-2090311")
    assert writer.salary == "$50-$75 /hour" and writer.schedule_type == "Contractor"  # freelance
    manager = by_id(source_for(board).search("customer success", None, 5), "remotive-2090881")
    assert manager.salary is None  # ""


def test_odd_entries_are_tolerated_or_skipped(board):
    source = source_for(board)
    engineer = by_id(source.search("python data engineer", None, 10), "remotive-2090512")  # id as a string
    assert engineer.location == "UK"
    ml = by_id(source.search("machine learning", None, 10), "remotive-2089850")
    assert ml.company_name == "" and ml.location == "" and ml.description == "" and ml.salary is None
    assert ml.posted_at == "not a date" and ml.posted_date is None and ml.schedule_type is None
    assert by_id(source.search("devops", None, 10), "remotive-2090207").schedule_type is None  # ""
    assert by_id(source.search("qa automation", None, 10), "remotive-2090042").schedule_type == "Part-time"
    assert by_id(source.search("marketing intern", None, 10), "remotive-2089977").schedule_type == "Internship"
    ids = {posting.job_id for posting in source.search("python", None, 50)}
    assert "remotive-2089700" not in ids  # no url to link back to
    assert not any("no-id" in job_id for job_id in ids)


def test_an_empty_list_is_no_jobs():
    with RemotiveStandIn([]) as server:
        assert source_for(server).search("python", None, 10) == []


def test_odd_values_inside_an_entry():
    listing = [{**job(1, "Python Developer", "Firma", "software-dev", "Worldwide", "2026-09-01T10:00:00"),
                "title": "  Python Developer  ", "tags": "python", "job_type": "Full-Time", "description": 42},
               {**job(2, "Python Developer", "Firma", "software-dev", "Worldwide", "2026-09-01T10:00:00"),
                "url": "ftp://remotive.com/x"},
               {**job(1, "Python Developer", "Firma", "software-dev", "Worldwide", "2026-09-01T10:00:00")}]
    with RemotiveStandIn(listing) as server:
        found = source_for(server).search("python", None, 10)
    assert [posting.job_id for posting in found] == ["remotive-1"]  # no ftp link, no repeat
    assert found[0].title == "Python Developer" and found[0].description == ""
    assert found[0].schedule_type == "Full-time"


@pytest.mark.parametrize("body", [[{"id": 1}], "jobs", None, {"jobs": None}, {"jobs": {"1": {}}},
                                  {"00-warning": "maintenance"}])
def test_an_answer_of_another_shape_is_transient(board, body):
    board.fail_next(200, {}, body)
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_cloudflare_challenge_is_a_refusal(board):
    board.challenge()
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_auth"


def test_a_401_is_a_permanent_auth_error(board):
    board.fail_next(401, {}, {"error": "Unauthorized"})
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_auth"


def test_blocked_for_too_many_requests_is_transient_with_retry_after(board):
    board.block()
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 60


def test_server_errors_are_transient(board):
    board.fail_next(500, {}, {"error": "Internal Server Error"})
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("status", [200, 502, 503])
def test_a_gateway_page_is_transient(board, status):
    board.fail_next(status, {}, "<html><head><title>Just a moment...</title></head><body></body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient():
    with RemotiveStandIn(hang_seconds=5) as server:
        server.hang = True
        started = time.monotonic()
        with pytest.raises(TransientError) as caught:
            source_for(server, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2
    assert "did not answer in time" in str(caught.value)


def test_sample_jobs_are_varied_enough():
    jobs = [raw for raw in sample_jobs() if isinstance(raw, dict)]
    assert len(jobs) >= 12
    assert len({raw.get("candidate_required_location") for raw in jobs}) >= 10
    salaries = {raw.get("salary") for raw in jobs}
    assert {"", None} <= salaries and any("€" in (s or "") for s in salaries) and any("£" in (s or "") for s in salaries)
    assert any("<" in (raw.get("description") or "") for raw in jobs)
