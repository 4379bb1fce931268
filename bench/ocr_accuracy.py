"""CV field accuracy of scans and photos next to the text PDFs, and OCR time per page:
``nice -n 10 python bench/ocr_accuracy.py [--limit N] [--variants text,scan300,scan200,photo] [--misses] [--json]``.

For every PDF of the real-producer corpus (``tests/corpus``; ``--limit`` takes N spread over the
languages), makes the degraded versions with ``tests/support/scans.py``:

- ``scan300`` / ``scan200``: every page printed and scanned back at 300 / 200 dpi (slight skew, grey
  paper, noise, blur), as an image-only PDF with JPEG pages — a scanner's "scan to PDF";
- ``photo``: page one photographed with a 12-megapixel phone over a desk (perspective, uneven
  light, blur, noise) as a JPEG; a CV of several pages as a PDF of such photos, one per page;

then reads each one through the product — ``domain.cv.profile.build_profile``, which sniffs the
bytes and sends scans and photos to OCR — and scores the profile with the corpus' rules
(``tests/corpus/measure.py``, as ``bench/cv_accuracy.py``). Reading runs in a fresh child process,
so its peak RSS is the reader's own and not that of making the inputs. OCR time per page is the
time between the reader's ``on_page`` calls (rendering the page, OCR, and for the last page the
field extraction); a file whose reader never calls ``on_page`` counts as one page of its whole time.
Goals (issue 10): name and e-mail ≥ 90 %, skills recall ≥ 0.8 from 300-dpi scans; < 3 s a page.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise, zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import percentile
from cv_accuracy import COLUMNS, _row, print_misses

from tests.corpus.measure import (
    FileScore,
    load_answers,
    pdf_path,
    score_file,
    summarise,
)
from tests.support import scans

VARIANTS = ("text", "scan300", "scan200", "photo")
DEFAULT_VARIANTS = ("text", "scan300", "photo")
GOALS = {"name": 0.90, "email": 0.90, "skills_recall": 0.80}
GOAL_SECONDS_PER_PAGE = 3.0


@dataclass
class Reading:
    """One file read by the product in the child process."""

    file_id: str
    variant: str
    profile: object | None  # CandidateProfile
    error: str = ""
    seconds: float = 0.0
    page_seconds: list[float] = field(default_factory=list)
    load: float = 0.0  # the 1-minute load average when the read ended


def spread(file_ids: list[str], answers: dict[str, dict], limit: int | None) -> list[str]:
    """``limit`` ids taken round-robin over the CV languages (all of them for ``None``)."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for fid in sorted(file_ids):
        by_language[answers[fid]["language"]].append(fid)
    mixed = [fid for group in zip_longest(*by_language.values()) for fid in group if fid]
    return mixed[:limit] if limit else mixed


def make_input(file_id: str, variant: str) -> bytes:
    """The bytes of ``variant`` of a corpus PDF (see the module docstring)."""
    data = pdf_path(file_id).read_bytes()
    if variant == "text":
        return data
    if variant.startswith("scan"):
        return scans.scanned_pdf(data, dpi=int(variant[4:]))
    if variant == "photo":
        pages = scans.render_pages(data, dpi=300)
        if len(pages) == 1:
            return scans.photo_jpeg(data)
        return scans.as_pdf([scans.phone_photo(p, seed=i, quality=None) for i, p in enumerate(pages)],
                            dpi=230, quality=80)
    raise ValueError(f"unknown variant {variant!r}")


def _peak_rss_mib() -> float:
    """This process' peak RSS (VmHWM), MiB. Not getrusage's ru_maxrss: Linux carries that over from
    the parent that forked this process (which made the inputs); VmHWM is this process' own."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def _read(jobs: list[tuple[str, str, str]]) -> tuple[list[Reading], dict[str, float], float | None]:
    """In the child: ``build_profile`` on each ``(file id, variant, path)`` (grouped by variant, text
    first). Returns the readings, the peak RSS (MiB) reached by the end of each variant, and the
    seconds of a cold first OCR read (the engine's start-up), made on the first OCR input before the
    timed reads so that the page times are a warm worker's."""
    from domain.cv.profile import build_profile

    readings, rss = [], {}
    cold = None
    for file_id, variant, path in jobs:
        if cold is None and variant != "text":
            started = time.perf_counter()
            build_profile(Path(path).read_bytes())
            cold = time.perf_counter() - started
        data = Path(path).read_bytes()
        marks: list[float] = []
        started = time.perf_counter()
        try:
            profile, error = build_profile(data, on_page=lambda page, pages, marks=marks: marks.append(
                time.perf_counter())), ""
        except Exception as exc:  # noqa: BLE001 - a refusal or a crash is a miss on every field, and is shown
            profile, error = None, f"{type(exc).__name__}: {exc}"
        ended = time.perf_counter()
        bounds = [*(marks or [started]), ended]
        timed = variant != "text" and not error  # a refusal's time is no page's reading time
        pages = [b - a for a, b in pairwise(bounds)] if timed else []
        readings.append(Reading(file_id, variant, profile, error, ended - started, pages, os.getloadavg()[0]))
        rss[variant] = _peak_rss_mib()
    return readings, rss, cold


def run(file_ids: list[str], variants: list[str], keep: Path | None) -> tuple[list[Reading], dict]:
    """Make every input, then read them all in one fresh child process (text variant first)."""
    scratch = None if keep else tempfile.TemporaryDirectory(prefix="ocr-bench-")
    work = keep or Path(scratch.name)
    jobs = []
    load_before = os.getloadavg()
    made = time.perf_counter()
    for variant in variants:
        (work / variant).mkdir(parents=True, exist_ok=True)
        for fid in file_ids:
            data = make_input(fid, variant)
            suffix = ".jpg" if data[:3] == b"\xff\xd8\xff" else ".pdf"
            path = work / variant / f"{fid}{suffix}"
            path.write_bytes(data)
            jobs.append((fid, variant, str(path)))
    made = time.perf_counter() - made
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        readings, rss, cold = pool.submit(_read, jobs).result()
    if scratch:
        scratch.cleanup()
    loads = [r.load for r in readings]
    return readings, {
        "peak_rss_mib_by_end_of": rss, "cold_first_ocr_read_s": cold, "inputs_seconds": made,
        "cpus": os.cpu_count(),
        "load_average_before": load_before, "load_average": os.getloadavg(),
        "load_1min_while_reading": {"mean": sum(loads) / len(loads), "max": max(loads)},
    }


def summaries(readings: list[Reading], answers: dict[str, dict]) -> tuple[dict, dict[str, list[FileScore]]]:
    today = date.today()
    scored: dict[str, list[FileScore]] = defaultdict(list)
    out: dict[str, dict] = {}
    for r in readings:
        scored[r.variant].append(score_file(r.file_id, answers[r.file_id], r.profile, today, r.error))
    for variant, scores in scored.items():
        rows = [r for r in readings if r.variant == variant]
        pages = [s for r in rows for s in r.page_seconds]
        out[variant] = {
            **summarise(scores),
            "errors": sum(1 for r in rows if r.error),
            "sources": dict(sorted(_count(r.profile.source for r in rows if r.profile).items())),
            "pages": len(pages),
            "page_p50_s": percentile(pages, 0.50) if pages else None,
            "page_p99_s": percentile(pages, 0.99) if pages else None,
            "file_p50_s": percentile([r.seconds for r in rows], 0.50),
        }
    return out, scored


def _missed(score: FileScore) -> dict[str, object]:
    """What a file's profile got wrong: field → what was read (or the error), and the skills missed."""
    p = score.profile
    attribute = {"years": "years_experience"}
    out: dict[str, object] = {f: getattr(p, attribute.get(f, f)) if p else score.error
                              for f, ok in score.ok.items() if not ok}
    if score.skills[5]:
        out["skills_missed"] = score.skills[5]
    return out


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts


def print_report(figures: dict, machine: dict) -> None:
    print(f"{'':<28} {'n':>3} " + " ".join(f"{c[:7]:>7}" for c in COLUMNS) + "  page p50   p99  errors")
    for variant, s in figures.items():
        timing = (f"  {s['page_p50_s']:6.2f} s {s['page_p99_s']:5.2f} s" if s["page_p50_s"] is not None
                  else " " * 19)
        print(_row(variant, s) + timing + f"  {s['errors']:>5}")
    print()
    for variant, s in figures.items():
        print(f"{variant}: read as {s['sources']}, {s['pages']} OCR pages timed")
    for variant in ("scan300", "scan200", "photo"):
        if variant not in figures:
            continue
        s = figures[variant]
        goals = ", ".join(f"{k} {100 * s[k]:.1f} % {'met' if s[k] >= g else 'MISSED'} (≥ {100 * g:.0f} %)"
                          for k, g in GOALS.items())
        seconds = (f"page p99 {s['page_p99_s']:.2f} s {'met' if s['page_p99_s'] < GOAL_SECONDS_PER_PAGE else 'MISSED'}"
                   if s["page_p99_s"] is not None else "no pages timed")
        print(f"goals on {variant}: {goals}; {seconds} (< {GOAL_SECONDS_PER_PAGE:.0f} s)")
    rss = ", ".join(f"{v} {mib:.0f} MiB" for v, mib in machine["peak_rss_mib_by_end_of"].items())
    cold = machine["cold_first_ocr_read_s"]
    print(f"\nreader process peak RSS by the end of each variant: {rss}; "
          + (f"cold first OCR read (untimed above) {cold:.2f} s; " if cold is not None else "")
          + f"inputs made in {machine['inputs_seconds']:.0f} s; "
          f"load average (1/5/15 min) {' / '.join(f'{x:.2f}' for x in machine['load_average_before'])} before, "
          f"{' / '.join(f'{x:.2f}' for x in machine['load_average'])} at the end, "
          f"1-minute load while reading mean {machine['load_1min_while_reading']['mean']:.2f}, "
          f"max {machine['load_1min_while_reading']['max']:.2f}, on {machine['cpus']} CPUs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only N corpus PDFs, spread over the languages")
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS),
                        help=f"comma-separated, of {', '.join(VARIANTS)} (default: %(default)s)")
    parser.add_argument("--misses", action="store_true", help="per variant and file: every field missed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="write the degraded inputs under this directory and keep them")
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    answers = load_answers()
    file_ids = spread(list(answers), answers, args.limit)
    readings, machine = run(file_ids, variants, args.keep)
    figures, scored = summaries(readings, answers)
    if args.json:
        misses = {variant: {s.file_id: _missed(s) for s in scores if _missed(s)} for variant, scores in scored.items()}
        print(json.dumps({"files": len(file_ids), "variants": figures, "machine": machine, "misses": misses},
                         indent=1, ensure_ascii=False))
        return 0
    print_report(figures, machine)
    if args.misses:
        for variant, scores in scored.items():
            print(f"\n== {variant}")
            print_misses(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
