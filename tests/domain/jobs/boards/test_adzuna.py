import math
import time

import httpx
import pytest
from pydantic import SecretStr

from domain.errors import OutOfArea, PermanentError, TransientError
from domain.jobs.boards import adzuna
from domain.jobs.boards.adzuna import AdzunaSource
from domain.jobs.boards.http import BoardHttp
from tests.support.boards.adzuna import (
    APP_ID,
    APP_KEY,
    UH_OH,
    AdzunaStandIn,
    sample_jobs,
)
from tests.support.boards.memory import by_id


@pytest.fixture
def board():
    with AdzunaStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, **settings):
    return AdzunaSource(BoardHttp("Adzuna", server.url, timeout=timeout), app_id=APP_ID, app_key=APP_KEY,
                        **settings)


def python_jobs(count, host="adzuna.co.uk"):
    return [{"id": str(7000 + i), "title": f"Python Developer {i}", "description": "Python work.",
             "created": "2026-11-20T10:00:00Z", "company": {"display_name": f"Firm {i}"},
             "location": {"display_name": "London, UK", "area": ["UK", "London"]},
             "redirect_url": f"https://www.{host}/jobs/land/ad/{7000 + i}"} for i in range(count)]


def test_maps_every_field_of_a_result(board):
    jobs = source_for(board).search("python", "London", 10)
    job = by_id(jobs, "adzuna-5039776326")
    assert job.title == "Senior Python Developer"
    assert job.company_name == "Code Convergence"
    assert job.location == "London, UK"
    assert job.via == "via Adzuna"
    assert job.source == "adzuna"
    assert job.description == ("We are hiring a Python developer to build data services & APIs in Django and "
                               "FastAPI. Hybrid working, 2 days in our Shoreditch office…")
    assert job.apply_link.startswith("https://www.adzuna.co.uk/jobs/land/ad/5039776326?")
    created = next(raw["created"] for raw in board.jobs if raw["id"] == "5039776326")
    assert job.posted_at == created
    assert job.posted_date == created[:10]
    assert job.schedule_type == "Full-time"
    assert job.salary == "£65,000–£80,000 a year"
    assert (job.salary_min, job.salary_max, job.salary_currency, job.salary_period) == (65000, 80000, "GBP", "year")
    assert (job.city, job.region, job.country) == ("London", None, "GB")
    assert (job.latitude, job.longitude) == (51.503378, -0.139134)
    assert job.work_from_home is False


def test_highlight_tags_on_the_wire_do_not_reach_the_title(board):
    raw = httpx.get(f"{board.url}/v1/api/jobs/gb/search/1",
                    params={"app_id": APP_ID, "app_key": APP_KEY, "what": "python"}).json()
    assert "<strong>Python</strong>" in raw["results"][0]["title"]
    titles = [job.title for job in source_for(board).search("python", None, 10)]
    assert titles and not any("<" in title for title in titles)
    assert "Senior Python Developer" in titles


def test_deep_place_gives_city_region_and_coordinates(board):
    job = by_id(source_for(board).search("python", "London", 10), "adzuna-4412000001")
    assert (job.city, job.region, job.country) == ("Watford", "East of England", "GB")
    assert job.location == "Watford, Hertfordshire"
    assert job.salary == "£52,000–£61,000 a year"  # "52000.50" and "61000" arrive as strings
    assert job.salary_min == 52000.5


def test_predicted_salary_is_marked_as_an_adzuna_estimate(board):
    job = by_id(source_for(board).search("python", "München", 10), "adzuna-5690511753")
    assert job.salary == "~€70,000–€85,000 a year (Adzuna estimate)"
    assert (job.salary_min, job.salary_max, job.salary_currency) == (70000, 85000, "EUR")
    assert (job.city, job.region, job.country) == ("Munich", "Bayern", "DE")


def test_salary_wording_for_one_figure_open_ranges_and_none(board):
    source = source_for(board)
    courier = by_id(source.search("courier", "Maidstone", 10), "adzuna-1199079571")
    assert courier.salary == "~£24,565 a year (Adzuna estimate)"
    assert courier.schedule_type == "Part-time"
    remote = by_id(source.search("python", "Remote - USA", 10), "adzuna-2473378092")
    assert remote.salary == "from $110,000 a year"
    assert (remote.salary_min, remote.salary_max, remote.salary_currency) == (110000, None, "USD")
    assert remote.schedule_type == "Full-time"
    tutor = by_id(source.search("tutor", None, 10), "adzuna-4412000003")
    assert tutor.salary is None and tutor.salary_min is None and tutor.salary_currency is None
    assert tutor.company_name == ""  # the company object has no display_name
    assert (tutor.latitude, tutor.longitude, tutor.city) == (None, None, None)
    assert tutor.schedule_type is None


def test_sends_the_documented_parameters(board):
    source_for(board).search("python developer", "London", 20)
    request = board.requests[0]
    assert request["path"] == "/v1/api/jobs/gb/search/1"
    assert request["params"] == {"app_id": APP_ID, "app_key": APP_KEY, "what": "python developer",
                                 "where": "London", "distance": "50", "max_days_old": "30",
                                 "results_per_page": "20", "content-type": "application/json"}


@pytest.mark.parametrize("location, country, where, distance", [
    ("München", "de", "München", "50"),
    ("Paris, France", "fr", "Paris", "50"),
    ("Remote - Berlin", "de", "Berlin", "50"),
    ("Germany", "de", None, None),
    ("Bayern, Deutschland", "de", "Bayern", None),
    (None, "gb", None, None),
    ("Europe", "gb", None, None),
    ("Qwxz Plorf", "gb", "Qwxz Plorf", None),
])
def test_the_country_path_follows_the_searched_place(board, location, country, where, distance):
    source_for(board).search("python", location, 5)
    request = board.requests[0]
    assert request["path"] == f"/v1/api/jobs/{country}/search/1"
    assert request["params"].get("where") == where
    assert request["params"].get("distance") == distance


def test_default_country_is_used_when_no_country_is_named(board):
    jobs = source_for(board, default_country="US").search("python", None, 10)
    assert board.requests[0]["path"] == "/v1/api/jobs/us/search/1"
    assert {job.country for job in jobs} == {"US"}


def test_remote_search_adds_the_word_and_keeps_the_named_country(board):
    jobs = source_for(board).search("python", "Remote - USA", 10)
    params = board.requests[0]["params"]
    assert board.requests[0]["path"] == "/v1/api/jobs/us/search/1"
    assert params["what"] == "python remote" and "where" not in params
    assert [job.job_id for job in jobs] == ["adzuna-2473378092"]


def test_a_place_in_a_country_adzuna_does_not_cover_asks_nothing(board):
    for place in ("Tokyo", "Remote - Japan"):
        with pytest.raises(OutOfArea, match="does not cover"):
            source_for(board).search("python", place, 10)
    assert board.requests == []


def test_the_city_radius_reaches_the_commute_belt(board):
    ids = {job.job_id for job in source_for(board).search("python", "London", 10)}
    assert "adzuna-4412000001" in ids  # Watford, 25 km out
    # Adzuna's own default of 5 km would leave it out: the reason the client sends a distance.
    narrow = httpx.get(f"{board.url}/v1/api/jobs/gb/search/1",
                       params={"app_id": APP_ID, "app_key": APP_KEY, "what": "python", "where": "London"}).json()
    assert "4412000001" not in {raw["id"] for raw in narrow["results"]}


def test_max_days_old_leaves_out_old_postings_and_can_be_switched_off(board):
    recent = {job.job_id for job in source_for(board).search("python", "Manchester", 10)}
    assert "adzuna-4412000004" not in recent
    any_age = source_for(board, max_days_old=None)
    assert "adzuna-4412000004" in {job.job_id for job in any_age.search("python", "Manchester", 10)}
    assert "max_days_old" not in board.requests[-1]["params"]


def test_pages_until_num_results():
    with AdzunaStandIn(python_jobs(120)) as server:
        jobs = source_for(server).search("python", None, 60)
        assert len(jobs) == 60 and len({job.job_id for job in jobs}) == 60
        assert [r["path"] for r in server.requests] == ["/v1/api/jobs/gb/search/1", "/v1/api/jobs/gb/search/2"]
        assert {r["params"]["results_per_page"] for r in server.requests} == {"50"}


def test_paging_is_bounded():
    with AdzunaStandIn(python_jobs(300)) as server:
        jobs = source_for(server).search("python", None, 500)
        assert len(server.requests) == adzuna.MAX_PAGES == 2
        assert len(jobs) == 100


def test_a_small_request_asks_for_a_small_page():
    with AdzunaStandIn(python_jobs(120)) as server:
        assert len(source_for(server).search("python", None, 7)) == 7
        assert len(server.requests) == 1 and server.requests[0]["params"]["results_per_page"] == "7"


def test_paging_stops_on_a_short_page_and_at_the_count():
    with AdzunaStandIn(python_jobs(70)) as server:
        assert len(source_for(server).search("python", None, 100)) == 70
        assert len(server.requests) == 2
    with AdzunaStandIn(python_jobs(50)) as server:
        assert len(source_for(server).search("python", None, 100)) == 50
        assert len(server.requests) == 1  # count 50 said there is no second page


def test_no_results_is_an_empty_list(board):
    assert source_for(board).search("zzyzx underwater basket weaving", None, 10) == []
    assert len(board.requests) == 1


def test_a_wrong_key_is_a_permanent_auth_error_that_does_not_leak_the_key(board):
    source = AdzunaSource(BoardHttp("Adzuna", board.url), app_id=APP_ID, app_key="wrong-key-123")
    with pytest.raises(PermanentError) as caught:
        source.search("python", None, 10)
    assert caught.value.code == "search_auth"
    assert "wrong-key-123" not in str(caught.value) and "wrong-key-123" not in caught.value.user_message


def test_the_stand_in_answers_like_adzuna_to_bad_requests(board):
    base = f"{board.url}/v1/api/jobs/gb/search/1"
    wrong = httpx.get(base, params={"app_id": APP_ID, "app_key": "nope"})
    assert wrong.status_code == 401 and wrong.json()["exception"] == "AUTH_FAIL"
    keyless = httpx.get(base)
    assert keyless.status_code == 400 and "Uh oh" in keyless.text
    unknown = httpx.get(base, params={"app_id": APP_ID, "app_key": APP_KEY, "max_days": "30"})
    assert unknown.status_code == 400 and "Uh oh" in unknown.text


def test_a_rejected_request_is_a_permanent_error(board):
    board.fail_next(400, {}, UH_OH)
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_rejected"


def test_rate_limited_is_transient_with_retry_after(board):
    board.fail_next(429, {"Retry-After": "30"}, {"exception": "RATE_LIMITED"})
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 30


def test_server_error_is_transient(board):
    board.fail_next(500, {}, "<html><body>Internal Server Error</body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_gateway_page_with_status_200_is_transient(board):
    board.fail_next(200, {}, "<html><body><h1>502 Bad Gateway</h1></body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("body", [[{"id": "1"}], "results", 42])
def test_a_body_that_is_not_an_object_is_transient(board, body):
    board.fail_next(200, {}, body if not isinstance(body, str) else f'"{body}"'.encode())
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient(board):
    board.hang = True
    started = time.monotonic()
    with pytest.raises(TransientError):
        source_for(board, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2


def test_odd_entries_are_skipped_or_tolerated(board):
    board.fail_next(200, {}, {"count": 7, "results": [
        "not an object",
        {"title": "No id at all"},
        {"id": 991, "title": None, "company": "Acme as a string", "location": None,
         "salary_min": "n/a", "salary_max": 0, "salary_is_predicted": 1, "latitude": "51.5", "longitude": 200,
         "created": "yesterday", "contract_time": 7, "redirect_url": ["not", "a", "string"]},
        {"id": "992", "title": "Nurse", "location": {"display_name": None, "area": "UK"},
         "salary_min": 30000.0, "salary_max": 30000.4, "created": "2026-11-28T08:00:00+00:00",
         "contract_type": "contract"},
        {"id": "993", "title": "Tagged <b>title</b> &amp; entity", "location": {"area": ["UK", "Leeds"]},
         "description": "<p>First</p><script>alert(1)</script><p>Second</p>"},
    ]})
    jobs = source_for(board).search("python", None, 10)
    assert [job.job_id for job in jobs] == ["adzuna-991", "adzuna-992", "adzuna-993"]
    odd, nurse, tagged = jobs
    assert (odd.title, odd.company_name, odd.location, odd.apply_link) == ("", "", "", "")
    assert odd.salary is None and odd.salary_min is None
    assert (odd.latitude, odd.longitude) == (None, None)
    assert odd.posted_at == "yesterday" and odd.posted_date is None
    assert nurse.salary == "£30,000 a year" and nurse.posted_date == "2026-11-28"
    assert nurse.schedule_type == "Contractor"
    assert tagged.title == "Tagged title & entity"
    assert tagged.location == "Leeds, UK" and tagged.city == "Leeds"
    assert tagged.description == "First\nSecond"


@pytest.mark.parametrize("results", [None, {"0": {}}, "none"])
def test_results_that_are_not_a_list_count_as_none(board, results):
    board.fail_next(200, {}, {"count": 0, "results": results})
    assert source_for(board).search("python", None, 10) == []


def test_keys_are_required_and_a_secret_is_accepted(board):
    with pytest.raises(ValueError):
        AdzunaSource(BoardHttp("Adzuna", board.url), app_id=APP_ID, app_key=None)
    with pytest.raises(ValueError):
        AdzunaSource(BoardHttp("Adzuna", board.url), app_id=APP_ID, app_key=APP_KEY, default_country="jp")
    source = AdzunaSource(BoardHttp("Adzuna", board.url), app_id=APP_ID, app_key=SecretStr(APP_KEY),
                          default_country="uk")
    assert source.search("nurse", None, 5)[0].job_id == "adzuna-4412000002"
    assert board.requests[0]["params"]["app_key"] == APP_KEY
    assert board.requests[0]["path"] == "/v1/api/jobs/gb/search/1"


def test_the_rate_limit_keeps_every_default_adzuna_limit():
    calls, period = adzuna.RATE_LIMIT
    # At most `calls` in any window of `period` seconds, so a window of w seconds holds at most
    # calls * ceil(w / period) (a minute at most `calls`).
    for window, cap in ((60, 25), (86_400, 250), (7 * 86_400, 1000), (31 * 86_400, 2500)):
        assert calls * max(1, math.ceil(window / period)) <= cap, window
    assert adzuna.CACHE_SECONDS > 0


def test_sample_jobs_are_varied_enough():
    jobs = sample_jobs()
    assert len(jobs) >= 12
    assert {"0", "1", 0} <= {job.get("salary_is_predicted") for job in jobs}
    assert any("company" in job and "display_name" not in job["company"] for job in jobs)
    assert any("latitude" not in job for job in jobs)
