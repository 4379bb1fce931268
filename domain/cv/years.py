"""How a letter, its evidence and the chat show a count of years of experience."""
from __future__ import annotations

import math


def display_years(years: float) -> str:
    """"11" rather than "11.8": whole years read naturally in a letter; below two, halves. Rounded
    down, never up: 4.6 years of experience are not "5 years" (a letter must not overstate)."""
    return f"{math.floor(years):d}" if years >= 2 else f"{math.floor(years * 2) / 2:g}"
