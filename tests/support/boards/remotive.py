"""A loopback Remotive Remote Jobs API (https://github.com/remotive-com/remote-jobs-api) for tests.

It answers ``GET /api/remote-jobs`` the way the README documents it:

- ``category`` keeps one category, given by name ("Software Development") or slug
  ("software-dev"); ``company_name`` and ``search`` are case-insensitive partial matches
  (SQL ``ilike``) on the company, and on the title or the HTML description; ``limit`` cuts the
  list (default: all); ``offset`` skips (undocumented, confirmed by the maintainer in issue #13);
- the envelope holds the two prose keys ``00-warning`` and ``0-legal-notice``, ``job-count``
  (jobs in this answer) and ``total-job-count`` (jobs matching before limit and offset);
- ``teaser = n`` answers the first ``n`` jobs whatever the parameters, as a public client found
  the free API doing in September 2026;
- ``challenge()`` answers Cloudflare's "Just a moment..." HTML page (issue #12) with 403, and
  ``block()`` Cloudflare's rate-limit answer (429, "error code: 1015"), the blocking the README
  announces for more than two requests a minute.

Category slugs are the ones Remotive's job URLs use (``/remote-jobs/software-dev/...``).
"""
from __future__ import annotations

from tests.support.board_standin import BoardStandIn

API_PATH = "/api/remote-jobs"
WARNING = ("Remotive main domain moved to remotive.com ! Please make your API calls on "
           "remotive.com/api/remote-jobs instead of remotive.io now ;)")
LEGAL_NOTICE = ("Remotive API Legal Notice: please link back to the URL found on Remotive AND mention Remotive "
                "as a source. Jobs are delayed by 24 hours. Please do not request more than a couple of times "
                "a day (we advise max. 4 times a day); excessive requests will be blocked.")
CATEGORIES = {
    "software-dev": "Software Development", "customer-support": "Customer Service", "design": "Design",
    "marketing": "Marketing", "sales-business": "Sales / Business", "product": "Product",
    "project-management": "Project Management", "data": "Data Analysis", "devops": "DevOps / Sysadmin",
    "finance-legal": "Finance / Legal", "hr": "Human Resources", "qa": "QA", "writing": "Writing",
    "all-others": "All others",
}
CHALLENGE = ("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
             "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head><body class=\"no-js\">"
             "<div class=\"main-wrapper\" role=\"main\"><noscript><span id=\"challenge-error-text\">Enable "
             "JavaScript and cookies to continue</span></noscript></div></body></html>")
NOT_FOUND = "<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


class RemotiveStandIn(BoardStandIn):
    """``jobs``: raw Remotive entries (default ``sample_jobs()``), in publication order as the
    API lists them; ``teaser``: answer only the first ``teaser`` jobs, ignoring parameters."""

    def __init__(self, jobs: list[dict] | None = None, *, teaser: int | None = None, **options):
        super().__init__(**options)
        self.jobs = sample_jobs() if jobs is None else jobs
        self.teaser = teaser
        self._mode: str | None = None

    def challenge(self) -> None:
        self._mode = "challenge"

    def block(self) -> None:
        self._mode = "block"

    def answer(self, path, params, headers):
        if self._mode == "challenge":
            return 403, {"cf-mitigated": "challenge", "Server": "cloudflare"}, CHALLENGE
        if self._mode == "block":
            return 429, {"Retry-After": "60", "Server": "cloudflare", "Content-Type": "text/plain"}, b"error code: 1015"
        if path.rstrip("/") != API_PATH:
            return 404, {}, NOT_FOUND
        if self.teaser is not None:
            return 200, {}, _envelope(self.jobs[:self.teaser], min(self.teaser, len(self.jobs)))
        jobs = [job for job in self.jobs if _matches(job, params)]
        total = len(jobs)
        offset, limit = _integer(params.get("offset")), _integer(params.get("limit"))
        if offset:
            jobs = jobs[offset:]
        if limit is not None:
            jobs = jobs[:limit]
        return 200, {"Cache-Control": "no-store"}, _envelope(jobs, total)


def _envelope(jobs: list, total: int) -> dict:
    return {"00-warning": WARNING, "0-legal-notice": LEGAL_NOTICE, "job-count": len(jobs),
            "total-job-count": total, "jobs": jobs}


def _matches(job, params: dict) -> bool:
    if not isinstance(job, dict):
        return not any(params.get(k) for k in ("category", "company_name", "search"))
    category = (params.get("category") or "").strip().lower()
    if category:
        name = str(job.get("category") or "").lower()
        if not name:
            return False
        if category != name and (CATEGORIES.get(category) or "").lower() != name:
            return False
    company = (params.get("company_name") or "").strip().lower()
    if company and company not in str(job.get("company_name") or "").lower():
        return False
    search = (params.get("search") or "").strip().lower()
    return not search or search in f"{job.get('title') or ''} {job.get('description') or ''}".lower()


def _integer(value) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if number >= 0 else None


def job(job_id, title: str, company: str, category_slug: str, location: str | None, published: str, *,
        salary: str | None = "", job_type: str | None = "full_time", tags: list | None = None,
        description: str | None = None) -> dict:
    """One entry in Remotive's shape, its ``url`` built the way Remotive builds them."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split())
    return {
        "id": job_id,
        "url": f"https://remotive.com/remote-jobs/{category_slug}/{slug}-{job_id}",
        "title": title,
        "company_name": company,
        "company_logo": f"https://remotive.com/job/{job_id}/logo",
        "category": CATEGORIES[category_slug],
        "tags": tags if tags is not None else [],
        "job_type": job_type,
        "publication_date": published,
        "candidate_required_location": location,
        "salary": salary,
        "description": description if description is not None else f"<p>{company} is hiring a {title}.</p>",
    }


def sample_jobs() -> list[dict]:
    """Sixteen entries as Remotive lists them (newest first): salaries as free text in several
    currencies and forms (or empty), places as Remotive writes them ("USA Only", "Americas,
    EMEA", "Worldwide", a time zone), HTML descriptions, and odd shapes: an id as a string,
    nulls, no id, no url, an entry that is not an object."""
    return [
        job(2091048, "Senior Python Developer", "Tribe Wellness", "software-dev", "USA Only", "2026-09-20T08:01:56",
            salary="$140,000 - $170,000", tags=["python", "django", "aws"],
            description="<h2>About the role</h2><p>Build our <strong>Python</strong> APIs.</p>"
                        "<ul><li>5+ years of Python</li><li>PostgreSQL</li></ul>"),
        job(2090881, "Customer Success Manager", "Expion Health", "customer-support", "Worldwide",
            "2026-09-19T22:15:00", salary="", tags=["saas", "customer success"]),
        job(2090770, "Backend Engineer (Go)", "Hotjar", "software-dev", "Europe", "2026-09-19T15:40:12",
            salary="€60k – €75k", tags=["go", "kubernetes"],
            description="<p>Go &amp; Kubernetes at scale.</p><style>p{color:red}</style>"),
        job(2090655, "Product Designer", "Doist", "design", "Americas, EMEA", "2026-09-19T10:02:44",
            salary="$90,000 - $120,000", job_type="contract", tags=["figma", "ux"]),
        job("2090512", "Python Data Engineer", "Kraken Technologies", "data", "UK", "2026-09-18T17:30:00",
            salary="£50,000 - £65,000 per annum", tags=["python", "spark", "airflow"],
            description="<p>Data pipelines in Python &amp; Airflow.</p>"),
        job(2090400, "Softwareentwickler Python (m/w/d)", "Ionos", "software-dev", "Germany",
            "2026-09-18T09:12:00", salary="60.000 - 70.000 € brutto/Jahr", tags=["python"],
            description="<p>Sie entwickeln Backend-Dienste mit Python.</p>"),
        job(2090311, "Technical Writer", "GitLab", "writing", "Worldwide", "2026-09-17T20:00:00",
            salary="$50-$75 /hour", job_type="freelance", tags=["docs"]),
        job(2090207, "DevOps Engineer", "Canonical", "devops", "CET +/- 3 hours", "2026-09-17T11:45:09",
            salary="Competitive", job_type="", tags=["linux", "kubernetes"]),
        job(2090150, "Sales Development Representative", "Close", "sales-business", "Canada, USA",
            "2026-09-16T14:20:00", salary="CA$55,000 + commission", job_type="full_time"),
        job(2090042, "QA Automation Engineer", "Toptal", "qa", "LATAM", "2026-09-16T08:00:00",
            salary="R$ 12.000/mês", job_type="part_time", tags=["cypress", "python"]),
        job(2089977, "Marketing Intern", "Buffer", "marketing", "Anywhere in the World", "2026-09-15T19:05:00",
            salary="", job_type="internship", tags=["social media"]),
        job(2089901, "Senior Frontend Engineer (React)", "Automattic", "software-dev", "Worldwide",
            "2026-09-15T07:30:00", salary="CHF 100'000 – 120'000", tags=["react", "typescript"],
            description="<p>React &amp; TypeScript.</p><ul><li>Remote-first</li></ul>"),
        {**job(2089850, "Machine Learning Engineer", "Hugging Face", "software-dev", None, "not a date",
               salary=None, job_type=None, tags=None, description=None),
         "company_name": None, "description": None},
        {"url": "https://remotive.com/remote-jobs/software-dev/no-id", "title": "Python Developer",
         "company_name": "No Id Inc", "description": "<p>Python</p>"},
        {**job(2089700, "Python Backend Developer", "Linkless", "software-dev", "Worldwide", "2026-09-14T12:00:00"),
         "url": None},
        "not a job",
    ]
