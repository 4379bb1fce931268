import time

import httpx
import pytest

from domain.errors import PermanentError, TransientError
from domain.jobs.boards import arbeitnow
from domain.jobs.boards.arbeitnow import ArbeitnowSource, schedule_of
from domain.jobs.boards.http import BoardHttp
from tests.support.boards.arbeitnow import (
    API_PATH,
    TERMS,
    ArbeitnowStandIn,
    job,
    sample_jobs,
)
from tests.support.boards.memory import MemoryCache, by_id

BASE = 1_790_000_000


@pytest.fixture
def board():
    with ArbeitnowStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, cache=None, **settings):
    http = BoardHttp("Arbeitnow", server.url, timeout=timeout, cache=cache,
                     cache_ttl=arbeitnow.CACHE_SECONDS if cache is not None else 0)
    return ArbeitnowSource(http, **settings)


def numbered(count, title="Python Developer", location="Berlin", start=0, **fields):
    return [job(f"job-{start + i}", f"{title} {start + i}", f"Firma {start + i}", location, BASE - (start + i) * 60,
                **fields) for i in range(count)]


def pages(server):
    return [request["params"].get("page") for request in server.requests]


def test_maps_every_field_of_an_entry(board):
    posting = by_id(source_for(board).search("python developer", None, 10),
                    "arbeitnow-senior-python-developer-berlin-416001")
    assert posting.title == "Senior Python Developer (m/w/d)"
    assert posting.company_name == "Ilg GmbH"
    assert posting.location == "Berlin"
    assert posting.via == "via Arbeitnow"
    assert posting.source == "arbeitnow"
    assert posting.apply_link == ("https://www.arbeitnow.com/jobs/companies/ilg-gmbh/"
                                  "senior-python-developer-berlin-416001")
    assert posting.description == ("Deine Aufgaben\n• Backend-Services mit Python und Django entwickeln\n"
                                   "• APIs für unsere Logistik-Plattform bauen\n\n"
                                   "Wir bieten 30 Tage Urlaub & Homeoffice.")
    assert posting.posted_at == str(BASE - 3_600)
    assert posting.posted_date == "2026-09-21"
    assert posting.schedule_type == "Full-time"
    assert posting.work_from_home is True
    assert posting.salary is None
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (None,) * 4
    assert (posting.city, posting.country, posting.latitude, posting.longitude) == (None,) * 4


def test_scripts_and_tags_leave_the_description(board):
    posting = by_id(source_for(board).search("react frontend", None, 10),
                    "arbeitnow-frontend-engineer-react-remote-416004")
    assert posting.description == "Build our design system in React & TypeScript."


def test_asks_for_numbered_pages_and_never_follows_the_featured_search(board):
    body = httpx.get(f"{board.url}{API_PATH}", params={"page": 1}).json()
    assert body["meta"]["terms"] == TERMS
    board.per_page, board.requests[:] = 5, []
    source_for(board).search("python", None, 10)
    assert pages(board) == ["1", "2", "3", "4"]
    assert all(set(request["params"]) == {"page"} for request in board.requests)
    assert board.requests[0]["path"] == API_PATH
    assert board.requests[0]["headers"]["user-agent"].startswith("job-agent/")


def test_the_stand_in_narrows_the_board_when_its_featured_link_is_followed(board):
    board.per_page = 5
    first = httpx.get(f"{board.url}{API_PATH}", params={"page": 1}).json()
    assert "search=" in first["links"]["next"]
    narrowed = httpx.get(f"{board.url}{API_PATH}", params={"page": 1, "search": "python"}).json()
    assert narrowed["data"] and all("python" in row["title"].lower() or "Python" in row["tags"]
                                    for row in narrowed["data"])
    past_the_end = httpx.get(f"{board.url}{API_PATH}", params={"page": 99}).json()
    assert past_the_end["data"] == [] and past_the_end["links"]["next"] is None
    assert past_the_end["meta"]["from"] is None


def test_stops_paging_once_enough_postings_match():
    with ArbeitnowStandIn(numbered(30), per_page=5) as server:
        found = source_for(server).search("python developer", None, 4)
    assert len(found) == 4
    assert pages(server) == ["1"]


def test_reads_further_pages_until_enough_match():
    listing = numbered(10, title="Kassierer") + numbered(3, start=10)
    with ArbeitnowStandIn(listing, per_page=5) as server:
        found = source_for(server).search("python developer", None, 3)
    assert [posting.job_id for posting in found] == ["arbeitnow-job-10", "arbeitnow-job-11", "arbeitnow-job-12"]
    assert pages(server) == ["1", "2", "3"]


def test_paging_is_bounded():
    with ArbeitnowStandIn(numbered(60, title="Lagerhelfer"), per_page=5) as server:
        assert source_for(server, max_pages=3).search("python developer", None, 10) == []
    assert pages(server) == ["1", "2", "3"]
    with pytest.raises(ValueError):
        ArbeitnowSource(BoardHttp("Arbeitnow", "http://127.0.0.1:9"), max_pages=0)


def test_a_page_of_broken_entries_does_not_end_the_reading():
    listing = [{"slug": f"broken-{i}", "title": "", "created_at": BASE - i} for i in range(5)]
    listing += numbered(2, start=10)
    with ArbeitnowStandIn(listing, per_page=5) as server:
        found = source_for(server).search("python developer", None, 10)
    assert len(found) == 2
    assert pages(server) == ["1", "2"]


def test_paging_stops_at_the_last_page():
    with ArbeitnowStandIn(numbered(7, title="Lagerhelfer"), per_page=5) as server:
        assert source_for(server).search("python", None, 10) == []
    assert pages(server) == ["1", "2"]


def test_a_board_that_ignores_the_page_number_is_read_once(board):
    page = httpx.get(f"{board.url}{API_PATH}", params={"page": 1}).json()
    page["links"]["next"] = f"{board.url}{API_PATH}?page=2"
    board.requests.clear()
    board.fail_next(200, {}, page, times=5)
    found = source_for(board).search("python", None, 50)
    assert pages(board) == ["1", "2"]  # the second answer held nothing new
    assert len({posting.job_id for posting in found}) == len(found) > 0


def test_relevance_filters_and_orders_the_listing(board):
    found = source_for(board).search("Buchhalter", None, 10)
    titles = [posting.title for posting in found]
    assert titles[0] == "Finanzbuchhalter (m/w/d)"
    assert "Sachbearbeiter Buchhaltung (m/w/d)" in titles
    assert not any("Pflege" in title or "Python" in title for title in titles)


def test_tags_and_job_types_count_as_words_of_the_posting():
    listing = [job("backend-1", "Backend Engineer", "Firma", "Berlin", BASE, tags=["Python", "FastAPI"],
                   description="<p>APIs.</p>"),
               job("werk-1", "Online-Marketing Unterstützung", "Firma", "Köln", BASE - 60,
                   job_types=["Werkstudent"], description="<p>Social Media.</p>"),
               job("other-1", "Backend Engineer", "Firma", "Berlin", BASE - 120, tags=["Go"],
                   description="<p>APIs.</p>")]
    with ArbeitnowStandIn(listing) as server:
        source = source_for(server)
        assert [p.job_id for p in source.search("python", None, 10)] == ["arbeitnow-backend-1"]
        assert [p.job_id for p in source.search("Werkstudent", None, 10)] == ["arbeitnow-werk-1"]


def test_jobs_in_the_searched_place_come_first_then_remote_ones(board):
    found = source_for(board).search("python developer", "Stuttgart", 10)
    assert found[0].location == "Stuttgart"
    remote_rank = [i for i, posting in enumerate(found) if posting.work_from_home]
    elsewhere_rank = [i for i, posting in enumerate(found)
                      if not posting.work_from_home and posting.location != "Stuttgart"]
    assert remote_rank and elsewhere_rank and max(remote_rank) < min(elsewhere_rank)


def test_a_place_search_reads_on_until_jobs_there_are_found():
    listing = numbered(5, location="Hamburg") + numbered(1, location="München", start=5)
    with ArbeitnowStandIn(listing, per_page=5) as server:
        found = source_for(server).search("python developer", "München", 1)
    assert [posting.job_id for posting in found] == ["arbeitnow-job-5"]
    assert pages(server) == ["1", "2"]


def test_a_remote_search_puts_remote_postings_first(board):
    found = source_for(board).search("python", "remote", 10)
    flags = [posting.work_from_home for posting in found]
    assert flags[0] is True and flags == sorted(flags, reverse=True) and False in flags


def test_repeated_searches_are_served_from_the_shared_cache(board):
    cache = MemoryCache()
    source = source_for(board, cache=cache)
    first = source.search("python", None, 10)
    asked = len(board.requests)
    second = source.search("buchhalter", "München", 5)
    assert len(board.requests) == asked  # the listing is the same for every query and place
    assert first and second
    assert cache.ttls and set(cache.ttls) == {arbeitnow.CACHE_SECONDS}


def test_no_postings_is_an_empty_list():
    with ArbeitnowStandIn([]) as server:
        assert source_for(server).search("python", None, 10) == []
    assert pages(server) == ["1"]


def test_odd_entries_are_tolerated_or_skipped(board):
    source = source_for(board)
    cashier = by_id(source.search("Kassierer", None, 10), "arbeitnow-kassierer-dresden-416012")
    assert cashier.company_name == ""  # null
    assert cashier.posted_at == str(BASE - 43_200) and cashier.posted_date == "2026-09-21"  # a string epoch
    assert cashier.schedule_type == "Part-time"  # "Minijob"
    helper = by_id(source.search("Logistics", None, 10), "arbeitnow-lagerhelfer-bremen-416013")
    assert helper.description == "" and helper.schedule_type is None  # no description, no job_types
    ids = {posting.job_id for posting in source.search("python developer", None, 50)}
    assert "arbeitnow-ghost-job-416014" not in ids  # no url to link back to
    assert not any("untitled" in job_id for job_id in ids)


def test_entries_that_are_not_objects_and_odd_values_are_skipped_or_read():
    listing = [
        "not a job", None, 42,
        {**job("python-1", "Python Developer", "Firma", "Berlin", BASE), "remote": "true", "tags": None,
         "created_at": "yesterday", "company_name": 1234, "description": {"html": "<p>x</p>"}},
        {**job("python-2", "Python Developer", "Firma", "Berlin", BASE - 1), "url": "javascript:alert(1)"},
        {**job("python-3", "Python Developer", "Firma", "Berlin", BASE - 2), "slug": None},
    ]
    with ArbeitnowStandIn(listing) as server:
        found = source_for(server).search("python", None, 10)
    assert sorted(posting.job_id for posting in found) == ["arbeitnow-python-1", "arbeitnow-python-3"]
    first = by_id(found, "arbeitnow-python-1")
    assert first.work_from_home is True and first.company_name == "1234"
    assert first.posted_at == "yesterday" and first.posted_date is None and first.description == ""


@pytest.mark.parametrize("body", [[{"slug": "x"}], "data", None, {"data": {"0": {}}}, {"message": "Server Error"}])
def test_an_answer_of_another_shape_is_transient(board, body):
    board.fail_next(200, {}, body)
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("status", [401, 403])
def test_a_refusal_is_a_permanent_auth_error(board, status):
    board.fail_next(status, {}, {"message": "Forbidden"})
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_auth"


def test_throttled_is_transient_with_retry_after(board):
    board.throttle(after=0, retry_after=42)
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 42


def test_a_later_page_that_fails_keeps_what_earlier_pages_found():
    listing = numbered(5, title="Python Developer") + numbered(20, title="Lagerhelfer", start=5)
    with ArbeitnowStandIn(listing, per_page=5) as server:
        server.throttle(after=1)
        found = source_for(server).search("python developer", None, 10)
    assert len(found) == 5
    assert pages(server) == ["1", "2"]


def test_server_errors_are_transient(board):
    board.fail_next(500, {}, {"message": "Server Error"})
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)
    board.maintenance()
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 60


@pytest.mark.parametrize("status", [200, 502])
def test_a_gateway_page_is_transient(board, status):
    board.fail_next(status, {}, "<html><body><h1>502 Bad Gateway</h1><hr>cloudflare</body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient():
    with ArbeitnowStandIn(hang_seconds=5) as server:
        server.hang = True
        started = time.monotonic()
        with pytest.raises(TransientError) as caught:
            source_for(server, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2
    assert "did not answer in time" in str(caught.value)


@pytest.mark.parametrize("job_types, expected", [
    (["Full Time", "Professional / Experienced"], "Full-time"),
    (["Vollzeit", "Teilzeit"], "Full-time and Part-time"),
    (["full_time"], "Full-time"),
    (["Praktikum"], "Internship"),
    (["Werkstudent"], "Part-time"),
    (["Freelance"], "Contractor"),
    (["Berufserfahren"], None),
    (["International Team"], None),
    ([], None),
])
def test_job_types_in_either_language_become_a_schedule(job_types, expected):
    assert schedule_of(job_types) == expected


def test_sample_jobs_are_varied_enough():
    jobs = sample_jobs()
    assert len(jobs) >= 12
    assert sum(1 for raw in jobs if raw.get("remote") is True) >= 3
    assert len({raw.get("location") for raw in jobs}) >= 10
    assert any("<" in (raw.get("description") or "") for raw in jobs)
    assert any(raw.get("url") is None for raw in jobs) and any(raw.get("company_name") is None for raw in jobs)
