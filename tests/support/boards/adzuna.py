"""A loopback Adzuna search API (https://developer.adzuna.com/docs/search) for tests.

It answers ``GET /v1/api/jobs/{country}/search/{page}`` the way Adzuna does:

- ``app_id`` and ``app_key`` must both be present (else 400 with Adzuna's HTML "Uh oh" page) and
  right (else 401 ``{"exception": "AUTH_FAIL", "display": "Authorisation failed", ...}``, the body
  Adzuna sends to a wrong key);
- a parameter Adzuna does not know gets the same HTML 400 page (a client that sent ``max_days``
  instead of ``max_days_old`` saw exactly that);
- ``what`` keeps results whose title or description hold every word and wraps the words in
  ``<strong>`` in the title, as Adzuna highlights them; ``where`` keeps results whose place names
  match or that lie within ``distance`` km of the place (default 5 km, as documented);
  ``max_days_old`` drops older results; ``results_per_page`` (default 10) pages from page 1.

Each job's country is read from its ``redirect_url`` host (adzuna.co.uk is gb, adzuna.de is de),
as Adzuna keeps one index per country site.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from domain.jobs.places import Place, distance_km, resolve_place
from tests.support.board_standin import BoardStandIn

APP_ID, APP_KEY = "test-app-id", "test-app-key-0123456789abcdef"
COUNTRIES = frozenset("gb us at au be br ca ch de es fr in it mx nl nz pl sg za".split())
KNOWN_PARAMS = frozenset(
    "app_id app_key results_per_page what what_and what_phrase what_or what_exclude title_only where "
    "distance location0 location1 location2 location3 location4 location5 location6 location7 "
    "max_days_old category sort_dir sort_by salary_min salary_max salary_include_unknown full_time "
    "part_time contract permanent company content-type".split())
HOSTS = {"adzuna.co.uk": "gb", "adzuna.de": "de", "adzuna.fr": "fr", "adzuna.com": "us",
         "adzuna.com.au": "au", "adzuna.ca": "ca", "adzuna.nl": "nl", "adzuna.at": "at", "adzuna.ch": "ch"}
UH_OH = ("<!DOCTYPE html><html><head><title>Adzuna API</title></head><body><h1>Uh oh</h1>"
         "<p>Something went wrong with your request.</p></body></html>")
AUTH_FAIL = {"doc": "https://api.adzuna.com/v1/doc", "display": "Authorisation failed",
             "exception": "AUTH_FAIL", "__CLASS__": "Adzuna::API::Response::Exception"}
DEFAULT_DISTANCE_KM = 5.0


class AdzunaStandIn(BoardStandIn):
    """``jobs``: raw Adzuna results (default ``sample_jobs()``); ``app_id`` / ``app_key``: the
    key pair it accepts; ``now``: the clock ``max_days_old`` is measured against."""

    def __init__(self, jobs: list[dict] | None = None, *, app_id: str = APP_ID, app_key: str = APP_KEY,
                 now: datetime | None = None, **options):
        super().__init__(**options)
        self.jobs = sample_jobs() if jobs is None else jobs
        self.app_id, self.app_key = app_id, app_key
        self.now = now or datetime.now(UTC)

    def answer(self, path, params, headers):
        match = re.fullmatch(r"/v1/api/jobs/([a-z]{2})/search/(\d+)", path)
        if match is None or match.group(1) not in COUNTRIES:
            return 404, {}, UH_OH
        if not params.get("app_id") or not params.get("app_key"):
            return 400, {}, UH_OH
        if params["app_id"] != self.app_id or params["app_key"] != self.app_key:
            return 401, {}, AUTH_FAIL
        if set(params) - KNOWN_PARAMS:
            return 400, {}, UH_OH
        try:
            page = int(match.group(2))
            per_page = min(50, int(params.get("results_per_page") or 10))
            distance = float(params.get("distance") or DEFAULT_DISTANCE_KM)
            max_days = int(params["max_days_old"]) if params.get("max_days_old") else None
        except ValueError:
            return 400, {}, UH_OH
        if page < 1 or per_page < 1:
            return 400, {}, UH_OH
        words = (params.get("what") or "").lower().split()
        matches = [job for job in self.jobs if job_country(job) == match.group(1)
                   and _has_words(job, words) and _near(job, params.get("where"), distance)
                   and self._fresh(job, max_days)]
        salaries = [s for job in matches for s in (job.get("salary_min"), job.get("salary_max"))
                    if isinstance(s, (int, float)) and s > 0]
        start = (page - 1) * per_page
        return 200, {}, {
            "__CLASS__": "Adzuna::API::Response::JobSearchResults",
            "count": len(matches),
            "mean": round(sum(salaries) / len(salaries), 2) if salaries else 0,
            "results": [_highlighted(job, words) for job in matches[start:start + per_page]],
        }

    def _fresh(self, job: dict, max_days: int | None) -> bool:
        if max_days is None:
            return True
        try:
            created = datetime.fromisoformat(str(job.get("created")))
        except ValueError:
            return True
        return created >= self.now - timedelta(days=max_days)


def job_country(job: dict) -> str:
    """The Adzuna country site a raw job belongs to, from its ``redirect_url`` host."""
    host = urlparse(str(job.get("redirect_url") or "")).hostname or ""
    return HOSTS.get(host.removeprefix("www."), "gb")


def _has_words(job: dict, words: list[str]) -> bool:
    text = f"{job.get('title') or ''} {job.get('description') or ''}".lower()
    return all(word in text for word in words)


def _near(job: dict, where: str | None, distance: float) -> bool:
    if not where:
        return True
    place = job.get("location") if isinstance(job.get("location"), dict) else {}
    names = [str(place.get("display_name") or "")] + [str(a) for a in place.get("area") or []]
    if any(where.lower() == name.lower() or where.lower() in name.lower().split(", ") for name in names):
        return True
    wanted, lat, lon = resolve_place(where), job.get("latitude"), job.get("longitude")
    if wanted is None or not wanted.has_point or not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return False
    return distance_km(wanted, Place(latitude=lat, longitude=lon)) <= distance


def _highlighted(job: dict, words: list[str]) -> dict:
    title = job.get("title")
    if isinstance(title, str):
        for word in words:
            title = re.sub(f"({re.escape(word)})", r"<strong>\1</strong>", title, count=1, flags=re.IGNORECASE)
    return {**job, "title": title} if "title" in job else dict(job)


def sample_jobs(now: datetime | None = None) -> list[dict]:
    """Fourteen results in Adzuna's wire format across gb, de, fr and us: predicted and stated
    salaries (numbers, a numeric string, an int flag), snippets cut with "…" and carrying
    entities and tags, a company without a name, a place without coordinates, null contract
    fields, and an old posting that ``max_days_old=30`` leaves out."""
    now = now or datetime.now(UTC)

    def created(days: int) -> str:
        return (now - timedelta(days=days, hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def location(display: str, *area: str) -> dict:
        return {"__CLASS__": "Adzuna::API::Response::Location", "display_name": display, "area": list(area)}

    def company(name: str | None) -> dict:
        entry = {"__CLASS__": "Adzuna::API::Response::Company"}
        if name is not None:
            entry["display_name"] = name
        return entry

    def category(label: str, tag: str) -> dict:
        return {"__CLASS__": "Adzuna::API::Response::Category", "label": label, "tag": tag}

    def job(ad_id: str, host: str, **fields) -> dict:
        return {"__CLASS__": "Adzuna::API::Response::Job", "id": ad_id,
                "adref": "eyJhbGciOiJIUzI1NiJ9.eyJpIjoi" + ad_id + "In0.sig",
                "redirect_url": f"https://www.{host}/jobs/land/ad/{ad_id}?se=abc&utm_medium=api&utm_source=test&v=1F",
                **fields}

    return [
        job("5039776326", "adzuna.co.uk", title="Senior Python Developer", created=created(1),
            company=company("Code Convergence"), location=location("London, UK", "UK", "London"),
            description="We are hiring a Python developer to build data services &amp; APIs in Django "
                        "and FastAPI. Hybrid working, 2 days in our Shoreditch office…",
            latitude=51.503378, longitude=-0.139134, salary_min=65000, salary_max=80000,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("IT Jobs", "it-jobs")),
        job("4412000001", "adzuna.co.uk", title="Python Engineer (Data Platform)", created=created(2),
            company=company("Hertfordshire Analytics Ltd"),
            location=location("Watford, Hertfordshire", "UK", "East of England", "Hertfordshire", "Watford"),
            description="Join our platform team. <br>You will write Python, Airflow DAGs and SQL. "
                        "Flexible hours…",
            latitude=51.65531, longitude=-0.39602, salary_min="52000.50", salary_max="61000",
            salary_is_predicted=0, contract_time="full_time", contract_type="permanent",
            category=category("IT Jobs", "it-jobs")),
        job("1199079571", "adzuna.co.uk", title="Bike Courier", created=created(3),
            company=company("Just Eat"), location=location("Maidstone, Kent", "UK", "South East England", "Kent",
                                                           "Maidstone"),
            description=" Bike Courier   Get a taste of freedom on the road with the UK's largest food "
                        "delivery network. Become a self-employed Bike Courier…",
            latitude=51.270302, longitude=0.523841, salary_min=24565.21, salary_max=24565.21,
            salary_is_predicted="1", contract_time="part_time", contract_type="contract",
            category=category("Other/General Jobs", "other-general-jobs")),
        job("4412000002", "adzuna.co.uk", title="Registered Nurse – Night Shifts", created=created(4),
            company=company("Leeds Teaching Hospitals"), location=location("Leeds, West Yorkshire", "UK",
                                                                            "Yorkshire And The Humber",
                                                                            "West Yorkshire", "Leeds"),
            description="<p>Band 5 registered nurse for our surgical ward.</p><ul><li>NMC registration</li>"
                        "<li>Night rota</li></ul>",
            latitude=53.79648, longitude=-1.54785, salary_min=28407, salary_max=34581,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("Healthcare & Nursing Jobs", "healthcare-nursing-jobs")),
        job("4412000003", "adzuna.co.uk", title="Python Tutor", created=created(5),
            company=company(None), location=location("UK", "UK"),
            description="Online Python tutoring for GCSE students. Evenings and weekends.",
            salary_is_predicted="1", contract_time=None, contract_type=None,
            category=category("Teaching Jobs", "teaching-jobs")),
        job("4412000004", "adzuna.co.uk", title="Python Developer – Legacy Systems", created=created(60),
            company=company("Old Posting plc"), location=location("Manchester, Greater Manchester", "UK",
                                                                  "North West England", "Greater Manchester",
                                                                  "Manchester"),
            description="An old posting that max_days_old=30 leaves out. Python 2 to 3 migration.",
            latitude=53.48095, longitude=-2.23743, salary_min=45000, salary_max=55000,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("IT Jobs", "it-jobs")),
        job("5690511752", "adzuna.de", title="Python-Entwickler Plattformbetrieb & Datenflussoptimierung (m/w/d)",
            created=created(1), company=company("Stiftung Kirchliches Rechenzentrum Südwestdeutschland"),
            location=location("Eggenstein-Leopoldshafen, Karlsruhe (Kreis)", "Deutschland", "Baden-Württemberg",
                              "Karlsruhe (Kreis)", "Eggenstein-Leopoldshafen"),
            description="Deine Mission - Du entwickelst das datengetriebene Herz unserer Services. Als Python "
                        "Developer bist Du der Experte für ETL-Prozesse. ITS…",
            latitude=49.09022, longitude=8.42763, salary_is_predicted="0",
            category=category("IT-Stellen", "it-jobs")),
        job("5690511753", "adzuna.de", title="Senior Python Developer (w/m/d)", created=created(2),
            company=company("Isar Data GmbH"), location=location("München, Bayern", "Deutschland", "Bayern",
                                                                 "Oberbayern", "München"),
            description="Python, Kubernetes und PostgreSQL in einem Team in München-Schwabing. "
                        "Homeoffice bis zu 3 Tage…",
            latitude=48.13743, longitude=11.57549, salary_min=70000, salary_max=85000,
            salary_is_predicted="1", contract_time="full_time", contract_type="permanent",
            category=category("IT-Stellen", "it-jobs")),
        job("5690511754", "adzuna.de", title="Pflegefachkraft (m/w/d) Intensivstation", created=created(3),
            company=company("Klinikum Nord"), location=location("Hamburg", "Deutschland", "Hamburg"),
            description="Wir suchen eine Pflegefachkraft für unsere Intensivstation. Tarif TV-L, "
                        "Schichtzulagen…",
            latitude=53.55073, longitude=9.99302, salary_min=3800, salary_max=4600,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("Pflege & Gesundheit", "healthcare-nursing-jobs")),
        job("2742818369", "adzuna.fr", title="Développeur Python (H/F)", created=created(2),
            company=company("Predictis"), location=location("Châtenay-Malabry, Antony", "France",
                                                            "Ile-de-France", "Hauts-de-Seine", "Antony",
                                                            "Châtenay-Malabry"),
            description="Créée en 1997, Predictis recherche un développeur Python confirmé pour son "
                        "pôle data…",
            latitude=48.76614, longitude=2.26075, salary_min=42000, salary_max=50000,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("Emplois Informatique", "it-jobs")),
        job("2742818370", "adzuna.fr", title="Data Engineer Python", created=created(4),
            company=company("Banque Lumière"), location=location("Paris, Ile-de-France", "France",
                                                                 "Ile-de-France", "Paris"),
            description="Pipelines Spark et Python pour la direction des risques…",
            latitude=48.85341, longitude=2.3488, contract_time="full_time",
            category=category("Emplois Informatique", "it-jobs")),
        job("2473378091", "adzuna.com", title="Mid-Level Full Stack Software Engineer", created=created(1),
            company=company("BOEING"), location=location("Corpus Christi, Nueces County", "US", "Texas",
                                                         "Nueces County", "Corpus Christi"),
            description="Job Description At Boeing, we innovate and collaborate to make the world a better "
                        "place. Python and React…",
            latitude=27.795895, longitude=-97.401825, salary_min=95000, salary_max=120000,
            salary_is_predicted="0", contract_time="full_time", contract_type="permanent",
            category=category("IT Jobs", "it-jobs")),
        job("2473378092", "adzuna.com", title="Python Developer (Remote)", created=created(3),
            company=company("Lone Star Software"), location=location("US", "US"),
            description="Fully remote within the US. Python, AWS Lambda and Terraform…",
            salary_min=110000, salary_is_predicted="0", contract_time="full_time", contract_type="contract",
            category=category("IT Jobs", "it-jobs")),
        job("2473378093", "adzuna.com", title="Warehouse Associate", created=created(2),
            company=company("Northwind Logistics"), location=location("Austin, Travis County", "US", "Texas",
                                                                      "Travis County", "Austin"),
            description="Pick, pack and ship. Forklift certification a plus.",
            latitude=30.26715, longitude=-97.74306, salary_min=36000, salary_max=41000,
            salary_is_predicted="1", contract_time="full_time", contract_type="permanent",
            category=category("Logistics & Warehouse Jobs", "logistics-warehouse-jobs")),
    ]
