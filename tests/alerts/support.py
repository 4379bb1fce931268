"""Alerts as people make them, and postings as boards list them, for the alert tests."""
from __future__ import annotations

from domain.jobs.types import JobPosting
from services.alerts import create_alert
from services.ports import ChatRequester, OriginRef, UserRef
from tests.support.serpapi_standin import make_job

ANNA = UserRef("telegram", "501", display_name="Anna")
BEN = UserRef("telegram", "502", display_name="Ben")


def chat(user: UserRef) -> ChatRequester:
    return ChatRequester(user, OriginRef("telegram", user.external_user_id, status_message_id="s9",
                                         reply_to_message_id="r9"))


def make_alert(session, settings, user: UserRef = ANNA, query="data engineer", location="Hamburg", **options):
    return create_alert(session=session, settings=settings, requester=chat(user), query=query, location=location,
                        **options)


def posting(job_id: str, title="Data Engineer", company="Nordlicht GmbH", city="Hamburg", salary=None) -> JobPosting:
    return JobPosting(job_id=job_id, title=title, company_name=company, location=f"{city}, Germany", city=city,
                      country="DE", salary=salary, description=f"{title} with Python and SQL", source="serpapi",
                      via="via Example")


def serp_job(n: int, *, job_id: str | None = None, salary: str = "60K–80K a year") -> dict:
    """A SerpApi posting "Data Engineer Nn" at "Company n GmbH" in Hamburg (a repost: same n, another id)."""
    entry = make_job(0, n, "data engineer")
    entry.update(title=f"Data Engineer N{n}", location="Hamburg, Germany",
                 job_id=job_id or f"serp-{n}", share_link=f"https://www.google.com/search?ibp=htl;jobs#doc{job_id or n}")
    entry["detected_extensions"] = {**entry["detected_extensions"], "salary": salary}
    return entry
