"""The words the bot says, as neutral messages; every platform renders these same messages."""
from __future__ import annotations

from datetime import date, datetime, timezone

from babel import Locale

from bot.core.ports import Button, JobCard, JobListMessage, Message
from domain.cv.filetype import READABLE_NAMES
from domain.jobs.types import JobPosting
from domain.letters.language import speaks
from domain.letters.years import display_years
from pipeline.steps import step_of
from services.searches import CHAT_LIST_LENGTH

PRIVACY = (
    "Privacy: your CV and results are stored only to serve you. /forget deletes every record and "
    "file of yours at once; files are also removed after the retention period."
)
HELP_ITEMS = [
    f"Send your CV — {READABLE_NAMES} — and I read it and build your profile.",
    "/jobsearch python developer in Berlin — I find jobs and rank them against your CV.",
    ("/apply N — a cover letter and a CV tailored to job N of your last search (or press “Cover letter”), "
     "as PDF and Word files, in the posting's language; /apply N de picks one: en de fr es it nl pt."),
    "/profile — what I know about you.",
    "/status — your recent requests.",
    "/forget — delete everything I stored about you.",
]

STAGES = {"reading": "Reading your CV", "searching": "Searching for jobs", "found": "Ranking the jobs",
          "writing": "Writing your letter", "tailoring": "Tailoring your CV",
          "rendering": "Preparing the PDF and Word files"}


def help_message() -> Message:
    return Message(title="job-agent — your job-search assistant", items=HELP_ITEMS, footer=PRIVACY)


def progress_message(stage: str, percent: int) -> Message:
    """``stage`` is a key of ``STAGES``, or ``scan:PAGE/PAGES`` while OCR reads a scan or photo."""
    bar = "▓" * (percent // 10) + "░" * (10 - percent // 10)
    return Message(text=f"{_stage_words(stage)}… {bar} {percent}%")


def _stage_words(stage: str) -> str:
    kind, _, pages = stage.partition(":")
    if kind == "scan" and pages:
        page, _, count = pages.partition("/")
        if count in ("", "1"):
            return "Reading the scan"
        return f"Reading the scan, page {page} of {count}"
    return STAGES.get(stage, "Working")


def profile_message(profile: dict, *, heading: str = "Your profile") -> Message:
    items = []
    for label, key in (("Name", "name"), ("Title", "title"), ("Location", "location"), ("Email", "email"),
                       ("Phone", "phone")):
        if profile.get(key):
            items.append(f"{label}: {profile[key]}")
    if profile.get("years_experience") is not None:
        items.append(f"Experience: {_years(profile['years_experience'])}")
    if profile.get("skills"):
        items.append("Skills: " + ", ".join(profile["skills"][:25]))
    if profile.get("languages"):
        items.append("Languages: " + ", ".join(profile["languages"]))
    notes = [note for note in (_read_from(profile), _not_found(profile)) if note]
    footer = "\n".join([*notes, next_step(profile)])
    return Message(title=heading, text=profile.get("summary") or "", items=items, footer=footer)


# What a profile's "source" says about how far to trust it (see domain.cv.types.CandidateProfile).
READ_FROM = {
    "scan": "Read from a scan by text recognition — please check the details above.",
    "photo": "Read from a photo by text recognition — please check the details above.",
    "form": "Read from the fields of a PDF form.",
}
CORE_FIELDS = {"name": "name", "email": "e-mail", "phone": "phone", "skills": "skills"}


def _read_from(profile: dict) -> str:
    return READ_FROM.get(profile.get("source") or "", "")


def _not_found(profile: dict) -> str:
    """Which core fields the CV did not give, so the person knows what the bot could not see."""
    missing = [words for key, words in CORE_FIELDS.items() if not profile.get(key)]
    if not missing or len(missing) == len(CORE_FIELDS):
        return ""
    return "Not found in your CV: " + ", ".join(missing) + "."


def next_step(profile: dict) -> str:
    """A first search the person can copy, built only from what the CV gave: its role and city.

    Without a role there is nothing to search for yet, so the hint says how to ask instead of
    showing a placeholder the person would have to edit.
    """
    role = (profile.get("title") or "").strip()[:60]
    city = (profile.get("location") or "").split(",")[0].strip()[:40]
    if not role:
        return "Next: /jobsearch and the job you want" + (f" in {city}" if city else "")
    return f"Next: /jobsearch {role}" + (f" in {city}" if city else "")


def _years(value: float) -> str:
    shown = display_years(value)
    return f"{shown} year" + ("" if shown == "1" else "s")


def failure_message(what: str, reason: str) -> Message:
    return Message(title=f"{what} failed", text=reason)


def job_list_message(query: str, matches: list[dict], *, ranking_id: str, has_profile: bool,
                     limit: int = CHAT_LIST_LENGTH, notes: list[str] | None = None,
                     currency: str | None = None, sample: bool = False) -> JobListMessage:
    """The ranked list as cards; ``notes`` (boards that did not answer, the sample, the place mix) go
    below it; salaries are shown a year and, when not in ``currency`` (the searcher's), converted too.
    ``sample``: the jobs are bundled sample postings, and the title says so."""
    today = datetime.now(timezone.utc).date()
    cards = [_job_card(index + 1, match, ranking_id, currency, today) for index, match in enumerate(matches[:limit])]
    footer = "Press “Cover letter” or type /apply N for a tailored letter."
    if not has_profile:
        footer = "Ranked by your query only — send your CV (PDF, Word or a photo) for a ranking that fits you. " + footer
    title = f"Top {len(cards)} of {len(matches)} {'sample ' if sample else ''}jobs for “{query}”"
    return JobListMessage(title=title, jobs=cards, footer=footer, notes=list(notes or []))


def no_jobs_message(query: str, notes: list[str] | None = None) -> Message:
    return Message(text=f"No jobs found for “{query}”. Try a broader role or another city.",
                   items=list(notes or []))


def _job_card(number: int, match: dict, ranking_id: str, currency: str | None, today: date) -> JobCard:
    job = match["job"]
    return JobCard(
        number=number, title=job.get("title", ""), company=job.get("company_name", ""),
        location=job.get("location", ""), score=match.get("score"),
        matched_skills=match.get("matched_skills", []), missing_skills=match.get("missing_skills", []),
        reason=match.get("reason", ""), salary=salary_text(job, currency), apply_link=job.get("apply_link", ""),
        button=Button("Cover letter", "letter", f"{ranking_id}:{number}"), source_line=_source_line(job, today),
    )


def salary_text(job: dict, currency: str | None) -> str | None:
    """"€45k–55k a year (≈ £39k–48k)" from the parsed salary; the board's own words when it could not
    be parsed; None when the posting names none."""
    from domain.jobs.salary_text import format_salary  # noqa: PLC0415 (Babel number data: only with salaries)
    from domain.jobs.salary import Salary  # noqa: PLC0415

    if job.get("salary_currency") and (job.get("salary_min") is not None or job.get("salary_max") is not None):
        salary = Salary(min=job.get("salary_min"), max=job.get("salary_max"), currency=job["salary_currency"],
                        period=job.get("salary_period"))
        shown = format_salary(salary, user_currency=currency)
        if shown:
            return shown
    return job.get("salary") or None


def _source_line(job: dict, today: date) -> str:
    """"via Adzuna · also on Arbeitnow · posted 3 days ago": every board that listed the job is credited."""
    via = job.get("via") or ""
    others = [option.get("title") for option in job.get("apply_options") or [] if isinstance(option, dict)]
    others = list(dict.fromkeys(o for o in others if o and o.casefold() not in via.casefold()))
    parts = [via, f"also on {', '.join(others)}" if via and others else ""]
    days = JobPosting.from_dict(job).age_days(today) if job.get("posted_date") else None
    if days is not None:
        parts.append("posted today" if days == 0 else "posted yesterday" if days == 1 else f"posted {days} days ago")
    return " · ".join(part for part in parts if part)


def status_line(record) -> str:
    line = f"{step_of(record).label} — {record.status}"
    if record.status == "processing":
        line += f" ({record.progress_percent}%)"
    if getattr(record, "query", None):
        line += f": “{record.query}”"
    if record.status == "failed" and record.error_message:
        line += f" — {record.error_message}"
    return line + f" · {record.created_at:%Y-%m-%d %H:%M} UTC"


def forget_question() -> Message:
    return Message(
        title="Delete everything?",
        text="This deletes your profile, CV files, searches and letters. It cannot be undone.",
        buttons=[Button("Yes, delete everything", "forget_confirm"), Button("Cancel", "forget_cancel")],
    )


def letter_language_note(language: str, profile: dict, cv_text: str) -> str:
    """"" when the CV shows the letter's language; else a word that it doesn't, and how to ask for
    another one — a letter in a language the person cannot write invites an interview in it."""
    if speaks(profile.get("languages") or [], cv_text, language):
        return ""
    name = Locale("en").languages.get(language, language)
    return (f"Written in {name}, the posting's language — your CV lists no {name}. "
            "For a letter in a language you write, add its code to the job number, e.g. /apply 1 en.")
