import pytest

from domain.errors import PermanentError
from domain.jobs.offline_source import OfflineJobSource
from domain.jobs.query import SearchRequest
from domain.jobs.serpapi_source import SerpApiJobSource
from domain.jobs.sources import make_job_source, search_jobs
from domain.jobs.types import JobPosting
from tests.support.serpapi_standin import SerpApiStandIn, make_job


def test_picks_serpapi_with_a_key_and_offline_without():
    assert isinstance(make_job_source(serpapi_api_key=None, serpapi_base_url="http://x"),
                      OfflineJobSource)
    assert isinstance(make_job_source(serpapi_api_key="", serpapi_base_url="http://x"),
                      OfflineJobSource)
    source = make_job_source(serpapi_api_key="k", serpapi_base_url="http://127.0.0.1:9")
    assert isinstance(source, SerpApiJobSource)
    assert "k" not in repr(source).replace("SerpApiJobSource", "")


def test_search_jobs_end_to_end_through_the_standin_dedups_repeated_pages():
    repeated = [make_job(0, i) for i in range(5)]
    with SerpApiStandIn(pages=3, jobs=repeated) as server:  # every page: the same 5 jobs
        source = make_job_source(serpapi_api_key="test-key", serpapi_base_url=server.url)
        jobs = search_jobs(source, SearchRequest("python developer", "Berlin"), 15)
    assert [j.job_id for j in jobs] == [j["job_id"] for j in repeated]
    assert len(server.requests) == 3


def test_search_jobs_offline_caps_and_is_distinct():
    jobs = search_jobs(OfflineJobSource(), SearchRequest("nurse", "Munich"), 7)
    assert len(jobs) == 7
    assert len({j.job_id for j in jobs}) == 7


class FixedSource:
    def __init__(self, postings):
        self.postings, self.calls = postings, []

    def search(self, query, location, num_results):
        self.calls.append((query, location, num_results))
        return self.postings


def test_search_jobs_merges_boards_and_cuts_to_num_results():
    postings = [JobPosting(job_id=str(i), title=f"Job {i // 2}", company_name="ACME GmbH",
                           location="Berlin", via=f"via Board{i % 2}") for i in range(10)]
    source = FixedSource(postings)
    jobs = search_jobs(source, SearchRequest("job", None), 3)
    assert [j.title for j in jobs] == ["Job 0", "Job 1", "Job 2"]
    assert source.calls == [("job", None, 3)]


@pytest.mark.parametrize("request_, num", [
    (SearchRequest("", None), 10),
    (SearchRequest("https://evil.example", None), 10),
    (SearchRequest("nurse", "!!!!"), 10),
    (SearchRequest("nurse", None), 0),
    (SearchRequest("nurse", None), 500),
])
def test_search_jobs_validates_requests_built_outside_the_chat(request_, num):
    source = FixedSource([])
    with pytest.raises(PermanentError):
        search_jobs(source, request_, num)
    assert source.calls == []
