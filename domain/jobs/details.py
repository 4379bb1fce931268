"""What the "Details" button shows about one posting: its requirements and benefits in its own
words, or one or two sentences about the role when it has no such sections, with its job types,
level and whether an agency posts it.

Sections are found by their headings (``domain.jobs.sections``, shared with the ranking), with
bullets (•, -, *, numbers) or sentences as items. SerpApi's ``job_highlights`` ("Qualifications",
"Benefits") come first when the posting has them. Nothing is rewritten: every line is the posting's
own words, at most clipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.cv.repair import printable
from domain.jobs.agency import is_agency
from domain.jobs.boards.html_text import html_to_text
from domain.jobs.enrich import _UNSEEN
from domain.jobs.job_type import job_types as types_of
from domain.jobs.level import seniority_level
from domain.jobs.preferences import JOB_TYPES
from domain.jobs.sections import (BENEFITS, BULLET, NICE, REQUIRED, heading, heading_kind, is_closing, lines,
                                  listed_sections, sentences)
from domain.jobs.types import JobPosting

MAX_REQUIREMENTS = 6
MAX_BENEFITS = 5
MAX_LINE_CHARS = 160
MAX_SUMMARY_CHARS = 300
MAX_SCANNED_CHARS = 50_000  # real postings are under 20 000 (enrich keeps 20 000); a 200 KB one is read this far


@dataclass(frozen=True)
class JobDetails:
    """The facts "Details" shows; every string is plain text from the posting (no HTML, no control characters)."""

    requirements: list[str] = field(default_factory=list)  # up to MAX_REQUIREMENTS lines
    benefits: list[str] = field(default_factory=list)  # up to MAX_BENEFITS lines
    summary: str = ""  # 1–2 sentences, only when neither section was found
    job_types: list[str] = field(default_factory=list)  # of JOB_TYPES, in that order
    level: str | None = None  # of SENIORITY_LEVELS
    agency: bool = False


def job_details(job: JobPosting) -> JobDetails:
    """The posting's requirements, benefits (or summary), job types, level and agency flag.

    Work is linear in the description, read up to ``MAX_SCANNED_CHARS``.
    """
    text = plain_text(job.description or "")
    found = listed_sections(text)
    requirements = _merged(_highlight_items(job, (REQUIRED, NICE)), found["requirements"], MAX_REQUIREMENTS)
    benefits = _merged(_highlight_items(job, (BENEFITS,)), found["benefits"], MAX_BENEFITS)
    kinds = types_of(job)
    return JobDetails(
        requirements=requirements,
        benefits=benefits,
        summary="" if requirements or benefits else summary_of(text),
        job_types=[kind for kind in JOB_TYPES if kind in kinds],
        level=seniority_level(job),
        agency=is_agency(job),
    )


_TAG = re.compile(r"</?[a-zA-Z!][^<>]{0,300}>")  # a stray tag or comment in text that is not HTML
_HTML_HINT = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|em|span|table|section)\b", re.IGNORECASE)


def plain_text(description: str) -> str:
    """The description as plain lines: HTML converted (the boards' own converter), stray tags and
    control characters gone, at most ``MAX_SCANNED_CHARS``."""
    # Control characters first: the HTML parser refuses text that holds them.
    text = _UNSEEN.sub("", printable(description[: MAX_SCANNED_CHARS * 2])).replace("\u200b", "")
    if _HTML_HINT.search(text):
        text = html_to_text(text)
        text = _UNSEEN.sub("", printable(text))  # entities may have spelt some ("&#27;")
    text = _TAG.sub(" ", text)[:MAX_SCANNED_CHARS]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")



def clip(line: str, limit: int = MAX_LINE_CHARS) -> str:
    """``line`` on one line, at most ``limit`` characters, cut at a word boundary with "…"."""
    line = " ".join(_TAG.sub(" ", line).split()).strip(" ;,")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-–") + "…"


def _merged(first: list[str], then: list[str], limit: int) -> list[str]:
    """Up to ``limit`` clipped lines, highlights first, without repeats or lines without a letter."""
    out, seen = [], set()
    for line in (*first, *then):
        clean = clip(line)
        key = clean.casefold().rstrip(".…")
        if len(clean) < 3 or not any(ch.isalpha() for ch in clean) or key in seen:
            continue
        seen.add(key)
        out.append(clean)
        if len(out) == limit:
            break
    return out


def _highlight_items(job: JobPosting, kinds: tuple[str, ...]) -> list[str]:
    """Items of SerpApi's ``job_highlights`` blocks whose title announces one of ``kinds`` ("Qualifications",
    "Benefits")."""
    items: list[str] = []
    for block in job.highlights or []:
        if isinstance(block, dict) and heading_kind(str(block.get("title") or "")) in kinds:
            items.extend(plain_text(str(item)) for item in block.get("items") or [] if isinstance(item, str))
    return items


def summary_of(text: str) -> str:
    """The first one or two sentences of the description, at most ``MAX_SUMMARY_CHARS``; headings,
    fragments and closing words ("Apply now", "not a real vacancy") left out."""
    chosen: list[str] = []
    for line in lines(text[:20_000]):
        body = BULLET.sub("", line.strip(), count=1)
        if len(body) < 25 or heading(line) is not None or body.endswith(":"):
            continue
        for sentence in sentences(body):
            if is_closing(sentence):
                continue
            if chosen and len(" ".join([*chosen, sentence])) > MAX_SUMMARY_CHARS:
                return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
            chosen.append(sentence)
            if len(chosen) == 2:
                return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
    return clip(" ".join(chosen), MAX_SUMMARY_CHARS)
