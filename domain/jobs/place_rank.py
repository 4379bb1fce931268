"""Order jobs by where they are: in or near the searched place first, then remote jobs open to
the person's country, then the rest of that country, then further away; within each group
fresh postings before stale ones.

The groups ("tiers") are decided on the places the core resolved for every posting
(``domain.jobs.enrich``), so a board's spelling never matters. ``place_note`` says in one line
what the list holds when local jobs are few ("3 jobs in Paris; also showing 7 remote"): the search
step says it of the jobs found, and a chat search's ranking says it again of the jobs it kept
(``is_place_note`` tells which stored note to replace).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from domain.cv.gazetteer import country_name
from domain.jobs.places import Place, city_as_typed, is_local, open_to, resolve_place
from domain.jobs.types import JobPosting
from i18n import N_, CountryName, Phrase

LOCAL, REMOTE, COUNTRY, ELSEWHERE = 0, 1, 2, 3
# The msgids ``place_note`` says (singular forms): how a stored note is known to be the place note.
PLACE_NOTE_MSGIDS = frozenset({"No jobs found in or near {place}; showing {others}.",
                               "{n} job in or near {place}; also showing {others}."})
STALE_AFTER_DAYS = 30  # boards keep filled jobs up for weeks; older postings go after fresh ones


def posting_place(job: JobPosting) -> Place:
    """The posting's resolved place as a ``Place`` (from the fields ``enrich`` filled)."""
    return Place(city=job.city, region=job.region, country=job.country, latitude=job.latitude,
                 longitude=job.longitude, remote=bool(job.work_from_home), countries=tuple(job.remote_countries))


def wanted_place(location: str | None) -> Place | None:
    """The searched place, or None when the search names none (or only "remote")."""
    place = resolve_place(location) if location else None
    if place is None or (place.remote and not place.country and not place.city and not place.countries):
        return None
    return place


def place_tier(job: JobPosting, wanted: Place | None) -> int:
    """``LOCAL`` (in or near ``wanted``), ``REMOTE`` (remote and open to its country), ``COUNTRY``
    (elsewhere in its country) or ``ELSEWHERE``. Without a wanted place every job is ``LOCAL``."""
    if wanted is None:
        return LOCAL
    place = posting_place(job)
    if is_local(place, wanted):
        return LOCAL
    country = wanted_country(wanted)
    if open_to(place, country):
        return REMOTE
    if country and place.country == country and not place.remote:
        return COUNTRY
    return ELSEWHERE


def wanted_country(wanted: Place) -> str | None:
    """The country of the searched place (of a region naming one country), else None."""
    return wanted.country or (wanted.countries[0] if len(wanted.countries) == 1 else None)


def is_stale(job: JobPosting, today: date) -> bool:
    """True when the posting is older than ``STALE_AFTER_DAYS`` (unknown dates are not stale)."""
    age = job.age_days(today)
    return age is not None and age > STALE_AFTER_DAYS


def order_by_place(jobs: list[JobPosting], wanted: Place | None, today: date) -> list[JobPosting]:
    """Stable sort by (tier, stale): the incoming order (relevance) decides within a group."""
    return sorted(jobs, key=lambda job: (place_tier(job, wanted), is_stale(job, today)))


def place_note(jobs: list[JobPosting], wanted: Place | None, asked: str | None) -> Phrase | None:
    """One line about places when the list is not all local: "3 jobs in or near Paris; also showing
    7 remote, 2 elsewhere in France and 4 further away" (a ``Phrase``: English, and said in a chat's
    language later); None when every job is local or no place was searched."""
    if wanted is None or not jobs:
        return None
    counts = Counter(place_tier(job, wanted) for job in jobs)
    if counts[LOCAL] == len(jobs):
        return None
    name = city_as_typed(asked, wanted.city) if wanted.city else (asked or wanted.label).strip()
    code = wanted_country(wanted) if wanted.city else None
    country = CountryName(code, country_name(code)) if code and country_name(code) else None
    others = [_remote(counts[REMOTE]) if counts[REMOTE] else None,
              _elsewhere_in(counts[COUNTRY], country) if counts[COUNTRY] and country else None,
              _elsewhere(counts[COUNTRY]) if counts[COUNTRY] and not country else None,
              (_further_away if counts[COUNTRY] else _elsewhere)(counts[ELSEWHERE]) if counts[ELSEWHERE] else None]
    others = [part for part in others if part]
    if counts[LOCAL] == 0:
        return Phrase(N_("No jobs found in or near {place}; showing {others}."), place=name, others=others)
    return Phrase.ngettext("{n} job in or near {place}; also showing {others}.",
                           "{n} jobs in or near {place}; also showing {others}.", counts[LOCAL], place=name,
                           others=others)


def is_place_note(note: str) -> bool:
    """True when ``note`` is a ``Phrase`` that ``place_note`` made (an English-only note never is)."""
    return isinstance(note, Phrase) and note.msgid in PLACE_NOTE_MSGIDS


# The parts of the place note, counted by the language's plural rule.
def _remote(n: int) -> Phrase:
    return Phrase.ngettext("{n} remote", "{n} remote", n)


def _elsewhere_in(n: int, country: CountryName) -> Phrase:
    return Phrase.ngettext("{n} elsewhere in {country}", "{n} elsewhere in {country}", n, country=country)


def _elsewhere(n: int) -> Phrase:
    return Phrase.ngettext("{n} elsewhere", "{n} elsewhere", n)


def _further_away(n: int) -> Phrase:
    return Phrase.ngettext("{n} further away", "{n} further away", n)

