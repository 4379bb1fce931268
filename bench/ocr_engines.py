"""Which OCR engine reads CVs best: accuracy on accented Latin text, speed, install size.

For each corpus CV (one per language by default) the first page is rendered at 300 dpi and
read by every engine found installed; the words of the PDF's own text layer are the answer.
Word recall counts how many of those words (two letters or more, as a multiset) the engine
returned; accented recall does the same over words with a letter outside ASCII (é, ü, ç, ã …),
which is where engines trained mostly on English and Chinese fail.

Engines: ``rapidocr`` (RapidOCR 3, PP-OCRv6 small models in the wheel — the one the product
uses), ``rapidocr_onnxruntime`` (RapidOCR 1.4, PP-OCRv4 models in the wheel) and Tesseract 5
through its command line when installed (Debian: tesseract-ocr plus the language packs; its
models do not come from PyPI, which is why the product cannot use it). Run:

    .venv/bin/pip install rapidocr_onnxruntime   # optional, to compare
    .venv/bin/python bench/ocr_engines.py [--all]
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "pdfs"
ONE_PER_LANGUAGE = ["de_strauss__europasscv__pdflatex", "en_lopez__docx__one_column", "es_navarro__docx__table",
                    "fr_dupont__docx__one_column", "it_ferrari__html__two_column", "nl_vandenberg__moderncv__xelatex-classic",
                    "pt_almeida__docx__table"]
TESSERACT_LANGS = "eng+deu+fra+spa+por+ita+nld"


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return [w for w in re.findall(r"[^\W\d_]{2,}", text)]


def recall(expected: list[str], got: list[str]) -> float:
    have = collections.Counter(got)
    hits = 0
    for word in expected:
        if have[word] > 0:
            have[word] -= 1
            hits += 1
    return hits / len(expected) if expected else 1.0


def rapidocr_v3():
    from rapidocr import RapidOCR
    engine = RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False})
    return lambda image: "\n".join(engine(np.array(image)).txts or ())


def rapidocr_v1():
    from rapidocr_onnxruntime import RapidOCR
    engine = RapidOCR()
    def read(image):
        result, _ = engine(np.array(image), use_cls=False)
        return "\n".join(line[1] for line in result or ())
    return read


def tesseract():
    if not shutil.which("tesseract"):
        raise ImportError("tesseract is not installed")
    def read(image):
        with tempfile.NamedTemporaryFile(suffix=".png") as handle:
            image.save(handle.name)
            return subprocess.run(["tesseract", handle.name, "-", "-l", TESSERACT_LANGS], capture_output=True,
                                  text=True, check=True).stdout
    return read


ENGINES = {"rapidocr 3.10 (PP-OCRv6)": rapidocr_v3, "rapidocr_onnxruntime 1.4 (PP-OCRv4)": rapidocr_v1,
           "tesseract 5 (Debian)": tesseract}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="every corpus PDF, not one per language")
    args = parser.parse_args()
    names = sorted(p.stem for p in CORPUS.glob("*.pdf")) if args.all else ONE_PER_LANGUAGE
    pages = []
    for name in names:
        pdf = pdfium.PdfDocument(str(CORPUS / f"{name}.pdf"))
        page = pdf[0]
        pages.append((name, page.get_textpage().get_text_range(), page.render(scale=300 / 72).to_pil().convert("RGB")))
    rows = {}
    for label, make in ENGINES.items():
        try:
            read = make()
        except ImportError as exc:
            print(f"{label}: not installed ({exc})", file=sys.stderr)
            continue
        read(pages[0][2])  # load models outside the timing
        all_recall, accented_recall, seconds = [], [], []
        for name, truth, image in pages:
            started = time.perf_counter()
            text = read(image)
            seconds.append(time.perf_counter() - started)
            expected, got = words(truth), words(text)
            all_recall.append(recall(expected, got))
            accented = [w for w in expected if not w.isascii()]
            if accented:
                accented_recall.append(recall(accented, got))
        rows[label] = {"word_recall": statistics.mean(all_recall), "accented_recall": statistics.mean(accented_recall),
                       "seconds_p50": statistics.median(seconds), "seconds_max": max(seconds)}
    print(json.dumps(rows, indent=2))
    print(f"\n| engine | word recall | accented-word recall | s/page p50 | s/page max |\n|---|---|---|---|---|")
    for label, row in rows.items():
        print(f"| {label} | {row['word_recall']:.3f} | {row['accented_recall']:.3f} | {row['seconds_p50']:.2f} "
              f"| {row['seconds_max']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
