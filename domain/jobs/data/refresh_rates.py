"""Rewrite the bundled exchange-rate table from the ECB's daily reference-rate file.

The table (``exchange_rates.json`` beside this file) is read by ``domain.jobs.money`` to compare
salaries across currencies. Nothing is downloaded at run time; an operator refreshes it:

1. Download https://www.ecb.europa.eu/stats/eurofxref/eurofxref.zip (the euro foreign exchange
   reference rates, https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/);
   it holds ``eurofxref.csv``.
2. Run ``python -m domain.jobs.data.refresh_rates PATH/eurofxref.csv`` (the .zip itself is
   accepted too). ``--out PATH`` writes elsewhere instead of the bundled file.
3. Commit the new ``exchange_rates.json``; its ``date`` is the ECB's date of the rates.

The CSV has a header row ``Date, USD, JPY, ...`` and one row per day with the date written
``02 October 2026`` and units of each currency per euro, every field followed by ", " (the full
history file, ``eurofxref-hist.csv``, writes ISO dates, newest first, and "N/A" for currencies not
quoted that day: it is read too, taking its newest row).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

BUNDLED_TABLE = Path(__file__).with_name("exchange_rates.json")
SOURCE = "European Central Bank, euro foreign exchange reference rates"
SOURCE_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
)

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}


class RateFileError(ValueError):
    """The file is not an ECB reference-rate CSV."""


def _parse_date(text: str) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    # "02 October 2026", written in English whatever the machine's locale is.
    parts = text.split()
    if len(parts) == 3 and parts[1].lower() in _MONTHS:
        try:
            return date(int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0]))
        except ValueError as error:
            raise RateFileError(f"not a date: {text!r}") from error
    raise RateFileError(f"not a date: {text!r}")


def parse_ecb_csv(text: str) -> tuple[date, dict[str, float]]:
    """``(date of the rates, {ISO code: units per euro})`` from the text of ``eurofxref.csv``
    (or the newest row of ``eurofxref-hist.csv``). Currencies marked "N/A" are left out.
    Raises ``RateFileError`` when the header or the row is not of that shape."""
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if row]
    if len(rows) < 2 or rows[0][0].lower() != "date":
        raise RateFileError("no 'Date, USD, JPY, ...' header")
    header, row = rows[0], rows[1]
    rates: dict[str, float] = {}
    for code, cell in zip(header[1:], row[1:]):
        if not code or not cell or cell.upper() == "N/A":
            continue
        if len(code) != 3 or not code.isalpha():
            raise RateFileError(f"not a currency code: {code!r}")
        try:
            value = float(cell)
        except ValueError as error:
            raise RateFileError(f"not a rate for {code}: {cell!r}") from error
        if value <= 0:
            raise RateFileError(f"not a rate for {code}: {cell!r}")
        rates[code.upper()] = value
    if not rates:
        raise RateFileError("no rates in the first row")
    return _parse_date(row[0]), rates


def read_rate_file(path: Path) -> str:
    """The CSV text of ``path``: the CSV itself, or the ``.csv`` inside the ECB's zip."""
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not names:
                raise RateFileError(f"{path} holds no .csv")
            data = archive.read(names[0])
    return data.decode("utf-8-sig")


def table(rates_date: date, rates: dict[str, float]) -> dict:
    """The JSON document ``domain.jobs.money`` reads."""
    return {
        "source": SOURCE,
        "source_url": SOURCE_URL,
        "base": "EUR",
        "date": rates_date.isoformat(),
        "note": "Units of each currency per 1 EUR, as published by the ECB for 'date'. "
        "Refresh with: python -m domain.jobs.data.refresh_rates eurofxref.csv",
        "rates": {code: rates[code] for code in sorted(rates)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m domain.jobs.data.refresh_rates",
        description="Rewrite the bundled exchange-rate table from the ECB's eurofxref.csv.",
    )
    parser.add_argument("csv", type=Path, help="eurofxref.csv (or eurofxref.zip) from the ECB")
    parser.add_argument("--out", type=Path, default=BUNDLED_TABLE, help="where to write the table")
    args = parser.parse_args(argv)
    try:
        rates_date, rates = parse_ecb_csv(read_rate_file(args.csv))
    except (OSError, UnicodeDecodeError, RateFileError) as error:
        print(f"refresh_rates: {error}", file=sys.stderr)
        return 1
    args.out.write_text(
        json.dumps(table(rates_date, rates), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{args.out}: {len(rates)} rates of {rates_date.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
