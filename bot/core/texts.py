"""The words the bot says, as neutral messages; every platform renders these same messages.

Every function says its words through the person's ``Translator`` (keyword ``t``; English when
none is given) — sentences are English msgids in ``i18n/locales`` (see ``i18n``).
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from babel import Locale

from bot.core.ports import Button, JobCard, JobListMessage, Message
from domain.cv.filetype import READABLE_NAMES
from domain.jobs.types import JobPosting
from domain.letters.language import speaks
from domain.cv.years import display_years
from domain.ranking.explain import reason_text
from i18n import N_, LanguageName, Phrase, Translator, stored_phrase, translator
from pipeline.steps import step_of
from services.searches import CHAT_LIST_LENGTH

EN = translator("en")

PRIVACY = N_(
    "Privacy: your CV and results are stored only to serve you. /forget deletes every record and "
    "file of yours at once; files are also removed after the retention period."
)
HELP_ITEMS = [
    N_("Send your CV — {formats} — and I read it and build your profile."),
    N_("/jobsearch python developer in Berlin — I find jobs and rank them against your CV."),
    N_("/apply N — a cover letter and a CV tailored to job N of your last search (or press “Cover letter”), "
       "as PDF and Word files, in the posting's language; /apply N de picks one: en de fr es it nl pt."),
    N_("/alert python developer in Berlin — every morning, only the jobs you have not seen "
       "(or press “🔔 Alert me” under a list); /alerts lists, pauses, times and deletes them."),
    N_("/tracker — your applications by stage, with reminders to follow up; /tracker export as a spreadsheet "
       "and calendar."),
    N_("/profile — what I know about you."),
    N_("/status — your recent requests."),
    N_("/forget — delete everything I stored about you, alerts and tracked applications included."),
]

STAGES = {"reading": N_("Reading your CV"), "searching": N_("Searching for jobs"), "found": N_("Ranking the jobs"),
          "writing": N_("Writing your letter"), "tailoring": N_("Tailoring your CV"),
          "rendering": N_("Preparing the PDF and Word files")}
# A failed request's title, by record type (pipeline.steps): whole sentences, since "X failed" is
# worded differently around each X in other languages.
FAILED = {"profile": N_("Reading your CV failed"), "job_search": N_("The job search failed"),
          "match": N_("Ranking the jobs failed"), "application": N_("Writing the letter failed")}
UNKNOWN_FAILED = N_("Your request failed")
STATUS_WORDS = {"pending": N_("pending"), "processing": N_("processing"), "completed": N_("completed"),
                "failed": N_("failed")}


def help_message(*, t: Translator = EN) -> Message:
    items = [t(item, formats=t(READABLE_NAMES)) if "{formats}" in item else t(item) for item in HELP_ITEMS]
    return Message(title=t("job-agent — your job-search assistant"), items=items, footer=t(PRIVACY))


def progress_message(stage: str, percent: int, *, t: Translator = EN) -> Message:
    """``stage`` is a key of ``STAGES``, or ``scan:PAGE/PAGES`` while OCR reads a scan or photo."""
    bar = "▓" * (percent // 10) + "░" * (10 - percent // 10)
    return Message(text=t("{stage}… {bar} {percent}%", stage=_stage_words(stage, t), bar=bar, percent=percent))


def _stage_words(stage: str, t: Translator) -> str:
    kind, _, pages = stage.partition(":")
    if kind == "scan" and pages:
        page, _, count = pages.partition("/")
        if count in ("", "1"):
            return t("Reading the scan")
        return t("Reading the scan, page {page} of {count}", page=page, count=count)
    return t(STAGES[stage]) if stage in STAGES else t("Working")


# The profile card's lines: the field, and how it is said ("Name: Lena").
PROFILE_LINES = (("name", N_("Name: {value}")), ("title", N_("Title: {value}")), ("location", N_("Location: {value}")),
                 ("email", N_("Email: {value}")), ("phone", N_("Phone: {value}")))


def profile_message(profile: dict, *, heading: str = N_("Your profile"), t: Translator = EN) -> Message:
    """``heading``: a msgid ("Your profile is ready")."""
    items = [t(line, value=profile[key]) for key, line in PROFILE_LINES if profile.get(key)]
    if profile.get("years_experience") is not None:
        items.append(t("Experience: {years}", years=_years(profile["years_experience"], t)))
    if profile.get("skills"):
        items.append(t("Skills: {skills}", skills=", ".join(profile["skills"][:25])))
    if profile.get("languages"):
        items.append(t("Languages: {languages}",
                       languages=", ".join(language_in(name, t) for name in profile["languages"])))
    notes = [note for note in (_read_from(profile, t), _not_found(profile, t)) if note]
    footer = "\n".join([*notes, next_step(profile, t=t)])
    # A summary the reader made up (the CV had none) only repeats the lines above, in English.
    summary = "" if profile.get("summary_generated") else profile.get("summary") or ""
    return Message(title=t(heading), text=summary, items=items, footer=footer)


def language_in(english_name: str, t: Translator) -> str:
    """A spoken language the CV reader named in English ("German"), in the reader's language ("Deutsch",
    "allemand") by CLDR; a name CLDR does not know is kept."""
    code = _LANGUAGE_CODES.get(english_name.casefold())
    return Locale(t.language).languages.get(code, english_name) if code else english_name


_LANGUAGE_CODES = {name.casefold(): code for code, name in Locale("en").languages.items() if "_" not in code}


# What a profile's "source" says about how far to trust it (see domain.cv.types.CandidateProfile).
READ_FROM = {
    "scan": N_("Read from a scan by text recognition — please check the details above."),
    "photo": N_("Read from a photo by text recognition — please check the details above."),
    "form": N_("Read from the fields of a PDF form."),
}
CORE_FIELDS = {"name": N_("name"), "email": N_("e-mail"), "phone": N_("phone"), "skills": N_("skills")}


def _read_from(profile: dict, t: Translator) -> str:
    source = profile.get("source") or ""
    return t(READ_FROM[source]) if source in READ_FROM else ""


def _not_found(profile: dict, t: Translator) -> str:
    """Which core fields the CV did not give, so the person knows what the bot could not see."""
    missing = [t(words) for key, words in CORE_FIELDS.items() if not profile.get(key)]
    if not missing or len(missing) == len(CORE_FIELDS):
        return ""
    return t("Not found in your CV: {fields}.", fields=", ".join(missing))


def next_step(profile: dict, *, t: Translator = EN) -> str:
    """A first search the person can copy, built only from what the CV gave: its role and city.

    Without a role there is nothing to search for yet, so the hint says how to ask instead of
    showing a placeholder the person would have to edit.
    """
    role = (profile.get("title") or "").strip()[:60]
    city = (profile.get("location") or "").split(",")[0].strip()[:40]
    if not role:
        return t("Next: /jobsearch and the job you want in {city}", city=city) if city else t(
            "Next: /jobsearch and the job you want")
    return t("Next: /jobsearch {role} in {city}", role=role, city=city) if city else t(
        "Next: /jobsearch {role}", role=role)


def _years(value: float, t: Translator) -> str:
    shown = display_years(value)  # "11", or "1.5" below two years
    whole = float(shown).is_integer()
    return t.ngettext("{years} year", "{years} years", int(float(shown)) if whole else 2,
                      years=t.number(float(shown)) if not whole else shown)


def failure_message(record_type: str, reason: str, *, t: Translator = EN) -> Message:
    """A failed request: its title by ``record_type`` (pipeline.steps), ``reason`` already said in the
    person's language (``failure_reason``)."""
    return Message(title=t(FAILED.get(record_type, UNKNOWN_FAILED)), text=reason)


def failure_reason(record, *, t: Translator = EN) -> str:
    """Why ``record`` failed, in ``t``'s language: its stored phrase (``error_phrase``) said again;
    a record without one, by its English ``error_message`` looked up as a msgid."""
    english = record.error_message or ""
    phrase = stored_phrase(getattr(record, "error_phrase", None), english)
    return t(phrase) if phrase is not None else (t(english) if english else "")


def notes_of(search, *, t: Translator = EN) -> list[str]:
    """A search's notes in ``t``'s language: the stored phrases (``note_phrases``) said again when they
    still match the English ``notes``; else the English notes, each looked up as a msgid."""
    english = list(search.notes or [])
    stored = list(getattr(search, "note_phrases", None) or [])
    if len(stored) == len(english):
        phrases = [stored_phrase(data, note) for data, note in zip(stored, english)]
        if all(phrase is not None for phrase in phrases):
            return [t(phrase) for phrase in phrases]
    return [t(note) for note in english]


def job_list_message(query: str, matches: list[dict], *, ranking_id: str, has_profile: bool,
                     limit: int = CHAT_LIST_LENGTH, notes: list[str] | None = None,
                     currency: str | None = None, sample: bool = False, t: Translator = EN) -> JobListMessage:
    """The ranked list as cards; ``notes`` (boards that did not answer, the sample, the place mix; said
    already, see ``notes_of``) go below it; salaries are shown a year and, when not in ``currency`` (the
    searcher's), converted too. ``sample``: the jobs are bundled sample postings, and the title says so."""
    today = datetime.now(timezone.utc).date()
    cards = [_job_card(index + 1, match, ranking_id, currency, today, t)
             for index, match in enumerate(matches[:limit])]
    footer = t("Press “Cover letter” or type /apply N for a tailored letter.")
    if not has_profile:
        footer = t("Ranked by your query only — send your CV (PDF, Word or a photo) for a ranking that fits you.") + (
            " " + footer)
    counts = {"shown": len(cards), "total": len(matches), "query": query}
    title = t("Top {shown} of {total} sample jobs for “{query}”", **counts) if sample else t(
        "Top {shown} of {total} jobs for “{query}”", **counts)
    return JobListMessage(title=title, jobs=cards, footer=footer, notes=list(notes or []))


def no_jobs_message(query: str, notes: list[str] | None = None, *, left_out: int = 0, t: Translator = EN) -> Message:
    """Nothing to show: the search found nothing, or — ``left_out`` > 0 — the person's preferences
    ruled out every job it found, which a broader role would not change."""
    if left_out:
        text = t.ngettext("Your preferences left out the {n} job found for “{query}”.",
                          "Your preferences left out all {n} jobs found for “{query}”.", left_out, query=query)
        return Message(text=text + " " + t("/prefs shows them; /prefs reset clears them."), items=list(notes or []))
    return Message(text=t("No jobs found for “{query}”. Try a broader role or another city.", query=query),
                   items=list(notes or []))


def _job_card(number: int, match: dict, ranking_id: str, currency: str | None, today: date,
              t: Translator) -> JobCard:
    job = match["job"]
    return JobCard(
        number=number, title=job.get("title", ""), company=job.get("company_name", ""),
        location=job.get("location", ""), score=match.get("score"),
        matched_skills=match.get("matched_skills", []), missing_skills=match.get("missing_skills", []),
        reason=_reason(match, t), salary=salary_text(job, currency, t=t),
        apply_link=job.get("apply_link", ""), button=Button(t("Cover letter"), "letter", f"{ranking_id}:{number}"),
        source_line=" · ".join(part for part in (source_line(job, today, t=t), repost_words(match, t=t)) if part),
    )


def repost_words(match: dict, *, t: Translator = EN) -> str:
    """"reposted — pay changed from 50k EUR to 60k EUR" for a job an alert sent before with other pay
    (``match["repost"]``, written by the alert run: the pay as sent then and now, as the board gave it); ""
    for any other job."""
    repost = match.get("repost")
    if not isinstance(repost, dict):
        return ""
    before, now = repost.get("salary_before"), repost.get("salary_now")
    if before and now:
        return t("reposted — pay changed from {before} to {now}", before=before, now=now)
    if now:
        return t("reposted — pay now {now}", now=now)
    return t("reposted — pay no longer stated")


def _reason(match: dict, t: Translator) -> str:
    """Why the job ranks where it does: the ranking's explanation said in ``t``'s language; the stored
    English ``reason`` for English, or for a match ranked before explanations were kept."""
    explanation = match.get("explanation")
    if explanation and t.language != "en":
        return reason_text(explanation, t)
    return match.get("reason", "")


def salary_text(job: dict, currency: str | None, *, t: Translator = EN) -> str | None:
    """"€45k–55k a year (≈ £39k–48k)" from the parsed salary, in ``t``'s language ("45.000–55.000 € pro
    Jahr"); the board's own words when it could not be parsed; None when the posting names none."""
    from domain.jobs.salary_text import format_salary  # noqa: PLC0415 (Babel number data: only with salaries)
    from domain.jobs.salary import Salary  # noqa: PLC0415

    if job.get("salary_currency") and (job.get("salary_min") is not None or job.get("salary_max") is not None):
        salary = Salary(min=job.get("salary_min"), max=job.get("salary_max"), currency=job["salary_currency"],
                        period=job.get("salary_period"))
        shown = format_salary(salary, locale=t.language, user_currency=currency)
        if shown:
            return shown
    return job.get("salary") or None


def source_line(job: dict, today: date, *, t: Translator = EN) -> str:
    """"via Adzuna · also on Arbeitnow · posted 3 days ago": every board that listed the job is credited."""
    via = job.get("via") or ""
    others = [option.get("title") for option in job.get("apply_options") or [] if isinstance(option, dict)]
    others = list(dict.fromkeys(o for o in others if o and o.casefold() not in via.casefold()))
    parts = [via, t("also on {boards}", boards=", ".join(others)) if via and others else ""]
    days = JobPosting.from_dict(job).age_days(today) if job.get("posted_date") else None
    if days is not None:
        parts.append(posted_words(days, t=t))
    return " · ".join(part for part in parts if part)


def posted_words(days: int, *, t: Translator = EN) -> str:
    """"posted today", "posted yesterday", "posted 3 days ago" (the language's plural for ``days``)."""
    if days == 0:
        return t("posted today")
    if days == 1:
        return t("posted yesterday")
    return t.ngettext("posted {n} day ago", "posted {n} days ago", days)


def status_line(record, *, t: Translator = EN) -> str:
    """One of the person's requests: "Job search — completed: “nurse” · Nov 30, 2026 15:31 UTC"."""
    status = t(STATUS_WORDS[record.status]) if record.status in STATUS_WORDS else record.status
    line = t("{what} — {status}", what=t(step_of(record).label), status=status)
    if record.status == "processing":
        line += " " + t("({percent}%)", percent=record.progress_percent)
    if getattr(record, "query", None):
        line += t(": “{query}”", query=record.query)
    if record.status == "failed" and record.error_message:
        line += f" — {failure_reason(record, t=t)}"
    return line + " · " + t("{time} UTC", time=t.timestamp(record.created_at))


def forget_question(*, t: Translator = EN) -> Message:
    return Message(
        title=t("Delete everything?"),
        text=t("This deletes your profile, CV files, searches, letters, alerts and tracked applications. "
               "It cannot be undone."),
        buttons=[Button(t("Yes, delete everything"), "forget_confirm"), Button(t("Cancel"), "forget_cancel")],
    )


LANGUAGE_NOTE = N_("Written in {language}, the posting's language — your CV lists no {language}. "
                   "For a letter in a language you write, add its code to the job number, e.g. /apply 1 en.")


def letter_language_note(language: str, profile: dict, cv_text: str, *, t: Translator = EN) -> str:
    """"" when the CV shows the letter's language; else a word that it doesn't, and how to ask for
    another one — a letter in a language the person cannot write invites an interview in it."""
    if speaks(profile.get("languages") or [], cv_text, language):
        return ""
    return t(Phrase(LANGUAGE_NOTE, language=LanguageName(language)))
