"""Amounts in one currency: the bundled ECB reference rates and ``convert``.

``convert`` uses the bundled table ``data/exchange_rates.json``: the euro foreign exchange
reference rates of the European Central Bank
(https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/),
units of each currency per euro, for the day ``RATES_DATE``. Nothing is fetched at run time;
``python -m domain.jobs.data.refresh_rates eurofxref.csv`` rewrites the table from the ECB's
daily file (see that module). The ECB publishes reference rates "for information purposes
only", which is how they are used here: to compare salary ranges, not to price anything.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

_TABLE_PATH = Path(__file__).parent / "data" / "exchange_rates.json"


def _load_table() -> tuple[date, dict[str, float]]:
    document = json.loads(_TABLE_PATH.read_text(encoding="utf-8"))
    rates = {code.upper(): float(value) for code, value in document["rates"].items()}
    rates[document.get("base", "EUR")] = 1.0
    return date.fromisoformat(document["date"]), rates


RATES_DATE, RATES = _load_table()  # RATES: units of each ISO currency per 1 EUR ("EUR": 1.0)


def convert(amount: float, from_currency: str, to_currency: str) -> float | None:
    """``amount`` of ``from_currency`` in ``to_currency`` (ISO 4217 codes, any case), through
    the euro with the ECB rates of ``RATES_DATE``. Unrounded. None when either currency is not
    in the table (the ECB quotes about 30) or ``amount`` is None."""
    if amount is None or not from_currency or not to_currency:
        return None
    source = RATES.get(from_currency.upper())
    target = RATES.get(to_currency.upper())
    if source is None or target is None:
        return None
    if from_currency.upper() == to_currency.upper():
        return float(amount)
    return amount / source * target
