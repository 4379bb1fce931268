"""Do the application files keep to their pages in Word's layout too? ``python bench/cv_one_page.py``

The tailored CV is fitted to one page by measuring it with fpdf2 (``tailored_cv_render``); its
Word file is drawn from the same fitted CV, in Arial with the PDF's exact line heights. This
converts every Word file with LibreOffice (``soffice --headless --convert-to pdf``, the
Debian ``libreoffice-writer`` package) and counts pages, for:

* each corpus CV (``tests/corpus/pdfs``) tailored to its best posting (offline postings);
* the same CVs made long — each experience entry given twelve times — so the fitting must trim;
* the template letter for the same CV and posting (one page: the CV summary stays in the chat).

Prints page counts of the PDFs and of the converted Word files, file sizes and render times.
Without ``soffice`` only the PDFs are counted. Not a test: LibreOffice is not in CI.
"""
from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402

from domain.cv.profile import build_profile  # noqa: E402
from domain.jobs.offline_source import OfflineJobSource  # noqa: E402
from domain.letters.docx import render_letter_docx  # noqa: E402
from domain.letters.pdf import render_letter_pdf  # noqa: E402
from domain.letters.tailored_cv import tailor_cv  # noqa: E402
from domain.letters.tailored_cv_docx import render_cv_docx  # noqa: E402
from domain.letters.tailored_cv_render import fit_one_page, render_cv_pdf  # noqa: E402
from domain.letters.template import TemplateLetterWriter  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "pdfs"
LONG_TIMES = 12


def pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def last_baseline(data: bytes) -> float:
    """How far down the first page its last line of text sits, mm from the top."""
    ys: list[float] = []
    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: ys.append(297 - tm[5] * 25.4 / 72) if text.strip() else None)
    return max(ys, default=0.0)


def convert(docx_files: list[Path], out: Path) -> dict[str, tuple[int, float]]:
    """Page count and last baseline (mm) of LibreOffice's PDF of each of ``docx_files`` (by stem);
    one soffice run for all."""
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docx_files)], check=True, capture_output=True, timeout=600)
    done = {f.stem: (out / f"{f.stem}.pdf").read_bytes() for f in docx_files}
    return {stem: (pages(data), last_baseline(data)) for stem, data in done.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N corpus CVs")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.pdf"))[: args.limit or None]
    source, writer = OfflineJobSource(), TemplateLetterWriter()
    rows, times, sizes = [], {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        docx_files = []
        for path in files:
            profile = build_profile(path.read_bytes())
            job = (source.search(profile.title or "Manager", None, 1) or source.search("Manager", None, 1))[0]
            cv = tailor_cv(profile, job)
            long_cv = replace(cv, experience=tuple(e for e in cv.experience for _ in range(LONG_TIMES)))
            letter = writer.write(profile, job)
            for kind, this in (("cv", cv), ("long", long_cv)):
                started = time.perf_counter()
                pdf = render_cv_pdf(this)
                times.setdefault(f"{kind}_pdf", []).append(time.perf_counter() - started)
                started = time.perf_counter()
                docx = render_cv_docx(this)
                times.setdefault(f"{kind}_docx", []).append(time.perf_counter() - started)
                trimmed = fit_one_page(this) != this
                name = f"{path.stem}.{kind}"
                (out / f"{name}.docx").write_bytes(docx)
                docx_files.append(out / f"{name}.docx")
                rows.append((name, pages(pdf), trimmed, last_baseline(pdf)))
                sizes.setdefault(f"{kind}_pdf", []).append(len(pdf))
                sizes.setdefault(f"{kind}_docx", []).append(len(docx))
            started = time.perf_counter()
            letter_pdf = render_letter_pdf(letter, candidate_name=profile.name or "", job=job)
            times.setdefault("letter_pdf", []).append(time.perf_counter() - started)
            started = time.perf_counter()
            letter_docx = render_letter_docx(letter, candidate_name=profile.name or "", job=job)
            times.setdefault("letter_docx", []).append(time.perf_counter() - started)
            (out / f"{path.stem}.letter.docx").write_bytes(letter_docx)
            docx_files.append(out / f"{path.stem}.letter.docx")
            rows.append((f"{path.stem}.letter", pages(letter_pdf), False, last_baseline(letter_pdf)))
            sizes.setdefault("letter_pdf", []).append(len(letter_pdf))
            sizes.setdefault("letter_docx", []).append(len(letter_docx))
        word_pages = convert(docx_files, out) if shutil.which("soffice") else {}
    report(rows, word_pages, times, sizes)


def report(rows, word: dict[str, tuple[int, float]], times: dict[str, list[float]],
           sizes: dict[str, list[int]]) -> None:
    for kind, want in (("cv", 1), ("long", 1), ("letter", 1)):
        mine = [r for r in rows if r[0].endswith(f".{kind}")]
        pdf_ok = sum(p == want for _, p, _, _ in mine)
        word_ok = sum(word.get(n, (0,))[0] == want for n, _, _, _ in mine)
        trimmed = sum(t for _, _, t, _ in mine)
        print(f"{kind:6s} {len(mine):3d} files: PDF {pdf_ok}/{len(mine)} with {want} page(s), "
              f"Word via LibreOffice {word_ok}/{len(mine) if word else 0}, trimmed to fit {trimmed}")
        if word:
            lower = [word[n][1] - y for n, _, _, y in mine if n in word]
            print(f"       page 1's last line: PDF max {max(y for *_, y in mine):.1f} mm, Word (LibreOffice) "
                  f"max {max(word[n][1] for n, *_ in mine):.1f} mm; Word lower than PDF by "
                  f"median {statistics.median(lower):.1f}, max {max(lower):.1f} mm")
        for name, pdf_pages, _, _ in mine:
            if pdf_pages != want or (word and word.get(name, (0,))[0] != want):
                print(f"   {name}: PDF {pdf_pages} pages, Word {word.get(name)}")
    for key, values in times.items():
        print(f"{key:12s} render ms: p50 {statistics.median(values) * 1000:.0f}, max {max(values) * 1000:.0f}")
    for key, values in sizes.items():
        print(f"{key:12s} bytes: median {statistics.median(values):.0f}, max {max(values)}")


if __name__ == "__main__":
    main()
