"""A loopback Arbeitnow job board API (https://www.arbeitnow.com/api/job-board-api) for tests.

It answers ``GET /api/job-board-api?page=N`` the way Arbeitnow (a Laravel application) does:

- newest first (by ``created_at``), ``per_page`` postings a page (100 live), with Laravel's
  simple-paginator envelope: ``links`` {first, last: null, prev, next} and ``meta``
  {current_page, from, path, per_page, to, terms, info}; past the last page ``data`` is empty and
  ``from`` / ``to`` are null; a missing, non-numeric or non-positive ``page`` is page 1;
- ``links.next`` carries a rotating featured ``search=`` term, as public clients report, and a
  ``search`` parameter narrows the listing to titles and tags holding it (so a client that
  follows ``links.next`` reads a narrowed board);
- every answer has ``X-RateLimit-Limit`` / ``X-RateLimit-Remaining`` (50 a window, as captured);
  ``throttle(n)`` answers Laravel's 429 ``{"message": "Too Many Attempts."}`` with
  ``Retry-After`` after ``n`` requests; ``maintenance()`` is Laravel's 503 JSON;
- other paths get Laravel's HTML 404 page.
"""
from __future__ import annotations

from tests.support.board_standin import BoardStandIn

API_PATH = "/api/job-board-api"
PUBLIC_PATH = "https://www.arbeitnow.com/api/job-board-api"
TERMS = ("This is a free public API for jobs, please do not abuse. I would appreciate linking back to the "
         "site. By using the API, you agree to the terms of service present on Arbeitnow.com")
INFO = "Jobs are updated every hour and ordered by their creation date, newest first."
FEATURED = ("visa sponsorship", "english", "remote", "berlin")
NOT_FOUND = ("<!DOCTYPE html><html lang=\"en\"><head><title>Not Found</title></head>"
             "<body><div class=\"code\">404</div><div class=\"message\">Not Found</div></body></html>")
RATE_LIMIT = 50


class ArbeitnowStandIn(BoardStandIn):
    """``jobs``: raw Arbeitnow entries (default ``sample_jobs()``), served newest first;
    ``per_page``: postings a page."""

    def __init__(self, jobs: list[dict] | None = None, *, per_page: int = 100, **options):
        super().__init__(**options)
        self.jobs = sample_jobs() if jobs is None else jobs
        self.per_page = per_page
        self.throttle_after: int | None = None
        self.retry_after = 60
        self.down_for_maintenance = False
        self._served = 0

    def throttle(self, after: int, retry_after: int = 60) -> None:
        """From request ``after + 1`` on, answer 429 as Laravel's throttle middleware does."""
        self.throttle_after, self.retry_after = after, retry_after

    def maintenance(self) -> None:
        self.down_for_maintenance = True

    def answer(self, path, params, headers):
        if path.rstrip("/") != API_PATH:
            return 404, {}, NOT_FOUND
        if self.down_for_maintenance:
            return 503, {"Retry-After": "60"}, {"message": "Service Unavailable"}
        self._served += 1
        remaining = max(0, RATE_LIMIT - self._served)
        limit_headers = {"X-RateLimit-Limit": str(RATE_LIMIT), "X-RateLimit-Remaining": str(remaining),
                         "Cache-Control": "private, max-age=432000"}
        if self.throttle_after is not None and self._served > self.throttle_after:
            return 429, {**limit_headers, "X-RateLimit-Remaining": "0", "Retry-After": str(self.retry_after)}, {
                "message": "Too Many Attempts."}
        page = _page_number(params.get("page"))
        listing = sorted(self.jobs, key=_created, reverse=True)
        search = (params.get("search") or "").strip().lower()
        if search:
            listing = [job for job in listing if search in _haystack(job)]
        start = (page - 1) * self.per_page
        rows = listing[start:start + self.per_page]
        more = start + self.per_page < len(listing)
        featured = FEATURED[page % len(FEATURED)]
        return 200, limit_headers, {
            "data": rows,
            "links": {
                "first": f"{PUBLIC_PATH}?page=1",
                "last": None,
                "prev": f"{PUBLIC_PATH}?page={page - 1}" if page > 1 else None,
                "next": f"{PUBLIC_PATH}?search={featured.replace(' ', '%20')}&page={page + 1}" if more else None,
            },
            "meta": {
                "current_page": page,
                "from": start + 1 if rows else None,
                "path": PUBLIC_PATH,
                "per_page": self.per_page,
                "to": start + len(rows) if rows else None,
                "terms": TERMS,
                "info": INFO,
            },
        }


def _page_number(value) -> int:
    try:
        page = int(str(value))
    except ValueError:
        return 1
    return max(page, 1)


def _created(job) -> float:
    try:
        return float(job.get("created_at"))
    except (AttributeError, TypeError, ValueError):
        return 0.0


def _haystack(job) -> str:
    if not isinstance(job, dict):
        return ""
    tags = job.get("tags") if isinstance(job.get("tags"), list) else []
    return " ".join([str(job.get("title") or ""), *map(str, tags)]).lower()


def job(slug: str, title: str, company: str, location: str, created_at: int, *, remote: bool = False,
        tags: list | None = None, job_types: list | None = None, description: str | None = None) -> dict:
    """One entry in Arbeitnow's shape, its ``url`` built the way Arbeitnow builds them."""
    company_slug = "-".join(company.lower().replace(".", "").replace("&", "").split())
    return {
        "slug": slug,
        "company_name": company,
        "title": title,
        "description": description if description is not None else f"<p>{title} bei {company}.</p>",
        "remote": remote,
        "url": f"https://www.arbeitnow.com/jobs/companies/{company_slug}/{slug}",
        "tags": tags if tags is not None else [],
        "job_types": job_types if job_types is not None else ["Full Time"],
        "location": location,
        "created_at": created_at,
    }


def sample_jobs() -> list[dict]:
    """Sixteen entries as Arbeitnow lists them: German and English titles with (m/w/d), HTML
    descriptions, remote and on-site jobs across Germany and beyond, and the odd shapes public
    clients guard against (null and missing fields, a string epoch, a non-list of tags)."""
    base = 1_790_000_000  # 2026-09-21T13:33:20Z
    return [
        job("senior-python-developer-berlin-416001", "Senior Python Developer (m/w/d)", "Ilg GmbH", "Berlin",
            base - 3_600, remote=True, tags=["Software Development", "Python", "Django"],
            job_types=["Full Time", "Professional / Experienced"],
            description="<h2>Deine Aufgaben</h2><ul><li>Backend-Services mit <strong>Python</strong> und Django "
                        "entwickeln</li><li>APIs für unsere Logistik-Plattform bauen</li></ul>"
                        "<p>Wir bieten 30 Tage Urlaub &amp; Homeoffice.</p>"),
        job("buchhalter-muenchen-416002", "Finanzbuchhalter (m/w/d)", "Bauer & Söhne KG", "München",
            base - 7_200, tags=["Accounting", "Finance"], job_types=["Vollzeit", "Berufserfahren"],
            description="<p>Sie erstellen Monats- und Jahresabschlüsse nach HGB.</p><ul><li>DATEV</li></ul>"),
        job("pflegefachkraft-hamburg-416003", "Pflegefachkraft (m/w/d) Intensivstation", "Asklepios Kliniken",
            "Hamburg-Altona", base - 10_800, tags=["Healthcare", "Nursing"], job_types=["Vollzeit", "Teilzeit"],
            description="<p>Examinierte Pflegefachkraft für unsere Intensivstation gesucht.</p>"),
        job("frontend-engineer-react-remote-416004", "Frontend Engineer – React / TypeScript", "Loopario",
            "Remote", base - 14_400, remote=True, tags=["Frontend", "React", "TypeScript"],
            description="<p>Build our design system in <em>React</em> &amp; TypeScript.</p><script>track()</script>"),
        job("werkstudent-marketing-koeln-416005", "Werkstudent Online-Marketing (m/w/d)", "Rewe Digital",
            "Köln", base - 18_000, tags=["Marketing"], job_types=["Werkstudent", "Part Time"]),
        job("data-engineer-frankfurt-416006", "Data Engineer (m/w/d)", "Deutsche Börse", "Frankfurt am Main",
            base - 21_600, tags=["Data", "Python", "Spark"], job_types=["Full Time"],
            description="<p>Pipelines in Python and Spark on AWS.</p>"),
        job("praktikum-ux-design-berlin-416007", "Praktikum UX Design", "N26", "10115 Berlin", base - 25_200,
            tags=["Design", "UX"], job_types=["Internship", "Praktikum"]),
        job("devops-engineer-wien-416008", "DevOps Engineer (Kubernetes)", "Bitpanda", "Wien", base - 28_800,
            remote=True, tags=["DevOps", "Kubernetes"], job_types=["Full Time"]),
        job("sachbearbeiter-leipzig-416009", "Sachbearbeiter Buchhaltung (m/w/d)", "Stadtwerke Leipzig",
            "Leipzig", base - 32_400, tags=["Accounting"], job_types=["Vollzeit"]),
        job("backend-developer-java-amsterdam-416010", "Backend Developer Java", "Adyen", "Amsterdam, Netherlands",
            base - 36_000, tags=["Java", "Spring"], job_types=["Full Time"]),
        job("freelance-python-consultant-416011", "Freelance Python Consultant", "Codecentric AG",
            "Düsseldorf", base - 39_600, remote=True, tags=["Python", "Consulting"], job_types=["Freelance"]),
        {  # a string epoch and a null company: both seen in public client guards
            **job("kassierer-dresden-416012", "Kassierer (m/w/d)", "Edeka", "Dresden", 0,
                  tags=["Retail"], job_types=["Minijob"]),
            "created_at": str(base - 43_200), "company_name": None,
        },
        {  # tags as a string, job_types missing, no description
            "slug": "lagerhelfer-bremen-416013", "company_name": "DHL Group", "title": "Lagerhelfer (m/w/d)",
            "remote": False, "url": "https://www.arbeitnow.com/jobs/companies/dhl-group/lagerhelfer-bremen-416013",
            "tags": "Logistics", "location": "Bremen", "created_at": base - 46_800,
        },
        {  # no url: nothing to link back to
            "slug": "ghost-job-416014", "company_name": "Ghost GmbH", "title": "Python Developer",
            "description": "<p>Python</p>", "remote": True, "url": None, "tags": ["Python"], "job_types": [],
            "location": "Berlin", "created_at": base - 50_400,
        },
        {  # no title
            "slug": "untitled-416015", "company_name": "Nameless AG", "title": "", "description": "",
            "remote": False, "url": "https://www.arbeitnow.com/jobs/companies/nameless-ag/untitled-416015",
            "tags": [], "job_types": [], "location": "Stuttgart", "created_at": base - 54_000,
        },
        job("python-entwickler-stuttgart-416016", "Python-Entwickler (m/w/d)", "Bosch", "Stuttgart",
            base - 57_600, tags=["Python", "Embedded"], job_types=["Full Time"],
            description="<div><p>Python für Steuergeräte-Tests.</p></div>"),
    ]
