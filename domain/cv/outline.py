"""The CV's sections and entries from the reader's text. Placeholder; issue 11 part 1."""
from __future__ import annotations

import datetime as dt

from domain.cv.outline_types import CvOutline


def read_outline(text: str, today: dt.date | None = None) -> CvOutline:
    """The outline of a CV's text (``CandidateProfile.text``); empty parts when not found."""
    return CvOutline()
