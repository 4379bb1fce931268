import json
import re
from collections import Counter, defaultdict
from functools import cache

import pytest

from domain.cv.skills import extract_skills
from domain.jobs.data import generate_postings
from domain.jobs.data.phrases import SAMPLE_LABEL, SAMPLE_NOTICE
from domain.jobs.data.places import CITIES, COUNTRIES
from domain.jobs.dedup import deduplicate
from domain.jobs.offline_source import DATA_FILE
from domain.jobs.places import NEAR_KM, distance_km, resolve_place
from domain.jobs.types import JobPosting

FIELDS = {"software", "data", "devops", "design", "marketing", "sales", "finance", "healthcare",
          "teaching", "logistics", "hospitality", "engineering", "legal", "hr", "trades",
          "product", "customer_service", "retail", "pharmacy", "construction", "security",
          "research", "public_sector", "cleaning", "childcare", "social_work", "administration",
          "manufacturing"}
# Keys every sample posting carries: the SerpApi shape plus the structured fields boards fill.
KEYS = {"job_id", "title", "company_name", "location", "via", "description", "apply_link",
        "highlights", "posted_at", "schedule_type", "salary", "work_from_home", "apply_options",
        "source", "salary_min", "salary_max", "salary_currency", "salary_period", "posted_date",
        "city", "country", "latitude", "longitude"}
REAL_BOARDS = ("linkedin", "indeed", "stepstone", "xing", "glassdoor", "arbeitsagentur", "welcome to the jungle",
               "hellowork", "apec", "france travail", "reed", "totaljobs", "ziprecruiter", "built in",
               "karriere.at", "jobs.ch", "jobup", "nationale vacaturebank", "we work remotely", "remote ok",
               "wellfound")
HEADINGS = {"en": "What you will do:", "de": "Deine Aufgaben:", "fr": "Vos missions :"}
CURRENCY = {city[0]: city[5] for city in CITIES if city[2] != "remote"}
COUNTRY_OF = {city[0]: COUNTRIES[city[2]][0] for city in CITIES if city[2] != "remote"}
COUNTRY_NAME = dict(COUNTRIES.values())  # "DE" -> "Germany": "Berlin, DE" reads as Delaware


@cache
def load() -> tuple[dict, ...]:
    return tuple(json.loads(DATA_FILE.read_text(encoding="utf-8")))


@cache
def field_of_title() -> dict[str, str]:
    """Every template title (and the second-listing spelling of it) -> its role's field."""
    fields = {}
    for role in generate_postings.ROLES:
        for lang in ("en", "de", "fr"):
            for title in role[lang]:
                fields[title] = role["field"]
                fields[title.replace("(m/w/d)", "(w/m/d)").replace("(H/F)", "(F/H)")] = role["field"]
    return fields


def city_name(data: dict) -> str:
    """The generator's name of the posting's city ("Remote" for the remote ones)."""
    return next(c[0] for c in CITIES if data["location"] in c[1])


def test_the_committed_file_is_what_the_generator_makes():
    assert list(load()) == generate_postings.generate()


def test_the_file_stays_small_enough_to_bundle():
    assert DATA_FILE.stat().st_size <= 3_000_000


def test_every_posting_has_the_jobposting_shape():
    raw = load()
    assert len(raw) >= 1000
    for data in raw:
        assert set(data) == KEYS, data["job_id"]
        posting = JobPosting.from_dict(data)
        assert posting.to_dict() == {**JobPosting(job_id="", title="", company_name="").to_dict(), **data}
        assert posting.job_id.startswith("offline-") and posting.title and posting.company_name and posting.location
        assert {h["title"] for h in posting.highlights} >= {"Qualifications"}
        assert posting.posted_at and posting.posted_date is None
        assert posting.schedule_type in {"Full-time", "Part-time", "Contractor"}
    assert len({d["job_id"] for d in raw}) == len(raw)


def test_the_first_sample_keeps_its_ids_so_tests_naming_them_still_find_them():
    """tests/pipeline/test_letters.py names postings 1 and 5 by their ids' prefix."""
    raw = load()
    assert raw[1]["job_id"].startswith("offline-0001-") and raw[1]["title"] == "Senior Python Engineer"
    assert raw[1]["company_name"] == "Albion Software Ltd" and raw[1]["location"].startswith("London")
    assert raw[5]["job_id"].startswith("offline-0005-") and raw[5]["title"] == "Python-Entwickler (m/w/d)"
    assert raw[5]["company_name"] == "Alpenland Software AG" and raw[5]["location"].startswith("Wien")


def test_every_posting_says_it_is_a_sample_and_names_no_real_board():
    for data in load():
        assert data["via"] == f"via {SAMPLE_LABEL}" and data["source"] == "offline"
        assert data["apply_link"].startswith("https://example.com/")
        assert data["apply_options"] and all(
            o["link"].startswith("https://example.com/") and o["title"].startswith(SAMPLE_LABEL)
            for o in data["apply_options"])
        last_line = data["description"].rsplit("\n", 1)[-1]
        assert last_line in SAMPLE_NOTICE.values(), data["job_id"]
        for lang, heading in HEADINGS.items():  # the notice is in the posting's language
            if heading in data["description"]:
                assert last_line == SAMPLE_NOTICE[lang]
        named = f"{data['via']} {data['apply_link']} {json.dumps(data['apply_options'])}".lower()
        assert not [board for board in REAL_BOARDS if board in named], data["job_id"]


def test_covers_at_least_40_cities_in_10_countries():
    raw = load()
    cities = Counter(d["city"] for d in raw if d["city"])
    countries = Counter(d["country"] for d in raw if d["country"])
    assert len(cities) >= 40 and len(countries) >= 10
    assert {"DE", "FR", "GB", "NL", "ES", "IT", "AT", "CH", "US", "CA", "IE", "PL", "PT", "BE", "SE"} <= set(countries)
    assert min(cities.values()) >= 15  # every city is worth a search, not a token entry
    assert sum(1 for d in raw if d["city"] is None and d["work_from_home"]) >= 20  # remote ones too


def test_covers_at_least_25_fields_and_every_title_is_a_template_title():
    assert {role["field"] for role in generate_postings.ROLES} == FIELDS
    found = Counter(field_of_title()[d["title"]] for d in load())
    assert set(found) == FIELDS and len(found) >= 25
    assert min(found.values()) >= 5


def test_every_city_has_a_spread_of_common_fields_and_every_core_role():
    by_key = {role["key"]: role for role in generate_postings.ROLES}
    core_titles = defaultdict(set)  # city -> core role keys present under their core title
    fields = defaultdict(set)
    for data in load():
        city = city_name(data)
        fields[city].add(field_of_title()[data["title"]])
        for key in generate_postings.CORE_ROLES:
            role = by_key[key]
            if data["title"] in {generate_postings._core_title(role, lang) for lang in ("en", "de", "fr")}:
                core_titles[city].add(key)
    for city in CITIES:
        if city[2] == "remote":
            assert core_titles[city[0]] >= set(generate_postings.REMOTE_ROLES) & set(generate_postings.CORE_ROLES)
            continue
        assert len(fields[city[0]]) >= 15, (city[0], fields[city[0]])
        assert core_titles[city[0]] == set(generate_postings.CORE_ROLES), city[0]


def test_structured_place_is_the_gazetteers_reading_of_the_location():
    for data in load():
        if data["location"] == "Anywhere":
            assert data["work_from_home"] and data["city"] is None and data["latitude"] is None
            continue
        city = city_name(data)
        assert data["country"] == COUNTRY_OF[city]
        read = resolve_place(data["location"])
        stored = resolve_place(f"{data['city']}, {COUNTRY_NAME[data['country']]}")
        assert read is not None and read.country == data["country"], data["location"]
        assert (data["latitude"], data["longitude"]) == (stored.latitude, stored.longitude)
        assert distance_km(read, stored) <= NEAR_KM  # "Brooklyn, NY" is a few km from New York City


def test_structured_salary_matches_the_salary_text():
    hourly_words = ("an hour", "pro Stunde", "de l'heure")
    with_salary = [d for d in load() if d["salary"]]
    assert len(with_salary) >= 0.6 * len(load())
    for data in load():
        if not data["salary"]:
            assert data["salary_min"] is data["salary_max"] is data["salary_currency"] is data["salary_period"] is None
            continue
        low, high = data["salary_min"], data["salary_max"]
        assert 0 < low <= high, data["salary"]
        currency = "EUR" if data["location"] == "Anywhere" else CURRENCY[city_name(data)]
        assert data["salary_currency"] == currency
        numbers = [int(n) for n in re.findall(r"\d+", data["salary"].replace(".000", ""))]
        if data["salary_period"] == "hour":
            assert data["salary"].endswith(hourly_words) and numbers == [low, high]
        else:
            assert data["salary_period"] == "year" and not data["salary"].endswith(hourly_words)
            assert numbers == [low / 1000, high / 1000] and low >= 10_000


@pytest.mark.parametrize("city, currency, lowest, highest", [
    ("Warsaw", "PLN", 30_000, 400_000), ("Stockholm", "SEK", 100_000, 1_500_000),
    ("Zurich", "CHF", 40_000, 250_000), ("London", "GBP", 15_000, 150_000), ("Montreal", "CAD", 25_000, 200_000),
])
def test_yearly_salaries_are_plausible_in_the_local_currency(city, currency, lowest, highest):
    yearly = [d for d in load() if d["salary_period"] == "year" and city_name(d) == city]
    assert yearly and {d["salary_currency"] for d in yearly} == {currency}
    assert lowest <= min(d["salary_min"] for d in yearly) and max(d["salary_max"] for d in yearly) <= highest


def test_on_site_work_added_to_the_sample_is_never_remote():
    added = load()[336:]  # after the first sample and its second listings
    on_site = [d for d in added if field_of_title()[d["title"]] in generate_postings.ON_SITE_FIELDS]
    assert len(on_site) >= 300 and not any(d["work_from_home"] for d in on_site)
    assert any(d["work_from_home"] for d in added if d["city"])  # office work sometimes is


def test_no_place_reads_as_a_skill():
    """A letter names the job's city; "Basel" would read as the skill Basel III, "Montréal, QC" as
    quality control, and the letter would seem to claim a skill the CV lacks."""
    names = {form for city in CITIES for form in city[1]}
    assert {name: extract_skills(name) for name in names if extract_skills(name)} == {}


def test_languages_follow_the_city():
    raw = load()
    descriptions = " ".join(d["description"] for d in raw)
    assert all(heading in descriptions for heading in HEADINGS.values())
    for data in raw:
        langs = next(c[3] for c in CITIES if c[0] == city_name(data)).split()
        used = next((lang for lang, heading in HEADINGS.items() if heading in data["description"]), None)
        assert used is None or used in langs, (data["location"], used)  # None: a short second listing


def test_contains_second_listings_for_dedup():
    postings = [JobPosting.from_dict(d) for d in load()]
    merged = deduplicate(postings)
    assert len(postings) - len(merged) >= 10
    assert any(len(p.apply_options) == 2 for p in merged)
