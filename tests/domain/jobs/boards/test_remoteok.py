import time
from datetime import UTC, datetime

import httpx
import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.boards import remoteok
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.remoteok import RemoteOkSource
from tests.support.boards.memory import MemoryCache, by_id
from tests.support.boards.remoteok import BLOCKED, LEGAL, RemoteOkStandIn, sample_jobs


@pytest.fixture
def board():
    with RemoteOkStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, cache=None):
    http = BoardHttp("Remote OK", server.url, timeout=timeout, cache=cache,
                     cache_ttl=remoteok.CACHE_SECONDS if cache is not None else 0)
    return RemoteOkSource(http)


def test_maps_every_field_of_a_job(board):
    raw = next(job for job in board.jobs if job["id"] == "1137480")
    job = by_id(source_for(board).search("python", None, 20), "remoteok-1137480")
    assert job.title == "Senior Python Engineer"
    assert job.company_name == "Acme Analytics"
    assert job.location == "Europe"
    assert job.via == "via Remote OK"
    assert job.source == "remoteok"
    assert job.apply_link == "https://remoteOK.com/remote-jobs/remote-senior-python-engineer-acme-1137480"
    assert job.apply_options == []  # apply_url is the same page
    assert job.description.startswith("Acme builds data pipelines.\n• Python 3.12\n• PostgreSQL")
    assert "&lt;" not in job.description and "<" not in job.description
    assert job.posted_at == raw["date"]
    assert job.posted_date == raw["date"][:10]
    assert job.salary == "$90,000–$120,000 a year"
    assert (job.salary_min, job.salary_max, job.salary_currency, job.salary_period) == (90000, 120000, "USD", "year")
    assert job.work_from_home is True
    assert (job.city, job.country, job.latitude, job.longitude) == (None, None, None, None)
    assert job.schedule_type is None


def test_reads_the_whole_feed_once_without_tags(board):
    jobs = source_for(board).search("python", "Berlin", 20)
    assert board.requests == [{"path": "/api", "params": {}, "headers": board.requests[0]["headers"]}]
    assert board.requests[0]["headers"]["user-agent"]
    assert jobs and not any(job.title == "" for job in jobs)
    assert "remoteok-" not in {job.job_id for job in jobs}  # the legal notice is no posting


def test_keeps_only_relevant_postings_most_relevant_first(board):
    jobs = source_for(board).search("python", None, 20)
    ids = [job.job_id for job in jobs]
    assert "remoteok-1137478" not in ids and "remoteok-1137460" not in ids  # designer, sales
    titled = [job for job in jobs if "python" in job.title.lower()]
    assert jobs[:len(titled)] == titled  # the word in the title ranks above the word in the body
    assert "remoteok-1137466" in ids  # Go job, Python only in its description


def test_tags_count_as_words_of_the_posting(board):
    jobs = source_for(board).search("saas", None, 20)
    assert [job.job_id for job in jobs] == ["remoteok-1137460"]  # "saas" is only among its tags


def test_num_results_cuts_the_list(board):
    assert len(source_for(board).search("python", None, 3)) == 3
    assert source_for(board).search("python", None, 0) == []


def test_text_garbled_upstream_is_repaired(board):
    source = source_for(board)
    vet = by_id(source.search("telefondienst", None, 5), "remoteok-1137469")
    assert vet.title == "Telefondienst für Tierarztpraxis"
    assert vet.description == "Wir suchen tatkräftige Unterstützung am Telefon."
    frontend = by_id(source.search("react", None, 5), "remoteok-1137463")
    assert "you’re great at CSS" in frontend.description


def test_salary_wording(board):
    source = source_for(board)
    assert by_id(source.search("django", None, 5), "remoteok-1137479").salary == "from $60,000 a year"
    devops = by_id(source.search("devops", None, 5), "remoteok-1137477")
    assert (devops.salary, devops.salary_min, devops.salary_max) == ("up to $140,000 a year", None, 140000)
    assert by_id(source.search("spark", None, 5), "remoteok-1137468").salary == "$75,000 a year"
    designer = by_id(source.search("designer", None, 5), "remoteok-1137478")
    assert (designer.salary, designer.salary_min, designer.salary_currency) == (None, None, None)


def test_places_ids_and_links_in_their_odd_forms(board):
    source = source_for(board)
    assert by_id(source.search("spark", None, 5), "remoteok-1137468").location == "Kakori"
    assert by_id(source.search("devops", None, 5), "remoteok-1137477").location == ""
    support = by_id(source.search("support agent", None, 5), "remoteok-1137467")  # numeric id
    assert support.apply_link.endswith("/remote-customer-support-agent-1137467")
    writer = by_id(source.search("technical writer", None, 5), "remoteok-1137462")
    assert writer.apply_link == "https://remoteok.com/remote-jobs/remote-technical-writer-1137462"
    assert writer.apply_options == [{"title": "Remote OK", "link": "https://docs-co.example/jobs/42"}]


def test_the_feed_is_cached_for_every_query(board):
    cache = MemoryCache()
    source = source_for(board, cache=cache)
    first = source.search("python", None, 5)
    second = source.search("designer", None, 5)
    assert len(board.requests) == 1
    assert first and [job.title for job in second] == ["Product Designer"]


def test_only_the_notice_is_an_empty_answer():
    with RemoteOkStandIn([]) as server:
        assert source_for(server).search("python", None, 10) == []
        assert len(server.requests) == 1


def test_odd_entries_are_skipped_or_tolerated(board):
    board.fail_next(200, {}, [
        {"last_updated": 1791388805, "legal": LEGAL},
        "not an object",
        None,
        {"id": "1", "company": "No position"},
        {"position": "Python dev without an id"},
        {"id": "2", "position": "Python Developer", "tags": "python", "salary_min": "85000", "salary_max": None,
         "epoch": 1791388805, "company": None, "location": 42, "description": None},
        {"id": "3", "position": "Python Engineer", "epoch": 10 ** 30, "date": "someday", "url": None,
         "slug": "remote-python-engineer-3"},
        {"id": "2", "position": "Python Developer (repeat)"},
    ])
    jobs = source_for(board).search("python", None, 10)
    assert sorted(job.job_id for job in jobs) == ["remoteok-2", "remoteok-3"]
    first = by_id(jobs, "remoteok-2")
    assert first.salary == "from $85,000 a year" and first.salary_min == 85000
    assert first.posted_date == datetime.fromtimestamp(1791388805, UTC).date().isoformat()
    assert first.posted_at == "1791388805"
    assert (first.company_name, first.location, first.description) == ("", "42", "")  # a number where text belongs: kept as text
    third = by_id(jobs, "remoteok-3")
    assert third.posted_at == "someday" and third.posted_date is None
    assert third.apply_link == "https://remoteok.com/remote-jobs/remote-python-engineer-3"


def test_a_blocked_request_is_a_permanent_auth_error(board):
    board.fail_next(403, {}, BLOCKED)
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_auth"


def test_the_stand_in_blocks_a_request_without_user_agent_and_filters_tags(board):
    blocked = httpx.get(f"{board.url}/api", headers={"User-Agent": ""})
    assert blocked.status_code == 403 and "blocked" in blocked.text
    tagged = httpx.get(f"{board.url}/api", params={"tag": "python"}).json()
    assert tagged[0]["legal"] == LEGAL and all("python" in job["tags"] for job in tagged[1:])
    assert len(tagged) > 2
    assert httpx.get(f"{board.url}/api", params={"tags": "python,zzz"}).json() == [tagged[0]]


def test_rate_limited_is_transient_with_retry_after(board):
    board.fail_next(429, {"Retry-After": "120"}, "<html>Too Many Requests</html>")
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 120


def test_server_error_is_transient(board):
    board.fail_next(503, {}, "<html>Service Unavailable</html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_gateway_page_with_status_200_is_transient(board):
    board.fail_next(200, {}, "<!DOCTYPE html><html><body>Just a moment...</body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("body", [{"legal": LEGAL, "jobs": []}, b'"python"', b"null"])
def test_a_body_that_is_not_a_list_is_transient(board, body):
    board.fail_next(200, {}, body)
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient(board):
    board.hang = True
    started = time.monotonic()
    with pytest.raises(TransientError):
        source_for(board, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2


def test_sample_jobs_cover_the_odd_shapes():
    jobs = sample_jobs()
    assert len(jobs) >= 12
    assert any(job["description"].startswith("&lt;") for job in jobs)
    assert any(job["location"] is None for job in jobs) and any(job["location"] == "" for job in jobs)
    assert any(isinstance(job["id"], int) for job in jobs)
    assert any(job["salary_min"] == 0 and job["salary_max"] == 0 for job in jobs)
