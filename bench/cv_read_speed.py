"""How fast the CV reader reads: ``python bench/cv_read_speed.py [--repeats 20]``.

Times ``domain.cv.pdf_reader.read_pdf`` (pypdf guards + PDFium layout + repairs) and, for
comparison, ``read_pdf_text`` (pypdf extraction alone) on the real-producer corpus under
``tests/corpus/pdfs`` (its two-page PDFs, then all of it), and on two-page two-column CVs made
here with reportlab (always, so the script runs without the corpus). One warm-up read per
file, then ``--repeats`` reads; prints p50/p95 over all reads of a group, in ms.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Frame, Paragraph  # noqa: E402

from domain.cv.pdf_reader import read_pdf, read_pdf_text  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "pdfs"
_BULLET = ("Designed and operated the payment platform serving twelve million customers across Europe, "
           "migrating legacy services to Kubernetes and cutting deployment time from hours to minutes. ")


def made_two_page_cv(seed: int) -> bytes:
    """A two-page CV: large name, a sidebar and a main column of wrapping paragraphs."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9.5, leading=12)
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12, leading=15)
    for page in range(2):
        top = height - (140 if page == 0 else 60)
        if page == 0:
            pdf.setFont("Helvetica-Bold", 24)
            pdf.drawString(40, height - 60, f"Anna Kowalska {seed}")
        Frame(30, 40, 170, top - 40).addFromList(
            [Paragraph("Skills", head), Paragraph("Kubernetes, Terraform, Ansible, Python, Go, PostgreSQL " * 3, body),
             Paragraph("Languages", head), Paragraph("Polish (native), English (fluent), German (basic)", body)], pdf)
        story = []
        for block in range(5 + seed % 3):
            story += [Paragraph(f"Role {page}.{block} — Company {seed}", head), Paragraph(_BULLET * 2, body)]
        Frame(215, 40, width - 245, top - 40).addFromList(story, pdf)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def timings(read, files: list[bytes], repeats: int) -> list[float]:
    """Milliseconds per read, ``repeats`` per file after one warm-up."""
    out = []
    for data in files:
        read(data)
        for _ in range(repeats):
            started = time.perf_counter()
            read(data)
            out.append((time.perf_counter() - started) * 1000)
    return out


def report(label: str, files: list[bytes], repeats: int) -> None:
    if not files:
        print(f"{label:40s} (no files)")
        return
    for name, read in (("read_pdf", read_pdf), ("read_pdf_text (pypdf)", read_pdf_text)):
        ms = sorted(timings(read, files, repeats))
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{label:40s} {name:22s} n={len(files):3d}  p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    corpus = [path.read_bytes() for path in sorted(CORPUS.glob("*.pdf"))] if CORPUS.is_dir() else []
    two_page = [data for data in corpus if len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2]
    report("corpus, two-page PDFs", two_page, args.repeats)
    report("corpus, all PDFs", corpus, max(1, args.repeats // 4))
    report("made here, two-page two-column", [made_two_page_cv(seed) for seed in range(4)], args.repeats)


if __name__ == "__main__":
    main()
