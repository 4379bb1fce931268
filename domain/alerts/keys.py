"""What makes two alerts' searches one: their query and place, case and spacing folded."""
from __future__ import annotations

import re


def search_key(query: str, location: str | None) -> tuple[str, str]:
    """``("data engineer", "hamburg")`` for "Data  Engineer" in " Hamburg"; alerts with equal keys share one search."""
    return _fold(query), _fold(location or "")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()
