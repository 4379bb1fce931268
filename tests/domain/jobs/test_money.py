"""Conversions against the bundled ECB table, the chat line for a salary, and the refresh command."""
import json
import zipfile
from datetime import date

import pytest

from domain.jobs import money
from domain.jobs.data import refresh_rates
from domain.jobs.money import RATES, RATES_DATE, convert
from domain.jobs.salary_text import format_salary
from domain.jobs.salary import Salary, parse_salary

# The currencies the ECB quotes against the euro (BGN left the list when Bulgaria took the euro).
ECB_CURRENCIES = {
    "USD", "JPY", "CZK", "DKK", "GBP", "HUF", "PLN", "RON", "SEK", "CHF", "ISK", "NOK", "TRY",
    "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP",
    "SGD", "THB", "ZAR",
}


def test_bundled_table_is_the_dated_ecb_set():
    assert RATES_DATE == date(2026, 10, 2)
    assert set(RATES) == ECB_CURRENCIES | {"EUR"}
    assert RATES["EUR"] == 1.0
    assert RATES["USD"] == 1.1225
    assert RATES["GBP"] == 0.85033
    assert RATES["JPY"] == 176.99
    assert RATES["IDR"] == 20149.32
    document = json.loads(money._TABLE_PATH.read_text(encoding="utf-8"))
    assert document["base"] == "EUR"
    assert document["source_url"].startswith("https://www.ecb.europa.eu/")


@pytest.mark.parametrize(
    "amount, source, target, expected",
    [
        (100, "EUR", "USD", 112.25),
        (100, "USD", "EUR", 89.0869),
        (1000, "USD", "GBP", 757.5323),
        (50000, "GBP", "EUR", 58800.7009),
        (1_200_000, "INR", "EUR", 11098.3172),
        (100_000, "CHF", "EUR", 107770.2339),
        (5000, "BRL", "EUR", 853.0967),
        (10_000, "JPY", "USD", 63.4217),
        (1, "eur", "jpy", 176.99),
        (42, "SEK", "SEK", 42.0),
        (45_000, "EUR", "GBP", 38264.85),
        (0, "EUR", "USD", 0.0),
    ],
)
def test_convert_against_the_table(amount, source, target, expected):
    assert round(convert(amount, source, target), 4) == expected


@pytest.mark.parametrize(
    "amount, source, target",
    [(100, "XYZ", "EUR"), (100, "EUR", "XYZ"), (100, "BGN", "EUR"), (100, "", "EUR"),
     (100, "EUR", None), (None, "EUR", "USD")],
)
def test_convert_unknown_is_none(amount, source, target):
    assert convert(amount, source, target) is None


NBSP = "\u00a0"


@pytest.mark.parametrize(
    "text, options, line",
    [
        ("€45,000 - €55,000", {}, "€45k–55k a year"),
        ("€45,000 - €55,000", {"user_currency": "GBP"}, "€45k–55k a year (≈ £38k–47k)"),
        ("€45,000 - €55,000", {"user_currency": "EUR"}, "€45k–55k a year"),
        ("€45,000 - €55,000", {"user_currency": "XYZ"}, "€45k–55k a year"),
        ("£30 - £35 an hour", {}, "£62k–73k a year"),
        ("From 50,000 EUR", {}, "from €50k a year"),
        ("up to $120,000", {"user_currency": "EUR"}, "up to $120k a year (≈ up to €107k)"),
        ("₹12,00,000 per annum", {"user_currency": "EUR"}, "₹1.2M a year (≈ €11k)"),
        ("₹12-15 LPA", {}, "₹1.2M–1.5M a year"),
        ("60K–80K a year", {}, "60k–80k a year"),
        ("15 €/h", {"locale": "en-GB"}, "€31k a year"),
        ("45.000–55.000 €", {"locale": "de"}, f"45.000–55.000{NBSP}€ pro Jahr"),
        ("45.000–55.000 €", {"locale": "de", "user_currency": "CHF"},
         f"45.000–55.000{NBSP}€ pro Jahr (≈ 41.756–51.034{NBSP}CHF)"),
        ("3.500 € brutto/Monat", {"locale": "de"}, f"42.000{NBSP}€ pro Jahr"),
        ("CHF 100'000", {"locale": "de_CH"}, f"CHF{NBSP}100'000 pro Jahr"),
        ("entre 30 000 et 35 000 € brut par an", {"locale": "fr"},
         f"30{NBSP}k–35{NBSP}k{NBSP}€ par an"),
        ("30.000 - 40.000 € al año", {"locale": "es"}, f"30{NBSP}mil–40{NBSP}mil{NBSP}€ por año"),
        ("da 30.000 a 35.000 € annui", {"locale": "it"}, f"30K–35K{NBSP}€ all’anno"),
        ("R$ 5.000 por mês", {"locale": "pt_BR"}, f"R${NBSP}60{NBSP}mil por ano"),
        ("€ 3.500 - € 4.500 per maand", {"locale": "nl"}, f"€{NBSP}42K–54K per jaar"),
        # An unknown locale falls back to English.
        ("500 € par jour", {"locale": "xx"}, "€110k a year"),
    ],
)
def test_format_salary(text, options, line):
    assert format_salary(parse_salary(text), **options) == line


def test_format_salary_without_amounts_is_empty():
    assert format_salary(None) == ""
    assert format_salary(Salary(None, None, "EUR", "year")) == ""


def test_format_salary_without_currency_shows_no_sign_and_no_conversion():
    assert format_salary(Salary(50000, 60000, None, None), user_currency="GBP") == "50k–60k a year"


# --- refresh command ---------------------------------------------------------------------

DAILY_CSV = (
    "Date, USD, JPY, GBP, CHF, INR, \n"
    "02 October 2026, 1.1225, 176.99, 0.85033, 0.9279, 108.1245, \n"
)
HISTORY_CSV = (
    "Date,USD,JPY,BGN,GBP,\n"
    "2026-10-02,1.1225,176.99,N/A,0.85033,\n"
    "2026-10-01,1.1190,175.10,N/A,0.84900,\n"
)


def test_refresh_reads_the_daily_csv(tmp_path):
    source = tmp_path / "eurofxref.csv"
    source.write_text(DAILY_CSV, encoding="utf-8")
    out = tmp_path / "rates.json"
    assert refresh_rates.main([str(source), "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["date"] == "2026-10-02"
    assert document["base"] == "EUR"
    assert document["rates"] == {
        "CHF": 0.9279, "GBP": 0.85033, "INR": 108.1245, "JPY": 176.99, "USD": 1.1225,
    }


def test_refresh_reads_the_zip_as_downloaded(tmp_path):
    archive = tmp_path / "eurofxref.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("eurofxref.csv", DAILY_CSV)
    out = tmp_path / "rates.json"
    assert refresh_rates.main([str(archive), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["rates"]["USD"] == 1.1225


def test_refresh_reads_the_newest_row_of_the_history_and_skips_na():
    rates_date, rates = refresh_rates.parse_ecb_csv(HISTORY_CSV)
    assert rates_date == date(2026, 10, 2)
    assert rates == {"USD": 1.1225, "JPY": 176.99, "GBP": 0.85033}


@pytest.mark.parametrize(
    "text",
    ["", "<html>Maintenance</html>", "Date, USD, \n", "Date, USD, \nyesterday, 1.1, \n",
     "Date, USD, \n02 October 2026, abc, \n", "Date, USD, \n02 October 2026, -1, \n",
     "Date, US, \n02 October 2026, 1.1, \n"],
)
def test_refresh_refuses_other_files(tmp_path, text, capsys):
    source = tmp_path / "eurofxref.csv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "rates.json"
    assert refresh_rates.main([str(source), "--out", str(out)]) == 1
    assert not out.exists()
    assert "refresh_rates:" in capsys.readouterr().err


def test_bundled_table_round_trips_through_the_refresh_format(tmp_path):
    # The bundled file is what the command writes for the same rates.
    lines = ["Date, " + ", ".join(sorted(ECB_CURRENCIES)) + ", ",
             "02 October 2026, " + ", ".join(str(RATES[c]) for c in sorted(ECB_CURRENCIES)) + ", "]
    source = tmp_path / "eurofxref.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "rates.json"
    assert refresh_rates.main([str(source), "--out", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    bundled = json.loads(money._TABLE_PATH.read_text(encoding="utf-8"))
    assert written["rates"] == bundled["rates"]
    assert written["date"] == bundled["date"]
