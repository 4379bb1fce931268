"""Which postings of an alert's search are news to its owner, over its memory of postings sent.

The memory maps hashed identity keys (``domain.jobs.dedup.identity_keys``: the board's job id,
and title + company + place) to the pay as it was when sent. A posting is known when any of its
keys is: the same job found on another board, or reposted under a new id, is not sent again —
unless its pay changed, which is worth telling (marked with both amounts).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from domain.jobs.dedup import identity_keys
from domain.jobs.types import JobPosting


@dataclass(frozen=True)
class News:
    """A posting to send; ``repost``: ``{"salary_before", "salary_now"}`` when it was sent before with other pay."""

    posting: JobPosting
    keys: tuple[str, ...]
    repost: dict | None = None


def posting_keys(posting: JobPosting) -> tuple[str, ...]:
    """The posting's identity keys as 40-character sha1 hex strings (what ``AlertSeen.key`` stores)."""
    return tuple(hashlib.sha1("\x1f".join(str(part) for part in key).encode()).hexdigest()
                 for key in identity_keys(posting))


def pay_of(posting: JobPosting) -> str | None:
    """The pay as the board wrote it, else from its structured numbers ("50000–60000 EUR a year"); None when unstated."""
    if posting.salary and posting.salary.strip():
        return posting.salary.strip()[:200]
    if posting.salary_min is None and posting.salary_max is None:
        return None
    amounts = "–".join(f"{value:g}" for value in (posting.salary_min, posting.salary_max) if value is not None)
    extra = " ".join(part for part in (posting.salary_currency, posting.salary_period and f"a {posting.salary_period}")
                     if part)
    return f"{amounts} {extra}".strip()[:200]


def pay_changed(before: str | None, now: str | None) -> bool:
    """True when a posting now states a pay that differs from the one sent (ignoring case and spacing);
    a repost that leaves the pay out is no news."""
    return now is not None and _folded(before) != _folded(now)


def new_postings(postings: list[JobPosting], seen: dict[str, str | None]) -> list[News]:
    """The postings not in ``seen`` (hashed key → pay as sent), and the known ones whose pay changed,
    in the given order; a posting without identity keys is always news."""
    news = []
    for posting in postings:
        keys = posting_keys(posting)
        known = [key for key in keys if key in seen]
        if not known:
            news.append(News(posting, keys))
            continue
        before, now = seen[known[0]], pay_of(posting)
        if pay_changed(before, now):
            news.append(News(posting, keys, {"salary_before": before, "salary_now": now}))
    return news


def _folded(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()
