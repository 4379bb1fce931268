import datetime as dt
import time

import pytest

from domain.cv.dates import find_spans, is_date_text, parse_date

TODAY = dt.date(2026, 1, 15)


def _spans(text):
    return [(s.start, s.end) for s in find_spans(text, TODAY)]


@pytest.mark.parametrize("text, start, end", [
    ("03/2018 – 02/2020", (2018, 3), (2020, 2)),
    ("04/19 - 11/21", (2019, 4), (2021, 11)),
    ("2019-04 – 2020-06", (2019, 4), (2020, 6)),
    ("2012 – 2017", (2012, 1), (2017, 12)),
    ("01.03.2015 - 31.12.2018", (2015, 3), (2018, 12)),
    ("Jan. 2019 - Dez. 2020", (2019, 1), (2020, 12)),
    ("janv. 2018 à déc. 2019", (2018, 1), (2019, 12)),
    ("ene. 2017 – dic. 2018", (2017, 1), (2018, 12)),
    ("gen 2016 – mrt 2017", (2016, 1), (2017, 3)),
    ("marzo de 2019 a diciembre de 2020", (2019, 3), (2020, 12)),
    ("set. 2015 até out. 2017", (2015, 9), (2017, 10)),
    ("mei 2014 tot sept 2016", (2014, 5), (2016, 9)),
    ("März 2010 bis Mai 2012", (2010, 3), (2012, 5)),
    ("dal 2010 al 2012", (2010, 1), (2012, 12)),
    ("Jan ’19 – Mar ’21", (2019, 1), (2021, 3)),
])
def test_closed_ranges_in_every_form(text, start, end):
    assert _spans(text) == [(start, end)]


@pytest.mark.parametrize("text, start", [
    ("04/19 – heute", (2019, 4)), ("2019-04 – present", (2019, 4)), ("April 2019 to date", (2019, 4)),
    ("2018 – atual", (2018, 1)), ("2015 – bis heute", (2015, 1)), ("Sept 2019 – Now", (2019, 9)),
    ("2020 - current", (2020, 1)), ("2020 – aktuell", (2020, 1)), ("2020 – derzeit", (2020, 1)),
    ("mars 2020 – aujourd'hui", (2020, 3)), ("2020 – actuel", (2020, 1)), ("2020 – présent", (2020, 1)),
    ("2021 – actualidad", (2021, 1)), ("2021 - actual", (2021, 1)), ("2021 – presente", (2021, 1)),
    ("2019 – oggi", (2019, 1)), ("2019 – in corso", (2019, 1)), ("2019 – heden", (2019, 1)),
    ("since 2020", (2020, 1)), ("seit 01/2020", (2020, 1)), ("depuis 2020", (2020, 1)),
    ("desde 2021", (2021, 1)), ("dal 2019", (2019, 1)), ("sinds 2020", (2020, 1)),
    ("2019 –\nheute", (2019, 1)),
])
def test_open_ranges_and_since(text, start):
    assert _spans(text) == [(start, None)]


@pytest.mark.parametrize("text", [
    "Phone 0171 2345678", "10115 Berlin", "Led a team of 12 engineers", "2020 – 2018", "v2.0 - v3.1",
])
def test_no_range_in_ordinary_text(text):
    assert _spans(text) == []


def test_months_open_range_ends_before_the_current_month():
    (span,) = find_spans("01/2025 – present", TODAY)
    assert span.months(TODAY) == (2025 * 12, 2025 * 12 + 11)


def test_parse_date():
    assert parse_date("Seit März 2019", TODAY) == (2019, 3)
    assert parse_date("04/19", TODAY) == (2019, 4)
    assert parse_date("no date", TODAY) is None


def test_fast_on_a_long_cv():
    text = "Senior Engineer, ACME GmbH, Berlin\n04/2019 – heute\nBuilt services in Python.\n" * 200
    started = time.perf_counter()
    assert len(find_spans(text, TODAY)) == 200
    assert time.perf_counter() - started < 0.05


@pytest.mark.parametrize("text, start, end", [
    ("03/2021 – Senior QA Engineer, Cascade Ledger\npresent Built suites in Cypress.", (2021, 3), None),
    ("sep. 2015 – Software Engineer, Utrechtse Data\nsep. 2019", (2015, 9), (2019, 9)),
    ("sinds okt. Backend Developer, Domstad Software\n2019 Services in Python.", (2019, 10), None),
])
def test_a_date_column_interleaved_with_the_entry_text(text, start, end):
    assert _spans(text) == [(start, end)]


@pytest.mark.parametrize("text, expected", [
    ("November 30", True), ("30. Juni", True), ("heute", True), ("Last updated in Nov 2026", True),
    ("04/2019", True), ("Python", False), ("Mars", False), ("Marketing", False),
])
def test_is_date_text(text, expected):
    assert is_date_text(text) is expected


@pytest.mark.parametrize("text, start, end", [
    ("2011-12", (2011, 1), (2012, 12)), ("2011/12 Wissenschaftliche Hilfskraft, Uni Bonn", (2011, 1), (2012, 12)),
    ("Assistente di ricerca, Politecnico | 2015-17", (2015, 1), (2017, 12)), ("1998–99 Tutor", (1998, 1), (1999, 12)),
])
def test_two_year_ranges_in_a_date_column(text, start, end):
    assert [(s.start, s.end) for s in find_spans(text, TODAY)] == [(start, end)]


@pytest.mark.parametrize("text", [
    "2019-04",  # the second part is no later year: an ISO month
    "in 2011-12 we moved",  # not in a date column
    "Tel. +49 171 2011-12",  # the end of a phone number
    "2011-12-01",  # a full ISO date
])
def test_year_dash_two_digits_that_is_no_range(text):
    assert find_spans(text, TODAY) == []


def test_year_dash_month_inside_a_range_is_a_month():
    assert [(s.start, s.end) for s in find_spans("2011-12 – 2013-05", TODAY)] == [((2011, 12), (2013, 5))]
