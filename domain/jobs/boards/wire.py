"""Reading loosely typed JSON from job boards: each board's adapter takes its fields through these,
so a null, a number where text was documented, or a list where one value was expected never fails
a page (public bug reports show every board doing each of these)."""
from __future__ import annotations

import math
from datetime import datetime
from urllib.parse import urlparse


def text_of(value) -> str:
    """Stripped text; a number as its digits (ids sent as numbers); "" for anything else."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) < 10**18 else ""  # a 400-digit "id" is no id (and overflows float)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)
    return ""


def strings_of(value) -> list[str]:
    """A list of non-empty texts from a list (or one text); [] for anything else."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list):
        return []
    return [text_of(item) for item in value if text_of(item)]


def link_of(value) -> str:
    """An absolute http(s) URL, else "" (no javascript:, data: or relative links reach a chat)."""
    url = text_of(value)
    if any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        return ""  # whitespace ends a link in chat markup; control characters are terminal escapes
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else ""


def number_of(value) -> float | None:
    """A finite number from a number or a numeric string ("30000.5", "52,000"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if abs(value) < 10**15 else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except (ValueError, OverflowError):
            return None
        return number if math.isfinite(number) else None
    return None


# A year's pay above this in any currency is a parsing accident or an attack; yearly pay in won, rupiah
# or dong runs to hundreds of millions, so the cap sits well above them.
MAX_AMOUNT = 1e12


def amount_of(value) -> float | None:
    """A money amount: a positive number up to ``MAX_AMOUNT`` (boards write 0 or nothing for "not given")."""
    number = number_of(value)
    return number if number is not None and 0 < number <= MAX_AMOUNT else None


def iso_date(value: str | None) -> str | None:
    """"2026-11-02" from an ISO 8601 date or timestamp; None when it is not one."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None
