"""Money amounts and list numbers in chat text: "60k", "60.000 €", "£50k", "40 000 €", "the 2nd", "3.".

A salary is read as a yearly amount in whole currency units: "60k" and "60 Tsd" are 60,000,
"60.000"/"60,000"/"60 000" use a thousands separator, "3.500 € im Monat" is 42,000 a year.
A bare number from 10 to 999 after a salary word ("at least 60") means thousands, as people
write it in chat. Currency symbols and names give an ISO 4217 code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP",
               "pounds": "GBP", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "chf": "CHF",
               "franken": "CHF", "fr.": "CHF"}
_CURRENCY = r"€|£|\$|eur(?:os?)?\b|gbp\b|usd\b|chf\b|pounds?\b|dollars?\b|franken\b"
_MULTIPLIER = r"k\b|tsd\.?|tausend\b|mil\b|thousand\b|grand\b|mille\b"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<pre>{_CURRENCY})?\s?"
    r"(?P<num>\d{1,3}(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}\b))\d{3})+(?![.,]?\d)|\d+(?:[.,]\d{1,2})?)"
    rf"\s?(?P<mult>{_MULTIPLIER})?\s?(?P<post>{_CURRENCY})?",
    re.IGNORECASE)
_ORDINAL_NUMBER = re.compile(r"(?<![\w.,])#?\s?(?P<num>\d{1,2})(?:st|nd|rd|th|er|re|e|ème|eme|º|ª|°|\.(?!\d))?(?!\w)",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    start: int  # character offsets in the text
    end: int
    value: int  # whole units, as written (a month's amount is not yet a year's)
    currency: str | None
    marked: bool  # a currency or "k" says it is money, whatever words surround it


def amounts(text: str) -> list[Amount]:
    """Every number in ``text`` read as a possible amount of money."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = _number(match.group("num"))
        if value is None:
            continue
        mult = (match.group("mult") or "").lower()
        if mult:
            value *= 1000
        symbol = (match.group("pre") or match.group("post") or "").strip().lower()
        currency = _CURRENCIES.get(symbol)
        end = match.end() if (mult or currency) else match.end("num")
        found.append(Amount(match.start("pre") if match.group("pre") else match.start("num"), end,
                            int(value), currency, bool(mult or currency) or value >= 1000))
    return found


def list_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of each small number that could point at a list entry: "3", "#3", "2nd", "3."."""
    return [(m.start(), m.end(), int(m.group("num"))) for m in _ORDINAL_NUMBER.finditer(text)]


def _number(digits: str) -> float | None:
    """"60.000" / "60,000" / "60 000" -> 60000; "3,5" / "3.5" -> 3.5."""
    parts = re.split(r"[.,\u00a0\u202f ]", digits)
    if len(parts) > 1 and all(len(part) == 3 for part in parts[1:]):
        return float("".join(parts))
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None
