"""Places as boards and people write them, resolved to one city/country with coordinates."""
import pytest

from domain.jobs.places import NEAR_KM, distance_km, is_local, local_currency, open_to, resolve_place


@pytest.mark.parametrize("text, city, country", [
    ("München", "Munich", "DE"),
    ("10115 Berlin", "Berlin", "DE"),
    ("Berlin, Germany", "Berlin", "DE"),
    ("London Area, United Kingdom", "London", "GB"),
    ("Greater Paris Metropolitan Region", "Paris", "FR"),
    ("Paris, Texas", "Paris", "US"),
    ("San Francisco, CA", "San Francisco", "US"),
    ("Lisboa, Portugal", "Lisbon", "PT"),
    ("Frankfurt am Main", "Frankfurt am Main", "DE"),
    ("Köln, Nordrhein-Westfalen, Deutschland", None, "DE"),
    ("Hybrid - Amsterdam", "Amsterdam", "NL"),
])
def test_cities_in_every_spelling(text, city, country):
    place = resolve_place(text)
    assert place is not None and place.country == country and place.has_point
    if city:
        assert place.city == city


def test_the_same_city_from_two_boards_is_zero_km_apart():
    assert distance_km(resolve_place("Köln"), resolve_place("Cologne, DE")) == pytest.approx(0, abs=0.01)


@pytest.mark.parametrize("text, remote, countries", [
    ("Remote - USA", True, {"US"}),
    ("Worldwide", True, set()),
    ("Anywhere", True, set()),
    ("Remote (UK, Germany)", True, {"GB", "DE"}),
    ("Home Office", True, set()),
])
def test_remote_places_and_the_countries_they_are_open_to(text, remote, countries):
    place = resolve_place(text)
    assert place.remote is remote and set(place.countries) == countries


def test_areas_name_their_countries():
    europe = set(resolve_place("Europe").countries)
    assert {"DE", "FR", "PL", "GB"} <= europe and "US" not in europe
    assert set(resolve_place("DACH").countries) == {"DE", "AT", "CH"}


def test_near_means_a_commute():
    paris = resolve_place("Paris")
    assert is_local(resolve_place("Versailles"), paris)  # 17 km
    assert not is_local(resolve_place("Lyon"), paris)  # 392 km
    assert NEAR_KM < distance_km(paris, resolve_place("Orléans, France"))


def test_a_country_search_takes_every_city_in_it():
    germany = resolve_place("Deutschland")
    assert is_local(resolve_place("Hamburg"), germany)
    assert not is_local(resolve_place("Wien"), germany)


def test_remote_jobs_are_open_to_the_countries_they_name():
    assert open_to(resolve_place("Remote - USA"), "US")
    assert not open_to(resolve_place("Remote - USA"), "FR")
    assert open_to(resolve_place("Worldwide"), "FR")
    assert not open_to(resolve_place("Berlin"), "DE")  # an office job is not remote


@pytest.mark.parametrize("text", ["", "   ", "!!!", "Foobarbazqux"])
def test_nothing_known_is_none(text):
    assert resolve_place(text) is None


def test_the_searchers_currency_comes_from_the_place():
    assert [local_currency(p) for p in ("Paris", "London", "Zürich", "remote", None)] == ["EUR", "GBP", "CHF", None, None]


@pytest.mark.parametrize("text, city, country", [
    ("Frankfurt, DE", "Frankfurt am Main", "DE"),  # DE is Germany here, not Delaware
    ("Valencia, ES", "Valencia", "ES"),
    ("Dover, DE", "Dover", "US"),  # ... and Delaware here: no Dover in Germany
    ("Toronto, CA", "Toronto", "CA"),
    ("San Francisco, CA", "San Francisco", "US"),
    ("Hanover", "Hannover", "DE"),  # no country named: the most populous of that name
])
def test_two_capitals_are_a_country_or_a_us_state_as_the_city_decides(text, city, country):
    place = resolve_place(text)
    assert (place.city, place.country) == (city, country)


def test_a_huge_location_is_cut_before_it_is_parsed_or_kept():
    from domain.jobs.places import _resolve  # noqa: PLC0415

    _resolve.cache_clear()
    assert resolve_place("Berlin, " + "x" * 1_000_000).city == "Berlin"
    assert _resolve.cache_info().currsize == 1  # one entry, of the cut text
