"""Generate ``postings.json``, the offline job source's bundled sample of postings.

Deterministic (fixed seeds): run ``python -m domain.jobs.data.generate_postings`` after
editing a template and commit both. Every posting says it is a sample: it comes "via
job-agent sample", its description ends with a line saying it is not a real vacancy,
companies are fictional and every link points to example.com, so nobody is sent to a real
board for a job that does not exist.

The file holds, in order: the first sample (postings drawn from ``FIRST_ROLES`` and
``FIRST_CITIES`` with ``SEED``, then copies of some of them as a second listing, for
deduplication), then the postings that make every city useful (``CORE_ROLES`` in each city
that lacks them, and each role of ``roles_services`` in a few cities, drawn with
``MORE_SEED``). The first part is drawn exactly as before, so its postings keep their ids.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import random
import re
from pathlib import Path

from domain.jobs.data import phrases as P
from domain.jobs.data.places import (
    CITIES,
    COMPANY_PATTERNS,
    COUNTRIES,
    FIRST_BOARD_COUNTS,
    FIRST_CITIES,
    LANGUAGE_LINES,
    LEGAL,
    NO_LEGAL_FORM,
    STEMS,
)
from domain.jobs.data.roles_business import ROLES_BUSINESS
from domain.jobs.data.roles_field import ROLES_FIELD
from domain.jobs.data.roles_office import ROLES_OFFICE
from domain.jobs.data.roles_services import ROLES_SERVICES
from domain.jobs.places import resolve_place
from domain.jobs.text import fold

logger = logging.getLogger(__name__)

OUTPUT = Path(__file__).with_name("postings.json")
SEED = 20240601
MORE_SEED = 20261130
SAMPLE_LABEL = P.SAMPLE_LABEL
SAMPLE_LINKS = "https://example.com/job-agent-sample"
CITIES_PER_ROLE = 7
NEW_ROLE_CITIES = 5  # the cities each role of roles_services gets besides the core placements
FIRST_ROLES = ROLES_OFFICE + ROLES_BUSINESS + ROLES_FIELD
ROLES = FIRST_ROLES + ROLES_SERVICES
# What people search for most, placed in every city that lacks it, so that a first "X in CITY"
# finds a local job for these X.
CORE_ROLES = ("frontend_developer", "backend_developer", "data_analyst", "marketing_manager",
              "account_executive", "customer_service", "accountant", "hr_generalist", "nurse",
              "care_assistant", "teacher", "warehouse", "chef", "electrician", "retail_sales",
              "project_manager", "office_assistant")
# The same for "Remote": only work that can be done from anywhere.
REMOTE_ROLES = ("frontend_developer", "backend_developer", "data_analyst", "marketing_manager",
                "customer_service", "account_executive", "project_manager", "product_manager",
                "accountant", "recruiter")
# The title a core posting takes: the role's first in its language, unless that title does not
# carry the word people search by ("Account Executive" for "sales").
CORE_TITLES = {"account_executive": {"en": "Sales Manager"}}
# Fields whose work is done on site: their added postings are never remote.
ON_SITE_FIELDS = frozenset({"healthcare", "teaching", "logistics", "hospitality", "trades", "retail",
                            "pharmacy", "construction", "security", "cleaning", "childcare",
                            "manufacturing"})
# Combinations the tests and demos rely on, always present: (role key, city, language).
ANCHORS = [("nurse", "Munich", "de"), ("nurse", "Munich", "en"), ("nurse", "Berlin", "de"),
           ("python_developer", "Berlin", "en"), ("python_developer", "Berlin", "de"),
           ("accountant", "Hamburg", "de"), ("accountant", "Lyon", "fr"),
           ("teacher", "Paris", "fr"), ("data_analyst", "Remote", "en")]
DUPLICATES = 12


def generate() -> list[dict]:
    """Every posting, in the order described in the module docstring."""
    rng = random.Random(SEED)
    postings: list[dict] = []
    for role in FIRST_ROLES:
        for city, lang in _placements(rng, role):
            postings.append(_posting(rng, role, city, lang, len(postings), first=True))
    for original in rng.sample(postings, DUPLICATES):
        postings.append(_duplicate(rng, original, len(postings)))
    more = random.Random(MORE_SEED)
    for role, city, core in _more_placements(more, _covered(postings)):
        lang = _language(more, role, city)
        title = _core_title(role, lang) if core else None
        postings.append(_posting(more, role, city, lang, len(postings), title=title))
    return postings


def _placements(rng: random.Random, role: dict) -> list[tuple]:
    cities = rng.sample(FIRST_CITIES, CITIES_PER_ROLE)
    placed = [(c, _language(rng, role, c)) for c in cities]
    for key, city_name, lang in ANCHORS:
        if key == role["key"]:
            placed.append((next(c for c in CITIES if c[0] == city_name), lang))
    return placed


def _more_placements(rng: random.Random, covered: set[tuple[str, str]]) -> list[tuple[dict, tuple, bool]]:
    """(role, city, core) triples: the core roles each city lacks, then each new role in a few
    cities where it is not yet."""
    by_key = {role["key"]: role for role in ROLES}
    chosen = [(by_key[key], city, True) for city in CITIES
              for key in (REMOTE_ROLES if city[2] == "remote" else CORE_ROLES)
              if (key, city[0]) not in covered]
    towns = [city for city in CITIES if city[2] != "remote"]
    taken = covered | {(role["key"], city[0]) for role, city, _ in chosen}
    for role in ROLES_SERVICES:
        chosen += [(role, city, False) for city in rng.sample(towns, NEW_ROLE_CITIES)
                   if (role["key"], city[0]) not in taken]
    return chosen


def _covered(postings: list[dict]) -> set[tuple[str, str]]:
    """(role key, city name) pairs that already have a posting under a core title, which a search
    for the role's usual words finds first."""
    titles = {_core_title(role, lang): role["key"] for role in ROLES for lang in ("en", "de", "fr")
              if role.get(lang)}
    cities = {form: city[0] for city in CITIES for form in city[1]}
    return {(titles[p["title"]], cities[p["location"]]) for p in postings if p["title"] in titles}


def _core_title(role: dict, lang: str) -> str:
    return CORE_TITLES.get(role["key"], {}).get(lang) or role[lang][0]


def _language(rng: random.Random, role: dict, city: tuple) -> str:
    langs = [lang for lang in city[3].split() if role.get(lang)]
    return rng.choice(langs or ["en"])


def _posting(rng: random.Random, role: dict, city: tuple, lang: str, index: int,
             first: bool = False, title: str | None = None) -> dict:
    """One posting. ``first``: a posting of the first sample, which drew a board name here and
    could be remote in any field. ``title``: this title rather than a drawn one."""
    name, location_forms, region, _, pay_factor, currency = city
    title = title or rng.choice(role[lang])
    company = _company(rng, role["field"], region, lang)
    location = rng.choice(location_forms)
    skills = role.get(f"skills_{lang}") or role["skills"]
    duties = role.get(f"duties_{lang}") or role["duties_en"]
    quals = _qualifications(rng, role, lang, region, skills)
    benefits = rng.sample(P.BENEFITS[lang], 4)
    remote = region == "remote" or rng.random() < 0.15
    if first:
        rng.randrange(FIRST_BOARD_COUNTS[region])  # the board the first sample named; see places.py
    elif role["field"] in ON_SITE_FIELDS:
        remote = False
    job_id = _job_id(index, title, company, location)
    link = _link(title, job_id)
    description = _description(rng, lang, title, company, name if region != "remote" else "Remote",
                               duties, quals, benefits)
    posting = {
        "job_id": job_id, "title": title, "company_name": company, "location": location,
        "via": f"via {SAMPLE_LABEL}",
        "description": f"{description}\n\n{P.SAMPLE_NOTICE[lang]}",
        "apply_link": link,
        "highlights": [{"title": "Qualifications", "items": quals},
                       {"title": "Responsibilities", "items": list(duties)},
                       {"title": "Benefits", "items": benefits}],
        "posted_at": rng.choice(P.POSTED),
        "schedule_type": rng.choice(P.SCHEDULES),
    }
    salary = _salary(rng, role, lang, pay_factor, currency) if rng.random() < 0.7 else None
    posting.update({
        "salary": salary[0] if salary else None,
        "work_from_home": remote,
        "apply_options": [{"title": SAMPLE_LABEL, "link": link}],
        "source": "offline",
        "salary_min": salary[1] if salary else None,
        "salary_max": salary[2] if salary else None,
        "salary_currency": currency if salary else None,
        "salary_period": ("hour" if role.get("hourly") else "year") if salary else None,
        # A date relative to when the file was made would only age; "3 days ago" stays as written.
        "posted_date": None,
        **_place_fields(name, region),
    })
    return posting


@functools.cache
def _place_fields(name: str, region: str) -> dict:
    """City, country and coordinates from the gazetteer (none for "Remote"); a city that resolves
    to another country than its own is a mistake in ``places.py``."""
    if region == "remote":
        return {"city": None, "country": None, "latitude": None, "longitude": None}
    code, country_name = COUNTRIES[region]
    place = resolve_place(f"{name}, {country_name}")
    if place is None or place.country != code or not place.has_point:
        raise ValueError(f"{name}: the gazetteer gives {place}, not a city in {code}")
    return {"city": place.city, "country": place.country, "latitude": place.latitude,
            "longitude": place.longitude}


def _company(rng: random.Random, field: str, region: str, lang: str) -> str:
    pattern = COMPANY_PATTERNS[field]["fr" if lang == "fr" else "de" if lang == "de" else "en"]
    name = pattern.format(stem=rng.choice(STEMS[region]))
    return name if field in NO_LEGAL_FORM else f"{name} {rng.choice(LEGAL[region])}"


def _qualifications(rng, role, lang, region, skills) -> list[str]:
    role_word = re.sub(r"\s*\(.*?\)", "", role[lang][0])
    article = "an" if role_word[:1].lower() in "aeiou" else "a"
    lines = [P.YEARS[lang].format(n=rng.choice([1, 2, 3, 5]), a=article, role=role_word)]
    picked = rng.sample(skills, min(4, len(skills)))
    templates = rng.sample(P.SKILL_LINES[lang], 3)
    lines += [t.format(x=picked[i], y=picked[(i + 1) % len(picked)])
              for i, t in enumerate(templates)]
    if role["field"] in P.TRAINING:
        lines.insert(0, P.TRAINING[role["field"]][lang])
    language_line = LANGUAGE_LINES[region].get(lang)
    if language_line:
        lines.append(language_line)
    return lines


def _description(rng, lang, title, company, city, duties, quals, benefits) -> str:
    tasks_h, profile_h, offer_h = P.HEADINGS[lang]
    values = dict(company=company, title=title, city=city,
                  size=rng.choice([12, 35, 80, 150, 420, 1200, 5000]),
                  year=rng.randint(1952, 2019),
                  a="an" if title[:1].lower() in "aeiou" else "a")
    parts = [rng.choice(P.INTRO[lang]).format(**values), rng.choice(P.BLURB[lang]).format(**values),
             "", tasks_h, *(f"• {d}" for d in duties), "", profile_h, *(f"• {q}" for q in quals),
             "", offer_h, *(f"• {b}" for b in benefits), "", rng.choice(P.CLOSING[lang])]
    return "\n".join(parts)


_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF ", "CAD": "CA$", "PLN": "PLN ",
            "SEK": "SEK "}


def _salary(rng, role, lang, pay_factor, currency) -> tuple[str, float, float]:
    """(text as a board writes it, low, high): yearly amounts in units, or hourly rates."""
    low, high = role["salary"]
    low, high = low * pay_factor * rng.uniform(0.92, 1.08), high * pay_factor * rng.uniform(0.92, 1.08)
    symbol = _SYMBOLS[currency]
    local = "$" if currency == "CAD" else symbol.strip()  # Montréal writes "$" for its own dollar
    if role.get("hourly"):
        per = {"de": "pro Stunde", "fr": "de l'heure", "en": "an hour"}[lang]
        text = f"{low:.0f}–{high:.0f} {local} {per}" if lang != "en" \
            else f"{symbol}{low:.0f}–{symbol}{high:.0f} {per}"
        return text, float(f"{low:.0f}"), float(f"{high:.0f}")
    low, high = round(low), round(high)
    if lang == "de":
        text = f"{low}.000–{high}.000 {local} pro Jahr"
    elif lang == "fr":
        text = f"{low} k{local} à {high} k{local} par an"
    else:
        text = f"{symbol}{low}K–{symbol}{high}K a year"
    return text, float(low * 1000), float(high * 1000)


def _job_id(index: int, *parts: str) -> str:
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]
    return f"offline-{index:04d}-{digest}"


def _link(title: str, job_id: str) -> str:
    title_slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    return f"{SAMPLE_LINKS}/{title_slug}-{job_id[-12:]}"


def _duplicate(rng: random.Random, original: dict, index: int) -> dict:
    """The same job listed a second time, as boards repeat one: other id, link and spelling details."""
    region = next(c[2] for c in CITIES if original["location"] in c[1])
    rng.randrange(FIRST_BOARD_COUNTS[region] - 1)  # the first sample drew another board here
    title = original["title"].replace("(m/w/d)", "(w/m/d)").replace("(H/F)", "(F/H)")
    company = original["company_name"].rsplit(" ", 1)[0] if rng.random() < 0.5 \
        else original["company_name"].upper()
    job_id = _job_id(index, title, company, "second listing")
    link = _link(title, job_id)
    first_paragraph, notice = original["description"].split("\n\n")[0], original["description"].rsplit("\n", 1)[-1]
    return {**original, "job_id": job_id, "title": title, "company_name": company,
            "apply_link": link, "posted_at": rng.choice(P.POSTED),
            "description": f"{first_paragraph}\n\n{notice}",
            "highlights": original["highlights"][:1],
            "apply_options": [{"title": f"{SAMPLE_LABEL} (second listing)", "link": link}]}


def _write(postings: list[dict]) -> str:
    """One compact posting a line: smaller than indented JSON, and a diff shows whole postings."""
    lines = ",\n".join(json.dumps(posting, ensure_ascii=False, separators=(",", ":")) for posting in postings)
    return f"[\n{lines}\n]\n"


def main() -> None:
    postings = generate()
    OUTPUT.write_text(_write(postings), encoding="utf-8")
    print(f"wrote {len(postings)} postings to {OUTPUT}")


if __name__ == "__main__":
    main()
