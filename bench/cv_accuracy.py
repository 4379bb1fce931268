"""CV reader accuracy on the real-producer corpus: ``python bench/cv_accuracy.py [--by-producer] [--misses] [--json]``.

Runs ``domain.cv.profile.build_profile`` on every PDF under ``tests/corpus/pdfs`` and prints per-field
accuracy against ``tests/corpus/answers.json`` (matching rules: ``tests/corpus/measure.py``), then
the reading time of the two-page PDFs: ``build_profile`` only, after one warm-up read, 5 repeats each.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf  # noqa: E402

from domain.cv.profile import build_profile  # noqa: E402
from tests.corpus.measure import FIELDS, FileScore, load_answers, measure, pdf_path, summarise  # noqa: E402

REPEATS = 5
COLUMNS = (*FIELDS, "skills_precision", "skills_recall", "languages_recall")


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}"


def _row(label: str, summary: dict) -> str:
    return f"{label:<28} {summary['files']:>3} " + " ".join(f"{_pct(summary[c]):>7}" for c in COLUMNS)


def print_table(scores: list[FileScore], by_producer: bool) -> None:
    print(f"{'':<28} {'n':>3} " + " ".join(f"{c[:7]:>7}" for c in COLUMNS))
    print(_row("all", summarise(scores)))
    if not by_producer:
        return
    for key in ("producer", "layout", "language"):
        groups: dict[str, list[FileScore]] = defaultdict(list)
        for s in scores:
            groups[s.answer[key]].append(s)
        print()
        for name in sorted(groups):
            print(_row(f"{key}={name}", summarise(groups[name])))


def _got(score: FileScore, fld: str):
    p = score.profile
    if p is None:
        return score.error
    return {"name": p.name, "email": p.email, "phone": p.phone, "location": p.location, "title": p.title,
            "years": p.years_experience}[fld]


def _want(score: FileScore, fld: str):
    a = score.answer
    return {"name": a["name"], "email": a["email"], "phone": a["phone"], "location": a["city"],
            "title": " | ".join([a["title"], *a["title_alternatives"]]), "years": "ranges"}[fld]


def print_misses(scores: list[FileScore]) -> None:
    for s in scores:
        lines = [f"  {f:<9} want {_want(s, f)!r:<40} got {_got(s, f)!r}" for f in FIELDS if not s.ok[f]]
        extra, missed = s.skills[4], s.skills[5]
        if missed:
            lines.append(f"  skills    missed {missed}")
        if extra:
            lines.append(f"  skills    extra  {extra}")
        if lines:
            print(s.file_id)
            print("\n".join(lines))


def reading_times(file_ids: list[str]) -> list[float]:
    """Seconds per ``build_profile`` call: one warm-up read per file, then REPEATS timed reads."""
    samples = []
    for file_id in file_ids:
        data = pdf_path(file_id).read_bytes()
        build_profile(data)
        for _ in range(REPEATS):
            started = time.perf_counter()
            build_profile(data)
            samples.append(time.perf_counter() - started)
    return samples


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def timing() -> dict[str, dict]:
    pages = {fid: len(pypdf.PdfReader(pdf_path(fid)).pages) for fid in load_answers()}
    out = {}
    for label, ids in (("two_page", [f for f, n in pages.items() if n == 2]), ("all", list(pages))):
        samples = reading_times(ids) if ids else []
        if samples:
            out[label] = {"files": len(ids), "p50_ms": 1000 * _percentile(samples, 50),
                          "p95_ms": 1000 * _percentile(samples, 95)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--by-producer", action="store_true", help="also by producer, layout and language")
    parser.add_argument("--misses", action="store_true", help="per file: every field missed, expected vs got")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    scores = measure()
    times = {} if args.no_timing else timing()
    if args.json:
        groups: dict[str, dict] = {}
        for key in ("producer", "layout", "language"):
            buckets: dict[str, list[FileScore]] = defaultdict(list)
            for s in scores:
                buckets[s.answer[key]].append(s)
            groups[key] = {k: summarise(v) for k, v in sorted(buckets.items())}
        print(json.dumps({"all": summarise(scores), **groups, "timing": times}, indent=1))
        return 0
    print_table(scores, args.by_producer)
    if args.misses:
        print()
        print_misses(scores)
    for label, t in times.items():
        print(f"\nbuild_profile, {label} PDFs ({t['files']} files × {REPEATS}): "
              f"p50 {t['p50_ms']:.1f} ms, p95 {t['p95_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
