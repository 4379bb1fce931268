"""A salary as one short line for chat, in the reader's language and, converted, their currency.

``format_salary`` writes the annualised range with Babel's CLDR currency formats
(https://babel.pocoo.org/en/latest/api/numbers.html): "€45k–55k a year", "45.000–55.000 € pro
Jahr", "45 k–55 k € par an", and with another currency for the reader " (≈ £38k–47k)", converted
with ``domain.jobs.money``.
"""
from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    UnknownCurrencyError,
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)
from babel.units import format_compound_unit

from domain.jobs.money import convert
from domain.jobs.salary import Salary, annual

# English boards (and SerpApi's Google Jobs) write "a year"; CLDR's long form is "per year".
_YEAR_PHRASES = {"en": "{0} a year"}
_FROM_PHRASES = {
    "en": "from {0}", "de": "ab {0}", "fr": "à partir de {0}", "es": "desde {0}",
    "it": "da {0}", "pt": "a partir de {0}", "nl": "vanaf {0}",
}
_UP_TO_PHRASES = {
    "en": "up to {0}", "de": "bis {0}", "fr": "jusqu’à {0}", "es": "hasta {0}",
    "it": "fino a {0}", "pt": "até {0}", "nl": "tot {0}",
}


def _locale(name: str | None) -> Locale:
    try:
        return Locale.parse((name or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def _compacts_thousands(locale: Locale) -> bool:
    return format_compact_decimal(10_000, locale=locale) != format_decimal(
        10_000, locale=locale, group_separator=False
    )


def _amount(value: float, currency: str | None, locale: Locale) -> str:
    """One amount, compact where the locale has a short form for thousands ("€45k", "45 k €",
    "45 mil €") and grouped in full where it has none (German: "45.000 €")."""
    if 1000 <= value < 1_000_000 and not _compacts_thousands(locale):
        if currency:
            try:
                pattern = locale.currency_formats["standard"].pattern.split(";")[0]
                return format_currency(round(value), currency, format=re.sub(r"\.0+", "", pattern),
                                       locale=locale, currency_digits=False)
            except UnknownCurrencyError:
                pass
        return format_decimal(round(value), locale=locale)
    digits = 1 if value >= 1_000_000 or value < 10_000 else 0
    text = None
    if currency:
        try:
            text = format_compact_currency(value, currency, locale=locale, fraction_digits=digits)
        except UnknownCurrencyError:
            pass
    if text is None:
        text = format_compact_decimal(value, locale=locale, fraction_digits=digits)
    if locale.language == "en":
        # CLDR's "K" for thousands; boards and people write "45k".
        text = re.sub(r"(?<=\d)K\b", "k", text)
    return text


def _range(low: float | None, high: float | None, currency: str | None, locale: Locale) -> str:
    if low is not None and high is not None and round(low) != round(high):
        first, second = _amount(low, currency, locale), _amount(high, currency, locale)
        symbol = get_currency_symbol(currency, locale) if currency else ""
        # The sign once, on the side the locale writes it: "€45k–55k", "45.000–55.000 €".
        if symbol and first.startswith(symbol) and second.startswith(symbol):
            return first + "–" + second[len(symbol):].lstrip("\u00a0 ")
        if symbol and first.endswith(symbol) and second.endswith(symbol):
            return first[: -len(symbol)].rstrip("\u00a0\u202f ") + "–" + second
        return f"{first}–{second}"
    if low is not None and high is not None:
        return _amount(high, currency, locale)
    if low is not None:
        return _FROM_PHRASES.get(locale.language, "{0}+").format(_amount(low, currency, locale))
    return _UP_TO_PHRASES.get(locale.language, "≤ {0}").format(_amount(high, currency, locale))


def format_salary(salary: Salary | None, *, locale: str = "en", user_currency: str | None = None) -> str:
    """The salary per year as one short line for chat, in ``locale`` (a CLDR locale name:
    "en", "de", "fr_CH", "pt-BR"; unknown names fall back to English).

    "€45k–55k a year"; "from €50k a year" when only a minimum is known; with ``user_currency``
    (ISO 4217) different from the salary's and both in the rate table, the converted range
    follows: "€45k–55k a year (≈ £38k–47k)". A salary without a currency is shown without a
    sign. "" for None or a salary without amounts."""
    low, high = annual(salary)
    if low is None and high is None:
        return ""
    where = _locale(locale)
    currency = salary.currency.upper() if salary.currency else None
    shown = _range(low, high, currency, where)
    line = format_compound_unit(
        shown, denominator_unit="year", locale=where
    ) if where.language not in _YEAR_PHRASES else _YEAR_PHRASES[where.language].format(shown)
    if currency and user_currency and user_currency.upper() != currency:
        target = user_currency.upper()
        converted_low = None if low is None else convert(low, currency, target)
        converted_high = None if high is None else convert(high, currency, target)
        if (low is None or converted_low is not None) and (high is None or converted_high is not None):
            line += f" (≈ {_range(converted_low, converted_high, target, where)})"
    return line
