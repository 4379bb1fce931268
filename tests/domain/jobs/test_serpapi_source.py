import time

import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.serpapi_source import SerpApiJobSource
from tests.support.serpapi_standin import SerpApiStandIn, make_job

KEY = "test-key"


@pytest.fixture
def standin():
    servers = []

    def start(**options):
        server = SerpApiStandIn(api_key=KEY, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def source_for(server, **options):
    return SerpApiJobSource(options.pop("api_key", KEY), base_url=server.url, **options)


def test_paginates_with_next_page_token_across_three_pages(standin):
    server = standin(pages=3, per_page=10)
    jobs = source_for(server).search("python developer", "Berlin", 30)
    assert len(jobs) == 30
    tokens = [r["params"].get("next_page_token") for r in server.requests]
    assert tokens == [None, "tok1", "tok2"]
    assert len({j.job_id for j in jobs}) == 30


def test_stops_at_num_results(standin):
    server = standin(pages=5, per_page=10)
    jobs = source_for(server).search("python developer", "Berlin", 15)
    assert len(jobs) == 15
    assert len(server.requests) == 2  # no third page fetched


def test_stops_when_no_more_pages(standin):
    server = standin(pages=2, per_page=10)
    assert len(source_for(server).search("nurse", None, 100)) == 20
    assert len(server.requests) == 2


def test_sends_the_real_parameters(standin):
    server = standin()
    source_for(server, hl="de", gl="de").search("Krankenpfleger", "München", 5)
    params = server.requests[0]["params"]
    assert server.requests[0]["path"] == "/search"
    assert params == {"engine": "google_jobs", "q": "Krankenpfleger", "location": "München",
                      "hl": "de", "gl": "de", "api_key": KEY}


def test_no_location_and_remote_location(standin):
    server = standin()
    source = source_for(server)
    source.search("python", None, 5)
    source.search("python", "Remote", 5)
    first, second = (r["params"] for r in server.requests)
    assert "location" not in first and "gl" not in first
    assert "location" not in second and second["q"] == "python remote"


def test_maps_job_fields(standin):
    server = standin()
    job = source_for(server).search("python developer", "Berlin", 1)[0]
    raw = make_job(0, 0, "python developer")
    assert job.job_id == raw["job_id"]
    assert job.title == raw["title"]
    assert job.company_name == raw["company_name"]
    assert job.location == "Berlin, Germany"
    assert job.via == "via LinkedIn"
    assert job.description == raw["description"]
    assert job.highlights == raw["job_highlights"]
    assert (job.posted_at, job.schedule_type, job.salary) == ("3 days ago", "Full-time",
                                                              "60K–80K a year")
    assert job.work_from_home is True
    assert job.apply_options == raw["apply_options"]
    assert job.apply_link == raw["apply_options"][0]["link"]
    assert job.source == "serpapi"


def test_sparse_results_are_mapped_safely(standin):
    sparse = [{"title": "Nurse", "company_name": "Klinikum", "via": "via Indeed",
               "share_link": "https://www.google.com/search?ibp=htl;jobs#x",
               "job_highlights": [{"items": []}, "junk"], "apply_options": [{"title": "x"}]},
              "not a dict"]
    server = standin(jobs=sparse)
    [job] = source_for(server).search("nurse", None, 10)
    assert job.job_id.startswith("serpapi-")
    assert job.via == "via Indeed"
    assert job.apply_link == sparse[0]["share_link"]
    assert job.highlights == [] and job.apply_options == []
    assert job.salary is None and job.work_from_home is False


def test_401_is_permanent_and_never_leaks_the_key(standin):
    server = standin()
    with pytest.raises(PermanentError) as caught:
        source_for(server, api_key="wrong-secret-key").search("python", None, 10)
    assert caught.value.code == "search_auth"
    assert "operator" in caught.value.user_message
    assert "wrong-secret-key" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_400_is_permanent_with_serpapis_reason(standin):
    server = standin(failure="400")
    with pytest.raises(PermanentError) as caught:
        source_for(server).search("nurse", "Atlantis", 10)
    assert caught.value.code == "search_rejected"
    assert "Atlantis" in caught.value.user_message


def test_429_is_transient_and_honours_retry_after(standin):
    server = standin(failure="429", retry_after="7")
    with pytest.raises(TransientError) as caught:
        source_for(server).search("nurse", None, 10)
    assert caught.value.retry_after == 7.0
    assert KEY not in str(caught.value)


def test_429_with_an_http_date_retry_after(standin):
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 120))
    server = standin(failure="429", retry_after=when)
    with pytest.raises(TransientError) as caught:
        source_for(server).search("nurse", None, 10)
    assert 100 < caught.value.retry_after <= 121


def test_429_out_of_searches_is_permanent(standin):
    server = standin(failure="quota")
    with pytest.raises(PermanentError) as caught:
        source_for(server).search("nurse", None, 10)
    assert caught.value.code == "search_quota"


@pytest.mark.parametrize("failure", ["500", "malformed", "status_error"])
def test_server_errors_and_broken_bodies_are_transient(standin, failure):
    server = standin(failure=failure)
    with pytest.raises(TransientError) as caught:
        source_for(server).search("nurse", None, 10)
    assert KEY not in str(caught.value)


def test_timeout_is_transient(standin):
    server = standin(failure="timeout", hang_seconds=2)
    started = time.monotonic()
    with pytest.raises(TransientError):
        source_for(server, timeout=0.3).search("nurse", None, 10)
    assert time.monotonic() - started < 1.5


def test_connection_refused_is_transient(standin):
    server = standin()
    url = server.url
    server.stop()
    with pytest.raises(TransientError):
        SerpApiJobSource(KEY, base_url=url).search("nurse", None, 10)


@pytest.mark.parametrize("failure", ["no_results", "empty"])
def test_no_results_is_an_empty_list_not_a_failure(standin, failure):
    server = standin(failure=failure)
    assert source_for(server).search("underwater basket weaver", "Berlin", 10) == []


def test_error_on_a_later_page_fails_the_search(standin):
    # A partial list would be stored as the complete answer; retrying is better.
    server = standin(pages=3, failure="500")
    server.fail_times = None
    with pytest.raises(TransientError):
        source_for(server).search("nurse", None, 30)


def test_repeated_page_token_stops_pagination(standin):
    server = standin(pages=5)
    server._page = lambda params: {"jobs_results": [make_job(0, 0)],
                                   "serpapi_pagination": {"next_page_token": "same"}}
    jobs = source_for(server).search("nurse", None, 50)
    assert len(server.requests) == 2
    assert len(jobs) == 2


def test_uses_the_rate_limiter_per_page(standin):
    calls = []

    class CountingLimiter:
        def acquire(self):
            calls.append(1)

    server = standin(pages=3)
    source_for(server, rate_limiter=CountingLimiter()).search("nurse", None, 30)
    assert len(calls) == 3


def test_base_url_does_not_change_the_global_client():
    import serpapi
    SerpApiJobSource(KEY, base_url="http://127.0.0.1:1")
    assert serpapi.Client.BASE_DOMAIN == "https://serpapi.com"
