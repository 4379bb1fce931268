"""A loopback Jobicy Remote Jobs API (https://github.com/Jobicy/remote-jobs-api) for tests.

It answers ``GET /api/v2/remote-jobs`` the way ``openapi.yaml`` (2.2.18) and public clients
describe it:

- ``count`` (integer, clamped to 1-200; a non-integer is a 400), ``geo`` (one slug of
  ``get=locations``; it also keeps the jobs open to "Anywhere", as a recorded ``geo=canada``
  answer shows), ``industry`` (one slug of ``get=industries``, legacy aliases accepted with the
  ``X-Jobicy-Deprecated-Industry`` headers), ``tag`` (3-50 bytes; every word must occur in the
  title, description or industries; title matches first), ``cursor`` (the previous answer's
  ``nextCursor``; invalid, expired or issued for other filters is a 400), ``get=locations`` /
  ``get=industries`` (the taxonomies);
- any other parameter is a 400 "Unexpected parameter" and an unknown ``geo`` a 400 "Invalid
  'geo' value", as a public client verified live; errors are ``{"success": false, "error": ...}``;
- a search nothing matches answers ``empty_status``: 404 with ``{"jobs": [], "success": false,
  "message": "Nothing found..."}`` as seen live in July 2026 (default), or 200 with the full
  envelope and an empty list as the 2.2.18 specification shows;
- ``api_version="2.0"`` answers the envelope recorded in December 2024 instead: no cursor,
  ``xRayHash`` / ``clientKey``, ``lastUpdate`` as "2024-12-07 15:33:17", ``count`` at most 50;
- public answers carry ``Cache-Control: public, max-age=3600``.

Industry names beyond "Software Engineering" are this stand-in's own: only the slugs are
documented.
"""
from __future__ import annotations

import base64
import hashlib
import json

from tests.support.board_standin import BoardStandIn

API_PATH = "/api/v2/remote-jobs"
KNOWN_PARAMS = frozenset({"count", "geo", "industry", "tag", "cursor", "get"})
NOTICE = "Thanks for using Jobicy API! Please credit Jobicy and link to the source."
LEGACY_NOTICE = ("We appreciate your use of Jobicy API in your projects! Please refrain from distributing "
                 "Jobicy's job listings to external job platforms. Accessing the Feed a few times daily is "
                 "sufficient and recommended.")
GEO_NAMES = {
    "anywhere": "Anywhere", "apac": "APAC", "emea": "EMEA", "latam": "LATAM", "europe": "Europe", "usa": "USA",
    "uk": "UK", "canada": "Canada", "argentina": "Argentina", "australia": "Australia", "austria": "Austria",
    "belgium": "Belgium", "brazil": "Brazil", "bulgaria": "Bulgaria", "china": "China", "hong-kong": "Hong Kong",
    "costa-rica": "Costa Rica", "croatia": "Croatia", "cyprus": "Cyprus", "czechia": "Czechia",
    "denmark": "Denmark", "estonia": "Estonia", "finland": "Finland", "france": "France", "germany": "Germany",
    "greece": "Greece", "hungary": "Hungary", "ireland": "Ireland", "israel": "Israel", "italy": "Italy",
    "japan": "Japan", "latvia": "Latvia", "lithuania": "Lithuania", "mexico": "Mexico",
    "netherlands": "Netherlands", "new-zealand": "New Zealand", "norway": "Norway", "philippines": "Philippines",
    "poland": "Poland", "portugal": "Portugal", "romania": "Romania", "serbia": "Serbia",
    "singapore": "Singapore", "slovakia": "Slovakia", "slovenia": "Slovenia", "south-korea": "South Korea",
    "spain": "Spain", "sweden": "Sweden", "switzerland": "Switzerland", "thailand": "Thailand",
    "turkiye": "Türkiye", "united-arab-emirates": "United Arab Emirates", "ukraine": "Ukraine",
    "vietnam": "Vietnam",
}
INDUSTRY_NAMES = {
    "engineering": "Software Engineering", "data-science": "Data Science", "marketing": "Marketing",
    "design-multimedia": "Design & Multimedia", "supporting": "Customer Success", "copywriting": "Copywriting",
    "seller": "Sales", "seo": "SEO", "technical-support": "Technical Support", "accounting-finance": "Finance",
    "hr": "HR & Recruiting", "management": "Business Management", "qa-testing": "QA & Testing",
    "cybersecurity": "Cybersecurity", "admin-support": "Admin & Support", "project-management": "Project Management",
}
INDUSTRY_ALIASES = {"dev": "engineering", "e-commerce": "management", "video-audio-production": "design-multimedia",
                    "translation-localization": "copywriting", "smm": "marketing"}
NOT_FOUND = "<!DOCTYPE html><html><head><title>Page not found - Jobicy</title></head><body>404</body></html>"


class JobicyStandIn(BoardStandIn):
    """``jobs``: raw Jobicy entries (default ``sample_jobs()``); ``empty_status``: 404 or 200 for
    a search nothing matches; ``api_version``: "2.2.18" (cursor pages) or "2.0" (the 2024 shape)."""

    def __init__(self, jobs: list[dict] | None = None, *, empty_status: int = 404, api_version: str = "2.2.18",
                 **options):
        super().__init__(**options)
        self.jobs = sample_jobs() if jobs is None else jobs
        self.empty_status = empty_status
        self.api_version = api_version
        self.cursors_expired = False

    @property
    def legacy(self) -> bool:
        return self.api_version == "2.0"

    def expire_cursors(self) -> None:
        self.cursors_expired = True

    def answer(self, path, params, headers):
        if path.rstrip("/") != API_PATH:
            return 404, {}, NOT_FOUND
        cache = {"Cache-Control": "public, max-age=3600"}
        if not self.legacy:
            unknown = sorted(set(params) - KNOWN_PARAMS)
            if unknown:
                return _error(f"Unexpected parameter: {unknown[0]}")
        if params.get("get"):
            return self._taxonomy(params, cache)
        count = params.get("count", "").strip()
        if count and not count.lstrip("-").isdigit():
            return _error("The 'count' parameter must be a number.")
        count = min(max(int(count or (50 if self.legacy else 200)), 1), 50 if self.legacy else 200)
        geo = params.get("geo", "").strip().lower()
        if geo and geo not in GEO_NAMES:
            return _error("Invalid 'geo' value")
        industry, extra = params.get("industry", "").strip().lower(), {}
        if industry in INDUSTRY_ALIASES:
            extra = {"X-Jobicy-Deprecated-Industry": industry,
                     "X-Jobicy-Replacement-Industry": INDUSTRY_ALIASES[industry]}
            industry = INDUSTRY_ALIASES[industry]
        if industry and industry not in INDUSTRY_NAMES:
            return _error("Invalid 'industry' value")
        tag = params.get("tag", "").strip()
        if "tag" in params and not 3 <= len(tag.encode()) <= 50:
            return _error("The 'tag' parameter must be between 3 and 50 characters.")
        filters = [geo, industry, tag]
        offset = 0
        if params.get("cursor") and not self.legacy:
            offset, problem = self._offset(params["cursor"], filters)
            if problem:
                return _error(problem)
        found = _search(self.jobs, geo, industry, tag)
        rows = found[offset:offset + count]
        if not found:
            if self.legacy:
                return 200, cache, self._legacy([], 0)
            if self.empty_status == 404:
                return 404, cache, {"jobs": [], "success": False, "message": "Nothing found..."}
        if self.legacy:
            return 200, {**cache, **extra}, self._legacy(rows, count)
        more = offset + count < len(found)
        applied = {"count": count, **{k: v for k, v in zip(("geo", "industry", "tag"), filters) if v}}
        if params.get("cursor"):
            applied["cursor"] = params["cursor"]
        body = {"apiVersion": self.api_version, "documentationUrl": "https://jobi.cy/apidocs",
                "friendlyNotice": NOTICE, "jobCount": len(rows),
                "lastUpdate": _newest(rows),
                "nextCursor": _cursor(offset + count, filters) if more else None, "hasMore": more,
                "appliedFilters": applied, "jobs": rows, "statusCode": 200, "success": True}
        if not rows:
            body["message"] = "No jobs found for the applied filters."
        return 200, {**cache, **extra}, body

    def _taxonomy(self, params: dict, cache: dict):
        kind = params["get"].strip().lower()
        if params.get("cursor"):
            return _error("The 'cursor' parameter is not accepted with taxonomy queries.")
        if kind == "locations":
            return 200, cache, {"locations": [{"geoID": 400 + i, "geoName": name, "geoSlug": slug}
                                              for i, (slug, name) in enumerate(GEO_NAMES.items())],
                                "appliedFilters": {"get": "locations"}}
        if kind == "industries":
            return 200, cache, {"industries": [{"industryID": 800 + i, "industryName": name, "industrySlug": slug}
                                               for i, (slug, name) in enumerate(INDUSTRY_NAMES.items())],
                                "appliedFilters": {"get": "industries"}}
        return _error("The 'get' parameter must be either 'locations' or 'industries'.")

    def _offset(self, cursor: str, filters: list[str]) -> tuple[int, str | None]:
        if self.cursors_expired:
            return 0, "Cursor expired. Start a new request without cursor."
        try:
            payload, signature = cursor.rsplit(".", 1)
            if _sign(payload) != signature:
                raise ValueError(cursor)
            state = json.loads(base64.urlsafe_b64decode(payload.encode()))
        except (ValueError, TypeError):
            return 0, "Invalid cursor. Start a new request without cursor."
        if state.get("f") != filters:
            return 0, "Cursor does not match the filters. Keep geo, industry and tag unchanged."
        return int(state.get("o", 0)), None

    def _legacy(self, rows: list, count: int) -> dict:
        last = _newest(rows).replace("T", " ")[:19]
        return {"apiVersion": "2.0", "documentationUrl": "https://jobi.cy/apidocs", "friendlyNotice": LEGACY_NOTICE,
                "jobCount": len(rows), "xRayHash": "xID_6754ea75238e49.16064914", "clientKey": "key_6754ea75238ea",
                "lastUpdate": last, "jobs": rows}


def _newest(rows: list) -> str:
    """``lastUpdate``: the publication date of the page's newest job, "" for an empty page."""
    dates = [str(row.get("pubDate")) for row in rows if isinstance(row, dict) and row.get("pubDate")]
    return max(dates, default="")


def _error(message: str, status: int = 400):
    return status, {}, {"success": False, "error": message}


def _sign(payload: str) -> str:
    return hashlib.sha256(f"stand-in:{payload}".encode()).hexdigest()[:16]


def _cursor(offset: int, filters: list[str]) -> str:
    payload = base64.urlsafe_b64encode(json.dumps({"o": offset, "f": filters}).encode()).decode()
    return f"{payload}.{_sign(payload)}"


def _search(jobs: list, geo: str, industry: str, tag: str) -> list:
    found = []
    for job in jobs:
        if not isinstance(job, dict):
            if not (geo or industry or tag):
                found.append(job)  # a broken row of the board's own reaches unfiltered listings
            continue
        places = [part.strip().lower() for part in str(job.get("jobGeo") or "Anywhere").split(",") if part.strip()]
        if geo and GEO_NAMES[geo].lower() not in places and (geo == "anywhere" or places != ["anywhere"]):
            continue
        industries = [str(i) for i in job.get("jobIndustry") or [] if isinstance(job.get("jobIndustry"), list)]
        if industry and INDUSTRY_NAMES[industry] not in industries:
            continue
        if tag:
            text = f"{job.get('jobTitle') or ''} {job.get('jobDescription') or ''} {' '.join(industries)}".lower()
            if not all(word in text for word in tag.lower().split()):
                continue
        found.append(job)
    if tag:
        words = tag.lower().split()
        found.sort(key=lambda j: not (isinstance(j, dict) and all(w in str(j.get("jobTitle") or "").lower()
                                                                   for w in words)))
    return found


def job(job_id, title: str, company: str, geo: str, published: str, *, industry: str = "Software Engineering",
        job_type: list | None = None, level: str = "Any", salary: tuple | None = None, description: str | None = None,
        logo: str | bool | None = None) -> dict:
    """One entry in Jobicy's 2.2.18 shape; ``salary``: (min, max, currency, period)."""
    slug = f"{job_id}-" + "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split())
    entry = {
        "id": job_id,
        "url": f"https://jobicy.com/jobs/{slug}",
        "jobSlug": slug,
        "jobTitle": title,
        "companyName": company,
        "companyLogo": logo if logo is not None else f"https://jobicy.com/data/server-nyc0409/galaxy/mercury/{job_id}.png",
        "jobIndustry": [industry],
        "jobType": job_type if job_type is not None else ["Full-Time"],
        "jobGeo": geo,
        "jobLevel": level,
        "jobExcerpt": f"{company} is hiring a {title}&#8230;",
        "jobDescription": description if description is not None else f"<p>{company} is hiring a {title}.</p>",
        "pubDate": published,
    }
    if salary:
        entry.update(salaryMin=salary[0], salaryMax=salary[1], salaryCurrency=salary[2], salaryPeriod=salary[3])
    return entry


def sample_jobs() -> list[dict]:
    """Sixteen entries, newest first, as Jobicy lists them: salaries in USD, EUR, GBP and CAD per
    year, month or hour (or none), regions written as Jobicy writes them ("Canada,  USA" with two
    spaces), HTML descriptions with entities, and odd shapes: the 2024 field names with numbers
    as strings and a space-separated date, ``companyLogo`` false, nulls, an id as a string, no
    url (only ``jobSlug``), no id, an entry that is not an object."""
    return [
        job(146131, "Senior Python Developer", "Dynatrace", "USA", "2026-09-30T12:00:00+00:00", level="Senior",
            salary=(90000, 125000, "USD", "yearly"),
            description="<p>Build our <strong>Python</strong> services.</p><ul><li>5+ years of Python</li>"
                        "<li>AWS &amp; Kubernetes</li></ul>"),
        job(146120, "Backend Engineer (Python/Django)", "Hotjar", "Europe", "2026-09-30T09:45:04+00:00",
            salary=(5000, 6500, "EUR", "monthly"), description="<p>Django APIs for <em>millions</em> of users.</p>"),
        job(146101, "Customer Success Manager", "PadSplit", "Canada,  USA", "2026-09-29T18:20:05+00:00",
            industry="Customer Success", salary=(55000, 70000, "CAD", "yearly")),
        job(146090, "Python Data Scientist", "Deepgram", "Anywhere", "2026-09-29T11:00:00+00:00",
            industry="Data Science", level="Midweight", description="<p>Machine learning in Python &amp; PyTorch.</p>"),
        job(146075, "SEO Analyst", "Semrush", "LATAM,  Canada,  Europe,  UK,  USA", "2026-09-28T16:30:00+00:00",
            industry="SEO", job_type=["Contract", "Part-Time"], salary=(35, 50, "USD", "hourly")),
        job(146060, "Frontend Developer (React)", "Toggl", "Germany", "2026-09-28T08:10:00+00:00",
            salary=(60000, 75000, "EUR", "yearly"), description="<p>React &amp; TypeScript.</p>"),
        job(146044, "Copywriter", "Buffer", "UK", "2026-09-27T13:00:00+00:00", industry="Copywriting",
            job_type=["Freelance"], salary=(40000, 48000, "GBP", "yearly")),
        job(146030, "DevOps Engineer", "GitLab", "Poland,  Portugal,  Romania,  Spain", "2026-09-27T07:00:00+00:00",
            level="Senior", logo=False),
        job(146012, "Sales &amp; Partnerships Lead", "Close", "USA", "2026-09-26T19:00:00+00:00",
            industry="Sales", description="<p>Own our partner channel.</p>"),
        job(146001, "QA Engineer", "Toptal", "LATAM", "2026-09-26T10:00:00+00:00", industry="QA & Testing",
            job_type=["Internship"]),
        {  # the 2024 shape: yearly figures as strings, a space-separated date
            **job(113597, "Senior Site Reliability Engineer", "Elastic", "Anywhere", "2026-09-25 04:10:26",
                  level="Senior", description="<p>SRE with Python and Go.</p>"),
            "annualSalaryMin": "135000", "annualSalaryMax": "150000", "salaryCurrency": "USD",
        },
        {  # a string id, nulls, an empty description: the excerpt is all there is
            **job("145980", "Python Automation Engineer", "Zapier", "Canada", "2026-09-24T09:00:00+00:00"),
            "companyName": None, "jobDescription": "", "jobExcerpt": "Automate workflows in Python&#8230;",
            "jobType": None, "salaryMin": None,
        },
        {  # no url: the Jobicy page is built from jobSlug
            **job(145970, "Python Instructor", "Codecademy", "USA", "2026-09-23T09:00:00+00:00",
                  industry="Admin & Support"),
            "url": None,
        },
        {"jobTitle": "Python Developer", "companyName": "No Id Ltd", "jobGeo": "Anywhere",
         "url": "https://jobicy.com/jobs/no-id"},
        "not a job",
        job(145950, "Product Designer", "Doist", "EMEA", "2026-09-22T09:00:00+00:00",
            industry="Design & Multimedia", salary=(0, 0, "EUR", "yearly")),
    ]
