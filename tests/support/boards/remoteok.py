"""A loopback Remote OK feed (https://remoteok.com/api) for tests.

It answers ``GET /api`` the way Remote OK does: a JSON array that opens with the legal notice and
then lists the jobs, newest first. ``page``, ``offset`` and ``limit`` are ignored (the real feed
has no pages); ``tag`` / ``tags`` keep jobs carrying every listed tag (comma-separated, ANDed),
and a tag nothing carries leaves the notice alone. A request without a User-Agent gets the
HTML 403 page of the site's firewall, as clients that sent none report.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.board_standin import BoardStandIn

LEGAL = ("API Terms of Service: Please link back (with follow, and without nofollow!) to the URL on Remote OK "
         "and mention Remote OK as a source, so we get traffic back from your site. If you do not we'll have "
         "to suspend API access.\n\nPlease don't use the Remote OK logo without written permission as it's a "
         "registered trademark, please DO use our name Remote OK though.")
BLOCKED = ("<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>"
           "<body><h1>Sorry, you have been blocked</h1></body></html>")
NOT_FOUND = "<!DOCTYPE html><html><body><h1>404</h1><p>This page does not exist.</p></body></html>"


class RemoteOkStandIn(BoardStandIn):
    """``jobs``: raw Remote OK jobs (default ``sample_jobs()``), served after the legal notice."""

    def __init__(self, jobs: list[dict] | None = None, *, now: datetime | None = None, **options):
        super().__init__(**options)
        self.now = now or datetime.now(UTC)
        self.jobs = sample_jobs(self.now) if jobs is None else jobs

    def answer(self, path, params, headers):
        if not headers.get("user-agent"):
            return 403, {}, BLOCKED
        if path.rstrip("/") != "/api":
            return 404, {}, NOT_FOUND
        wanted = [t.strip().lower() for t in (params.get("tags") or params.get("tag") or "").split(",") if t.strip()]
        jobs = [job for job in self.jobs
                if all(tag in [str(t).lower() for t in job.get("tags") or []] for tag in wanted)]
        notice = {"last_updated": int(self.now.timestamp()), "legal": LEGAL}
        return 200, {}, [notice, *jobs]


def sample_jobs(now: datetime | None = None) -> list[dict]:
    """Fourteen jobs in Remote OK's wire format: entity-escaped and plain HTML descriptions, a title
    garbled upstream ("fÃ¼r"), salaries in dollars and 0 for none, empty, null and free-text
    locations ("Kakori, "), a numeric id, a job without ``url`` (only its slug), an ``apply_url``
    off the site, and descriptions in German and French."""
    now = now or datetime.now(UTC)

    def job(job_id: str, slug: str, hours_ago: int, **fields) -> dict:
        when = now - timedelta(hours=hours_ago)
        entry = {"slug": slug, "id": job_id, "epoch": int(when.timestamp()),
                 "date": when.strftime("%Y-%m-%dT%H:%M:%S+00:00"), "company_logo": "", "logo": "",
                 "tags": [], "location": "", "salary_min": 0, "salary_max": 0, "verified": True,
                 "url": f"https://remoteOK.com/remote-jobs/{slug}",
                 "apply_url": f"https://remoteOK.com/remote-jobs/{slug}"}
        entry.update(fields)
        return entry

    return [
        job("1137480", "remote-senior-python-engineer-acme-1137480", 2, company="Acme Analytics",
            position="Senior Python Engineer", tags=["python", "backend", "senior", "engineer"],
            location="Europe", salary_min=90000, salary_max=120000,
            description="&lt;p&gt;&lt;strong&gt;Acme&lt;/strong&gt; builds data pipelines.&lt;/p&gt;"
                        "&lt;ul&gt;&lt;li&gt;Python 3.12&lt;/li&gt;&lt;li&gt;PostgreSQL&lt;/li&gt;&lt;/ul&gt;"
                        "&lt;p&gt;Please mention the word **FALCON** when applying to show you read the "
                        "job post completely.&lt;/p&gt;"),
        job("1137479", "remote-django-developer-globex-1137479", 5, company="Globex",
            position="Django Developer", tags=["django", "python", "dev"], location="Worldwide",
            salary_min=60000, salary_max=0,
            description="<p>Build our <b>Django</b> REST API.</p><p>Async-first team across 9 time zones.</p>"),
        job("1137478", "remote-product-designer-initech-1137478", 7, company="Initech",
            position="Product Designer", tags=["design", "figma"], location="USA Only",
            description="<p>Design things in Figma.</p>"),
        job("1137477", "remote-devops-engineer-umbrella-1137477", 9, company="Umbrella Cloud",
            position="DevOps Engineer", tags=["devops", "kubernetes", "aws"], location=None,
            salary_min=0, salary_max=140000,
            description="&lt;p&gt;Terraform, Kubernetes and AWS.&lt;/p&gt;"),
        job("1137469", "remote-telefondienst-fur-tierarztpraxis-1137469", 11, company="Tierarzt Plus Partner",
            position="Telefondienst fÃ¼r Tierarztpraxis", tags=["medical", "customer support"],
            location="Deutschland",
            description="<p>Wir suchen tatkrÃ¤ftige UnterstÃ¼tzung am Telefon.</p>"),
        job("1137468", "remote-data-engineer-python-spark-1137468", 13, company="Hooli",
            position="Data Engineer (Python, Spark)", tags=["data", "python", "spark"], location="Kakori, ",
            salary_min=75000, salary_max=75000,
            description="<h2>About</h2><p>Spark jobs in Python.</p><script>track()</script>"),
        job(1137467, "remote-customer-support-agent-1137467", 15, company="Support Hero",
            position="Customer Support Agent", tags=["support", "non tech"], location="Americas",
            description="<p>Answer tickets from customers.</p>"),
        job("1137466", "remote-backend-developer-go-1137466", 17, company="Gopher Inc",
            position="Backend Developer (Go)", tags=["golang", "backend", "dev"], location="Remote - Canada",
            salary_min=100000, salary_max=130000,
            description="<p>Go microservices; some Python scripting.</p>"),
        job("1137465", "remote-machine-learning-engineer-1137465", 19, company="DeepThought",
            position="Machine Learning Engineer", tags=["ai", "machine learning", "python"], location="EMEA",
            salary_min=110000, salary_max=150000,
            description="<p>Train and ship models with PyTorch.</p>"),
        job("1137464", "remote-developpeur-python-1137464", 21, company="Société Générale des Données",
            position="Développeur Python", tags=["python", "dev"], location="France",
            description="<p>Vous développerez nos services en Python et FastAPI.</p>"),
        job("1137463", "remote-frontend-engineer-react-1137463", 23, company="Pixel Perfect",
            position="Frontend Engineer (React)", tags=["react", "javascript", "front end"],
            location="United Kingdom", salary_min=55000, salary_max=70000,
            description="<p>React, TypeScript and youâ\u0080\u0099re great at CSS.</p>"),
        job("1137462", "remote-technical-writer-1137462", 25, company="Docs Co",
            position="Technical Writer", tags=["writing", "docs"], location="Worldwide",
            description="<p>Write developer docs.</p>", url="", apply_url="https://docs-co.example/jobs/42"),
        job("1137461", "remote-qa-engineer-python-1137461", 27, company="SunnyData",
            position="QA Engineer", tags=["qa", "testing", "python"], location="Latin America",
            salary_min=50000, salary_max=80000, apply_url="https://sunnydata.example.com/careers/qa",
            description="<p>We need a QA engineer with Python experience.</p>"),
        job("1137460", "remote-sales-executive-1137460", 29, company="Sellwell",
            position="Sales Executive", tags=["sales", "saas"], location="",
            description="<p>Close deals.</p>"),
    ]
