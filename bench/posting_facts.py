"""What one posting's facts cost and how often they are right: ``python bench/posting_facts.py [--repeats 3]``.

- Speed: ``job_details`` (sections, summary, job types, level, agency) on the 1,330 bundled sample
  postings (``domain/jobs/data/postings.json``) with their highlights removed, so the description
  is read; p50/p95/max in ms of the thread's CPU time (``time.thread_time``), so other processes
  sharing the machine do not show up as our cost; the loaded data is frozen out of the garbage
  collector first. Then the worst of a set of 200 KB hostile descriptions.
- Sections: share of sample postings whose requirement and benefit lines read from the
  description equal the items of their own highlights (the generator writes both; a few sample
  descriptions hold no sections at all, only their highlights do).
- Labels: precision and recall of ``is_agency``, ``job_types`` and ``seniority_level`` on the
  hand-labelled set ``tests/domain/jobs/data/posting_facts.json``, all of it and the held-out part.
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.jobs.agency import is_agency  # noqa: E402
from domain.jobs.details import MAX_BENEFITS, MAX_REQUIREMENTS, clip, job_details  # noqa: E402
from domain.jobs.job_type import job_types  # noqa: E402
from domain.jobs.level import seniority_level  # noqa: E402
from domain.jobs.types import JobPosting  # noqa: E402

SAMPLES = ROOT / "domain" / "jobs" / "data" / "postings.json"
LABELLED = ROOT / "tests" / "domain" / "jobs" / "data" / "posting_facts.json"
HOSTILE = ("word " * 40_000, "Requirements: x. " * 12_000, "• item\n" * 30_000, "<p>" * 50_000, "<!--" * 50_000,
           ":" * 200_000, "\n" * 200_000, "z. B. " * 40_000, "No agencies. Our client is a bank. " * 6_000)


def samples() -> list[tuple[JobPosting, dict]]:
    known = {f.name for f in fields(JobPosting)}
    rows = json.loads(SAMPLES.read_text(encoding="utf-8"))
    return [(replace(JobPosting(**{k: v for k, v in row.items() if k in known}), highlights=[]),
             {h["title"]: h["items"] for h in row.get("highlights") or []}) for row in rows]


def speed(postings: list[JobPosting], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for job in postings:
            started = time.thread_time()
            job_details(job)
            times.append((time.thread_time() - started) * 1000)
    return times


def sections_agree(pairs: list[tuple[JobPosting, dict]]) -> tuple[int, int]:
    agree = total = 0
    for job, highlights in pairs:
        details = job_details(job)
        for title, got, limit in (("Qualifications", details.requirements, MAX_REQUIREMENTS),
                                  ("Benefits", details.benefits, MAX_BENEFITS)):
            if title in highlights:
                total += 1
                agree += got == [clip(item) for item in highlights[title]][:limit]
    return agree, total


def labelled_figures(rows: list[dict]) -> dict[str, tuple[float, float]]:
    agency = [(is_agency(job), row["agency"]) for job, row in rows]
    types = [(job_types(job), set(row["types"])) for job, row in rows]
    levels = [(seniority_level(job), row["level"]) for job, row in rows]
    hits = sum(a and b for a, b in agency)
    type_hits = sum(len(a & b) for a, b in types)
    level_hits = sum(a is not None and a == b for a, b in levels)
    return {
        "agency": (hits / max(1, sum(a for a, _ in agency)), hits / max(1, sum(b for _, b in agency))),
        "job types": (type_hits / max(1, sum(len(a) for a, _ in types)),
                      type_hits / max(1, sum(len(b) for _, b in types))),
        "level": (level_hits / max(1, sum(a is not None for a, _ in levels)),
                  level_hits / max(1, sum(b is not None for _, b in levels))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pairs = samples()
    gc.collect()
    gc.freeze()
    times = sorted(speed([job for job, _ in pairs], args.repeats))
    print(f"job_details on {len(pairs)} sample postings x{args.repeats}: p50 {statistics.median(times):.2f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.2f} ms, max {times[-1]:.2f} ms")
    worst = max(speed([JobPosting("x", "Senior " * 50, "Acme", description=text[:200_000]) for text in HOSTILE], 1))
    print(f"worst of {len(HOSTILE)} hostile 200 KB descriptions: {worst:.0f} ms")
    agree, total = sections_agree(pairs)
    print(f"sections read from the description equal the highlights: {agree}/{total}")
    rows = [(JobPosting(**row["posting"]), row) for row in json.loads(LABELLED.read_text(encoding="utf-8"))]
    held = [(job, row) for job, row in rows if row["origin"].startswith("held out")]
    for name, part in (("labelled set", rows), ("held-out part", held)):
        figures = labelled_figures(part)
        print(f"{name} ({len(part)} postings): " + "; ".join(
            f"{fact} precision {p:.3f} recall {r:.3f}" for fact, (p, r) in figures.items()))


if __name__ == "__main__":
    main()
