"""Working with a ranked list in the chat: the next page, one job's details, "Not for me" with a reason.

Every list the bot sends carries the same buttons (``with_result_buttons``): per job Cover letter,
Details and Not for me, and under the list More while jobs are left. Numbers continue across
pages (jobs 11–20 after More), so "/apply 12" and "details for 12" mean the job the person saw.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from bot.core import texts
from bot.core.ports import Button, JobListMessage, Message
from domain.jobs.places import local_currency
from domain.jobs.preferences import LEFT_OUT
from domain.jobs.preferences_text import describe_left_out
from domain.jobs.types import JobPosting
from i18n import N_, Translator
from services.results import job_key

PASS_REASONS = {  # the reason codes of domain.jobs.feedback, as the buttons name them
    "too_senior": N_("Too senior"),
    "wrong_place": N_("Wrong place"),
    "agency": N_("An agency"),
    "not_my_field": N_("Not my field"),
}
PASSED_BECAUSE = {
    "too_senior": N_("I'll rank jobs at that level lower from now on."),
    "wrong_place": N_("I'll rank jobs in that place lower from now on."),
    "agency": N_("I'll rank agency jobs lower from now on."),
    "not_my_field": N_("I'll rank jobs like that lower from now on."),
}
LEVEL_WORDS = {"junior": N_("junior"), "mid": N_("mid level"), "senior": N_("senior"), "lead": N_("lead")}
TYPE_WORDS = {"full_time": N_("full-time"), "part_time": N_("part-time"), "contract": N_("contract"),
              "internship": N_("internship"), "temporary": N_("temporary")}


def ranked_list(search, matches: list[dict], *, ranking_id: str, start: int, count: int, total: int,
                has_profile: bool, t: Translator) -> JobListMessage:
    """A page of a ranking as the chat shows it, first list and later pages alike: ``count`` jobs of
    ``matches`` (the ranking from ``start`` on) numbered from ``start`` + 1, the search's notes and what
    the person's preferences left out, every button (under a chat search's list, "🔔 Alert me" with the
    search's id; not under a digest, which an alert sent), and a "Jobs 11–20 of 30" title after the first.
    ``search``: the JobSearch ranked (its query, place, notes, sample flag), read while its session is open."""
    notes = texts.notes_of(search, t=t) if search is not None else []
    left_out = describe_left_out(((search.preferences if search is not None else None) or {}).get(LEFT_OUT) or {}, t)
    notes = [*notes, left_out] if left_out else notes
    query, location = (search.query, search.location) if search is not None else ("", None)
    listing = texts.job_list_message(query, matches, ranking_id=ranking_id, has_profile=has_profile, limit=count,
                                     notes=notes, currency=local_currency(location or ""),
                                     sample=bool(search is not None and search.from_sample), t=t)
    keys = [job_key(match["job"].get("job_id", "")) for match in matches[:count]]
    listing = with_result_buttons(listing, ranking_id=ranking_id, start=start, total=total, keys=keys, t=t)
    if search is not None and search.chat_user_id is not None and not search.alert_id:  # a digest is an alert's own
        listing.buttons = [*listing.buttons, Button(t("🔔 Alert me"), "alert", search.id)]
    if start:
        listing.title = page_title(query, start, len(listing.jobs), total, t)
    return listing


def with_result_buttons(message: JobListMessage, *, ranking_id: str, start: int, total: int, keys: list[str],
                        t: Translator) -> JobListMessage:
    """The list with job numbers from ``start`` + 1, each job's Details and Not for me buttons, and
    More when ``total`` jobs go beyond this page. ``message`` is a list built by texts.job_list_message;
    ``keys`` are its jobs' ``services.results.job_key`` in order, which the buttons carry."""
    cards = []
    for index, (card, key) in enumerate(zip(message.jobs, keys)):
        number = start + index + 1
        named = f"{ranking_id}:{key}"  # the job itself: a list ranked again must not shift what a button means
        letter = dataclasses.replace(card.button, label=t("Cover letter"), value=named, number=number) \
            if card.button else None
        cards.append(dataclasses.replace(card, number=number, button=letter, salary_label=t("Salary"),
                                         apply_label=t("Apply"), actions=[
            Button(t("Details"), "details", named, number),
            Button(t("Not for me"), "pass", named, number),
        ]))
    shown = start + len(cards)
    buttons = [Button(t("More ({left} left)", left=total - shown), "more", f"{ranking_id}:{shown}")] \
        if shown < total else []
    return dataclasses.replace(message, jobs=cards, buttons=buttons)


def page_title(query: str, start: int, count: int, total: int, t: Translator) -> str:
    """"Jobs 11–20 of 30 for “python”" for a page after the first."""
    return t("Jobs {first}–{last} of {total} for “{query}”", first=start + 1, last=start + count, total=total,
             query=query)


def details_message(match: dict, *, ranking_id: str, number: int, key: str, t: Translator) -> Message:
    """One job in full: where, pay, kind, when and where it was posted, what it asks for and offers,
    the apply link; with its Cover letter and Not for me buttons."""
    # Read only when someone asks: a posting's facts need the HTML and date readers (lxml, dateparser),
    # which the bot process otherwise never loads (tests/bot/test_bot_process_imports.py).
    from domain.jobs.details import job_details  # noqa: PLC0415

    job = match["job"]
    posting = JobPosting.from_dict(job)
    facts = job_details(posting)
    today = datetime.now(timezone.utc).date()
    kind = [t(TYPE_WORDS[name]) for name in facts.job_types if name in TYPE_WORDS]
    if facts.level in LEVEL_WORDS:
        kind.append(t(LEVEL_WORDS[facts.level]))
    if facts.agency:
        kind.append(t("via a recruitment agency"))
    salary = texts.salary_text(job, local_currency(job.get("location") or ""), t=t)
    items = [line for line in (
        " · ".join(part for part in (job.get("company_name"), job.get("location")) if part),
        ", ".join(kind),
        t("Salary: {salary}", salary=salary) if salary else t("Salary: not stated"),
        texts.source_line(job, today, t=t),
    ) if line]
    parts = [facts.summary] if facts.summary and not (facts.requirements or facts.benefits) else []
    if facts.requirements:
        parts.append(t("What they ask for:") + "\n" + "\n".join(f"• {line}" for line in facts.requirements))
    if facts.benefits:
        parts.append(t("What they offer:") + "\n" + "\n".join(f"• {line}" for line in facts.benefits))
    link = job.get("apply_link") or ""
    footer = t("Apply: {link}", link=link) if link.startswith(("https://", "http://")) else None
    return Message(title=t("{number}. {title}", number=number, title=job.get("title", "")),
                   text="\n\n".join(parts), items=items, footer=footer,
                   buttons=[Button(t("Cover letter"), "letter", f"{ranking_id}:{key}", number),
                            Button(t("Not for me"), "pass", f"{ranking_id}:{key}", number)])


def why_not_question(match: dict, *, ranking_id: str, number: int, key: str, t: Translator) -> Message:
    """Asks what was wrong with job N, with one button per reason (each naming the job by ``key``, so
    an answer pressed twice, or after another pass moved the list, is about this job or none)."""
    return Message(
        text=t("What makes “{title}” not for you? I'll take it off your list and rank such jobs lower.",
               title=match["job"].get("title", "")),
        buttons=[Button(t(words), "pass", f"{ranking_id}:{key}:{reason}", number)
                 for reason, words in PASS_REASONS.items()])


def passed_message(title: str, reason: str, t: Translator) -> str:
    return t("Took “{title}” off your list.", title=title) + " " + t(PASSED_BECAUSE[reason])
