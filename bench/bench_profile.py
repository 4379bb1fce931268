"""Benchmark CV profiling by hand: ``python bench/bench_profile.py``.

Measures pypdf text extraction alone and the full ``build_profile`` over 50 generated
CVs (every persona × layout × producer, cycled), then the peak RSS (VmHWM, falling back to getrusage maxrss) of a fresh
subprocess that profiles the decompression-bomb PDF.
"""
from __future__ import annotations

import io
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf  # noqa: E402

from domain.cv.profile import build_profile  # noqa: E402
from tests.support.bad_pdfs import make_bomb_pdf  # noqa: E402
from tests.support.pdf_factory import LAYOUTS, PERSONAS, PRODUCERS, make_cv_pdf  # noqa: E402

N_CVS = 50

_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from domain.cv.profile import build_profile
from domain.cv.errors import CvReadError
data = open({path!r}, "rb").read()
def hwm_kib():
    # VmHWM starts afresh with exec; ru_maxrss would carry the parent's high-water mark
    # (the parent just built a 2 GiB deflate stream).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
before = hwm_kib()
started = time.perf_counter()
try:
    build_profile(data)
    outcome = "profile"
except CvReadError as exc:
    outcome = exc.code
print(outcome, time.perf_counter() - started, before, hwm_kib())
"""


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000, max(ordered) * 1000


def _time(fn, inputs: list[bytes]) -> list[float]:
    samples = []
    for data in inputs:
        started = time.perf_counter()
        fn(data)
        samples.append(time.perf_counter() - started)
    return samples


def _pypdf_only(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _bomb_in_subprocess(root: Path) -> tuple[str, float, float, float, int]:
    bomb = make_bomb_pdf()
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(bomb)
    code = _CHILD.format(root=str(root), path=handle.name)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    Path(handle.name).unlink()
    return out[0], float(out[1]) * 1000, int(out[2]) / 1024, int(out[3]) / 1024, len(bomb)


def main() -> None:
    combos = itertools.cycle(itertools.product(sorted(PERSONAS), LAYOUTS, sorted(PRODUCERS)))
    cvs = [make_cv_pdf(PERSONAS[key], layout, producer) for key, layout, producer in itertools.islice(combos, N_CVS)]
    build_profile(cvs[0])  # warm the skills regex and font caches
    rows = [
        ("pypdf extract_text only", _time(_pypdf_only, cvs)),
        ("build_profile (full)", _time(build_profile, cvs)),
    ]
    print(f"{N_CVS} generated CVs, {statistics.mean(map(len, cvs)) / 1024:.0f} KiB average\n")
    print(f"{'step':<26}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for label, samples in rows:
        p50, p99, worst = _percentiles(samples)
        print(f"{label:<26}{p50:>9.1f}{p99:>9.1f}{worst:>9.1f}")
    outcome, millis, rss_before, rss_after, size = _bomb_in_subprocess(Path(__file__).resolve().parents[1])
    print(f"\nbomb PDF ({size / 1024 / 1024:.1f} MB file, 2 GiB inflated): outcome={outcome}, {millis:.0f} ms, "
          f"peak RSS {rss_after:.0f} MB (process after imports: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
