"""What scoring needs from a profile and a job, computed once.

The profile side is built once per ranking; the job side is cached by the job's text, so a
job seen again (the same posting in another search, or another profile ranking the same
list) costs a dictionary lookup instead of a vocabulary scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.cv.skills import canonical_skill, extract_skills
from domain.cv.types import CandidateProfile
from domain.jobs.level import MAX_SCANNED_CHARS, required_years
from domain.jobs.places import Place, resolve_place
from domain.jobs.sections import NICE, OTHER, REQUIRED, description_sections, highlight_sections
from domain.jobs.types import JobPosting
from domain.jobs.titles import ROLE_CONCEPTS, fold, title_concepts, title_level, tokens

_REMOTE_WORDS = frozenset("remote anywhere homeoffice teletravail telearbeit worldwide".split())
_PLACE_ALIASES = {
    "munchen": "munich", "koln": "cologne", "wien": "vienna", "zurich": "zurich",
    "deutschland": "germany", "osterreich": "austria", "schweiz": "switzerland", "suisse": "switzerland",
    "frankfurt": "frankfurt", "nurnberg": "nuremberg", "hannover": "hanover", "usa": "us",
    "uk": "united kingdom", "genf": "geneva", "geneve": "geneva", "bruxelles": "brussels",
}
_PLACE_STOP = frozenset("am main an der in near area region metropolitan greater city de la le".split())
# Same convention as the chat command: the LAST " in " (or French " à ") starts the location.
_QUERY_LOCATION = re.compile(r"^(?:(.*\S)\s+)?(?:in|à)\s+(.+)$", re.IGNORECASE)


def skill_key(name: str) -> str:
    """Comparison key of a skill: its canonical name when the vocabulary knows it, case-folded."""
    return (canonical_skill(name) or name).casefold()


def place_tokens(text: str) -> frozenset[str]:
    """Place words of a location ("München, Deutschland" → {"munich", "germany"})."""
    out = set()
    for part in fold(text).replace("-", " ").split(","):
        words = [w for w in re.findall(r"[a-z]+", part) if w not in _PLACE_STOP]
        joined = " ".join(words)
        if joined:
            out.add(_PLACE_ALIASES.get(joined, joined))
        out.update(_PLACE_ALIASES.get(w, w) for w in words if len(w) > 2)
    return frozenset(out)


def split_query(query: str) -> tuple[str, str]:
    """Split "python developer in Berlin" into ("python developer", "Berlin")."""
    match = _QUERY_LOCATION.match(query.strip())
    if not match:
        return query.strip(), ""
    return (match.group(1) or "").strip(), match.group(2).strip()


@dataclass(frozen=True)
class JobFeatures:
    """The job side of a score: skills (required first), title concepts, level, place."""

    skills: tuple[str, ...]  # canonical names, required ones first
    required: frozenset[str]  # skill keys
    concepts: frozenset[str]
    level: int | None
    required_years: int | None
    places: frozenset[str]
    remote: bool
    point: Place | None = None  # the posting's coordinates, when the search step resolved them
    remote_countries: tuple[str, ...] = ()  # a remote job open only to these (ISO codes); (): anywhere


@dataclass(frozen=True)
class ProfileFeatures:
    """The profile side of a score, precomputed once per ranking."""

    skill_keys: frozenset[str]
    concepts: frozenset[str]
    query_concepts: frozenset[str]
    query_skills: tuple[str, ...]
    years: float | None
    places: frozenset[str]
    place_label: str
    has_profile: bool
    point: Place | None = None  # the wanted place (searched, else the CV's) with coordinates


def job_features(job: JobPosting) -> JobFeatures:
    """Features of a job, cached by everything they are computed from."""
    sections = tuple(
        (str(h.get("title", "")), tuple(str(i) for i in h.get("items", []) or []))
        for h in job.highlights or [] if isinstance(h, dict)
    )
    # The company's own name is no requirement ("Lumière Financial SAS" is not the SAS software).
    description = job.description.replace(job.company_name, " ") if job.company_name else job.description
    point = Place(city=job.city, country=job.country, latitude=job.latitude, longitude=job.longitude) \
        if job.latitude is not None and job.longitude is not None else None
    return _job_features(job.title, description, sections, job.location, bool(job.work_from_home), point,
                         tuple(job.remote_countries or ()))


@lru_cache(maxsize=65536)
def _job_features(title: str, description: str, sections: tuple, location: str, wfh: bool,
                  point: Place | None = None, remote_countries: tuple[str, ...] = ()) -> JobFeatures:
    parts, described = highlight_sections(sections), description_sections(description)
    required_text = f"{parts[REQUIRED]} \n{described[REQUIRED]}".strip()
    required = extract_skills(title) + extract_skills(required_text)
    other = extract_skills(f"{described[OTHER]} \n{parts[OTHER]}")
    if not required_text:  # no requirements part: everything the posting names (but its plusses) counts
        required += other
    # Benefits are no skills ("Health insurance" is not the skill Insurance), unless named elsewhere too.
    nice = extract_skills(f"{parts[NICE]} \n{described[NICE]}")
    first_spelling: dict[str, str] = {}
    for skill in required + other + nice:  # required first: the ✓/✗ lists show them first
        first_spelling.setdefault(skill.casefold(), skill)
    # The same reader as the posting's level: a company's age ("seit 30 Jahren") asks for no experience.
    years = required_years(f"{required_text}\n{description[:MAX_SCANNED_CHARS]}")
    places = place_tokens(location)
    return JobFeatures(
        skills=tuple(first_spelling.values()),
        required=frozenset(s.casefold() for s in required),
        concepts=title_concepts(title),
        level=title_level(title),
        required_years=years,
        places=places,
        remote=wfh or bool(_REMOTE_WORDS & set(tokens(f"{location} {title}"))),
        point=point,
        remote_countries=remote_countries,
    )


@lru_cache(maxsize=16384)
def text_concepts(title: str, description: str) -> frozenset[str]:
    """Concepts of a job's title and description start; only the no-profile mode needs them."""
    return title_concepts(f"{title} {description[:2000]}")


def profile_features(profile: CandidateProfile | None, query: str = "") -> ProfileFeatures:
    """Features of a profile (or of no profile) together with the search query."""
    what, where = split_query(query)
    if profile is None:
        return ProfileFeatures(frozenset(), frozenset(), title_concepts(what), tuple(extract_skills(what)),
                               None, place_tokens(where), where, has_profile=False, point=_point(where))
    concepts = title_concepts(profile.title or "")
    if not concepts:  # no headline found in the CV: fall back to role words of the summary
        concepts = _role_words(profile.summary or profile.text[:400])
    location = where or profile.location or ""
    return ProfileFeatures(
        skill_keys=frozenset(skill_key(s) for s in profile.skills),
        concepts=concepts,
        query_concepts=title_concepts(what),
        query_skills=tuple(extract_skills(what)),
        years=profile.years_experience,
        places=place_tokens(location),
        place_label=location.split(",")[0].strip(),
        has_profile=True,
        point=_point(location),
    )


def _point(location: str) -> Place | None:
    place = resolve_place(location) if location and location.strip() else None
    return place if place is not None and place.has_point else None


def _role_words(text: str) -> frozenset[str]:
    """Only occupation words, so a free-text summary adds little noise."""
    return frozenset(c for c in title_concepts(text) if c in ROLE_CONCEPTS)
