"""The CV's sections and entries from the reader's text (issue 11 part 1).

Sections come from ``domain.cv.sections.label_lines``; a cover letter in front of the CV is left
out (``domain.cv.cover_letter``). The experience and education sections are cut into entries by
``domain.cv.entry_blocks``; here each entry's heading parts are told apart — role and employer,
degree and school — by the role vocabulary (``domain.cv.roles``), degree words
(``domain.cv.experience.is_degree_line``) and organisation words; when neither tells, the order the
CV's other entries use decides (RenderCV prints "Employer, Role", most templates "Role, Employer").
Everything kept is the CV's own wording.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from domain.cv.bullets import strip_bullet
from domain.cv.cover_letter import find_letter
from domain.cv.dates import DateSpan
from domain.cv.entry_blocks import EntryBlock, entry_blocks, heading_parts, without_in
from domain.cv.experience import is_degree_line
from domain.cv.fields import extract_summary
from domain.cv.outline_types import CvOutline, EducationEntry, WorkEntry
from domain.cv.roles import has_role_word
from domain.cv.sections import Line, fold, heading_section, label_lines
from domain.cv.skill_entries import (
    looks_like_organisation,
    looks_like_place,
    looks_like_role,
)

_CERTIFICATE_HEADING = re.compile(r"certif|zertifi|licen|weiterbildung|course|kurse|cursos|corsi|cursussen|"
                                  r"formations? complementaires|certyfikat|certifik")


def read_outline(text: str, today: dt.date | None = None) -> CvOutline:
    """The outline of a CV's text (``CandidateProfile.text``); empty parts when not found.

    ``today`` dates open ranges and two-digit years (default: today). Experience entries are
    most recent first when each has a start date, else in CV order; a degree printed among the
    jobs (one date column for both) goes to education. ``WorkEntry.lines`` holds one item per
    bullet or sentence, wraps rejoined. Never raises on odd text: what cannot be read is left out.
    """
    today = today or dt.date.today()
    lines = _cv_lines(text)
    jobs, degrees_in_jobs = [], []
    for block in entry_blocks(_section_texts(lines, "experience"), today):
        if block.heads and is_degree_line(" ".join(block.heads)) and not has_role_word(" ".join(block.heads)):
            degrees_in_jobs.append(block)
        else:
            jobs.append(block)
    work = _work_entries(jobs)
    if all(entry.start for entry in work):
        work = sorted(work, key=lambda e: e.start, reverse=True)  # stable: CV order among equal starts
    education = _education_entries(entry_blocks(_section_texts(lines, "education"), today) + degrees_in_jobs)
    certificates, extra = _other_sections(lines)
    return CvOutline(
        summary=extract_summary(lines),
        experience=tuple(work),
        education=tuple(education),
        certificates=certificates,
        skill_lines=tuple(strip_bullet(line.text) for line in lines if line.section == "skills"),
        extra=extra,
    )


# --- sections --------------------------------------------------------------------------------

def _cv_lines(text: str) -> list[Line]:
    """Labelled lines without a cover letter that opens an application bundle."""
    lines = label_lines(text)
    letter = find_letter(lines)
    if letter and letter.closing is not None:
        return lines[letter.closing + 1:]
    return lines


def _section_texts(lines: list[Line], section: str) -> list[str]:
    """The section's lines as written; a second heading line the layout wrapped ("EXPÉRIENCE" /
    "PROFESSIONNELLE") is part of the heading, not of the first entry."""
    out: list[str] = []
    previous_heading = None
    for line in lines:
        if line.section != section:
            previous_heading = None
            continue
        if line.heading != previous_heading:
            previous_heading = line.heading
            if heading_section(f"{line.heading} {line.text}") == section and len(line.text.split()) <= 2:
                continue
        out.append(line.text)
    return out


def _other_sections(lines: list[Line]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Certificate lines, and the other sections' lines by folded heading ("projects": (…))."""
    certificates: list[str] = []
    extra: dict[str, list[str]] = {}
    for line in lines:
        if line.section not in ("other", "languages"):
            continue
        text = strip_bullet(line.text)
        if line.section == "other" and _CERTIFICATE_HEADING.search(fold(line.heading)):
            certificates.append(text)
        else:
            key = "languages" if line.section == "languages" else fold(line.heading).strip(" :")
            extra.setdefault(key, []).append(text)
    return tuple(certificates), {k: tuple(v) for k, v in extra.items()}


def _is_role(part: str) -> bool:
    return (looks_like_role(part) or has_role_word(part, loose=True)) and not looks_like_organisation(part)


def _is_school(part: str) -> bool:
    return looks_like_organisation(part) and not is_degree_line(part)


def _pick(parts: list[str], is_first: Callable[[str], bool], is_second: Callable[[str], bool]) -> tuple[int, int] | None:
    """Indices (first kind, second kind) when the vocabulary tells them apart, else None."""
    firsts = [i for i, p in enumerate(parts) if is_first(p)]
    seconds = [i for i, p in enumerate(parts) if is_second(p) and i not in firsts]
    if firsts and seconds:
        return firsts[0], seconds[0]
    if len(firsts) == 1 and len(parts) >= 2:
        others = [i for i in range(len(parts)) if i != firsts[0]]
        # A place is the employer only when nothing else is ("Referendar, Staatliches Seminar Freiburg").
        named = [i for i in others if not looks_like_place(parts[i])] or others
        return firsts[0], named[0]
    if len(seconds) == 1 and len(parts) >= 2:
        others = [i for i in range(len(parts)) if i != seconds[0]]
        return others[0], seconds[0]
    return None


def _pairs(blocks: list[EntryBlock], is_first, is_second, clean=lambda p: p) -> list[tuple[str, str]]:
    """(first kind, second kind) of each block's heading: by vocabulary, else by the order the
    section's other entries use (first kind before second unless most say otherwise)."""
    parts_of = [[clean(p) for p in heading_parts(" | ".join(b.heads))] for b in blocks]
    picks = [_pick(parts, is_first, is_second) for parts in parts_of]
    votes = [a < b for a, b in (p for p in picks if p and p[1] >= 0)]
    first_first = not votes or sum(votes) * 2 >= len(votes)
    out = []
    for parts, pick in zip(parts_of, picks):
        if pick:
            a, b = pick
            out.append((parts[a], parts[b] if b >= 0 else ""))
        elif len(parts) >= 2:
            out.append((parts[0], parts[1]) if first_first else (parts[1], parts[0]))
        elif parts:
            only = parts[0]
            out.append((only, "") if is_first(only) or not is_second(only) else ("", only))
        else:
            out.append(("", ""))
    return out


def _month(span: DateSpan | None, which: str) -> dt.date | None:
    if span is None:
        return None
    value = span.start if which == "start" else span.end
    return dt.date(value[0], value[1], 1) if value else None


def _work_entries(blocks: list[EntryBlock]) -> list[WorkEntry]:
    entries = []
    for block, (role, employer) in zip(blocks, _pairs(blocks, _is_role, looks_like_organisation)):
        entries.append(WorkEntry(
            role=role, employer=employer, dates=_dates_text(block.span),
            start=_month(block.span, "start"), end=_month(block.span, "end"),
            lines=tuple(block.lines), head=tuple(h.strip() for h in block.raw_head)))
    return entries


def _education_entries(blocks: list[EntryBlock]) -> list[EducationEntry]:
    entries = []
    for block, (degree, school) in zip(blocks, _pairs(blocks, is_degree_line, _is_school, without_in)):
        entries.append(EducationEntry(degree=degree, institution=school, dates=_dates_text(block.span),
                                      lines=tuple(block.lines), head=tuple(h.strip() for h in block.raw_head)))
    return entries


def _dates_text(span: DateSpan | None) -> str:
    return " ".join(span.text.split()) if span else ""
