import time
from datetime import UTC, datetime

import httpx
import pytest

from domain.errors import OutOfArea, PermanentError, TransientError
from domain.jobs.boards import bundesagentur
from domain.jobs.boards.bundesagentur import SEARCH_PATH, BundesagenturSource
from domain.jobs.boards.http import BoardHttp
from tests.support.boards.bundesagentur import (
    API_KEY,
    BundesagenturStandIn,
    sample_jobs,
)
from tests.support.boards.memory import by_id


@pytest.fixture
def board():
    with BundesagenturStandIn() as server:
        yield server


def source_for(server, *, timeout=5.0, **settings):
    return BundesagenturSource(BoardHttp("Bundesagentur für Arbeit", server.url, timeout=timeout), **settings)


def python_jobs(count):
    today = datetime.now(UTC).date().isoformat()
    return [{"referenznummer": f"10000-{3000000 + i}-S", "stellenangebotsTitel": f"Python-Entwickler {i} (m/w/d)",
             "firma": f"Firma {i}", "veroeffentlichungszeitraum": {"von": today},
             "stellenlokationen": [{"adresse": {"ort": "Berlin", "land": "DEUTSCHLAND"},
                                    "breite": 52.52, "laenge": 13.40}]} for i in range(count)]


def get(server, path=SEARCH_PATH, key=API_KEY, **params):
    return httpx.get(f"{server.url}{path}", params=params, headers={"X-API-Key": key} if key else {})


def test_maps_every_field_of_an_entry(board):
    job = by_id(source_for(board).search("informatiker", "Berlin", 10), "bundesagentur-14225-d678889039fc0001-S")
    raw = next(entry for entry in board.jobs if entry["referenznummer"] == "14225-d678889039fc0001-S")
    assert job.title == "Informatiker (m/w/d)"
    assert job.company_name == "Bundesinstitut für Risikobewertung (BfR)"
    assert job.location == "Berlin"
    assert job.via == "via Bundesagentur für Arbeit"
    assert job.source == "bundesagentur"
    assert job.description == ""
    assert job.highlights == [{"title": "Berufe", "items": ["Informatiker/in", "Softwareentwickler/in"]}]
    # A partner board's posting: its own page, with the agency's page beside it.
    assert job.apply_link == raw["externeURL"]
    assert job.apply_options == [{"title": "Bundesagentur für Arbeit",
                                  "link": "https://www.arbeitsagentur.de/jobsuche/jobdetail/14225-d678889039fc0001-S"}]
    assert job.posted_at == raw["datumErsteVeroeffentlichung"]
    assert job.posted_date == raw["datumErsteVeroeffentlichung"]
    assert job.schedule_type == "Full-time"
    assert job.salary == "€60,772–€87,110 a year"
    assert (job.salary_min, job.salary_max, job.salary_currency, job.salary_period) == (60772.4, 87110, "EUR", "year")
    assert job.work_from_home is False  # home office "by agreement" is no remote job
    assert (job.city, job.region, job.country) == ("Berlin", "Berlin", "DE")
    assert (job.latitude, job.longitude) == (52.530795, 13.296708)


def test_a_posting_of_the_agency_links_to_its_page(board):
    job = by_id(source_for(board).search("python", "München", 10), "bundesagentur-10000-1200000001-S")
    assert job.apply_link == "https://www.arbeitsagentur.de/jobsuche/jobdetail/10000-1200000001-S"
    assert job.apply_options == []
    assert job.work_from_home is True  # AUSSCHLIESSLICH: home office only
    assert (job.city, job.region, job.location) == ("Munich", "Bayern", "München, Bayern")
    assert (job.salary, job.salary_min, job.salary_max) == ("€68,000 a year", 68000, 68000)


@pytest.mark.parametrize("query, place, ref, salary, period, schedule", [
    ("pflegefachkraft", "Oldenburg", "10000-1200000003-S", "€3,800–€4,600 a month", "month", "Full-time"),
    ("lagerhelfer", "Köln", "10000-1200000005-S", "€14.50 an hour", "hour", "Part-time"),
    ("erzieher", "Dresden", "10000-1200000013-S", "€3,450 a month", "month", "Part-time"),
    ("buchhalter", "Frankfurt am Main", "10000-1200000004-S", None, None, "Part-time"),
    ("medizintechnik", "Berlin", "10000-1200000012-S", "up to €72,000 a year", "year", "Full-time"),
])
def test_salary_periods_and_schedules(board, query, place, ref, salary, period, schedule):
    job = by_id(source_for(board).search(query, place, 10), f"bundesagentur-{ref}")
    assert (job.salary, job.salary_period, job.schedule_type) == (salary, period, schedule)
    assert job.salary_currency == ("EUR" if salary else None)


def test_places_in_their_odd_forms(board):
    source = source_for(board)
    vienna = by_id(source.search("data engineer", None, 10), "bundesagentur-10000-1200000006-S")
    assert (vienna.country, vienna.city, vienna.location) == ("AT", "Vienna", "Wien, Österreich")
    oldenburg = by_id(source.search("pflegefachkraft", None, 10), "bundesagentur-10000-1200000003-S")
    assert (oldenburg.city, oldenburg.location) == ("Oldenburg", "Oldenburg (Oldb), Niedersachsen")
    leipzig = by_id(source.search("elektroniker", None, 10), "bundesagentur-10000-1200000008-S")
    assert (leipzig.latitude, leipzig.longitude, leipzig.city) == (None, None, "Leipzig")
    nowhere = by_id(source.search("kundenberater", None, 10), "bundesagentur-10000-1200000009-S")
    assert (nowhere.location, nowhere.city, nowhere.country) == ("", None, None)
    anonymous = by_id(source.search("sachbearbeiter", None, 10), "bundesagentur-10000-1200000010-S")
    assert anonymous.company_name == "" and anonymous.region == "Baden-Württemberg"


def test_sends_the_parameters_and_the_public_client_id(board):
    source_for(board).search("python", "Berlin", 20)
    request = board.requests[0]
    assert request["path"] == "/jobboerse/jobsuche-service/pc/v6/jobs"
    assert request["headers"]["x-api-key"] == "jobboerse-jobsuche"
    assert request["params"] == {"was": "python", "wo": "Berlin", "umkreis": "50", "veroeffentlichtseit": "30",
                                 "page": "1", "size": "20"}


def test_the_radius_reaches_the_commute_belt(board):
    ids = {job.job_id for job in source_for(board).search("python", "Berlin", 20)}
    assert "bundesagentur-10000-1200000007-S" in ids  # Potsdam, 27 km from Berlin's centre
    narrow = get(board, was="python", wo="Berlin").json()  # the service's own 25 km
    assert "10000-1200000007-S" not in {entry["referenznummer"] for entry in narrow["ergebnisliste"]}


@pytest.mark.parametrize("location, params", [
    (None, {}),
    ("Germany", {}),
    ("Europe", {}),
    ("München, Deutschland", {"wo": "München", "umkreis": "50"}),
    ("10589 Berlin", {"wo": "10589 Berlin", "umkreis": "50"}),
    ("Remote - Berlin", {"wo": "Berlin", "umkreis": "50"}),
    ("Qwxz Plorf", {"wo": "Qwxz Plorf"}),
])
def test_place_parameters(board, location, params):
    source_for(board).search("python", location, 5)
    sent = board.requests[0]["params"]
    assert {k: v for k, v in sent.items() if k in ("wo", "umkreis")} == params


@pytest.mark.parametrize("location", ["London", "Paris, France", "Remote - USA", "USA Only", "Tokyo"])
def test_a_place_outside_germany_asks_nothing(board, location):
    with pytest.raises(OutOfArea, match="Germany only"):
        source_for(board).search("python", location, 10)
    assert board.requests == []


def test_a_remote_search_is_nationwide_with_home_office_first(board):
    jobs = source_for(board).search("python", "Remote", 10)
    assert "wo" not in board.requests[0]["params"]
    home = [job.job_id for job in jobs[:2]]
    assert home == ["bundesagentur-10000-1200000001-S", "bundesagentur-10000-1200000012-S"]
    assert len(jobs) == 5


def test_an_empty_query_asks_nothing(board):
    assert source_for(board).search("  ", "Berlin", 10) == []
    assert board.requests == []


def test_publication_age_is_limited_and_can_be_lifted(board):
    ids = {job.job_id for job in source_for(board).search("python", "Berlin", 20)}
    assert "bundesagentur-10000-1200000011-S" not in ids  # published 45 days ago
    ids = {job.job_id for job in source_for(board, max_days_old=None).search("python", "Berlin", 20)}
    assert "bundesagentur-10000-1200000011-S" in ids
    assert "veroeffentlichtseit" not in board.requests[-1]["params"]
    with pytest.raises(ValueError):
        source_for(board, max_days_old=150)


def test_pages_until_num_results():
    with BundesagenturStandIn(python_jobs(250)) as server:
        jobs = source_for(server).search("python", None, 150)
        assert len(jobs) == 150 and len({job.job_id for job in jobs}) == 150
        assert [(r["params"]["page"], r["params"]["size"]) for r in server.requests] == [("1", "100"), ("2", "100")]


def test_paging_is_bounded():
    with BundesagenturStandIn(python_jobs(400)) as server:
        jobs = source_for(server).search("python", None, 1000)
        assert len(server.requests) == bundesagentur.MAX_PAGES == 3
        assert len(jobs) == 300


def test_paging_stops_on_a_short_page_and_at_max_ergebnisse():
    with BundesagenturStandIn(python_jobs(130)) as server:
        assert len(source_for(server).search("python", None, 500)) == 130
        assert len(server.requests) == 2
    with BundesagenturStandIn(python_jobs(100)) as server:
        assert len(source_for(server).search("python", None, 500)) == 100
        assert len(server.requests) == 1  # maxErgebnisse 100: no second page


def test_a_small_request_asks_for_a_small_page():
    with BundesagenturStandIn(python_jobs(50)) as server:
        assert len(source_for(server).search("python", None, 7)) == 7
        assert server.requests[0]["params"]["size"] == "7"


def test_no_match_leaves_out_the_list_and_is_an_empty_answer(board):
    raw = get(board, was="xyzzyqwvbnm", wo="Berlin").json()
    assert raw["maxErgebnisse"] == 0 and "ergebnisliste" not in raw and "facetten" not in raw
    assert source_for(board).search("xyzzyqwvbnm", "Berlin", 10) == []


def test_a_wrong_client_id_is_a_permanent_auth_error(board):
    with pytest.raises(PermanentError) as caught:
        source_for(board, api_key="some-other-client").search("python", None, 10)
    assert caught.value.code == "search_auth"
    assert board.requests[0]["headers"]["x-api-key"] == "some-other-client"


def test_the_stand_in_answers_like_the_service(board):
    assert get(board, key=None, was="python").status_code == 403
    assert get(board, path="/jobboerse/jobsuche-service/pc/v4/jobs", was="python").status_code == 404
    for params in ({"was": "python", "size": "101"}, {"was": "python", "page": "101", "size": "100"},
                   {"was": ""}, {"was": "python", "veroeffentlichtseit": "101"}):
        refused = get(board, **params)
        assert refused.status_code == 400
        assert refused.json()["messages"] == [{"code": "EINGABEPARAMETER_FEHLERHAFT"}]


def test_a_refused_request_is_a_permanent_error(board):
    board.fail_next(400, {}, {"messages": [{"code": "EINGABEPARAMETER_FEHLERHAFT"}]})
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_rejected"


def test_a_retired_path_is_a_permanent_error(board):
    board.fail_next(404, {}, b"")
    with pytest.raises(PermanentError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.code == "search_rejected"


def test_rate_limited_is_transient_with_retry_after(board):
    board.fail_next(429, {"Retry-After": "60"}, b"")
    with pytest.raises(TransientError) as caught:
        source_for(board).search("python", None, 10)
    assert caught.value.retry_after == 60


def test_server_error_is_transient(board):
    board.fail_next(503, {}, "<html><body>503 Service Unavailable: No server is available</body></html>")
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_gateway_page_with_status_200_is_transient(board):
    board.fail_next(200, {}, '<?xml version="1.0"?><env:Envelope><env:Body><env:Fault/></env:Body></env:Envelope>')
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


@pytest.mark.parametrize("body", [[{"referenznummer": "1"}], b'"ergebnisliste"', b"null"])
def test_a_body_that_is_not_an_object_is_transient(board, body):
    board.fail_next(200, {}, body)
    with pytest.raises(TransientError):
        source_for(board).search("python", None, 10)


def test_a_board_that_hangs_times_out_as_transient(board):
    board.hang = True
    started = time.monotonic()
    with pytest.raises(TransientError):
        source_for(board, timeout=0.3).search("python", None, 10)
    assert time.monotonic() - started < 2


def test_odd_entries_are_skipped_or_tolerated(board):
    board.fail_next(200, {}, {"maxErgebnisse": "6", "page": "1", "size": "10", "ergebnisliste": [
        "not an object",
        {"stellenangebotsTitel": "Ohne Referenznummer"},
        {"referenznummer": "R-1", "hauptberuf": "Koch/Köchin", "stellenlokationen": "Berlin",
         "gehaltsspanneVon": "3000", "verguetungsangabe": "MONATSGEHALT", "arbeitszeitVollzeit": "ja"},
        {"referenznummer": "R-2", "stellenangebotsTitel": "Koch (m/w/d)",
         "stellenlokationen": [{"adresse": None, "breite": "52.5", "laenge": 13.4}],
         "datumErsteVeroeffentlichung": "gestern", "verguetungsangabe": "UNBEKANNT", "festgehalt": 3000},
        {"referenznummer": "R-3", "stellenangebotsTitel": "Koch (m/w/d) Gasthof",
         "stellenlokationen": [{"adresse": {"ort": "Irgendwo", "land": "ATLANTIS"}, "breite": 95, "laenge": 13}]},
    ]})
    jobs = source_for(board).search("koch", None, 10)
    assert [job.job_id for job in jobs] == ["bundesagentur-R-1", "bundesagentur-R-2", "bundesagentur-R-3"]
    cook, second, third = jobs
    assert cook.title == "Koch/Köchin" and cook.highlights == []
    assert (cook.salary, cook.salary_min, cook.schedule_type) == ("from €3,000 a month", 3000, None)
    assert (second.latitude, second.longitude, second.location) == (52.5, 13.4, "")
    assert (second.posted_at, second.posted_date, second.salary) == ("gestern", None, None)
    assert (third.latitude, third.country, third.city, third.location) == (None, None, None, "Irgendwo")


def test_the_retired_v4_answer_shape_is_still_read(board):
    board.fail_next(200, {}, {"maxErgebnisse": "1", "page": "1", "size": "25", "stellenangebote": [
        {"beruf": "Elektroinstallateur/in", "titel": "Elektroinstallateur (m/w/d)", "refnr": "10000-1184867112-S",
         "arbeitgeber": "Gröger & Oltermann GmbH", "aktuelleVeroeffentlichungsdatum": "2026-11-20",
         "arbeitsort": {"plz": "10115", "ort": "Berlin", "region": "Berlin", "land": "Deutschland",
                        "koordinaten": {"lat": 52.4926832, "lon": 13.4025753}},
         "externeUrl": "https://example.org/job/123"}]})
    job = source_for(board).search("elektroinstallateur", None, 10)[0]
    assert job.job_id == "bundesagentur-10000-1184867112-S"
    assert (job.title, job.company_name, job.posted_date) == ("Elektroinstallateur (m/w/d)",
                                                             "Gröger & Oltermann GmbH", "2026-11-20")
    assert (job.city, job.country, job.latitude) == ("Berlin", "DE", 52.4926832)
    assert job.apply_link == "https://example.org/job/123"
    assert job.highlights == [{"title": "Berufe", "items": ["Elektroinstallateur/in"]}]


@pytest.mark.parametrize("entries", [{"0": {}}, "keine"])
def test_a_list_that_is_not_a_list_counts_as_none(board, entries):
    board.fail_next(200, {}, {"maxErgebnisse": 1, "ergebnisliste": entries})
    assert source_for(board).search("python", None, 10) == []


def test_sample_jobs_cover_the_odd_shapes():
    jobs = sample_jobs()
    assert len(jobs) >= 12
    assert {"JAHRESGEHALT", "MONATSGEHALT", "STUNDENLOHN", "KEINE_ANGABEN"} <= {j["verguetungsangabe"] for j in jobs}
    assert any(j["stellenlokationen"] == [] for j in jobs)
    assert any(j.get("externeURL") for j in jobs) and any(j["firma"] is None for j in jobs)
    assert any(j["stellenlokationen"] and j["stellenlokationen"][0]["adresse"]["land"] != "DEUTSCHLAND" for j in jobs)


@pytest.mark.parametrize("external", ["www.firma.de/stelle/1", "javascript:alert(1)", "https://firma.de/a b"])
def test_a_partner_link_that_is_no_web_link_leaves_the_agencys_page(external):
    from domain.jobs.boards.bundesagentur import map_entry  # noqa: PLC0415
    from tests.support.boards.bundesagentur import sample_jobs  # noqa: PLC0415

    raw = {**sample_jobs()[0], "externeURL": external}
    posting = map_entry(raw)
    assert posting.apply_link.startswith("https://www.arbeitsagentur.de/jobsuche/jobdetail/")
