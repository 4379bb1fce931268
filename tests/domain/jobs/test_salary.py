"""Salary texts as boards write them, in seven languages, read into exact numbers."""
import pytest

from domain.jobs.salary import Salary, annual, currency_code, infer_period, parse_salary

# (text as a board writes it, min, max, ISO currency, period)
EXAMPLES = [
    # English: boards, SerpApi's Google Jobs, UK and US agencies
    ("€45,000 - €55,000", 45000, 55000, "EUR", "year"),
    ("$40k-$60k", 40000, 60000, "USD", "year"),
    ("60K–80K a year", 60000, 80000, None, "year"),
    ("£30 - £35 an hour", 30, 35, "GBP", "hour"),
    ("From 50,000 EUR", 50000, None, "EUR", "year"),
    ("up to $120,000", None, 120000, "USD", "year"),
    ("USD 90000-110000", 90000, 110000, "USD", "year"),
    ("₹12,00,000 per annum", 1200000, 1200000, "INR", "year"),
    ("₹12-15 LPA", 1200000, 1500000, "INR", "year"),
    ("£30k pa", 30000, 30000, "GBP", "year"),
    ("£35,000 - £40,000 per annum", 35000, 40000, "GBP", "year"),
    ("$15.50 - $18.75 an hour", 15.5, 18.75, "USD", "hour"),
    ("$25/hr", 25, 25, "USD", "hour"),
    ("$5,000/mo", 5000, 5000, "USD", "month"),
    ("$1,200 a week", 1200, 1200, "USD", "week"),
    ("£450 per day", 450, 450, "GBP", "day"),
    ("$100k+", 100000, None, "USD", "year"),
    ("$40-60k", 40000, 60000, "USD", "year"),
    ("Between $80,000 and $100,000 per year", 80000, 100000, "USD", "year"),
    ("$80,000 - $100,000 a year + 10% bonus", 80000, 100000, "USD", "year"),
    ("C$ 80,000 - C$ 95,000 a year", 80000, 95000, "CAD", "year"),
    ("A$90,000", 90000, 90000, "AUD", "year"),
    ("HK$30,000 per month", 30000, 30000, "HKD", "month"),
    ("Up to £45k DOE", None, 45000, "GBP", "year"),
    # German (Germany, Austria, Switzerland)
    ("45.000–55.000 €", 45000, 55000, "EUR", "year"),
    ("bis zu 60.000 € pro Jahr", None, 60000, "EUR", "year"),
    ("3.500 € brutto/Monat", 3500, 3500, "EUR", "month"),
    ("von 50.000 bis 60.000 € jährlich", 50000, 60000, "EUR", "year"),
    ("ab 3.000 € brutto monatlich", 3000, None, "EUR", "month"),
    ("60 Tsd. € p.a.", 60000, 60000, "EUR", "year"),
    ("45 T€", 45000, 45000, "EUR", "year"),
    ("12,50 € pro Stunde", 12.5, 12.5, "EUR", "hour"),
    ("25 €/Std.", 25, 25, "EUR", "hour"),
    ("Jahresgehalt: 60.000 €", 60000, 60000, "EUR", "year"),
    ("65.000 - 75.000 € Jahresgehalt", 65000, 75000, "EUR", "year"),
    ("Gehalt: 4.000 - 5.000 € monatlich", 4000, 5000, "EUR", "month"),
    ("Mindestgehalt € 3.200,- brutto/Monat auf Vollzeitbasis", 3200, None, "EUR", "month"),
    ("€ 45.000,- bis € 55.000,-", 45000, 55000, "EUR", "year"),
    ("3.500 € brutto/Monat bei 40 Std./Woche", 3500, 3500, "EUR", "month"),
    ("Bei 40 Std./Woche: 3.500 € brutto/Monat", 3500, 3500, "EUR", "month"),
    ("3.000 € brutto/Monat, 13. Monatsgehalt", 3000, 3000, "EUR", "month"),
    ("CHF 100'000", 100000, 100000, "CHF", "year"),
    ("Fr. 8'000 pro Monat", 8000, 8000, "CHF", "month"),
    ("100.000 - 120.000 CHF", 100000, 120000, "CHF", "year"),
    # French
    ("45 000 € par an", 45000, 45000, "EUR", "year"),
    ("entre 30 000 et 35 000 € brut par an", 30000, 35000, "EUR", "year"),
    ("500 € par jour", 500, 500, "EUR", "day"),
    ("de 2 000 € à 2 500 € par mois", 2000, 2500, "EUR", "month"),
    ("À partir de 40 000 €", 40000, None, "EUR", "year"),
    ("jusqu'à 45 k€ par an", None, 45000, "EUR", "year"),
    ("45-55 k€", 45000, 55000, "EUR", "year"),
    ("45 - 50 K€ / an", 45000, 50000, "EUR", "year"),
    ("30 000 € - 40 000 € brut annuel", 30000, 40000, "EUR", "year"),
    ("TJM 500-600 €", 500, 600, "EUR", "day"),
    ("15 €/h", 15, 15, "EUR", "hour"),
    ("50 000 euros par an", 50000, 50000, "EUR", "year"),
    # Spanish
    ("30.000 - 40.000 € al año", 30000, 40000, "EUR", "year"),
    ("Entre 30.000 y 35.000 € brutos anuales", 30000, 35000, "EUR", "year"),
    ("Desde 1.500 € al mes", 1500, None, "EUR", "month"),
    ("hasta 40.000 €", None, 40000, "EUR", "year"),
    ("2.500 € - 3.000 € mensuales", 2500, 3000, "EUR", "month"),
    ("2.000 € netos al mes", 2000, 2000, "EUR", "month"),
    ("25 € la hora", 25, 25, "EUR", "hour"),
    # Italian
    ("RAL 35.000 euro", 35000, 35000, "EUR", "year"),
    ("€ 3.000 lordi mensili", 3000, 3000, "EUR", "month"),
    ("da 30.000 a 35.000 € annui", 30000, 35000, "EUR", "year"),
    ("fino a 40.000 € annui", None, 40000, "EUR", "year"),
    # Portuguese (Brazil, Portugal)
    ("R$ 5.000 por mês", 5000, 5000, "BRL", "month"),
    ("R$ 4.500,00 - R$ 6.000,00", 4500, 6000, "BRL", "month"),
    ("até R$ 8.000", None, 8000, "BRL", "month"),
    ("1.200 € por mês", 1200, 1200, "EUR", "month"),
    # Dutch
    ("€ 3.500 - € 4.500 per maand", 3500, 4500, "EUR", "month"),
    ("€ 18 per uur", 18, 18, "EUR", "hour"),
    ("vanaf € 3.000 per maand", 3000, None, "EUR", "month"),
    ("€ 400 - € 500 per dag", 400, 500, "EUR", "day"),
    ("€25,50 per uur", 25.5, 25.5, "EUR", "hour"),
    ("€ 2.800 - 3.400 bruto per maand", 2800, 3400, "EUR", "month"),
    ("€40.000 - €50.000 + 13e maand", 40000, 50000, "EUR", "year"),
    # Other currencies and signs
    ("¥5,000,000", 5000000, 5000000, "JPY", "year"),
    ("8 000 PLN", 8000, 8000, "PLN", "month"),
    ("30.000 Euro", 30000, 30000, "EUR", "year"),
    ("60k-80k USD", 60000, 80000, "USD", "year"),
]


@pytest.mark.parametrize("text, low, high, currency, period", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_board_salary_texts(text, low, high, currency, period):
    assert parse_salary(text) == Salary(min=low, max=high, currency=currency, period=period)


def test_examples_cover_seven_languages_and_forty_forms():
    assert len(EXAMPLES) >= 40
    words = {
        "en": "a year", "de": "Monat", "fr": "par an", "es": "al año", "it": "annui",
        "pt": "por mês", "nl": "per maand",
    }
    assert all(any(word in text for text, *_ in EXAMPLES) for word in words.values())


@pytest.mark.parametrize(
    "text",
    ["", "   ", "competitive", "Competitive salary", "DOE", "Negotiable", "Nach Vereinbarung",
     "À négocier", "A convenir", "€", "0", "$0", "12.5%", "40 hours per week", "Full-time"],
)
def test_texts_without_an_amount_are_none(text):
    assert parse_salary(text) is None


@pytest.mark.parametrize("value", [None, 45000, 3.5, ["€45,000"], {"min": 1}])
def test_non_text_is_none(value):
    assert parse_salary(value) is None


def test_default_currency_fills_a_missing_sign_and_settles_a_shared_one():
    assert parse_salary("60K–80K a year", default_currency="USD") == Salary(60000, 80000, "USD", "year")
    assert parse_salary("45.000 - 55.000", default_currency="eur") == Salary(45000, 55000, "EUR", "year")
    # "$" alone is the US dollar, but an Australian board's "$" is the Australian one.
    assert parse_salary("$90,000").currency == "USD"
    assert parse_salary("$90,000", default_currency="AUD").currency == "AUD"
    # A written code wins over the default.
    assert parse_salary("£40,000", default_currency="EUR").currency == "GBP"


def test_a_multiplier_written_once_applies_to_both_ends():
    assert parse_salary("40-60k").min == 40000
    assert parse_salary("45–55 K€").min == 45000
    # A full first amount is not multiplied again.
    assert parse_salary("€45,000 - 55k") == Salary(45000, 55000, "EUR", "year")


def test_range_written_high_to_low_is_put_in_order():
    assert parse_salary("€55,000 - €45,000") == Salary(45000, 55000, "EUR", "year")


def test_bonus_and_counts_are_not_amounts_or_periods():
    assert parse_salary("€50k + 10% bonus") == Salary(50000, 50000, "EUR", "year")
    assert parse_salary("€50k + bonus") == Salary(50000, 50000, "EUR", "year")
    assert parse_salary("45.000 € + 13ème mois") == Salary(45000, 45000, "EUR", "year")
    assert parse_salary("40h/week, $25 per hour") == Salary(25, 25, "USD", "hour")


@pytest.mark.parametrize(
    "amount, currency, period",
    [
        (18, "EUR", "hour"),
        (199, None, "hour"),
        (200, "EUR", "month"),
        (3500, "EUR", "month"),
        (19_999, "EUR", "month"),
        (20_000, "EUR", "year"),
        (45_000, None, "year"),
        # Judged in euros: ₹50,000 (≈ €462) is a monthly pay, ¥300,000 (≈ €1,695) too.
        (50_000, "INR", "month"),
        (300_000, "JPY", "month"),
        (1_200_000, "INR", "month"),
        (5_000_000, "JPY", "year"),
        # A currency the table lacks is judged as written.
        (150, "XAU", "hour"),
    ],
)
def test_period_inferred_from_size_in_euros(amount, currency, period):
    assert infer_period(amount, currency) == period


def test_inferred_period_reaches_parse_salary():
    assert parse_salary("₹50,000").period == "month"
    assert parse_salary("€ 18").period == "hour"


@pytest.mark.parametrize(
    "salary, expected",
    [
        (Salary(45000, 55000, "EUR", "year"), (45000, 55000)),
        (Salary(3500, 4000, "EUR", "month"), (42000, 48000)),
        (Salary(1200, None, "USD", "week"), (62400, None)),
        (Salary(None, 500, "EUR", "day"), (None, 110000)),
        (Salary(30, 35, "GBP", "hour"), (62400, 72800)),
        # No period: inferred from the size (3,500 € is monthly).
        (Salary(3500, 3500, "EUR", None), (42000, 42000)),
        (Salary(None, None, "EUR", "year"), (None, None)),
        (None, (None, None)),
    ],
)
def test_annual(salary, expected):
    assert annual(salary) == expected


@pytest.mark.parametrize(
    "sign, default, code",
    [
        ("€", None, "EUR"), ("EUR", None, "EUR"), ("eur", None, "EUR"), ("euros", None, "EUR"),
        ("£", None, "GBP"), ("R$", None, "BRL"), ("₹", None, "INR"), ("CHF", None, "CHF"),
        ("Fr.", None, "CHF"), ("zł", None, "PLN"), ("A$", None, "AUD"), ("US$", None, "USD"),
        ("$", None, "USD"), ("$", "CAD", "CAD"), ("kr", None, "SEK"), ("kr", "NOK", "NOK"),
        ("¥", None, "JPY"), ("¥", "CNY", "CNY"), ("", None, None), (None, None, None),
        ("XYZ", None, None), ("abc", None, None),
    ],
)
def test_currency_code(sign, default, code):
    assert currency_code(sign, default_currency=default) == code
