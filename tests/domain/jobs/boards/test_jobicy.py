import time

import httpx
import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.boards import jobicy
from domain.jobs.boards.http import BoardHttp
from domain.jobs.boards.jobicy import JobicySource, geo_for, tag_for
from tests.support.boards.jobicy import (
    API_PATH,
    GEO_NAMES,
    JobicyStandIn,
    job,
    sample_jobs,
)
from tests.support.boards.memory import MemoryCache, by_id


@pytest.fixture
def board():
    with JobicyStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, cache=None, **settings):
    http = BoardHttp("Jobicy", server.url, timeout=timeout, cache=cache,
                     cache_ttl=jobicy.CACHE_SECONDS if cache is not None else 0)
    return JobicySource(http, **settings)


def numbered(count, title="Python Developer", geo="Anywhere", start=0):
    return [job(9000 - start - i, f"{title} {start + i}", f"Firm {start + i}", geo,
                f"2026-09-{28 - (start + i) % 20:02d}T10:00:00+00:00") for i in range(count)]


def params_of(server):
    return [request["params"] for request in server.requests]


def test_maps_every_field_of_an_entry(board):
    posting = by_id(source_for(board).search("python", None, 20), "jobicy-146131")
    assert posting.title == "Senior Python Developer"
    assert posting.company_name == "Dynatrace"
    assert posting.location == "USA"
    assert posting.via == "via Jobicy"
    assert posting.source == "jobicy"
    assert posting.apply_link == "https://jobicy.com/jobs/146131-senior-python-developer"
    assert posting.description == "Build our Python services.\n• 5+ years of Python\n• AWS & Kubernetes"
    assert posting.posted_at == "2026-09-30T12:00:00+00:00"
    assert posting.posted_date == "2026-09-30"
    assert posting.schedule_type == "Full-time"
    assert posting.salary is None  # Jobicy gives numbers, no text
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        90000, 125000, "USD", "year")
    assert posting.work_from_home is True
    assert (posting.city, posting.country, posting.latitude, posting.longitude) == (None,) * 4


def test_salary_periods_and_currencies(board):
    found = {posting.job_id: posting for posting in source_for(board).search("engineer", None, 50)}
    backend = found["jobicy-146120"]
    assert (backend.salary_min, backend.salary_max, backend.salary_currency, backend.salary_period) == (
        5000, 6500, "EUR", "month")
    seo = by_id(source_for(board).search("seo analyst", None, 5), "jobicy-146075")
    assert (seo.salary_min, seo.salary_max, seo.salary_currency, seo.salary_period) == (35, 50, "USD", "hour")
    assert seo.schedule_type == "Contractor and Part-time"
    designer = by_id(source_for(board).search("designer", None, 5), "jobicy-145950")
    assert (designer.salary_min, designer.salary_max, designer.salary_currency, designer.salary_period) == (None,) * 4


def test_sends_the_query_as_tag_with_a_fixed_page_size(board):
    source_for(board).search("python developer remote", None, 10)
    assert board.requests[0]["path"] == API_PATH
    assert params_of(board) == [{"count": str(jobicy.PAGE_SIZE), "tag": "python developer"}]


@pytest.mark.parametrize("location, geo", [
    ("München", "germany"), ("Berlin, Germany", "germany"), ("USA", "usa"), ("Toronto", "canada"),
    ("London, UK", "uk"), ("Europe", "europe"), ("Remote - Europe", "europe"), ("EMEA", "emea"),
    ("Latin America", "latam"), ("Remote", None), ("Worldwide", None), ("Lagos", None), ("", None),
])
def test_the_searched_place_becomes_a_documented_geo_slug(board, location, geo):
    assert geo_for(location) == geo
    assert geo is None or geo in GEO_NAMES
    source_for(board).search("python", location or None, 10)
    assert board.requests[0]["params"].get("geo") == geo


def test_geo_keeps_the_jobs_open_to_that_place_and_to_anyone(board):
    found = source_for(board).search("python", "Toronto", 20)
    assert {posting.location for posting in found} == {"Canada", "Anywhere"}
    assert "jobicy-146131" not in {posting.job_id for posting in found}  # USA only


def test_a_geo_jobicy_refuses_is_dropped_once(board):
    board.fail_next(400, {}, {"success": False, "error": "Invalid 'geo' value"})
    found = source_for(board).search("python", "Berlin", 10)
    assert [params.get("geo") for params in params_of(board)] == ["germany", None]
    assert found


def test_another_refusal_is_a_permanent_error(board):
    board.fail_next(400, {}, {"success": False, "error": "The 'count' parameter must be a number."})
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_rejected"
    assert len(board.requests) == 1


@pytest.mark.parametrize("query, tag", [
    ("python developer", "python developer"),
    ("Python developer remote", "Python developer"),
    ("QA", None), ("C#", None), ("remote", None), ("SEO", "SEO"),
    ("Softwareentwicklerin Frontend React TypeScript Kubernetes", "Softwareentwicklerin Frontend React TypeScript"),
])
def test_tags_keep_to_three_to_fifty_bytes(query, tag):
    assert tag_for(query) == tag
    assert tag is None or 3 <= len(tag.encode()) <= 50


def test_a_query_too_short_for_a_tag_is_filtered_here(board):
    found = source_for(board).search("QA", None, 10)
    assert params_of(board) == [{"count": str(jobicy.PAGE_SIZE)}]
    assert [posting.job_id for posting in found] == ["jobicy-146001"]


def test_the_stand_in_answers_like_jobicy_to_bad_requests(board):
    def ask(**params):
        return httpx.get(f"{board.url}{API_PATH}", params=params)

    assert ask(id="1").status_code == 400 and "Unexpected parameter" in ask(id="1").json()["error"]
    assert ask(geo="mars").json() == {"success": False, "error": "Invalid 'geo' value"}
    assert ask(count="ten").status_code == 400
    assert ask(tag="qa").status_code == 400
    assert ask(cursor="forged.0000").json()["error"].startswith("Invalid cursor")
    locations = ask(get="locations").json()["locations"]
    assert {"usa", "germany", "europe", "anywhere"} <= {entry["geoSlug"] for entry in locations}
    assert all(set(entry) == {"geoID", "geoName", "geoSlug"} for entry in locations)
    alias = ask(industry="dev", count="1")
    assert alias.headers["X-Jobicy-Replacement-Industry"] == "engineering"
    assert ask(count="1000").json()["appliedFilters"]["count"] == 200
    assert ask().headers["Cache-Control"] == "public, max-age=3600"


def test_pages_with_the_cursor_until_num_results():
    with JobicyStandIn(numbered(120)) as server:
        found = source_for(server).search("python developer", None, 80)
        sent = params_of(server)
    assert len(found) == 80 and len({posting.job_id for posting in found}) == 80
    assert len(sent) == 2
    assert "cursor" not in sent[0] and sent[1]["cursor"]
    assert {k: v for k, v in sent[1].items() if k != "cursor"} == sent[0]


def test_a_small_search_reads_one_page():
    with JobicyStandIn(numbered(120)) as server:
        assert len(source_for(server).search("python developer", None, 10)) == 10
    assert len(server.requests) == 1


def test_paging_is_bounded():
    with JobicyStandIn(numbered(300)) as server:
        found = source_for(server).search("python developer", None, 100)
        assert len(found) == jobicy.MAX_PAGES * jobicy.PAGE_SIZE == 100
        assert len(server.requests) == jobicy.MAX_PAGES
        server.requests.clear()
        assert len(source_for(server, max_pages=1).search("python developer", None, 100)) == 50
        assert len(server.requests) == 1
    with pytest.raises(ValueError):
        JobicySource(BoardHttp("Jobicy", "http://127.0.0.1:9"), max_pages=0)


def test_paging_stops_on_the_last_page():
    with JobicyStandIn(numbered(60)) as server:
        assert len(source_for(server).search("python developer", None, 100)) == 60
    assert len(server.requests) == 2


def test_an_expired_cursor_keeps_the_first_page():
    with JobicyStandIn(numbered(120)) as server:
        server.expire_cursors()
        found = source_for(server).search("python developer", None, 100)
    assert len(found) == 50
    assert len(server.requests) == 2


def test_a_later_page_that_is_rate_limited_keeps_the_first_page():
    with JobicyStandIn(numbered(120)) as server:
        source = source_for(server)
        first = httpx.get(f"{server.url}{API_PATH}", params={"count": jobicy.PAGE_SIZE, "tag": "python developer"})
        server.requests.clear()
        server.fail_next(200, {}, first.json())
        server.fail_next(429, {"Retry-After": "120"}, "Too Many Requests")
        found = source.search("python developer", None, 100)
    assert len(found) == 50 and len(server.requests) == 2


@pytest.mark.parametrize("empty_status", [404, 200])
def test_nothing_found_is_an_empty_list_whichever_status_jobicy_uses(empty_status):
    with JobicyStandIn(empty_status=empty_status) as server:
        raw = httpx.get(f"{server.url}{API_PATH}", params={"tag": "zzzzqqq"})
        assert raw.status_code == empty_status and raw.json()["jobs"] == []
        assert source_for(server).search("zzzzqqq", None, 10) == []
        assert source_for(server).search("zzzzqqq", "Berlin", 10) == []


def test_a_404_page_that_is_not_jobicys_json_is_a_failure_not_an_empty_result():
    with JobicyStandIn() as server:
        server.fail_next(404, {}, "<html><body>Not Found</body></html>")
        with pytest.raises(PermanentError) as failed:
            source_for(server).search("python developer", None, 10)
    assert failed.value.status == 404


def test_the_2024_answer_shape_is_read():
    with JobicyStandIn(api_version="2.0") as server:
        raw = httpx.get(f"{server.url}{API_PATH}", params={"count": 100}).json()
        assert "nextCursor" not in raw and raw["xRayHash"] and len(raw["jobs"]) <= 50
        server.requests.clear()
        found = source_for(server).search("site reliability engineer", None, 10)
        assert len(server.requests) == 1
    sre = by_id(found, "jobicy-113597")
    assert (sre.salary_min, sre.salary_max, sre.salary_currency, sre.salary_period) == (135000, 150000, "USD", "year")
    assert sre.posted_at == "2026-09-25 04:10:26" and sre.posted_date == "2026-09-25"


def test_repeated_searches_are_served_from_the_shared_cache(board):
    cache = MemoryCache()
    source = source_for(board, cache=cache)
    first = source.search("python", "Berlin", 10)
    assert source.search("python", "München", 5) == first[:5]  # same tag, same geo: same request
    assert len(board.requests) == 1
    assert cache.ttls == [jobicy.CACHE_SECONDS]


def test_odd_entries_are_tolerated_or_skipped(board):
    source = source_for(board)
    sales = by_id(source.search("partnerships", None, 10), "jobicy-146012")
    assert sales.title == "Sales & Partnerships Lead"  # an entity in the title
    devops = by_id(source.search("devops", None, 10), "jobicy-146030")
    assert devops.location == "Poland, Portugal, Romania, Spain"  # two spaces after each comma
    automation = by_id(source.search("automation", None, 10), "jobicy-145980")  # a string id
    assert automation.company_name == "" and automation.schedule_type is None
    assert automation.description == "Automate workflows in Python…"  # the excerpt, entity decoded
    assert automation.salary_min is None
    instructor = by_id(source.search("instructor", None, 10), "jobicy-145970")
    assert instructor.apply_link == "https://jobicy.com/jobs/145970-python-instructor"  # built from jobSlug
    ids = {posting.job_id for posting in source.search("python", None, 50)}
    assert not any(job_id in ("jobicy-", "jobicy-None") for job_id in ids)
    assert len(ids) == 6


def test_odd_values_inside_an_entry():
    listing = [{**job(1, "Python Developer", "Firm", "USA", "2026-09-01T10:00:00+00:00"),
                "salaryMin": "70,000", "salaryMax": "90000", "salaryCurrency": "usd", "salaryPeriod": "Yearly",
                "jobType": "Full-Time", "jobGeo": None},
               {**job(2, "Python Developer", "Firm", "USA", "2026-09-01"), "url": "javascript:alert(1)",
                "jobSlug": None},
               {**job(3, "Python Developer", "Firm", "USA", "yesterday"), "salaryMin": True,
                "salaryCurrency": "dollars", "salaryMax": 50000}]
    with JobicyStandIn(listing) as server:
        found = source_for(server).search("python", None, 10)
    assert [posting.job_id for posting in found] == ["jobicy-1", "jobicy-3"]
    first, third = found
    assert (first.salary_min, first.salary_max, first.salary_currency, first.salary_period) == (
        70000, 90000, "USD", "year")
    assert first.schedule_type == "Full-time" and first.location == ""
    assert (third.salary_min, third.salary_max, third.salary_currency) == (None, 50000, None)
    assert third.posted_at == "yesterday" and third.posted_date is None


@pytest.mark.parametrize("body", [[{"id": 1}], "jobs", None, {"jobs": None}, {"jobs": {"1": {}}},
                                  {"success": True, "message": "maintenance"}])
def test_an_answer_of_another_shape_is_transient(board, body):
    board.fail_next(200, {}, body)
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_an_answer_without_jobs_but_a_zero_count_is_empty(board):
    board.fail_next(200, {}, {"apiVersion": "2.2.18", "jobCount": 0, "success": True})
    assert source_for(board).search("python", None, 10) == []


@pytest.mark.parametrize("status, error", [
    (401, "Invalid, revoked, or expired API key."), (403, "This API key is not permitted from the current IP address."),
])
def test_a_refusal_is_a_permanent_auth_error(board, status, error):
    board.fail_next(status, {}, {"success": False, "error": error})
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_auth"


def test_rate_limited_is_transient_with_retry_after(board):
    board.fail_next(429, {"Retry-After": "120"}, "Too Many Requests")
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 120


def test_server_errors_are_transient(board):
    board.fail_next(500, {}, {"success": False, "error": "Could not complete the commercial API transaction."})
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("status", [200, 502])
def test_a_gateway_page_is_transient(board, status):
    board.fail_next(status, {}, "<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient():
    with JobicyStandIn(hang_seconds=5) as server:
        server.hang = True
        started = time.monotonic()
        with pytest.raises(TransientError) as caught:
            source_for(server, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2
    assert "did not answer in time" in str(caught.value)


def test_sample_jobs_are_varied_enough():
    jobs = [raw for raw in sample_jobs() if isinstance(raw, dict)]
    assert len(jobs) >= 12
    assert len({raw.get("jobGeo") for raw in jobs}) >= 8
    assert {raw.get("salaryCurrency") for raw in jobs} >= {"USD", "EUR", "GBP", "CAD"}
    assert {raw.get("salaryPeriod") for raw in jobs} >= {"yearly", "monthly", "hourly"}
    assert any("annualSalaryMin" in raw for raw in jobs) and any(raw.get("companyLogo") is False for raw in jobs)
