"""Generate ``postings.json``, the offline job source's bundled postings.

Deterministic (fixed seed): run ``python -m domain.jobs.data.generate_postings`` after
editing a template and commit both. Companies are fictional and every link points to
example.com, so nobody is sent to a real board for a job that does not exist.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import re
from pathlib import Path

from domain.jobs.data import phrases as P
from domain.jobs.data.places import (BOARDS, CITIES, COMPANY_PATTERNS, LANGUAGE_LINES, LEGAL,
                                    STEMS)
from domain.jobs.data.roles_business import ROLES_BUSINESS
from domain.jobs.data.roles_field import ROLES_FIELD
from domain.jobs.data.roles_office import ROLES_OFFICE
from domain.jobs.text import fold

logger = logging.getLogger(__name__)

OUTPUT = Path(__file__).with_name("postings.json")
SEED = 20240601
CITIES_PER_ROLE = 7
# Combinations the tests and demos rely on, always present: (role key, city, language).
ANCHORS = [("nurse", "Munich", "de"), ("nurse", "Munich", "en"), ("nurse", "Berlin", "de"),
           ("python_developer", "Berlin", "en"), ("python_developer", "Berlin", "de"),
           ("accountant", "Hamburg", "de"), ("accountant", "Lyon", "fr"),
           ("teacher", "Paris", "fr"), ("data_analyst", "Remote", "en")]
DUPLICATES = 12


def generate() -> list[dict]:
    """Build every posting, then add copies of some via other boards (for dedup)."""
    rng = random.Random(SEED)
    postings = []
    for role in ROLES_OFFICE + ROLES_BUSINESS + ROLES_FIELD:
        for city, lang in _placements(rng, role):
            postings.append(_posting(rng, role, city, lang, len(postings)))
    for original in rng.sample(postings, DUPLICATES):
        postings.append(_duplicate(rng, original, len(postings)))
    return postings


def _placements(rng: random.Random, role: dict) -> list[tuple]:
    cities = rng.sample(CITIES, CITIES_PER_ROLE)
    placed = [(c, _language(rng, role, c)) for c in cities]
    for key, city_name, lang in ANCHORS:
        if key == role["key"]:
            placed.append((next(c for c in CITIES if c[0] == city_name), lang))
    return placed


def _language(rng: random.Random, role: dict, city: tuple) -> str:
    langs = [lang for lang in city[3].split() if role.get(lang)]
    return rng.choice(langs or ["en"])


def _posting(rng: random.Random, role: dict, city: tuple, lang: str, index: int) -> dict:
    name, location_forms, region, _, pay_factor, currency = city
    title = rng.choice(role[lang])
    company = _company(rng, role["field"], region, lang)
    location = rng.choice(location_forms)
    skills = role.get(f"skills_{lang}") or role["skills"]
    duties = role.get(f"duties_{lang}") or role["duties_en"]
    quals = _qualifications(rng, role, lang, region, skills)
    benefits = rng.sample(P.BENEFITS[lang], 4)
    remote = region == "remote" or rng.random() < 0.15
    board = rng.choice(BOARDS[region])
    job_id = _job_id(index, title, company, location)
    link = _link(board, title, job_id)
    return {
        "job_id": job_id, "title": title, "company_name": company, "location": location,
        "via": f"via {board}",
        "description": _description(rng, lang, title, company, name if region != "remote"
                                    else "Remote", duties, quals, benefits),
        "apply_link": link,
        "highlights": [{"title": "Qualifications", "items": quals},
                       {"title": "Responsibilities", "items": list(duties)},
                       {"title": "Benefits", "items": benefits}],
        "posted_at": rng.choice(P.POSTED),
        "schedule_type": rng.choice(P.SCHEDULES),
        "salary": _salary(rng, role, lang, pay_factor, currency) if rng.random() < 0.7 else None,
        "work_from_home": remote,
        "apply_options": [{"title": board, "link": link}],
        "source": "offline",
    }


def _company(rng: random.Random, field: str, region: str, lang: str) -> str:
    pattern = COMPANY_PATTERNS[field]["fr" if lang == "fr" else "de" if lang == "de" else "en"]
    return f"{pattern.format(stem=rng.choice(STEMS[region]))} {rng.choice(LEGAL[region])}"


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


def _salary(rng, role, lang, pay_factor, currency) -> str:
    low, high = role["salary"]
    low, high = low * pay_factor * rng.uniform(0.92, 1.08), high * pay_factor * rng.uniform(0.92, 1.08)
    symbol = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF "}[currency]
    if role.get("hourly"):
        per = {"de": "pro Stunde", "fr": "de l'heure", "en": "an hour"}[lang]
        return f"{low:.0f}–{high:.0f} {symbol.strip()} {per}" if lang != "en" \
            else f"{symbol}{low:.0f}–{symbol}{high:.0f} {per}"
    low, high = round(low), round(high)
    if lang == "de":
        return f"{low}.000–{high}.000 {symbol.strip()} pro Jahr"
    if lang == "fr":
        return f"{low} k{symbol.strip()} à {high} k{symbol.strip()} par an"
    return f"{symbol}{low}K–{symbol}{high}K a year"


def _job_id(index: int, *parts: str) -> str:
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]
    return f"offline-{index:04d}-{digest}"


def _link(board: str, title: str, job_id: str) -> str:
    board_slug = re.sub(r"[^a-z0-9]+", "-", fold(board)).strip("-")
    title_slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    return f"https://example.com/jobs/{board_slug}/{title_slug}-{job_id[-12:]}"


def _duplicate(rng: random.Random, original: dict, index: int) -> dict:
    """The same job as another board shows it: other id, link and spelling details."""
    region = next(c[2] for c in CITIES if original["location"] in c[1])
    board = rng.choice([b for b in BOARDS[region] if f"via {b}" != original["via"]])
    title = original["title"].replace("(m/w/d)", "(w/m/d)").replace("(H/F)", "(F/H)")
    company = original["company_name"].rsplit(" ", 1)[0] if rng.random() < 0.5 \
        else original["company_name"].upper()
    job_id = _job_id(index, title, company, board)
    link = _link(board, title, job_id)
    return {**original, "job_id": job_id, "title": title, "company_name": company,
            "via": f"via {board}", "apply_link": link, "posted_at": rng.choice(P.POSTED),
            "description": original["description"].split("\n\n")[0],
            "highlights": original["highlights"][:1],
            "apply_options": [{"title": board, "link": link}]}


def main() -> None:
    postings = generate()
    OUTPUT.write_text(json.dumps(postings, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(postings)} postings to {OUTPUT}")


if __name__ == "__main__":
    main()
