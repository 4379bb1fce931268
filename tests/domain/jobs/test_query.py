import pytest

from domain.errors import PermanentError
from domain.jobs.query import (SearchRequest, parse_search_request, validate_num_results)


@pytest.mark.parametrize("text, expected", [
    ("python developer in Berlin", SearchRequest("python developer", "Berlin")),
    ("Krankenpfleger in München", SearchRequest("Krankenpfleger", "München")),
    ("data analyst", SearchRequest("data analyst", None)),
    ("  Data   Analyst\tIN  New York ", SearchRequest("Data Analyst", "New York")),
    ("head of sales in tech in London", SearchRequest("head of sales in tech", "London")),
    ("comptable à Lyon", SearchRequest("comptable", "Lyon")),
    ("C# developer in Vienna", SearchRequest("C# developer", "Vienna")),
    ("C++", SearchRequest("C++", None)),
    ("python developer in remote", SearchRequest("python developer", "remote")),
])
def test_parses_query_and_location_on_the_last_in(text, expected):
    assert parse_search_request(text) == expected


@pytest.mark.parametrize("text", [
    "data in motion engineer",  # the words after "in" are a title, not a place
    "Software Engineer in Test",
    "developer in",  # nothing after "in"
])
def test_title_words_after_in_are_not_a_location(text):
    assert parse_search_request(text) == SearchRequest(text, None)


def test_default_location_only_when_text_has_none():
    assert parse_search_request("nurse", default_location="Hamburg").location == "Hamburg"
    assert parse_search_request("nurse in Köln", default_location="Hamburg").location == "Köln"
    assert parse_search_request("nurse", default_location="  ").location is None


def test_zero_width_characters_are_dropped():
    assert parse_search_request("python\u200b developer").query == "python developer"


@pytest.mark.parametrize("text, code", [
    ("", "empty_query"),
    ("   \n ", "empty_query"),
    ("x" * 30 + " developer " * 15, "query_too_long"),
    ("python\x00developer", "bad_characters"),
    ("dev\x1b[31m in Berlin", "bad_characters"),
    ("https://example.com/jobs/123", "url_in_query"),
    ("www.stepstone.de", "url_in_query"),
    ("developer at example.com", "url_in_query"),
    ("!!!!!!!!!!!!", "unreadable_query"),
    ("1234567 8910", "unreadable_query"),
    ("€€€ $$$ a", "unreadable_query"),
    ("a" * 60, "unreadable_query"),
    ("in Berlin", "empty_query"),  # a place but no job
])
def test_absurd_input_is_rejected_with_a_friendly_message(text, code):
    with pytest.raises(PermanentError) as caught:
        parse_search_request(text)
    assert caught.value.code == code
    assert "For example" in caught.value.user_message


def test_absurd_location_is_rejected():
    with pytest.raises(PermanentError) as caught:
        parse_search_request("nurse in 12345 !!!")
    assert caught.value.code == "unreadable_query"
    with pytest.raises(PermanentError) as caught:
        parse_search_request("nurse in " + "Berlin " * 20)
    assert caught.value.code == "bad_location"


@pytest.mark.parametrize("value, expected", [(1, 1), (100, 100), (30, 30), ("25", 25)])
def test_num_results_in_range(value, expected):
    assert validate_num_results(value) == expected


@pytest.mark.parametrize("value", [0, 101, -5, True, 2.5, "ten", None, "1e3"])
def test_num_results_out_of_range(value):
    with pytest.raises(PermanentError) as caught:
        validate_num_results(value)
    assert caught.value.code == "bad_num_results"


@pytest.mark.parametrize("typed, query, location", [
    ("BUCHHALTER in FRANKFURT AM MAIN", "buchhalter", "Frankfurt am Main"),
    ("python developer in berlin", "python developer", "Berlin"),
    ("Koch in KÖLN", "Koch", "Köln"),
    ("buchhalter in münchen", "buchhalter", "münchen"),  # another name for Munich: kept as the person wrote it
    ("Nurse in Berlin-Mitte", "Nurse", "Berlin-Mitte"),  # written with care: never touched
])
def test_a_search_typed_in_one_case_is_shown_as_written(typed, query, location):
    from domain.jobs.query import as_written  # noqa: PLC0415

    assert as_written(parse_search_request(typed)) == SearchRequest(query, location)
